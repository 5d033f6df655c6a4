import Foundation
import Testing
import FeeKit

/// `fees notify`: the customers who must be told of an announced version, and what they are told.
@Suite struct NotifyTests {
    static let catalogue = PublishingTests.demo
    static let calculator = FeeCalculator(catalogue: catalogue)
    static let bank = catalogue.banks[0]

    static let extra = [
        // Had the southern branches' ATM promotion, which 2027-01 no longer has.
        #"{"id":"w","customer_ref":"W1","item":"cash.atm.overseas","amount":"3000","branch":"gz-tianhe","date":"2026-06-01"}"#,
        // Used only a service whose price does not change.
        #"{"id":"u","customer_ref":"U1","item":"card.reissue","date":"2026-06-01"}"#,
    ]

    static func notices() -> ChangeNotices {
        var n = ChangeNotices(fromVersion: "2026-03", toVersion: "2027-01")
        var counter = UsageCounter()
        LineReader.forEachLine(in: Array((StatementTests.lines + extra).joined(separator: "\n").utf8)) { n.add(transactionLine($0), calculator: calculator, counter: &counter) }
        return n
    }

    /// The customers told are exactly those with a transaction that costs them more under the new
    /// version, or that loses a waiver (found here by repricing each line on its own).
    @Test func onlyCustomersWhoseFeesRiseOrWhoseWaiverEndsAreTold() throws {
        let n = Self.notices()
        var expected: Set<String> = []
        var counter = UsageCounter()
        for line in StatementTests.lines + Self.extra {
            guard case .success(let t) = counter.transaction(Array(line.utf8), calculator: Self.calculator, version: "2027-01"),
                  case .success(let a) = Self.calculator.quote(t.request, version: "2026-03"),
                  case .success(let b) = Self.calculator.quote({ var r = t.request; r.date = max(r.date, CalendarDate("2027-01-01")!); return r }(), version: "2027-01") else { continue }
            let lost = a.applied.map { w in !b.eligible.contains { $0.id == w.id } } ?? false
            if b.net > a.net || lost { expected.insert(t.customerRef) }
        }
        #expect(!expected.isEmpty)
        #expect(Set(n.customers.keys) == expected)
        #expect(n.customers["U1"] == nil)
        let w = try #require(n.customers["W1"]?.first)
        #expect(w.endedWaiver == "south-overseas-atm-promo")
        for changes in n.customers.values {
            #expect(changes.map { $0.new - $0.old } == changes.map { $0.new - $0.old }.sorted(by: >), "largest change first")
        }
    }

    /// One SMS per customer, within 70 characters in Chinese and 160 in English, naming the
    /// largest change with its old and new price and the date.
    @Test func smsTextsFitTheirLimitsInBothLanguages() throws {
        let n = Self.notices()
        let texts = ChangeNoticeTexts(notices: n, bank: Self.bank)
        let table = try #require(Self.bank.version(id: "2027-01"))
        for (ref, changes) in n.customers {
            for tag in ["zh-Hans", "en"] {
                let sms = texts.sms(changes, tag: tag)
                #expect(sms.count <= ChangeNoticeTexts.smsLimit(tag), "\(ref) \(tag): \(sms.count) characters")
                #expect(sms.contains("\(table.effectiveFrom)"))
                let m = MoneyText(currency: table.currency, language: TextLanguage(tag: tag))
                #expect(sms.contains(m(Money(minorUnits: changes[0].new))), "\(sms)")
                #expect(sms.hasPrefix(tag == "en" ? "Demo Commercial Bank:" : "【示范商业银行】"))
            }
        }
        // Long names are shortened, never cut past the limit.
        let long = CustomerChange(item: "no.such.item." + String(repeating: "x", count: 200), old: 100, new: 200, endedWaiver: nil)
        for tag in ["zh-Hans", "en"] {
            let sms = texts.sms([long], tag: tag)
            #expect(sms.count <= ChangeNoticeTexts.smsLimit(tag), "\(tag): \(sms.count)")
            #expect(sms.contains(tag == "en" ? "..." : "…"))
        }
    }

    /// Through the binary: one JSON line per customer with `customer_ref`, `sms` and the changes;
    /// the letters as well-formed XHTML naming every customer.
    @Test func theBinaryWritesOneLinePerCustomerAndLetters() throws {
        let input = Array(((StatementTests.lines + Self.extra).joined(separator: "\n") + "\n").utf8)
        let r = try FeesBinary.run(["notify", "--for", "2027-01", "--tables", TellerSnapshotTests.demoTables], stdin: input)
        // The generated lines include one without customer_ref: listed on standard error, exit 1.
        #expect(r.status == 1)
        #expect(r.stderr.contains("\"no-ref\"") && r.stderr.contains("customer_ref"), "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == Self.notices().customers.count)
        for l in lines {
            let node = try JSONParser.parse(String(l))
            #expect(node.string(at: "customer_ref") != nil && node.string(at: "sms") != nil)
            #expect(node.string(at: "changes[0].new") != nil)
        }
        let html = try FeesBinary.run(["notify", "--for", "2027-01", "--format", "html", "--tables", TellerSnapshotTests.demoTables], stdin: input)
        #expect(html.status == 1)
        let (ok, complaint) = PublishingTests.wellFormed(html.stdout)
        #expect(ok, "\(complaint)")
        for ref in Self.notices().customers.keys { #expect(html.stdout.contains(ref)) }
    }
}

import Foundation
import Testing
import FeeKit
import FeeTestSupport

/// Statements and repricing impact: totals are sums of quotes, uses are counted like a caller would,
/// and partial aggregates merge, in any order, into the bytes of a single run.
@Suite struct StatementTests {
    static let catalogue = PublishingTests.demo
    static let calculator = FeeCalculator(catalogue: catalogue)
    static let bank = catalogue.banks[0]
    static let from = CalendarDate("2026-01-01")!, to = CalendarDate("2026-12-31")!

    /// Deterministic transactions: customers in order, each with dated transactions over every item.
    static let lines: [String] = {
        var rng = SeededRandom(seed: 2026)
        var out: [String] = []
        for c in 0..<40 {
            let tier = ["standard", "gold", "platinum"][c % 3]
            for k in 0..<25 {
                let date = from.adding(days: (k * 14 + c) % 365)!
                let table = bank.version(on: date)!
                let item = table.items[Int.random(in: 0..<table.items.count, using: &rng)]
                var fields = [#""id":"t\#(c)-\#(k)""#, #""customer_ref":"R\#(1000 + c)""#, #""item":"\#(item.code)""#, #""date":"\#(date)""#,
                              #""customer":{"tier":"\#(tier)"}"#]
                if item.fee.needsAmount { fields.append(#""amount":"\#(Int.random(in: 0...2_000_000, using: &rng)).\#(Int.random(in: 10...99, using: &rng))""#) }
                if k % 7 == 0 { fields.append(#""reason":"expired""#) }
                out.append("{" + fields.joined(separator: ",") + "}")
            }
            // Several ATM withdrawals in one month: the free allowance must be counted.
            for k in 0..<7 { out.append(#"{"id":"atm-\#(c)-\#(k)","customer_ref":"R\#(1000 + c)","item":"cash.atm.other-bank","date":"2026-05-\#(10 + k)","customer":{"tier":"\#(tier)"}}"#) }
        }
        out.append(#"{"id":"bad","customer_ref":"R9999","item":"no.such.item","date":"2026-05-01"}"#)
        out.append(#"{"id":"no-ref","item":"cheque.leaf","date":"2026-05-01"}"#)
        return out
    }()

    static func statement(_ lines: [String]) -> StatementAggregate {
        var a = StatementAggregate(from: from, to: to)
        a.add(lines: Array((lines.joined(separator: "\n") + "\n").utf8), calculator: calculator)
        return a
    }

    @Test func totalsEqualTheSumOfIndividualQuotesWithUsesCountedByHand() throws {
        let aggregate = Self.statement(Self.lines)
        var expected: [String: Int128] = [:]
        var uses: [String: Int] = [:]
        for line in Self.lines {
            guard case .success(var t) = TransactionDecoder.decode(Array(line.utf8)) else { continue }
            let table = Self.bank.version(on: t.request.date)!
            // Count by hand: earlier uses of the item by the customer in the calendar month.
            if let index = table.itemIndex(t.request.item), table.waiverIndexes(forItem: index).contains(where: { table.waivers[$0].conditions.freeUses != nil }) {
                let key = "\(t.customerRef) \(t.request.item) \(t.request.date.year)-\(t.request.date.month)"
                t.request.usesInPeriod = uses[key, default: 0]
                uses[key, default: 0] += 1
            }
            if case .success(let q) = Self.calculator.quote(t.request) { expected[t.customerRef, default: 0] += q.net.minorUnits }
        }
        for ref in aggregate.customerRefs {
            #expect(aggregate.lines(of: ref).reduce(Int128(0)) { $0 + $1.net } == expected[ref], "\(ref)")
        }
        #expect(aggregate.customerCount == 40)
        // Ids are kept as written (a JSON string keeps its quotes); nothing is dropped.
        #expect(aggregate.errors.sorted().map { "\($0.customerRef) \($0.id) \($0.code)" } == [#" "no-ref" invalid_request"#, #"R9999 "bad" unknown_item"#])
    }

    @Test func freeUsesAreCountedPerCustomerItemAndMonth() throws {
        // A gold customer's first 5 withdrawals at other banks' ATMs each month are free, then 3.00 each.
        let lines = (0..<7).map { #"{"id":\#($0),"customer_ref":"G","item":"cash.atm.other-bank","date":"2026-05-\#(10 + $0)","customer":{"tier":"gold"}}"# }
            + [#"{"id":7,"customer_ref":"G","item":"cash.atm.other-bank","date":"2026-06-01","customer":{"tier":"gold"}}"#,
               #"{"id":8,"customer_ref":"H","item":"cash.atm.other-bank","date":"2026-05-20","customer":{"tier":"gold"}}"#]
        let a = Self.statement(lines)
        #expect(a.lines(of: "G").map(\.net) == [600])        // 2 × 3.00 in May; June's first is free
        #expect(a.lines(of: "G").first?.waivers["gold-atm-5-free"]?.count == 6)
        #expect(a.lines(of: "H").map(\.net) == [0])
        var byHand: Int128 = 0
        for (k, date) in ["2026-05-10", "2026-05-11", "2026-05-12", "2026-05-13", "2026-05-14", "2026-05-15", "2026-05-16"].enumerated() {
            let q = try Self.calculator.quote(QuoteRequest(item: "cash.atm.other-bank", date: CalendarDate(date)!, usesInPeriod: k, customer: Customer(tier: "gold"))).get()
            byHand += q.net.minorUnits
        }
        #expect(byHand == 600)
        let refused = Self.statement([#"{"customer_ref":"G","item":"cash.atm.other-bank","date":"2026-05-10","uses_in_period":0,"lang":"en"}"#])
        #expect(refused.errors.first?.message.contains("counted by the tool") == true)
    }

    @Test func midPeriodPriceChangeShowsBothPrices() {
        let lines = [#"{"customer_ref":"M","item":"document.deposit-certificate","date":"2026-12-20"}"#,
                     #"{"customer_ref":"M","item":"document.deposit-certificate","date":"2027-01-05"}"#]
        var a = StatementAggregate(from: CalendarDate("2026-12-01")!, to: CalendarDate("2027-01-31")!)
        a.add(lines: Array(lines.joined(separator: "\n").utf8), calculator: Self.calculator)
        // One line per price: 2026-03 kept the price of 2025-01, so the line says since when it applied.
        #expect(a.lines(of: "M").map(\.version) == ["2025-01", "2027-01"])
        #expect(a.lines(of: "M").map(\.net) == [2_000, 3_000])
        let text = StatementReport(aggregate: a, bank: Self.bank, tag: "en").document.render(.txt)
        #expect(text.contains("¥20.00 per copy (since table 2025-01)"), "\(text)")
        #expect(text.contains("¥30.00 per copy (since table 2027-01)"))
        #expect(text.contains("Total: standard ¥50.00, waived ¥0.00, paid ¥50.00."))
        #expect(!text.contains("You saved"), "no \"You saved ¥0.00\" when nothing was waived")
    }

    /// Partition by customer into pieces, write each piece's partial, merge in shuffled orders.
    @Test(arguments: [1, 2, 5, 13])
    func partialsMergeInAnyOrderToTheBytesOfOneRun(pieces: Int) throws {
        let single = Self.statement(Self.lines)
        var impactSingle = ImpactAggregate(fromVersion: "2026-03", toVersion: "2027-01")
        impactSingle.add(lines: Array(Self.lines.joined(separator: "\n").utf8), calculator: Self.calculator)
        // Group lines by customer (a shuffle by key), then cut into pieces.
        var groups: [String: [String]] = [:]
        var order: [String] = []
        for line in Self.lines {
            let ref = (try? JSONParser.parse(line).node(at: "customer_ref")).flatMap { n -> String? in if case .string(let s)? = n?.value { return s }; return nil } ?? ""
            if groups[ref] == nil { order.append(ref) }
            groups[ref, default: []].append(line)
        }
        var rng = SeededRandom(seed: UInt64(pieces))
        order.shuffle(using: &rng)
        let chunks = (0..<pieces).map { p in order.enumerated().filter { $0.offset % pieces == p }.flatMap { groups[$0.element]! } }
        var partials = chunks.map { chunk -> (String, String) in
            let s = Self.statement(chunk)
            var i = ImpactAggregate(fromVersion: "2026-03", toVersion: "2027-01")
            i.add(lines: Array(chunk.joined(separator: "\n").utf8), calculator: Self.calculator)
            let sh = PartialHeader(kind: .statement, bank: Self.bank, scope: [("from", "\(Self.from)"), ("to", "\(Self.to)")])
            let ih = PartialHeader(kind: .impact, bank: Self.bank, scope: [("from_version", "2026-03"), ("to_version", "2027-01")])
            return (PartialFile.write(s, header: sh), PartialFile.write(i, header: ih))
        }
        partials.shuffle(using: &rng)
        var merged: StatementAggregate?
        var mergedImpact: ImpactAggregate?
        for (s, i) in partials {
            guard case .success(let rs) = PartialFile.read(Array(s.utf8)), case .statement(let a) = rs.contents,
                  case .success(let ri) = PartialFile.read(Array(i.utf8)), case .impact(let b) = ri.contents else {
                Issue.record("unreadable partial")
                return
            }
            if merged == nil { merged = a } else { #expect(merged!.merge(a) == nil) }
            if mergedImpact == nil { mergedImpact = b } else { #expect(mergedImpact!.merge(b) == nil) }
        }
        for tag in ["zh-Hans", "en"] {
            let one = StatementReport(aggregate: single, bank: Self.bank, tag: tag), many = StatementReport(aggregate: merged!, bank: Self.bank, tag: tag)
            #expect(one.json == many.json)
            #expect(one.document.render(.txt) == many.document.render(.txt))
            #expect(one.document.render(.html) == many.document.render(.html))
            let i1 = ImpactReport(aggregate: impactSingle, bank: Self.bank, tag: tag), i2 = ImpactReport(aggregate: mergedImpact!, bank: Self.bank, tag: tag)
            #expect(i1.json == i2.json)
            #expect(i1.text == i2.text)
        }
    }

    @Test func impactRepricesUnderBothVersions() throws {
        var a = ImpactAggregate(fromVersion: "2026-03", toVersion: "2027-01")
        let lines = [#"{"customer_ref":"A","item":"document.deposit-certificate","date":"2026-06-01","quantity":2}"#,
                     #"{"customer_ref":"A","item":"safebox.rent-small","date":"2026-06-01"}"#,
                     #"{"customer_ref":"B","item":"remit.overseas","date":"2026-06-01","amount":"1000000"}"#,
                     #"{"customer_ref":"C","item":"card.reissue","date":"2026-06-01"}"#]
        a.add(lines: Array(lines.joined(separator: "\n").utf8), calculator: Self.calculator)
        #expect(a.customers["A"] == ImpactAggregate.Totals(count: 2, old: 4_000 + 30_000, new: 6_000 + 36_000))
        #expect(a.customers["B"] == ImpactAggregate.Totals(count: 1, old: 108_000, new: 50_000))   // 80 + 0.1 % → 100 + 0.1 %, capped at 500
        #expect(a.customers["C"] == ImpactAggregate.Totals(count: 1, old: 1_500, new: 1_500))
        let report = ImpactReport(aggregate: a, bank: Self.bank, tag: "en")
        #expect(report.largestIncreases().map(\.ref) == ["A"])
        let json = try JSONParser.parse(report.json)
        #expect(json.string(at: "revenue_change") == "-500.00")
        #expect(json.number(at: "customers_paying_more") == "1")
        #expect(report.text.contains("Customers paying more: 1; paying less: 1; unchanged: 1"))
    }

    @Test func commandLineMapAndMerge() throws {
        let dir = NSTemporaryDirectory() + "stmt-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tables = TellerSnapshotTests.demoTables
        // Partitioned by customer, as a shuffle by key does (an even or odd last digit of the ref).
        func even(_ line: String) -> Bool {
            guard let r = line.range(of: #""customer_ref":"R"#) else { return true }
            return (Int(String(line[r.upperBound...].prefix(4))) ?? 0) % 2 == 0
        }
        let first = Self.lines.filter(even), second = Self.lines.filter { !even($0) }
        let all = first + second
        var args = ["statement", "--tables", tables, "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json"]
        let single = try FeesBinary.run(args, stdin: Array((all.joined(separator: "\n") + "\n").utf8))
        #expect(single.status == 1)  // two lines could not be priced: listed, not lost
        args.append("--partial")
        let p1 = try FeesBinary.run(args, stdin: Array(first.joined(separator: "\n").utf8))
        let p2 = try FeesBinary.run(args, stdin: Array(second.joined(separator: "\n").utf8))
        try p1.stdout.write(toFile: dir + "/1.partial", atomically: true, encoding: .utf8)
        try p2.stdout.write(toFile: dir + "/2.partial", atomically: true, encoding: .utf8)
        #expect(p1.status == 0 && p2.status == 0)   // map steps: unpriced lines are data
        let merged = try FeesBinary.run(["merge", dir + "/2.partial", dir + "/1.partial", "--tables", tables, "--format", "json"])
        #expect(merged.status == single.status, "\(merged.stderr)")     // the merged report exits as one run would
        #expect(merged.stdout == single.stdout, "\(merged.stderr)")
        #expect(single.stdout.contains(#""code":"unknown_item""#))
    }
}

/// Exit codes that fit engines: the map step exits 0 with unpriced lines carried as data; the
/// merged report, like one run, exits 1 and lists them.
@Suite struct MapStepExitTests {
    @Test(arguments: [["statement", "--from", "2026-01-01", "--to", "2026-12-31"], ["impact", "--from-version", "2026-03", "--to-version", "2027-01"]])
    func aPartialWithUnpricedLinesExitsZeroAndTheMergeOne(command: [String]) throws {
        let tables = TellerSnapshotTests.demoTables
        let input = Array((#"{"id":1,"customer_ref":"c","item":"no.such.item","date":"2026-05-01"}"# + "\n" +
                           #"{"id":2,"customer_ref":"c","item":"card.reissue","date":"2026-05-01"}"# + "\n").utf8)
        let single = try FeesBinary.run(command + ["--tables", tables], stdin: input)
        #expect(single.status == 1)
        let partial = try FeesBinary.run(command + ["--partial", "--tables", tables], stdin: input)
        #expect(partial.status == 0, "\(partial.stderr)")
        let dir = NSTemporaryDirectory() + "map-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try partial.stdout.write(toFile: dir + "/p", atomically: true, encoding: .utf8)
        let merged = try FeesBinary.run(["merge", dir + "/p", "--format", "json", "--tables", tables])
        #expect(merged.status == 1)
        #expect(merged.stdout.contains("no.such.item") || merged.stdout.contains(#""errors":1"#), "\(merged.stdout)")
    }
}

/// Uses are counted in the order the data defines (date, then seq, then the line itself), so the
/// order an engine delivers a customer's lines in does not change a statement.
@Suite struct TransactionOrderTests {
    /// Eight same-day withdrawals at another bank's ATM: three as a standard customer, five as a
    /// gold one. Every one is a use, but only the gold ones get the first-five-free allowance, so
    /// in input order the statement would depend on which came first.
    static func lines(seq: Bool) -> [String] {
        (1...8).map { i in
            let s = seq ? #","seq":\#(100 - i)"# : ""
            let tier = i <= 3 ? "standard" : "gold"
            return #"{"id":"a\#(i)","customer_ref":"Q1","item":"cash.atm.other-bank","date":"2026-05-10","customer":{"tier":"\#(tier)"}\#(s)}"#
        } + [#"{"id":"b1","customer_ref":"Q2","item":"card.reissue","date":"2026-05-01"}"#]
    }

    @Test(arguments: [true, false])
    func shufflingACustomersLinesGivesTheSameBytes(seq: Bool) throws {
        let base = Self.lines(seq: seq)
        var rng = SeededRandom(seed: seq ? 7 : 8)
        var outputs: Set<String> = []
        for _ in 0..<6 {
            var q1 = Array(base.prefix(8))
            q1.shuffle(using: &rng)
            let input = (q1 + [base[8]]).joined(separator: "\n") + "\n"
            let r = try FeesBinary.run(["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json", "--tables", TellerSnapshotTests.demoTables],
                                       stdin: Array(input.utf8))
            #expect(r.status == 0, "\(r.stderr)")
            outputs.insert(r.stdout)
        }
        #expect(outputs.count == 1, "the statement changed with the order of the lines")
    }

    /// A customer whose lines come back after another's, dated before what was already counted,
    /// is refused and listed (never counted in an order chosen by luck).
    @Test func ungroupedLinesThatWouldCountOutOfOrderAreRefused() {
        let lines = [#"{"id":1,"customer_ref":"A","item":"card.reissue","date":"2026-06-01"}"#,
                     #"{"id":2,"customer_ref":"B","item":"card.reissue","date":"2026-06-01"}"#,
                     #"{"id":3,"customer_ref":"A","item":"card.reissue","date":"2026-05-01","lang":"en"}"#,
                     #"{"id":4,"customer_ref":"A","item":"card.reissue","date":"2026-07-01"}"#]
        var a = StatementAggregate(from: CalendarDate("2026-01-01")!, to: CalendarDate("2026-12-31")!)
        a.add(lines: Array(lines.joined(separator: "\n").utf8), calculator: StatementTests.calculator)
        #expect(a.errors.count == 1)
        #expect(a.errors.first?.id == "3" && a.errors.first?.message.contains("group the input by customer") == true)
        #expect(a.lines(of: "A").reduce(0) { $0 + $1.count } == 2)
    }

    /// A line that cannot be priced speaks its own `lang`, else the bank's first language, also
    /// when the decoder or the order refused it; the report shows the same words in any report
    /// language, so that a merge of partials gives the bytes of one run.
    @Test func anUnpricedLineSpeaksItsOwnLanguage() throws {
        let lines = [#"{"id":"q","customer_ref":"R1","item":"card.reissue","date":"2026-05-01","quantity":"x","lang":"en"}"#,
                     #"{"id":"r","customer_ref":"R2","item":"card.reissue","date":"2026-05-01","quantity":"x"}"#,
                     #"{"id":"s","customer_ref":"R3","item":"card.reisue","date":"2026-05-01","lang":"en"}"#]
        let a = StatementTests.statement(lines)
        let detail = QuoteError(.invalidQuantity, .request(.notWholeNumber(.quantity)))
        #expect(a.errors.map(\.id) == ["\"q\"", "\"r\"", "\"s\""])
        #expect(a.errors.prefix(2).map(\.message) == [detail.in(.english).message, detail.in(.chinese).message])
        #expect(a.errors[2].message.hasPrefix("no item 'card.reisue'"), "\(a.errors[2].message)")
        for tag in ["en", "zh-Hans"] {
            let report = try JSONParser.parse(StatementReport(aggregate: a, bank: StatementTests.bank, tag: tag).json)
            #expect(report.string(at: "errors[0].message") == detail.in(.english).message, "\(tag)")
            #expect(report.string(at: "errors[1].message") == detail.in(.chinese).message, "\(tag)")
        }
        // Refused by the order (an ungrouped customer): the line's language too.
        var grouped = StatementAggregate(from: StatementTests.from, to: StatementTests.to)
        grouped.add(lines: Array([#"{"id":1,"customer_ref":"A","item":"card.reissue","date":"2026-06-01"}"#,
                                  #"{"id":2,"customer_ref":"B","item":"card.reissue","date":"2026-06-01"}"#,
                                  #"{"id":3,"customer_ref":"A","item":"card.reissue","date":"2026-05-01"}"#,
                                  #"{"id":4,"customer_ref":"A","item":"card.reissue","date":"2026-04-01","lang":"en"}"#].joined(separator: "\n").utf8),
                    calculator: StatementTests.calculator)
        func refusal(_ date: String) -> QuoteError { QuoteError(.invalidRequest, .customerInterleaved(customer: "A", date: date, counted: "2026-06-01")) }
        #expect(grouped.errors.map(\.message) == [refusal("2026-05-01").in(.chinese).message, refusal("2026-04-01").in(.english).message])
    }
}

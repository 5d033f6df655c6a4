import Foundation
import Testing
import FeeKit

/// Regression tests for what a review of audit, notify and the drafts found.
@Suite struct ComplianceReviewTests {
    static let tables = TellerSnapshotTests.demoTables
    static let calculator = FeeCalculator(catalogue: PublishingTests.demo)

    /// Seven withdrawals in May by a gold customer: the first five free, then 3.00 each.
    static let atm = (1...7).map { i in
        #"{"id":"g\#(i)","customer_ref":"G1","item":"cash.atm.other-bank","date":"2026-05-0\#(i)","customer":{"tier":"gold"},"charged":"\#(i <= 5 ? "0.00" : "3.00")"}"#
    }

    static func audit(_ lines: [String], from: CalendarDate? = nil) -> AuditAggregate {
        var a = AuditAggregate(from: from)
        var counter = UsageCounter()
        LineReader.forEachLine(in: Array(lines.joined(separator: "\n").utf8)) { a.add($0, calculator: calculator, counter: &counter) }
        return a
    }

    /// Lines before --from, and lines whose charge cannot be read, still count as uses; every
    /// line is counted as correct, a finding, outside the period or an error.
    @Test func everyPostedLineIsAUseAndIsCounted() {
        let all = Self.audit(Self.atm)
        #expect(all.correct == 7 && all.findings.isEmpty)
        let later = Self.audit(Self.atm, from: CalendarDate("2026-05-04")!)
        #expect(later.findings.isEmpty, "\(later.findings)")
        #expect(later.correct == 4 && later.outside == 3)
        var broken = Self.atm
        broken[0] = broken[0].replacingOccurrences(of: #""charged":"0.00""#, with: #""charged":"0.000""#)
        let b = Self.audit(broken)
        #expect(b.findings.isEmpty, "the unreadable first line is still the first use: \(b.findings)")
        #expect(b.errors.count == 1)
        let mixed = Self.atm + [#"{"id":"x","customer_ref":"G1","item":"cash.atm.other-bank","date":"2026-05-09","charged":5}"#, "not json", #"{"id":"y","customer_ref":"G1","item":"nope","date":"2026-05-09","charged":"1.00"}"#]
        let m = Self.audit(mixed)
        #expect(m.lines == mixed.count)
        #expect(m.correct + m.findings.count + m.outside + m.errors.count == m.lines)
    }

    /// Hostile audit partials are refused or overflow, never a trap (signed, so that the frame is
    /// whole and the counts are what the reader meets).
    @Test func hostileAuditPartialsAreRefused() throws {
        let head = SignedPartial.header(.audit, [("from", nil), ("to", nil)])
        let counts = #"{"counts":{"lines":1,"correct":0,"outside":0,"minor_digits":2}}"#
        let big = String(repeating: "9", count: 38)
        for body in [[counts, #"{"finding":{"id":"1","customer":"c","item":"x","date":"2026-01-01","kind":"unlisted","cause":null,"charged":"\#(big)","fee":null,"refund":"\#(big)","detail":null,"missing":[],"branch":null,"channel":null}}"#],
                     [counts.replacingOccurrences(of: #""correct":0"#, with: #""correct":9223372036854775807"#)],
                     [counts.replacingOccurrences(of: #""minor_digits":2"#, with: #""minor_digits":100000"#)],
                     [counts, #"{"finding":{"id":"1","customer":"c","item":"x","date":"2026-01-01","kind":"overcharged","cause":"above_list","charged":"500","fee":"100","refund":"7","detail":null,"missing":[],"branch":null,"channel":null}}"#],
                     [counts, counts]] {
            let partial = SignedPartial.text(header: head, body: body, piece: "x")
            guard case .failure = PartialFile.read(Array(partial.utf8)) else { Issue.record("read: \(body.last!.prefix(80))"); continue }
        }
        // The largest counts a partial may hold add up exactly when merged.
        let dir = NSTemporaryDirectory() + "hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let most = counts.replacingOccurrences(of: #""correct":0"#, with: #""correct":999999999999999"#)
        try SignedPartial.text(header: head, body: [most], piece: "1").write(toFile: dir + "/p1", atomically: true, encoding: .utf8)
        try SignedPartial.text(header: head, body: [most], piece: "2").write(toFile: dir + "/p2", atomically: true, encoding: .utf8)
        let r = try FeesBinary.run(["merge", dir + "/p1", dir + "/p2", "--format", "json", "--tables", Self.tables])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""correct":1999999999999998"#), "\(r.stdout.prefix(300))")
    }

    /// CSV for a spreadsheet: ids decoded, CR quoted, formulas defused.
    @Test func csvCellsAreSafe() {
        let lines = [#"{"id":"q\"x","customer_ref":"=HYPERLINK(1)","bank_item":"FEE","date":"2026-06-01","charged":"1.00"}"#,
                     "{\"id\":\"\\u4e2d\",\"customer_ref\":\"cr\\rhere\",\"bank_item\":\"FEE\",\"date\":\"2026-06-01\",\"charged\":\"1.00\"}"]
        let csv = AuditReport(aggregate: Self.audit(lines), bank: PublishingTests.demo.banks[0], tag: "en").csv
        #expect(csv.contains(#""q""x""#), "\(csv)")
        #expect(csv.contains("中,"))
        #expect(csv.contains("'=HYPERLINK(1)"))
        #expect(csv.contains("\"cr\rhere\""))
    }

    /// notify lists lines it cannot price; says "falls" for a fall; names an ended waiver as the
    /// old version did.
    @Test func notifyListsErrorsAndWordsChangesRight() throws {
        let bad = #"{"id":"b","customer_ref":"B1","item":"cash.atm.overseas","amount":"3000","channel":"nope","date":"2026-06-01"}"# + "\n"
        let r = try FeesBinary.run(["notify", "--for", "2027-01", "--tables", Self.tables], stdin: Array(bad.utf8))
        #expect(r.status == 1)
        #expect(r.stderr.contains("unknown_channel"), "\(r.stderr)")
        let texts = ChangeNoticeTexts(notices: ChangeNotices(fromVersion: "2026-03", toVersion: "2027-01"), bank: PublishingTests.demo.banks[0])
        let fall = texts.sms([CustomerChange(item: "cash.atm.overseas", old: 3_250, new: 1_000, endedWaiver: "south-overseas-atm-promo")], tag: "en")
        #expect(fall.contains("falls from") && !fall.contains("rises"), "\(fall)")
        let promo = #"{"id":"w","customer_ref":"W1","item":"cash.atm.overseas","amount":"3000","branch":"gz-tianhe","date":"2026-06-01"}"# + "\n"
        let letters = try FeesBinary.run(["notify", "--for", "2027-01", "--format", "html", "--lang", "en", "--tables", Self.tables], stdin: Array(promo.utf8))
        #expect(letters.status == 0)
        #expect(!letters.stdout.contains("south-overseas-atm-promo"), "the waiver is named, not its id")
        let name = try #require(PublishingTests.demo.banks[0].version(id: "2026-03")?.waivers.first { $0.id == "south-overseas-atm-promo" }?.name.text("en"))
        #expect(letters.stdout.contains(HTMLRenderer.escape(name)))
    }

    /// A promotion already over is not "ending"; a note names a draft's own file.
    @Test func endingNotesAreAboutRunningPromotionsInTheirOwnFiles() throws {
        let early = try FeesBinary.run(["check", "--tables", Self.tables, "--date", "2026-02-15"])
        #expect(!early.stdout.contains("lujiazui-remit-promo"), "\(early.stdout)")
        let dir = NSTemporaryDirectory() + "notes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var draft = try String(contentsOfFile: Self.tables + "/demo-bank/2026-03.json", encoding: .utf8)
        for (a, b) in [(#""version": "2026-03""#, #""version": "2026-12""#), (#""effective_from": "2026-03-01""#, #""effective_from": "2026-12-01""#),
                       (#""announced_on": "2026-02-20""#, #""announced_on": "2026-09-01""#)] {
            #expect(draft.contains(a))
            draft = draft.replacingOccurrences(of: a, with: b)
        }
        try draft.write(toFile: dir + "/2026-12.json", atomically: true, encoding: .utf8)
        let r = try FeesBinary.run(["check", "--tables", Self.tables, "--with", dir + "/2026-12.json", "--date", "2026-12-05"])
        #expect(r.stdout.contains(dir + "/2026-12.json: note:"), "\(r.stdout)")
    }
}

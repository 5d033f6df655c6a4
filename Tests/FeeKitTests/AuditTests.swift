import Foundation
import Testing
import FeeKit

/// `fees audit` on a generated ledger whose charges were right, with known charges altered for
/// each cause: the audit finds exactly the altered lines, with the right finding, cause and refund.
@Suite struct AuditTests {
    static let catalogue = PublishingTests.demo
    static let calculator = FeeCalculator(catalogue: catalogue)

    struct Expected: Hashable { let kind: AuditFindingKind; let cause: AuditCause?; let refund: Int128 }

    /// The ledger lines and what the audit must say of each altered one.
    static func ledger() -> (lines: [String], expected: [String: Expected], total: Int) {
        var counter = UsageCounter()
        var lines: [String] = []
        var expected: [String: Expected] = [:]
        var done: Set<String> = []
        func charge(_ transaction: String, _ id: String) -> Quote? {
            guard case .success(let t) = counter.transaction(Array(transaction.utf8), calculator: calculator) else { return nil }
            return try? calculator.quote(t.request).get()
        }
        func money(_ v: Int128) -> String { Money(minorUnits: v).plainText(minorDigits: 2) }
        // The lines in the order uses are counted in (date, then seq, per customer).
        var ordered: [String] = []
        var order = TransactionOrder()
        for line in StatementTests.lines {
            order.add(.success(Array(line.utf8))) { if case .success(let b) = $0.line { ordered.append(String(decoding: b, as: UTF8.self)) } }
        }
        order.finish { if case .success(let b) = $0.line { ordered.append(String(decoding: b, as: UTF8.self)) } }
        var n = 0
        for line in ordered {
            n += 1
            let id = "L\(n)"
            var fields = line.dropFirst().dropLast()
            if let range = fields.range(of: #""id":"#) {   // replace the generator's id with ours
                let rest = fields[range.upperBound...]
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                fields.replaceSubrange(range.lowerBound..<end, with: #""id":"\#(id)""#)
            }
            let transaction = "{" + fields + "}"
            guard let q = charge(transaction, id) else { continue }
            var charged = q.net.minorUnits
            let applied = q.applied.map { q.version.waivers[$0.index] }
            if let w = applied, !w.isUnconditionalFullWaiver, !w.conditions.noFault, !done.contains("waiver") || n % 5 == 0 {
                done.insert("waiver"); charged = q.gross.minorUnits
                expected[id] = Expected(kind: .overcharged, cause: .waiverNotApplied, refund: q.gross.minorUnits - q.net.minorUnits)
            } else if let w = applied, w.conditions.noFault, n % 2 == 0 {
                charged = q.gross.minorUnits
                expected[id] = Expected(kind: .overcharged, cause: .noFaultIgnored, refund: q.gross.minorUnits - q.net.minorUnits)
            } else if applied == nil, q.net.minorUnits > 0, n % 17 == 0 {
                charged = q.net.minorUnits + 100
                expected[id] = Expected(kind: .overcharged, cause: .aboveList, refund: 100)
            } else if applied == nil, q.net.minorUnits > 1, Explanation.conditionalWaivers(q).isEmpty, n % 19 == 0 {
                charged = q.net.minorUnits - 1
                expected[id] = Expected(kind: .undercharged, cause: nil, refund: 0)
            }
            lines.append("{" + fields + #","charged":"\#(money(charged))"}"#)
        }
        // A 暂免 item charged, a 2027 price taken in 2026, an item not on the list, a missing reason.
        let extra: [(String, Expected?)] = [
            (#"{"id":"S1","customer_ref":"X1","item":"account.small-balance","date":"2026-06-01","charged":"3.00"}"#,
             Expected(kind: .overcharged, cause: .suspendedItemCharged, refund: 300)),
            (#"{"id":"E1","customer_ref":"X1","item":"safebox.rent-small","date":"2026-11-23","charged":"360.00"}"#,
             Expected(kind: .overcharged, cause: .newPriceEarly, refund: 6_000)),
            (#"{"id":"U1","customer_ref":"X2","item":"bank.own-fee","date":"2026-06-01","charged":"5.00"}"#,
             Expected(kind: .unlisted, cause: nil, refund: 500)),
            (#"{"id":"B1","customer_ref":"X3","bank_item":"FEE-099","date":"2026-06-01","charged":"8.00"}"#,
             Expected(kind: .unlisted, cause: nil, refund: 800)),
            (#"{"id":"D1","customer_ref":"X2","item":"card.reissue","date":"2026-06-01","charged":"0.00"}"#,
             Expected(kind: .undecided, cause: nil, refund: 0)),
            (#"{"id":"C1","customer_ref":"X2","item":"safebox.rent-small","date":"2026-11-23","charged":"300.00"}"#, nil),
        ]
        for (line, e) in extra {
            lines.append(line)
            if let e { expected[String(line.dropFirst(7).prefix { $0 != "\"" })] = e }
        }
        return (lines, expected, lines.count)
    }

    static func audit(_ lines: [String]) -> AuditAggregate {
        var a = AuditAggregate()
        var counter = UsageCounter()
        var order = TransactionOrder(audit: true)
        LineReader.forEachLine(in: Array(lines.joined(separator: "\n").utf8)) { order.add(transactionLine($0)) { a.add($0, calculator: calculator, counter: &counter) } }
        order.finish { a.add($0, calculator: calculator, counter: &counter) }
        return a
    }

    @Test func findsExactlyTheAlteredChargesWithCauseAndRefund() throws {
        let (lines, expected, total) = Self.ledger()
        #expect(Set(expected.values.compactMap(\.cause)) == Set(AuditCause.allCases), "every cause is exercised")
        #expect(Set(expected.values.map(\.kind)) == Set(AuditFindingKind.allCases))
        let a = Self.audit(lines)
        #expect(a.errors.isEmpty, "\(a.errors)")
        let found = Dictionary(uniqueKeysWithValues: a.findings.map { (String($0.id.dropFirst().dropLast()), Expected(kind: $0.kind, cause: $0.cause, refund: $0.refund)) })
        #expect(found == expected)
        #expect(a.correct == total - expected.count)
        #expect(a.mustRefund)
        let undecided = try #require(a.findings.first { $0.kind == .undecided })
        #expect(undecided.missing == [.reason])
    }

    @Test func theBinaryWritesOneLinePerFindingAndExitsOne() throws {
        let (lines, expected, _) = Self.ledger()
        let r = try FeesBinary.run(["audit", "--format", "jsonl", "--tables", TellerSnapshotTests.demoTables],
                                   stdin: Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(r.status == 1, "\(r.stderr)")
        let out = r.stdout.split(separator: "\n")
        #expect(out.count == expected.count)
        for l in out {
            let node = try JSONParser.parse(String(l))
            let id = try #require(node.string(at: "id"))
            let e = try #require(expected[id], "unexpected finding \(l)")
            #expect(node.string(at: "finding") == e.kind.rawValue)
            #expect(node.string(at: "cause") == e.cause?.rawValue)
            #expect(node.string(at: "refund") == Money(minorUnits: e.refund).plainText(minorDigits: 2))
            #expect(node.string(at: "customer_ref") != nil && node.string(at: "charged") != nil)
        }
        // Correct charges only: exit 0.
        let clean = try FeesBinary.run(["audit", "--tables", TellerSnapshotTests.demoTables],
                                       stdin: Array(#"{"id":1,"customer_ref":"c","item":"safebox.rent-small","date":"2026-11-23","charged":"300.00"}"#.utf8))
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
    }

    /// `charged` that is not money speaks the line's `lang`, else the bank's first language.
    @Test func chargedThatIsNotMoneySpeaksTheLinesLanguage() {
        let a = Self.audit([#"{"id":"e","customer_ref":"A","item":"card.reissue","date":"2026-06-01","charged":"15.001","lang":"en"}"#,
                            #"{"id":"z","customer_ref":"B","item":"card.reissue","date":"2026-06-01","charged":"15.001"}"#])
        let detail = QuoteError(.invalidAmount, .chargedNotMoney(text: "15.001", currency: "CNY", digits: 2))
        #expect(a.errors.map(\.code) == ["invalid_amount", "invalid_amount"])
        #expect(a.errors.map(\.message) == [detail.in(.english).message, detail.in(.chinese).message], "\(a.errors)")
    }
}

/// The audit as the map and reduce steps of an engine: partials of any split, merged in any
/// order, give the bytes of one run; the map step exits 0 with its findings as data.
@Suite struct AuditPartialTests {
    @Test func partialsMergedInAnyOrderEqualOneRun() throws {
        let (lines, _, _) = AuditTests.ledger()
        let tables = TellerSnapshotTests.demoTables
        let whole = try FeesBinary.run(["audit", "--format", "json", "--tables", tables], stdin: Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(whole.status == 1)
        // Split by customer (uses are counted per customer), in three pieces.
        func customer(_ line: String) -> String {
            guard let r = line.range(of: #""customer_ref":""#) else { return "" }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        }
        var pieces = [[String]](repeating: [], count: 3)
        for l in lines { pieces[customer(l).unicodeScalars.reduce(0) { $0 + Int($1.value) } % 3].append(l) }
        #expect(pieces.allSatisfy { !$0.isEmpty })
        let dir = NSTemporaryDirectory() + "audit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var files: [String] = []
        for (k, piece) in pieces.enumerated() {
            let r = try FeesBinary.run(["audit", "--partial", "--tables", tables], stdin: Array((piece.joined(separator: "\n") + "\n").utf8))
            #expect(r.status == 0, "the map step exits 0 when it wrote its partial: \(r.stderr)")
            let path = dir + "/p\(k)"
            try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        for order in [[0, 1, 2], [2, 0, 1], [1, 2, 0]] {
            let merged = try FeesBinary.run(["merge"] + order.map { files[$0] } + ["--format", "json", "--tables", tables])
            #expect(merged.status == 1)
            #expect(merged.stdout == whole.stdout, "order \(order)")
        }
        let html = try FeesBinary.run(["merge"] + files + ["--format", "html", "--tables", tables])
        let (ok, complaint) = PublishingTests.wellFormed(html.stdout)
        #expect(ok, "\(complaint)")
    }
}

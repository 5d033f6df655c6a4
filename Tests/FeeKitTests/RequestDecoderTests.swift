import Foundation
import Testing
import FeeKit
import FeeTestSupport

/// The one request decoder: every shape the spec allows, and one documented order of errors
/// (Docs/DECISIONS.md "Which error first"), tested pair by adjacent pair.
@Suite struct RequestDecoderTests {
    static let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: Fixtures.exampleCatalogue), explain: false)

    static func answer(_ line: String) -> String {
        var out: [UInt8] = []
        quoter.answer(line: Array(line.utf8), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The error part of an answer (code and message), or nil for an ok answer.
    static func error(_ line: String) -> String? {
        let a = answer(line)
        guard let range = a.range(of: #""error":"#) else { return nil }
        return String(a[range.lowerBound...])
    }

    /// One defect each, in the documented order; applied to a valid line.
    static let defects: [(name: String, apply: @Sendable (inout [String: String]) -> Void)] = [
        ("unknown key", { $0["quantiy"] = "2" }),
        ("id type", { $0["id"] = "true" }),
        ("bank type", { $0["bank"] = "3" }),
        ("item type", { $0["item"] = "5" }),
        ("date value", { $0["date"] = #""2025-02-30""# }),
        ("amount type", { $0["amount"] = "1.5" }),
        ("quantity range", { $0["quantity"] = "0" }),
        ("channel type", { $0["channel"] = "7" }),
        ("uses range", { $0["uses_in_period"] = "-1" }),
        ("customer member", { $0["customer"] = #"{"age":151}"# }),
        ("lang type", { $0["lang"] = "5" }),
        ("unknown bank", { $0["bank"] = #""nope""# }),
        ("no table in effect", { $0["date"] = #""1999-01-01""# }),
        ("unknown item", { $0["item"] = #""cheque.leaf.x""# }),
        ("invalid amount", { $0["item"] = #""transfer.other-bank.online""#; $0["amount"] = #""-5""# }),
        ("quantity on a per-transaction item", { $0["item"] = #""transfer.other-bank.online""#; $0["amount"] = #""100""#; $0["quantity"] = "2" }),
        ("unknown tier", { $0["customer"] = #"{"tier":"tin"}"# }),
        ("unknown channel", { $0["channel"] = #""fax""# }),
        ("unknown branch", { $0["branch"] = #""nowhere""# }),
    ]

    static func line(_ fields: [String: String]) -> String {
        let order = ["id", "bank", "item", "date", "amount", "quantity", "channel", "reason", "branch", "uses_in_period", "customer", "lang", "quantiy"]
        return "{" + order.compactMap { k in fields[k].map { "\"\(k)\":\($0)" } }.joined(separator: ",") + "}"
    }

    static let base: [String: String] = ["id": #""p""#, "item": #""cheque.leaf""#, "date": #""2025-02-10""#]

    /// For each adjacent pair of defects, a line with both gets the first one's error, exactly as
    /// a line with the first alone does; and each defect alone is an error.
    @Test func eachAdjacentPairKeepsTheDocumentedOrder() {
        for (k, d) in Self.defects.enumerated() {
            var alone = Self.base
            d.apply(&alone)
            let first = Self.error(Self.line(alone))
            #expect(first != nil, "\(d.name) alone is not an error: \(Self.line(alone))")
            guard k + 1 < Self.defects.count else { continue }
            let next = Self.defects[k + 1]
            var second = Self.base
            next.apply(&second)
            var both = Self.base
            next.apply(&both)
            d.apply(&both)   // the earlier defect wins where both set the same field
            #expect(Self.error(Self.line(both)) == first, "\(d.name) before \(next.name): \(Self.line(both))")
            #expect(Self.error(Self.line(second)) != first, "\(d.name) and \(next.name) give the same error")
        }
    }

    /// A syntax error anywhere comes before an unknown key earlier in the line; the id of a line
    /// that is not JSON is null.
    @Test func syntaxComesFirst() throws {
        let line = #"{"id":1,"quantiy":2,"item":"cheque.leaf","date":"2025-02-10",}"#
        let a = Self.answer(line)
        let column = line.utf8.count   // the closing brace, where a key was expected
        #expect(a.hasPrefix(#"{"id":null,"ok":false,"error":{"code":"invalid_request","message":"该行不是 JSON（第 \#(column) 列）：unexpected '}'"#), "\(a)")
        #expect(Self.answer("[1]").contains("该行是数组，不是 JSON 对象"))
        // The same in English: the message in the other language of the catalogue.
        let decoded = Array(line.utf8).withUnsafeBufferPointer { bytes in
            var request = RequestView(line: bytes)
            var facts = RequestDecoder.LineFacts()
            return RequestDecoder.decode(bytes, mode: .batch, into: &request, facts: &facts)
        }
        let e = try #require(decoded)
        #expect(e.in(.english).message.hasPrefix("the line is not JSON (column \(column)): unexpected '}'"), "\(e.in(.english).message)")
    }

    /// Every shape the spec allows decodes to the same request: key order, white space, `\u`
    /// escapes in keys and values, `null` for absent, non-ASCII ids.
    @Test func everyShapeOfOneRequestGetsOneAnswer() {
        let canonical = #"{"id":1,"item":"card.reissue","date":"2025-02-10","reason":"expired","customer":{"tier":"gold","segments":["student"],"age":30}}"#
        let shapes = [
            #"  { "customer" : { "age" : 30 , "segments" : [ "student" ] , "tier" : "gold" } , "reason":"expired", "date" : "2025-02-10" , "item":"card.reissue" , "id":1 }  "#,
            #"{"\u0069d":1,"item":"card.\u0072eissue","date":"2025\u002d02-10","reason":"exp\u0069red","customer":{"tier":"g\u006fld","segments":["stud\u0065nt"],"age":30}}"#,
            "{\"id\":1,\r\n\t\"item\":\"card.reissue\",\"date\":\"2025-02-10\",\"reason\":\"expired\",\"customer\":{\"tier\":\"gold\",\"segments\":[\"student\"],\"age\":30},\"bank\":null,\"amount\":null,\"lang\":null}",
            #"{"id":1,"item":"card.reissue","date":"2025-02-10","reason":"expired","channel":null,"customer":{"tier":"gold","segments":["student"],"age":30}}"#,
        ]
        let expected = Self.answer(canonical)
        #expect(expected.contains(#""ok":true"#))
        for s in shapes { #expect(Self.answer(s) == expected, "\(s)") }
        let chinese = Self.answer(#"{"id":"编号-1","item":"card.reissue","date":"2025-02-10"}"#)
        #expect(chinese.hasPrefix(#"{"id":"编号-1","ok":true"#))
    }
}

/// Suggestions stop early on hopeless candidates, and still rank exactly as the full distance.
@Suite struct EditDistanceTests {
    /// The textbook full-matrix distance, as the reference.
    static func reference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
        }
        return d[a.count][b.count]
    }

    @Test func boundedDistanceAgreesWithTheFullOne() {
        var rng = SeededRandom(seed: 99)
        let letters = Array("abcde.".utf8)
        // Short words, and words around 64 bytes (the bit-parallel pattern's limit) on either side.
        for k in 0..<3_600 {
            let most = k < 3_000 ? 9 : 70
            let a = (0..<Int.random(in: (k < 3_000 ? 0 : 60)...most, using: &rng)).map { _ in letters[Int.random(in: 0..<letters.count, using: &rng)] }
            let b = (0..<Int.random(in: (k < 3_000 ? 0 : 60)...most, using: &rng)).map { _ in letters[Int.random(in: 0..<letters.count, using: &rng)] }
            let d = Self.reference(a, b)
            let bound = k < 3_000 ? Int.random(in: 0...6, using: &rng) : Int.random(in: 0...70, using: &rng)
            let sa = String(decoding: a, as: UTF8.self), sb = String(decoding: b, as: UTF8.self)
            #expect(editDistance(sa, sb, atMost: bound) == (d <= bound ? d : nil), "\(sa) \(sb) \(bound)")
            #expect(editDistance(sa, sb) == d)
        }
        // Suggestions rank by the same distance, non-ASCII words included.
        #expect(closestMatches(to: "card.reisue", in: ["card.reissue", "card.issue", "cash.atm"], limit: 2) == ["card.reissue", "card.issue"])
        #expect(closestMatches(to: "卡片补办", in: ["卡片补发", "存折补办", "转账"], limit: 1) == ["卡片补发"])
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3 && editDistance("abc", "") == 3)
    }
}

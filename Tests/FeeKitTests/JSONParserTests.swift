import Testing
import FeeKit

@Suite struct JSONParserTests {
    @Test func parsesValuesAndKeepsNumberLiterals() throws {
        let node = try JSONParser.parse(#"{"a": [1.50, -0, 1e400, true, false, null], "s": "x\u00e9\n"}"#)
        guard case .object(let members) = node.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "s"])
        guard case .array(let a) = members[0].value.value else { Issue.record("not an array"); return }
        let literals = a.compactMap { n -> String? in if case .number(let s) = n.value { return s } else { return nil } }
        #expect(literals == ["1.50", "-0", "1e400"])
        if case .string(let s) = members[1].value.value { #expect(s == "xé\n") } else { Issue.record("not a string") }
    }

    @Test func keepsDuplicateKeysForTheCallerToReject() throws {
        let node = try JSONParser.parse(#"{"flat": "5", "flat": "50"}"#)
        guard case .object(let members) = node.value else { Issue.record("not an object"); return }
        #expect(members.count == 2)
    }

    @Test func recordsOffsetsAndEnds() throws {
        let text = #"{"id": "t\"1", "n": 12}"#
        let node = try JSONParser.parse(text)
        let id = try #require(node.node(at: "id"))
        #expect(String(decoding: Array(text.utf8)[id.offset..<id.end], as: UTF8.self) == #""t\"1""#)
        let n = try #require(node.node(at: "n"))
        #expect(String(decoding: Array(text.utf8)[n.offset..<n.end], as: UTF8.self) == "12")
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("{", "unexpected end of input"),
        (#"{"a" 1}"#, "expected ':'"),
        (#"{"a": 1,}"#, "expected a key"),
        ("[1 2]", "expected ',' or ']'"),
        ("01", "leading zeros"),
        ("1.", "a digit must follow '.'"),
        ("-", "a digit must follow '-'"),
        ("tru", "invalid literal"),
        ("\"abc", "unterminated string"),
        ("\"a\u{01}b\"", "control character"),
        (#""\x""#, "invalid escape"),
        (#""\ud800""#, "lone surrogate"),
        ("{} x", "after the end of the JSON value"),
        ("NaN", "expected a JSON value"),
    ])
    func rejectsMalformedText(text: String, fragment: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func rejectsByteOrderMarkAndInvalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0xEF, 0xBB, 0xBF, 0x7B, 0x7D]) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }      // bad continuation
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xC0, 0xAF, 0x22]) }      // overlong
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) } // surrogate
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0x00, 0x22]) }            // NUL
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONParser.parse(deep)
            Issue.record("accepted deep nesting")
        } catch {
            #expect(error.message.contains("nesting deeper"))
        }
    }

    @Test func positionsCountLinesAndScalars() {
        let bytes = Array("{\n  \"名\": x".utf8)
        let offset = bytes.firstIndex(of: UInt8(ascii: "x"))!
        #expect(SourcePosition(offset: offset, in: bytes) == SourcePosition(line: 2, column: 8))
    }

    @Test func writerEscapesAndKeepsOrder() {
        var w = JSONWriter()
        w.beginObject()
        w.field("b", "q\"\\\u{01}<&>中")
        w.field("a", 1)
        w.key("l"); w.beginArray(); w.string("x"); w.null(); w.endArray()
        w.endObject()
        #expect(w.text == #"{"b":"q\"\\\u0001<&>中","a":1,"l":["x",null]}"#)
    }

    /// The writer's own pieces (literal keys and strings, amounts, dates, numbers, deep nesting)
    /// spell exactly what the text forms do.
    @Test func writerPiecesSpellWhatTheTextsDo() throws {
        var w = JSONWriter()
        let amounts: [(Int128, Int)] = [(0, 2), (-5, 2), (123_456_789, 2), (7, 0), (-1_000, 3), (Int128(Int64.max) * 1000, 2)]
        let dates = ["0001-01-01", "1999-12-31", "2024-02-29", "9999-12-31"].map { CalendarDate($0)! }
        w.beginArray()
        for (units, digits) in amounts { w.money(Money(minorUnits: units), minorDigits: digits) }
        for d in dates { w.date(d) }
        for n in [0, -1, 42, Int.min, Int.max] { w.int(n) }
        w.beginObject(); w.key(literal: "k"); w.string(literal: "v"); w.key(literal: "effective_from"); w.null(); w.endObject()
        for _ in 0..<70 { w.beginArray() }
        w.bool(true)
        for _ in 0..<70 { w.endArray() }
        w.endArray()
        var expected = amounts.map { "\"" + Money(minorUnits: $0.0).plainText(minorDigits: $0.1) + "\"" }
        expected += dates.map { "\"\($0)\"" }
        expected += ["0", "-1", "42", "\(Int.min)", "\(Int.max)", #"{"k":"v","effective_from":null}"#]
        expected.append(String(repeating: "[", count: 70) + "true" + String(repeating: "]", count: 70))
        #expect(w.text == "[" + expected.joined(separator: ",") + "]")
        _ = try JSONParser.parse(w.bytes, maxDepth: 100)   // well-formed at 71 levels
    }
}

@Suite struct SHA256Tests {
    /// FIPS 180-2 / NIST CSRC example vectors.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func matchesPublishedVectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(Array(message.utf8)) == digest)
    }

    @Test func millionAs() {
        #expect(SHA256.hexDigest([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func paddingBoundaries() {
        // 55, 56 and 64 bytes straddle the length field; compare incremental and one-shot hashing.
        for n in [55, 56, 57, 63, 64, 65, 119, 120] {
            let bytes = [UInt8](repeating: 0x62, count: n)
            var h = SHA256()
            h.update(bytes[..<(n / 2)])
            h.update(bytes[(n / 2)...])
            #expect(h.finalize().map(hexByte).joined() == SHA256.hexDigest(bytes))
        }
        #expect(SHA256.hexDigest(Array(String(repeating: "a", count: 56).utf8)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }

    @Test func fingerprintIsTheFileHash() {
        let table = Fixtures.exampleCatalogue.banks[0].version(id: "2025-01")!
        #expect(table.fingerprint == "sha256:3858f9193a348025bb1e6081563448a298e56c6d007d4187ae13ca2c8f4e2c14")
    }
}

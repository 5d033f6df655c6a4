import Foundation
import Testing
import FeeKit

/// The worked examples of spec/examples: every request gets exactly the expected answer.
@Suite struct SpecExamplesTests {
    static let requests = Fixtures.text("examples/requests.jsonl").split(separator: "\n").map(String.init)
    static let expected = Fixtures.text("examples/expected.jsonl").split(separator: "\n").map(String.init)

    @Test func exampleTablesPassCheck() {
        let result = CatalogueLoader.load(directory: Fixtures.exampleTables)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.catalogue?.banks.map(\.id) == ["example-bank"])
        #expect(result.catalogue?.banks.first?.versions.map(\.version) == ["2024-01", "2025-01", "2025-07"])
    }

    @Test func everyRequestHasAnExpectedAnswer() {
        #expect(Self.requests.count == 58)
        #expect(Self.requests.count == Self.expected.count)
    }

    /// Ok answers must match byte for byte; error answers by id, ok and code (the message is free text).
    @Test(arguments: Array(zip(SpecExamplesTests.requests, SpecExamplesTests.expected)))
    func answerMatchesExpected(request: String, expected: String) throws {
        let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: Fixtures.exampleCatalogue), explain: false)
        var out: [UInt8] = []
        quoter.answer(line: Array(request.utf8), into: &out)
        let answer = String(decoding: out, as: UTF8.self)
        #expect(answer.hasSuffix("\n"))
        let line = String(answer.dropLast())
        if expected.contains("\"ok\":true") {
            #expect(line == expected)
        } else {
            let a = try JSONParser.parse(line), e = try JSONParser.parse(expected)
            #expect(a.node(at: "id").map { Array(line.utf8)[$0.offset..<$0.end] } == e.node(at: "id").map { Array(expected.utf8)[$0.offset..<$0.end] })
            #expect(string(a.node(at: "error.code")) == string(e.node(at: "error.code")), "\(line)")
            #expect(line.hasPrefix("{\"id\":"))
            #expect(line.contains("\"ok\":false,\"error\":{\"code\":"))
        }
    }

    @Test func explainedAnswersKeepTheSameFieldsFirst() {
        let plain = BatchQuoter(calculator: FeeCalculator(catalogue: Fixtures.exampleCatalogue), explain: false)
        let explained = BatchQuoter(calculator: FeeCalculator(catalogue: Fixtures.exampleCatalogue), explain: true)
        for request in Self.requests {
            var a: [UInt8] = [], b: [UInt8] = []
            let ok = plain.answer(line: Array(request.utf8), into: &a)
            explained.answer(line: Array(request.utf8), into: &b)
            let plainLine = String(decoding: a.dropLast(2), as: UTF8.self)  // without "}\n"
            let explainedLine = String(decoding: b, as: UTF8.self)
            if ok {
                #expect(explainedLine.hasPrefix(plainLine + ",\"explanation\":{\"lang\":"))
            } else {
                #expect(a == b)
            }
        }
    }

    /// Same bytes twice, and the same bytes when the input is split and the answers concatenated (spec §4).
    @Test func batchIsDeterministicAndSplittable() {
        let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: Fixtures.exampleCatalogue), explain: true)
        let input = Fixtures.bytes("examples/requests.jsonl")
        let once = quoter.answerAll(input)
        let twice = quoter.answerAll(input)
        #expect(once.output == twice.output)
        #expect(once.allOK == false)
        let lines = Self.requests
        for cut in [1, 7, 29, 57] {
            let first = Array((lines[..<cut].joined(separator: "\n") + "\n").utf8)
            let second = Array((lines[cut...].joined(separator: "\n") + "\n").utf8)
            #expect(quoter.answerAll(first).output + quoter.answerAll(second).output == once.output)
        }
    }

    @Test func blankLinesAreSkippedAndCRLFTolerated() {
        let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: Fixtures.exampleCatalogue), explain: false)
        let a = quoter.answerAll(Array((Self.requests[1] + "\n\n   \n" + Self.requests[2] + "\n").utf8))
        let b = quoter.answerAll(Array((Self.requests[1] + "\r\n" + Self.requests[2]).utf8))
        #expect(a.output == b.output)
        #expect(a.output.filter { $0 == 0x0A }.count == 2)
    }

    private func string(_ node: JSONNode?) -> String? {
        if case .string(let s)? = node?.value { return s }
        return nil
    }
}

/// The broken catalogues of spec/examples/invalid: each is rejected at the right file and path.
@Suite struct InvalidExamplesTests {
    static let cases: [(name: String, code: String, file: String, path: String)] = [
        ("typo-maxx", "unknown_key", "example-bank/2025-01.json", "items[0].fee.maxx"),
        ("duplicate-key", "duplicate_key", "example-bank/2025-01.json", "items[2].fee.flat"),
        ("money-as-number", "money_not_string", "example-bank/2025-01.json", "items[1].fee.flat"),
        ("undeclared-branch", "undeclared_id", "example-bank/2025-01.json", "waivers[1].when.branches[1]"),
        ("missing-language", "missing_language", "example-bank/2025-01.json", "items[2].name"),
        ("byte-order-mark", "byte_order_mark", "example-bank/2025-01.json", ""),
        ("raise-without-notice", "notice_period", "example-bank/2025-07.json", "items[2].fee"),
        ("quantity-only-raise", "notice_period", "example-bank/2025-07.json", "items[1].fee"),
    ]

    @Test(arguments: InvalidExamplesTests.cases.map(\.name))
    func brokenCatalogueIsRejectedForTheRightReason(name: String) {
        let expected = Self.cases.first { $0.name == name }!
        let result = CatalogueLoader.load(directory: Fixtures.examples + "/invalid/" + name)
        #expect(result.catalogue == nil)
        #expect(result.errors.count == 1, "\(result.errors.map(\.description))")
        let e = result.errors.first
        #expect(e?.code == expected.code)
        #expect(e?.file.hasSuffix(expected.file) == true)
        #expect(e?.path == expected.path)
    }

    @Test func noticeErrorSaysHowToFixIt() {
        let result = CatalogueLoader.load(directory: Fixtures.examples + "/invalid/raise-without-notice")
        let message = result.errors.first?.message ?? ""
        #expect(message.contains("30 days' notice where 90 are required"))
        #expect(message.contains("announce on or before 2025-04-02"))
        #expect(message.contains("move effective_from to 2025-08-30 or later"))
    }

    @Test func quantityOnlyRaiseNamesTheFirstQuantityThatCostsMore() {
        let result = CatalogueLoader.load(directory: Fixtures.examples + "/invalid/quantity-only-raise")
        #expect(result.errors.first?.message.contains("from 10.00 to 10.40 for 26 units") == true, "\(result.errors)")
    }

    @Test func problemsCarryLineAndColumn() {
        let result = CatalogueLoader.load(directory: Fixtures.examples + "/invalid/typo-maxx")
        let p = result.errors.first
        #expect(p?.position == SourcePosition(line: 28, column: 45))
        #expect(p?.description.contains("example-bank/2025-01.json:28:45: error: items[0].fee.maxx: unknown key 'maxx': did you mean 'max'?") == true)
    }
}

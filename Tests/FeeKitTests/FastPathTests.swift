import Testing
@testable import FeeKit

/// The specialised batch scanner must give exactly the bytes of the general decoder, on every shape
/// of line: it either understands a line fully or leaves it to the general path.
@Suite struct FastPathTests {
    static let variants: [String] = {
        var lines = SpecExamplesTests.requests
        let extra = [
            #"{"item":"cheque.leaf","date":"2025-02-10"}"#,
            #"  {  "id" : 7 , "item" : "cheque.leaf" , "date" : "2025-02-10" }  "#,
            "{\t\"id\":\"tab\",\"item\":\"cheque.leaf\",\"date\":\"2025-02-10\"}",
            #"{"id":-0,"item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"id":1.50,"item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"id":1e3,"item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"id":01,"item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"id":"a\"b","item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"id":"中文","item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"id":true,"item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"id":null,"item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10","quantity":3}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10","quantity":0}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10","quantity":-3}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10","quantity":1000001}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10","quantity":99999999999999999999}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10","quantity":2.0}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10","quantity":null}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10","uses_in_period":-1}"#,
            #"{"item":"cash.atm.other-bank","date":"2025-02-10","uses_in_period":2}"#,
            #"{"item":"cheque.leaf","date":"2025-02-30"}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10T00"}"#,
            #"{"item":"cheque.leaf"}"#,
            #"{"date":"2025-02-10"}"#,
            #"{}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10",}"#,
            #"{"item":"cheque.leaf","date":"2025-02-10"} x"#,
            #"{"item":"cheque.leaf","date":"2025-02-10","item":"card.reissue"}"#,
            #"{"item":"card.reissue","date":"2025-02-10","reason":"expired","customer":{"tier":"gold","segments":["student"],"age":30}}"#,
            #"{"item":"card.reissue","date":"2025-02-10","customer":{"segments":[]}}"#,
            #"{"item":"card.reissue","date":"2025-02-10","customer":{"segments":["student","student"]}}"#,
            #"{"item":"card.reissue","date":"2025-02-10","customer":{"age":151}}"#,
            #"{"item":"card.reissue","date":"2025-02-10","customer":{"age":-1}}"#,
            #"{"item":"card.reissue","date":"2025-02-10","customer":{"tier":"gold","tier":"standard"}}"#,
            #"{"item":"card.reissue","date":"2025-02-10","customer":{"segmentz":["student"]}}"#,
            #"{"item":"card.reissue","date":"2025-02-10","customer":{"name":"x"}}"#,
            #"{"item":"card.reissue","date":"2025-02-10","customer":{}}"#,
            #"{"item":"card.reissue","date":"2025-02-10","customer":null}"#,
            #"{"item":"card.reissue","date":"2025-02-10","customer":[]}"#,
            #"{"item":"transfer.other-bank.counter","date":"2025-02-10","amount":"1e3"}"#,
            #"{"item":"transfer.other-bank.counter","date":"2025-02-10","amount":"1000000000000000.00"}"#,
            #"{"item":"transfer.other-bank.counter","date":"2025-02-10","amount":"\u0031"}"#,
            #"{"item":"transfer.other-bank.online","date":"2025-02-10","amount":"100","channel":"mobile","branch":"bj-xidan","lang":"zh-Hans"}"#,
            #"{"bank":"example-bank","item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"bank":"nope","item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"bank":3,"item":"cheque.leaf","date":"2025-02-10"}"#,
            #"{"item":"che\u0071ue.leaf","date":"2025-02-10"}"#,
            #"[1]"#, "nul", "{", "\"x\"",
        ]
        lines += extra
        return lines
    }()

    @Test func bothPathsGiveTheSameBytes() {
        for explain in [false, true] {
            let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: Fixtures.exampleCatalogue), explain: explain)
            for line in Self.variants {
                let bytes = Array(line.utf8)
                var fast: [UInt8] = [], general: [UInt8] = []
                let a = bytes.withUnsafeBufferPointer { quoter.answer(line: $0, into: &fast) }
                let b = bytes.withUnsafeBufferPointer { quoter.answerGenerally(line: $0, into: &general) }
                #expect(a == b)
                #expect(String(decoding: fast, as: UTF8.self) == String(decoding: general, as: UTF8.self), "\(line)")
            }
        }
    }

    @Test func theScannerTakesTheCommonShapeAndLeavesTheRest() {
        func scans(_ line: String) -> Bool {
            Array(line.utf8).withUnsafeBufferPointer { FastRequestScanner.scan($0) != nil }
        }
        #expect(scans(#"{"id":1,"item":"cheque.leaf","date":"2025-02-10","customer":{"tier":"gold","segments":["a"],"age":3}}"#))
        #expect(!scans(#"{"id":"a\"b","item":"x","date":"y"}"#))
        #expect(!scans(#"{"item":"x","date":"y","quantiy":1}"#))
        #expect(!scans(#"{"item":"x","date":"y","item":"z"}"#))
        #expect(!scans(#"{"item":"中","date":"y"}"#))
    }

    @Test func moneyDigitsMatchTheGeneralFormatter() {
        for digits in 0...4 {
            for v: Int128 in [0, 1, 9, 10, 99, 100, 12_345, 99_999_999_999_999_999, Int128(UInt64.max), Int128(UInt64.max) + 1, 100_000_000_000_000_000_000_000] {
                var out: [UInt8] = []
                AnswerWriter.appendMoney(v, digits: digits, to: &out)
                #expect(String(decoding: out, as: UTF8.self) == Money(minorUnits: v).plainText(minorDigits: digits))
            }
        }
    }
}

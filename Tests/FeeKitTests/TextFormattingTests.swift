import Testing
import FeeKit

/// The byte-level writers behind every answer, explanation and notice: money digits, dates and JSON
/// string escapes, at every position a word-at-a-time scan could get wrong.
@Suite struct TextFormattingTests {
    @Test(arguments: [
        (Int128(0), 2, false, "0.00"), (5, 2, false, "0.05"), (5, 3, false, "0.005"), (123_456, 2, false, "1234.56"),
        (-1_234_567, 2, true, "-12,345.67"), (1_000, 0, true, "1,000"), (999, 0, true, "999"), (100_000_000, 2, true, "1,000,000.00"),
        (7, 0, false, "7"), (-5, 2, false, "-0.05"),
    ])
    func formatsMinorUnits(value: Int128, scale: Int, grouping: Bool, text: String) {
        #expect(DecimalText.format(value, scale: scale, grouping: grouping) == text)
    }

    /// Digit counts at every power of ten up to 64 bits, both signs, several scales: the text is
    /// the integer's own decimal digits with a point put `scale` places from the end.
    @Test func formatsAtEveryDigitCount() {
        var values: [UInt64] = [0, UInt64.max, UInt64.max - 1]
        var p: UInt64 = 1
        for _ in 0..<19 { values += [p - 1, p, p + 1]; p *= 10 }
        values += [p - 1, p, p + 1]
        for v in values {
            for scale in [0, 1, 2, 4, 8] {
                let digits = String(v)
                let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
                let text = scale == 0 ? padded : padded.dropLast(scale) + "." + padded.suffix(scale)
                #expect(DecimalText.format(Int128(v), scale: scale, grouping: false) == text, "\(v) \(scale)")
                if v > 0 { #expect(DecimalText.format(-Int128(v), scale: scale, grouping: false) == "-" + text, "-\(v) \(scale)") }
            }
        }
    }

    @Test func formatsValuesBeyondSixtyFourBits() {
        let big = Int128(UInt64.max) * 1_000 + 7
        #expect(DecimalText.format(big, scale: 0, grouping: false) == "\(big)")
        #expect(DecimalText.format(-big, scale: 3, grouping: false) == "-\(UInt64.max).007")
        #expect(DecimalText.format(.min, scale: 0, grouping: false) == "\(Int128.min)")
    }

    @Test(arguments: [(Int128(500_000), 8, "0.005"), (100, 2, "1"), (0, 2, "0"), (1_050, 2, "10.5"), (1_000, 0, "1000"), (12_345_000, 8, "0.12345")])
    func trimsOnlyFractionalZeros(value: Int128, scale: Int, text: String) {
        #expect(DecimalText.formatTrimmed(value, scale: scale) == text)
    }

    @Test func datesAreZeroPadded() {
        #expect(CalendarDate(year: 9, month: 3, day: 7)?.description == "0009-03-07")
        #expect(CalendarDate(year: 2026, month: 12, day: 31)?.description == "2026-12-31")
    }

    /// Each character that must be escaped, at every position of a 20-byte string (inside and
    /// across eight-byte words), next to non-ASCII text that must pass through untouched.
    @Test(arguments: [("\"", "\\\""), ("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\u{01}", "\\u0001"), ("\u{1F}", "\\u001f"), ("\u{7F}", "\\u007f")])
    func escapesEverySpecialCharacterAtEveryPosition(special: String, escaped: String) {
        for p in 0..<20 {
            let before = String(repeating: "a", count: p), after = String(repeating: "元", count: (19 - p) / 3) + String(repeating: "b", count: (19 - p) % 3)
            #expect(JSONWriter.quoted(before + special + after) == "\"" + before + escaped + after + "\"", "at \(p)")
        }
        #expect(JSONWriter.quoted("plain ASCII text of some length, 收费标准 é") == "\"plain ASCII text of some length, 收费标准 é\"")
    }
}

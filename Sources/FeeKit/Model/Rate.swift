/// An exact rate of a transaction amount, `0 ≤ rate ≤ 1`, with at most 8 fractional digits.
public struct Rate: Sendable, Hashable, Comparable {
    /// Fractional digits a rate may have (spec §1.3.1).
    public static let scaleDigits = 8
    /// 10^8: one whole (100 %) in `hundredMillionths`.
    public static let one: Int128 = 100_000_000

    /// The rate in units of 10^-8 (`"0.005"` is 500,000).
    public var hundredMillionths: Int128

    public init(hundredMillionths: Int128) {
        self.hundredMillionths = hundredMillionths
    }

    public static let zero = Rate(hundredMillionths: 0)

    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.hundredMillionths < rhs.hundredMillionths }

    /// Parses a rate string such as `"0.005"`.
    public static func parse(_ text: String) -> Result<Rate, DecimalTextError> {
        DecimalText.parse(text, scale: scaleDigits).flatMap { v in
            v > one ? .failure(.tooLarge) : .success(Rate(hundredMillionths: v))
        }
    }

    /// The rate as a decimal fraction, trailing zeros removed (`"0.005"`).
    public var fractionText: String { DecimalText.formatTrimmed(hundredMillionths, scale: Self.scaleDigits) }

    /// The rate as a percentage for people (`"0.5"` for 0.005), trailing zeros removed.
    public var percentText: String { DecimalText.formatTrimmed(hundredMillionths, scale: Self.scaleDigits - 2) }
}

/// A percentage `0 < p ≤ 100` with at most 2 fractional digits, as waivers' `percent_off`.
public struct Percentage: Sendable, Hashable, Comparable {
    /// The percentage in hundredths of a percent (`"50"` is 5,000; `"100"` is 10,000).
    public var hundredths: Int128

    public init(hundredths: Int128) {
        self.hundredths = hundredths
    }

    public static let full = Percentage(hundredths: 10_000)

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.hundredths < rhs.hundredths }

    /// Parses `"50"`, `"12.5"`; fails outside `0 < p ≤ 100`.
    public static func parse(_ text: String) -> Result<Percentage, DecimalTextError> {
        DecimalText.parse(text, scale: 2).flatMap { v in
            (v <= 0 || v > 10_000) ? .failure(.tooLarge) : .success(Percentage(hundredths: v))
        }
    }

    /// The percentage for people, trailing zeros removed (`"12.5"`).
    public var text: String { DecimalText.formatTrimmed(hundredths, scale: 2) }
}

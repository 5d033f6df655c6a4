/// An exact rate of a transaction amount, `0 ≤ rate ≤ 1`, with at most 8 fractional digits
/// (spec §1.3.1). A rate outside that range cannot be built.
public struct Rate: Sendable, Hashable, Comparable {
    /// Fractional digits a rate may have (spec §1.3.1).
    public static let scaleDigits = 8
    /// 10^8: one whole (100 %) in `hundredMillionths`.
    public static let one: Int128 = 100_000_000

    /// What keeps a number from being a rate.
    public enum Flaw: Error, Sendable, Hashable {
        /// Below zero.
        case negative(hundredMillionths: Int128)
        /// Above 1 (100 % of the amount).
        case aboveOne(hundredMillionths: Int128)
    }

    /// The rate in units of 10^-8 (`"0.005"` is 500,000); `0…one`.
    public let hundredMillionths: Int128

    /// The flaw of a rate of `hundredMillionths` units of 10^-8, if any: the one home of the range rule.
    static func flaw(hundredMillionths v: Int128) -> Flaw? {
        if v < 0 { return .negative(hundredMillionths: v) }
        if v > one { return .aboveOne(hundredMillionths: v) }
        return nil
    }

    /// The rate of `hundredMillionths` units of 10^-8, or the flaw that keeps it from being one.
    public init(hundredMillionths: Int128) throws(Flaw) {
        if let flaw = Self.flaw(hundredMillionths: hundredMillionths) { throw flaw }
        self.hundredMillionths = hundredMillionths
    }

    private init(checked hundredMillionths: Int128) {
        self.hundredMillionths = hundredMillionths
    }

    /// No charge on the amount.
    public static let zero = Rate(checked: 0)

    /// Rates compare by size.
    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.hundredMillionths < rhs.hundredMillionths }

    /// Parses a rate string such as `"0.005"`; a rate above 1 is `tooLarge`.
    public static func parse(_ text: String) -> Result<Rate, DecimalTextError> {
        DecimalText.parse(text, scale: scaleDigits).flatMap { v in
            flaw(hundredMillionths: v) == nil ? .success(Rate(checked: v)) : .failure(.tooLarge)
        }
    }

    /// The rate as a decimal fraction, trailing zeros removed (`"0.005"`).
    public var fractionText: String { DecimalText.formatTrimmed(hundredMillionths, scale: Self.scaleDigits) }

    /// The rate as a percentage for people (`"0.5"` for 0.005), trailing zeros removed.
    public var percentText: String { DecimalText.formatTrimmed(hundredMillionths, scale: Self.scaleDigits - 2) }
}

/// A percentage `0 < p ≤ 100` with at most 2 fractional digits, as waivers' `percent_off`
/// (spec §1.4). A percentage outside that range cannot be built.
public struct Percentage: Sendable, Hashable, Comparable {
    /// What keeps a number from being a waiver's percentage.
    public enum Flaw: Error, Sendable, Hashable {
        /// Zero or below: the waiver would take nothing off.
        case notPositive(hundredths: Int128)
        /// Above 100: more than the whole fee.
        case aboveHundred(hundredths: Int128)
    }

    /// The percentage in hundredths of a percent (`"50"` is 5,000; `"100"` is 10,000).
    public let hundredths: Int128

    /// The flaw of a percentage of `hundredths` hundredths of a percent, if any: the one home of the range rule.
    static func flaw(hundredths v: Int128) -> Flaw? {
        if v <= 0 { return .notPositive(hundredths: v) }
        if v > 10_000 { return .aboveHundred(hundredths: v) }
        return nil
    }

    /// The percentage of `hundredths` hundredths of a percent, or the flaw that keeps it from being one.
    public init(hundredths: Int128) throws(Flaw) {
        if let flaw = Self.flaw(hundredths: hundredths) { throw flaw }
        self.hundredths = hundredths
    }

    private init(checked hundredths: Int128) {
        self.hundredths = hundredths
    }

    /// 100 %: a full waiver (免收).
    public static let full = Percentage(checked: 10_000)

    /// Percentages compare by size.
    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.hundredths < rhs.hundredths }

    /// Parses `"50"`, `"12.5"`; a value outside `0 < p ≤ 100` is `tooLarge`.
    public static func parse(_ text: String) -> Result<Percentage, DecimalTextError> {
        DecimalText.parse(text, scale: 2).flatMap { v in
            flaw(hundredths: v) == nil ? .success(Percentage(checked: v)) : .failure(.tooLarge)
        }
    }

    /// The percentage for people, trailing zeros removed (`"12.5"`).
    public var text: String { DecimalText.formatTrimmed(hundredths, scale: 2) }
}

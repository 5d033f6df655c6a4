/// An amount of money in whole minor units (fen, cents) of a table's currency; never a float.
///
/// Fees are computed in 128-bit integers so that every amount the spec requires (below 10^15
/// major and 10^17 minor units) times every rate and quantity stays exact (spec §3.4).
public struct Money: Sendable, Hashable, Comparable {
    /// The amount in minor units; never negative in a table, a request or a quote.
    public var minorUnits: Int128

    /// An amount of `minorUnits`, as computed (any sign: a difference of two fees can be below
    /// zero); amounts read from text go through `parse`, which refuses what is not money.
    public init(minorUnits: Int128) {
        self.minorUnits = minorUnits
    }

    /// No money: the fee of a free service, the start of a sum.
    public static let zero = Money(minorUnits: 0)

    /// Orders amounts by their minor units.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    /// The largest amount in minor units quoted exactly for a currency with `minorDigits`
    /// digits: below 10^15 major units and below 10^17 minor units (spec §6).
    @inline(__always)
    public static func limit(minorDigits: Int) -> Int128 {
        minorDigits >= 0 && minorDigits < limits.count ? limits[minorDigits] : min(pow10(15 + minorDigits), pow10(17)) - 1
    }

    private static let limits: [Int128] = (0...4).map { min(pow10(15 + $0), pow10(17)) - 1 }

    /// Parses a money string (`"5"`, `"5.00"`) of at most `minorDigits` fractional digits.
    public static func parse(_ text: String, minorDigits: Int) -> Result<Money, DecimalTextError> {
        if let result = text.utf8.withContiguousStorageIfAvailable({ parse(utf8: $0, minorDigits: minorDigits) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { parse(utf8: $0, minorDigits: minorDigits) }
    }

    /// Parses a money string given as UTF-8 bytes; see `parse(_:minorDigits:)`.
    package static func parse(utf8 text: UnsafeBufferPointer<UInt8>, minorDigits: Int) -> Result<Money, DecimalTextError> {
        switch DecimalText.parse(bytes: text, scale: minorDigits) {
        case .success(let value):
            if value > limit(minorDigits: minorDigits) { return .failure(.tooLarge) }
            return .success(Money(minorUnits: value))
        case .failure(let error):
            return .failure(error)
        }
    }

    /// The amount as the spec writes it: digits, and exactly `minorDigits` fractional digits (`"1234.50"`).
    public func plainText(minorDigits: Int) -> String {
        DecimalText.format(minorUnits, scale: minorDigits, grouping: false)
    }

    /// The amount with thousands separators for people (`"1,234.50"`); locale-independent.
    public func groupedText(minorDigits: Int) -> String {
        DecimalText.format(minorUnits, scale: minorDigits, grouping: true)
    }
}

/// 10 to the power `n` as a 128-bit integer (n ≤ 38).
@inline(__always)
package func pow10(_ n: Int) -> Int128 {
    var v: Int128 = 1
    for _ in 0..<n { v *= 10 }
    return v
}

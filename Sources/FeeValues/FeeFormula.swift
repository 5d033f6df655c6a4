/// A simple fee formula: `flat × quantity + rate × amount`, then clamped to `min`…`max` (spec §1.3.1).
/// Valid by construction: it has a flat part or a rate (or both), and `min ≤ max`.
public struct SimpleFormula: Sendable, Hashable {
    /// Charged per unit; multiplied by the quantity.
    public let flat: Money?
    /// Applied to the transaction amount.
    public let rate: Rate?
    /// The fee is never below this (not multiplied by the quantity).
    public let min: Money?
    /// The fee is never above this (not multiplied by the quantity).
    public let max: Money?

    /// What keeps parts from being a simple formula.
    public enum Flaw: Error, Sendable, Hashable {
        /// Neither `flat` nor `rate`: nothing says what the fee is.
        case noPart
        /// `min` is above `max`: no fee could satisfy both.
        case minAboveMax(min: Money, max: Money)
    }

    /// Every flaw of a formula with these parts, in the order the loader reports them: the one
    /// home of the rule. `hasFlat` and `hasRate` say whether the part is given at all (a reader
    /// that could not read a given part has already said why, so it is not also "missing").
    package static func flaws(hasFlat: Bool, hasRate: Bool, min: Money?, max: Money?) -> [Flaw] {
        var flaws: [Flaw] = []
        if !hasFlat && !hasRate { flaws.append(.noPart) }
        if let min, let max, min > max { flaws.append(.minAboveMax(min: min, max: max)) }
        return flaws
    }

    /// The formula with these parts, or the first flaw that keeps them from being one.
    public init(flat: Money? = nil, rate: Rate? = nil, min: Money? = nil, max: Money? = nil) throws(Flaw) {
        if let flaw = Self.flaws(hasFlat: flat != nil, hasRate: rate != nil, min: min, max: max).first { throw flaw }
        self.init(checkedFlat: flat, rate: rate, min: min, max: max)
    }

    private init(checkedFlat flat: Money?, rate: Rate?, min: Money?, max: Money?) {
        self.flat = flat
        self.rate = rate
        self.min = min
        self.max = max
    }

    /// `{"flat": "0"}`: a free service.
    public static let free = SimpleFormula(checkedFlat: .zero, rate: nil, min: nil, max: nil)
}

/// One band of a banded formula: covers amounts above the previous band's `upTo`, up to and including its own.
public struct Band: Sendable, Hashable {
    /// Inclusive upper bound; `nil` only for the last band, which covers everything above (`Bands` enforces it).
    public let upTo: Money?
    /// The formula that prices the amounts of this band.
    public let formula: SimpleFormula

    /// A band; whether its bound fits among the others is `Bands`' rule.
    public init(upTo: Money?, formula: SimpleFormula) {
        self.upTo = upTo
        self.formula = formula
    }
}

/// How an item's gross fee is computed: one simple formula, or bands chosen by the amount.
/// Valid by construction: both cases hold values that cannot be built invalid.
public enum FeeFormula: Sendable, Hashable {
    /// One formula for every amount.
    case simple(SimpleFormula)
    /// Bands with strictly increasing `upTo` and a final open band (`Bands` cannot be built otherwise).
    case banded(Bands)

    /// Whether the fee depends on the transaction amount (a rate or bands); such an item is
    /// priced per transaction and always has quantity 1 (spec §1.3.1).
    public var needsAmount: Bool {
        switch self {
        case .simple(let f): return f.rate != nil
        case .banded: return true
        }
    }

    /// The simple formula that prices `amount` (the first band with `upTo ≥ amount`, else the last).
    public func formula(for amount: Money?) -> (formula: SimpleFormula, bandIndex: Int?) {
        switch self {
        case .simple(let f):
            return (f, nil)
        case .banded(let bands):
            let a = amount ?? .zero
            for (i, band) in bands.enumerated() {
                if let upTo = band.upTo, a > upTo { continue }
                return (band.formula, i)
            }
            return (bands[bands.count - 1].formula, bands.count - 1)
        }
    }

    /// Every simple formula in the fee, in order.
    public var allFormulas: [SimpleFormula] {
        switch self {
        case .simple(let f): return [f]
        case .banded(let bands): return bands.map(\.formula)
        }
    }
}

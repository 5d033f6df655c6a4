/// A simple fee formula: `flat × quantity + rate × amount`, then clamped to `min`…`max` (spec §1.3.1).
public struct SimpleFormula: Sendable, Hashable {
    /// Charged per unit; multiplied by the quantity.
    public var flat: Money?
    /// Applied to the transaction amount.
    public var rate: Rate?
    /// The fee is never below this (not multiplied by the quantity).
    public var min: Money?
    /// The fee is never above this (not multiplied by the quantity).
    public var max: Money?

    public init(flat: Money? = nil, rate: Rate? = nil, min: Money? = nil, max: Money? = nil) {
        self.flat = flat
        self.rate = rate
        self.min = min
        self.max = max
    }
}

/// One band of a banded formula: covers amounts above the previous band's `upTo`, up to and including its own.
public struct Band: Sendable, Hashable {
    /// Inclusive upper bound; `nil` only for the last band, which covers everything above.
    public var upTo: Money?
    public var formula: SimpleFormula

    public init(upTo: Money?, formula: SimpleFormula) {
        self.upTo = upTo
        self.formula = formula
    }
}

/// How an item's gross fee is computed: one simple formula, or bands chosen by the amount.
public enum FeeFormula: Sendable, Hashable {
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

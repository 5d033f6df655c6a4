/// How the clamp of spec §3.2 step 4 changed the rounded fee.
public enum ClampOutcome: Sendable, Hashable {
    /// The rounded fee was within the minimum and maximum, or the formula has neither.
    case none
    /// The rounded fee was below the minimum: the minimum is charged.
    case raisedToMin
    /// The rounded fee was above the maximum: the maximum is charged.
    case loweredToMax
}

/// The gross fee of one simple formula (spec §3.2), step by step: the one home of that arithmetic,
/// used by the calculator and, through `LinearFee`, by the raise detection of `fees check`.
@usableFromInline package struct GrossFee: Sendable, Hashable {
    /// `flat × quantity + rate × amount` in units of 10⁻⁸ of a minor unit: exact, never rounded.
    @usableFromInline package let exact: Int128
    /// `exact` rounded once to a minor unit with the version's rounding.
    @usableFromInline package let rounded: Int128
    /// `rounded` clamped to `min`…`max` (not multiplied by the quantity): the gross fee.
    @usableFromInline package let fee: Int128
    /// Which clamp, if any, decided the fee.
    @usableFromInline package let clamp: ClampOutcome

    @inlinable package init(exact: Int128, rounded: Int128, fee: Int128, clamp: ClampOutcome) {
        self.exact = exact
        self.rounded = rounded
        self.fee = fee
        self.clamp = clamp
    }
}

extension SimpleFormula {
    /// The gross fee for `quantity` units and a transaction amount of `amount` minor units (a
    /// missing `flat` or `rate` counts as zero, spec §3.2).
    @inlinable @inline(__always)
    package func gross(quantity: Int128, amount: Int128, rounding: RoundingMode) -> GrossFee {
        var exact = (flat?.minorUnits ?? 0) * quantity * Rate.one
        if let rate { exact += rate.hundredMillionths * amount }
        let rounded = rounding.divide(exact, by: Rate.one)
        var fee = rounded
        var clamp = ClampOutcome.none
        if let min = min?.minorUnits, fee < min { fee = min; clamp = .raisedToMin }
        if let max = max?.minorUnits, fee > max { fee = max; clamp = .loweredToMax }
        return GrossFee(exact: exact, rounded: rounded, fee: fee, clamp: clamp)
    }
}

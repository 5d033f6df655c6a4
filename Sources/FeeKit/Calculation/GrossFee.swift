/// The gross fee of one simple formula (spec §3.2), step by step: the one home of that arithmetic,
/// used by the calculator and, through `LinearFee`, by the raise detection of `fees check`.
struct GrossFee: Sendable, Hashable {
    /// `flat × quantity + rate × amount` in units of 10⁻⁸ of a minor unit: exact, never rounded.
    let exact: Int128
    /// `exact` rounded once to a minor unit with the version's rounding.
    let rounded: Int128
    /// `rounded` clamped to `min`…`max` (not multiplied by the quantity): the gross fee.
    let fee: Int128
    /// Which clamp, if any, decided the fee.
    let clamp: ClampOutcome
}

extension SimpleFormula {
    /// The gross fee for `quantity` units and a transaction amount of `amount` minor units (a
    /// missing `flat` or `rate` counts as zero, spec §3.2).
    @inline(__always)
    func gross(quantity: Int128, amount: Int128, rounding: RoundingMode) -> GrossFee {
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

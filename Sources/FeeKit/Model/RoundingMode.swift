/// How an exact fee is rounded to a whole minor unit (spec §3.2).
public enum RoundingMode: String, Sendable, Hashable, CaseIterable {
    /// A tie goes away from zero.
    case halfUp = "half-up"
    /// A tie goes to the even neighbour.
    case halfEven = "half-even"
    /// Toward zero.
    case down
    /// Away from zero.
    case up

    /// `numerator / denominator` rounded to an integer in this mode; both must be non-negative
    /// and `denominator` positive.
    @inline(__always)
    public func divide(_ numerator: Int128, by denominator: Int128) -> Int128 {
        let q = numerator / denominator
        let r = numerator - q * denominator
        if r == 0 { return q }
        switch self {
        case .down: return q
        case .up: return q + 1
        case .halfUp: return 2 * r >= denominator ? q + 1 : q
        case .halfEven:
            let twice = 2 * r
            if twice > denominator { return q + 1 }
            if twice < denominator { return q }
            return q & 1 == 0 ? q : q + 1
        }
    }
}

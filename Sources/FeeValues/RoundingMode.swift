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
    /// and `denominator` positive. Written as one floor division plus, for half-even, one tie
    /// correction (see `floorOffset` and `tieResidue`): the raise detection counts fees in that
    /// same form, so the calculator and the checker round by one rule.
    @inlinable @inline(__always)
    public func divide(_ numerator: Int128, by denominator: Int128) -> Int128 {
        let q = (numerator + floorOffset(denominator)) / denominator
        guard let tie = tieResidue(denominator) else { return q }
        return numerator % (2 * denominator) == tie ? q + 1 : q
    }

    /// α in `round(x / d) = floor((x + α) / d) + τ(x)` for x ≥ 0: 0 (down), d − 1 (up), ⌊d/2⌋
    /// (half-up, and half-even when d is odd, as it then has no ties), d/2 − 1 (half-even, d even).
    @inlinable @inline(__always)
    func floorOffset(_ d: Int128) -> Int128 {
        switch self {
        case .down: return 0
        case .up: return d - 1
        case .halfUp: return d / 2
        case .halfEven: return d & 1 == 0 ? d / 2 - 1 : d / 2
        }
    }

    /// For half-even with an even d: the residue of x modulo 2d (3d/2, a tie whose floor
    /// `floor((x + α) / d)` is odd) where τ(x) = 1 moves the result up to the even neighbour; nil
    /// for every other mode, where τ is always 0.
    @inlinable @inline(__always)
    func tieResidue(_ d: Int128) -> Int128? {
        self == .halfEven && d & 1 == 0 ? 3 * d / 2 : nil
    }
}

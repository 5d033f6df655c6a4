/// Where a new version's gross fee for an item is higher than the old one's.
public struct RaiseWitness: Sendable, Hashable {
    /// Whether the raise is found over amounts or over quantities.
    public enum Domain: Sendable, Hashable {
        /// The fee depends on the transaction amount; `point` is an amount in minor units.
        case amount
        /// Both fees are per unit; `point` is a quantity.
        case quantity
    }

    /// What `point` counts: an amount in minor units or a quantity.
    public var domain: Domain
    /// The first amount (minor units) or quantity at which the new fee is higher.
    public var point: Int128
    /// The old gross fee at `point`.
    public var oldFee: Money
    /// The new gross fee at `point`.
    public var newFee: Money
}

/// Exact comparison of two fee formulas over every amount (or quantity) a request can give,
/// for the notice rule of spec §5. No sampling: each band is compared as a whole.
public enum FeeComparison {
    /// The scale of exact fees: one minor unit is 10^8 units of the rate scale.
    static let scale: Int128 = Rate.one
    /// The greatest quantity a request may give (spec §2).
    public static let maxQuantity = Int128(RequestLimits.quantity.upperBound)

    /// The first point at which `new` charges more than `old` without waivers, or nil when it
    /// never does. Both formulas are in a currency with `minorDigits` digits.
    public static func firstRaise(old: FeeFormula, oldRounding: RoundingMode,
                                  new: FeeFormula, newRounding: RoundingMode,
                                  minorDigits: Int) -> RaiseWitness? {
        if !old.needsAmount && !new.needsAmount {
            // Both per unit: compare every quantity from 1 to 1,000,000.
            let o = LinearFee(perUnit: old.allFormulas[0], rounding: oldRounding)
            let n = LinearFee(perUnit: new.allFormulas[0], rounding: newRounding)
            return firstRaise(old: o, new: n, lo: 1, hi: maxQuantity).map {
                RaiseWitness(domain: .quantity, point: $0, oldFee: Money(minorUnits: o.value($0)),
                             newFee: Money(minorUnits: n.value($0)))
            }
        }
        // Compare at quantity 1 over all amounts, segment by segment between band edges.
        let limit = Money.limit(minorDigits: minorDigits)
        var edges = Set<Int128>()
        for formula in [old, new] {
            if case .banded(let bands) = formula {
                for b in bands { if let u = b.upTo?.minorUnits, u < limit { edges.insert(u) } }
            }
        }
        var lo: Int128 = 0
        for hi in edges.sorted() + [limit] {
            defer { lo = hi + 1 }
            guard lo <= hi else { continue }
            let o = LinearFee(perTransaction: old.formula(for: Money(minorUnits: hi)).formula, rounding: oldRounding)
            let n = LinearFee(perTransaction: new.formula(for: Money(minorUnits: hi)).formula, rounding: newRounding)
            if let w = firstRaise(old: o, new: n, lo: lo, hi: hi) {
                return RaiseWitness(domain: .amount, point: w, oldFee: Money(minorUnits: o.value(w)),
                                    newFee: Money(minorUnits: n.value(w)))
            }
        }
        return nil
    }

    /// Whether a formula charges nothing for every amount and quantity (decided by values, spec §6).
    public static func isAlwaysFree(_ formula: FeeFormula, rounding: RoundingMode, minorDigits: Int) -> Bool {
        firstRaise(old: .simple(.free), oldRounding: rounding, new: formula, newRounding: rounding,
                   minorDigits: minorDigits) == nil
    }

    // MARK: - The exact search over one segment

    /// The first point in `lo...hi` where `new(t) > old(t)`, if any (exact, never a guess).
    package static func firstRaise(old: LinearFee, new: LinearFee, lo: Int128, hi: Int128) -> Int128? {
        // clamp(u) = max(min, min(u, max)), and both fees never fall as t grows.
        // new > old  ⟺  old(t) < new.max  and  (new.min > old(t)  or  new.u(t) > old(t)).
        var end = hi
        if let nmax = new.max {
            guard let last = lastPoint(in: lo...hi, where: { old.value($0) < nmax }) else { return nil }
            end = last
        }
        if new.min > old.value(lo) { return lo }
        // new.u > old(t) = max(old.min, min(old.u, old.max))
        //   ⟺  new.u > old.min  and  (new.u > old.u  or  new.u > old.max).
        guard let start = firstPoint(in: lo...end, where: { new.unclamped($0) > old.min }) else { return nil }
        var aboveMax: Int128?
        if let omax = old.max { aboveMax = firstPoint(in: start...end, where: { new.unclamped($0) > omax }) }
        let beforeMax = (aboveMax ?? end + 1) - 1
        if start <= beforeMax, let t = firstUnclampedRaise(old: old, new: new, lo: start, hi: beforeMax) { return t }
        return aboveMax
    }

    /// The first point in `lo...hi` where the rounded, unclamped new fee exceeds the old one.
    ///
    /// Each rounded fee is ⌊(x + α) / S⌋ + τ(x) with x = c + k·t (`RoundingMode.floorOffset`,
    /// `tieResidue`). With e(t) = (xₙ + αₙ) − (xₒ + αₒ) and q = ⌊e / S⌋, the difference of the two
    /// floors is q or q + 1 and the τ terms are 0 or 1, so new > old is certain where q ≥ 2,
    /// impossible where q ≤ −2, and decided by counting lattice points (`LatticeCount.floorSum`)
    /// on the at most three stretches where q is −1, 0 or 1: O(log) work for any rates, bands and
    /// rounding modes, instead of a walk over the amounts.
    static func firstUnclampedRaise(old: LinearFee, new: LinearFee, lo: Int128, hi: Int128) -> Int128? {
        let pair = RoundedPair(old: old, new: new)
        var best = pair.stretch(lowE: 2 * scale, highE: nil, lo: lo, hi: hi).map(\.lowerBound)
        for qv: Int128 in [-1, 0, 1] {
            guard let piece = pair.stretch(lowE: qv * scale, highE: (qv + 1) * scale, lo: lo, hi: best.map { $0 - 1 } ?? hi)
            else { continue }
            if let t = pair.firstRaise(in: piece, q: qv) { best = Swift.min(best ?? t, t) }
        }
        return best
    }

    /// The first point of a range where a monotone predicate (false…false true…true) holds.
    static func firstPoint(in range: ClosedRange<Int128>, where p: (Int128) -> Bool) -> Int128? {
        guard p(range.upperBound) else { return nil }
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if p(mid) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The last point of a range where a monotone predicate (true…true false…false) holds.
    static func lastPoint(in range: ClosedRange<Int128>, where p: (Int128) -> Bool) -> Int128? {
        guard p(range.lowerBound) else { return nil }
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = lo + (hi - lo + 1) / 2
            if p(mid) { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

/// One simple formula as a function of one integer variable t, the quantity (per unit) or the
/// amount in minor units (per transaction, quantity 1): `clamp(round((c + k·t) / S))`. Its value
/// is the calculator's own `SimpleFormula.gross`; `c` and `k` are the same arithmetic written as a
/// line, for the lattice counts.
package struct LinearFee {
    let formula: SimpleFormula
    let perUnit: Bool
    let c: Int128
    let k: Int128
    let rounding: RoundingMode
    let min: Int128
    let max: Int128?

    /// Per unit: t is the quantity.
    package init(perUnit f: SimpleFormula, rounding: RoundingMode) {
        formula = f
        perUnit = true
        c = 0
        k = (f.flat?.minorUnits ?? 0) * FeeComparison.scale
        self.rounding = rounding
        min = f.min?.minorUnits ?? 0
        max = f.max?.minorUnits
    }

    /// Per transaction at quantity 1: t is the amount in minor units.
    package init(perTransaction f: SimpleFormula, rounding: RoundingMode) {
        formula = f
        perUnit = false
        c = (f.flat?.minorUnits ?? 0) * FeeComparison.scale
        k = f.rate?.hundredMillionths ?? 0
        self.rounding = rounding
        min = f.min?.minorUnits ?? 0
        max = f.max?.minorUnits
    }

    private func gross(_ t: Int128) -> GrossFee {
        perUnit ? formula.gross(quantity: t, amount: 0, rounding: rounding) : formula.gross(quantity: 1, amount: t, rounding: rounding)
    }

    /// The exact fee (before rounding) at t.
    func exact(_ t: Int128) -> Int128 { gross(t).exact }

    /// The rounded fee before clamping at t.
    func unclamped(_ t: Int128) -> Int128 { gross(t).rounded }

    /// The gross fee at t.
    package func value(_ t: Int128) -> Int128 { gross(t).fee }
}

/// Two rounded linear fees over one variable, in the floor form of `RoundingMode.divide`, with
/// the lattice counts that decide where the new one is above the old one.
private struct RoundedPair {
    let old: LinearFee
    let new: LinearFee
    let s = FeeComparison.scale
    /// e(t) = e0 + de·t.
    let e0: Int128
    let de: Int128
    /// Where τ = 1 for each fee (half-even ties), nil when never.
    let newTies: LatticeCount.Progression?
    let oldTies: LatticeCount.Progression?
    let bothTies: LatticeCount.Progression?

    init(old: LinearFee, new: LinearFee) {
        self.old = old
        self.new = new
        let s = FeeComparison.scale
        e0 = (new.c + new.rounding.floorOffset(s)) - (old.c + old.rounding.floorOffset(s))
        de = new.k - old.k
        newTies = new.rounding.tieResidue(s).flatMap { LatticeCount.solve(new.k, $0 - new.c, modulo: 2 * s) }
        oldTies = old.rounding.tieResidue(s).flatMap { LatticeCount.solve(old.k, $0 - old.c, modulo: 2 * s) }
        if let a = newTies, let b = oldTies { bothTies = LatticeCount.intersect(a, b) } else { bothTies = nil }
    }

    /// The points of `lo...hi` where lowE ≤ e(t) < highE (highE nil: no upper bound); e is linear,
    /// so they form one range.
    func stretch(lowE: Int128, highE: Int128?, lo: Int128, hi: Int128) -> ClosedRange<Int128>? {
        var a = lo, b = hi
        if de == 0 {
            guard e0 >= lowE, highE.map({ e0 < $0 }) ?? true else { return nil }
        } else if de > 0 {
            a = Swift.max(a, LatticeCount.ceilDiv(lowE - e0, de))
            if let highE { b = Swift.min(b, LatticeCount.ceilDiv(highE - e0, de) - 1) }
        } else {
            b = Swift.min(b, LatticeCount.floorDiv(lowE - e0, de))
            if let highE { a = Swift.max(a, LatticeCount.floorDiv(highE - e0, de) + 1) }
        }
        return a <= b ? a...b : nil
    }

    /// Σ ⌊(x + α) / S⌋ of one fee over the members of `p` in `r`.
    private func floorSum(_ f: LinearFee, _ p: LatticeCount.Progression, _ r: ClosedRange<Int128>) -> (sum: Int128, count: Int128) {
        let (first, n) = p.members(in: r.lowerBound, r.upperBound)
        let sum = LatticeCount.floorSum(count: n, modulus: s, slope: f.k * p.step,
                                        offset: f.c + f.k * first + f.rounding.floorOffset(s))
        return (sum, n)
    }

    /// How many members t of `p` in `r` have base(t) = ⌊(xₙ + αₙ)/S⌋ − ⌊(xₒ + αₒ)/S⌋ ≥ h, where
    /// base is q or q + 1 throughout `r`.
    private func count(_ p: LatticeCount.Progression?, _ r: ClosedRange<Int128>, q: Int128, atLeast h: Int128) -> Int128 {
        guard let p else { return 0 }
        if h > q + 1 { return 0 }
        let n = floorSum(new, p, r), o = floorSum(old, p, r)
        if h <= q { return n.count }
        return n.sum - o.sum - q * n.count
    }

    /// How many t in `r` (where ⌊e / S⌋ = q) have new(t) > old(t), i.e. base ≥ 1 − τₙ + τₒ.
    func raises(in r: ClosedRange<Int128>, q: Int128) -> Int128 {
        let all = LatticeCount.Progression.all
        // Neither tie (threshold 1), only new's (0), only old's (2), both (1).
        return count(all, r, q: q, atLeast: 1) - count(newTies, r, q: q, atLeast: 1) - count(oldTies, r, q: q, atLeast: 1)
            + 2 * count(bothTies, r, q: q, atLeast: 1)
            + count(newTies, r, q: q, atLeast: 0) - count(bothTies, r, q: q, atLeast: 0)
            + count(oldTies, r, q: q, atLeast: 2) - count(bothTies, r, q: q, atLeast: 2)
    }

    /// The first t in `r` (where ⌊e / S⌋ = q) with new(t) > old(t): a binary search on counts.
    func firstRaise(in r: ClosedRange<Int128>, q: Int128) -> Int128? {
        guard raises(in: r, q: q) > 0 else { return nil }
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if raises(in: r.lowerBound...mid, q: q) > 0 { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

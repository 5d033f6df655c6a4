/// Where a new version's gross fee for an item is higher than the old one's.
public struct RaiseWitness: Sendable, Hashable {
    public enum Domain: Sendable, Hashable {
        /// The fee depends on the transaction amount; `point` is an amount in minor units.
        case amount
        /// Both fees are per unit; `point` is a quantity.
        case quantity
    }

    public var domain: Domain
    public var point: Int128
    public var oldFee: Money
    public var newFee: Money
    /// True when the raise could not be ruled out within the search budget; treated as a raise.
    public var unproven: Bool
}

/// Exact comparison of two fee formulas over every amount (or quantity) a request can give,
/// for the notice rule of spec §5. No sampling: each band is compared as a whole.
public enum FeeComparison {
    /// The scale of exact fees: one minor unit is 10^8 units of the rate scale.
    static let scale: Int128 = Rate.one
    /// The greatest quantity a request may give (spec §2).
    public static let maxQuantity: Int128 = 1_000_000

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
                RaiseWitness(domain: .quantity, point: $0.point, oldFee: Money(minorUnits: o.value($0.point)),
                             newFee: Money(minorUnits: n.value($0.point)), unproven: $0.unproven)
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
                return RaiseWitness(domain: .amount, point: w.point, oldFee: Money(minorUnits: o.value(w.point)),
                                    newFee: Money(minorUnits: n.value(w.point)), unproven: w.unproven)
            }
        }
        return nil
    }

    /// Whether a formula charges nothing for every amount and quantity (decided by values, spec §6).
    public static func isAlwaysFree(_ formula: FeeFormula, rounding: RoundingMode, minorDigits: Int) -> Bool {
        firstRaise(old: .simple(SimpleFormula(flat: .zero)), oldRounding: rounding, new: formula, newRounding: rounding,
                   minorDigits: minorDigits) == nil
    }

    // MARK: - The exact search over one segment

    /// A point in `lo...hi` where `new(t) > old(t)`, if any.
    static func firstRaise(old: LinearFee, new: LinearFee, lo: Int128, hi: Int128) -> (point: Int128, unproven: Bool)? {
        // clamp(u) = max(min, min(u, max)). new > old  ⟺  new.min > old(t)  or  (new.u(t) > old(t) and new.max > old(t)).
        if new.min > old.value(lo) { return (lo, false) }
        // Restrict to where old(t) < new.max.
        var end = hi
        if let nmax = new.max {
            guard let last = lastPoint(in: lo...hi, where: { old.value($0) < nmax }) else { return nil }
            end = last
        }
        // new.u > old(t) = max(old.min, min(old.u, old.max))  ⟺  new.u > old.min and (new.u > old.u or new.u > old.max).
        let uEnd = new.unclamped(end)
        if uEnd > old.min, let omax = old.max, uEnd > omax,
           let first = firstPoint(in: lo...end, where: { new.unclamped($0) > old.min && new.unclamped($0) > omax }) {
            return (first, false)
        }
        guard let start = firstPoint(in: lo...end, where: { new.unclamped($0) > old.min }) else { return nil }
        return firstUnclampedRaise(old: old, new: new, lo: start, hi: end)
    }

    /// A point where the rounded but unclamped new fee exceeds the old one.
    static func firstUnclampedRaise(old: LinearFee, new: LinearFee, lo: Int128, hi: Int128) -> (point: Int128, unproven: Bool)? {
        let twoS = 2 * scale
        // D(t) = new.X(t) − old.X(t) is linear; D ≥ 2S guarantees a raise, D ≤ −2S rules it out.
        func d(_ t: Int128) -> Int128 { new.exact(t) - old.exact(t) }
        if d(lo) >= twoS { return (lo, false) }
        if d(hi) >= twoS { return (hi, false) }
        if d(lo) <= -twoS && d(hi) <= -twoS { return nil }
        if new.k == old.k {
            return firstPeriodicRaise(old: old, new: new, difference: d(lo), lo: lo, hi: hi).map { ($0, false) }
        }
        // Different rates: only a zone of at most 4S/|Δk| points is undecided; walk it by fee steps.
        var t: Int128
        let zoneEnd: Int128
        if new.k > old.k {
            guard let first = firstPoint(in: lo...hi, where: { d($0) > -twoS }) else { return nil }
            t = first
            zoneEnd = hi
        } else {
            guard let last = lastPoint(in: lo...hi, where: { d($0) > -twoS }) else { return nil }
            t = lo
            zoneEnd = last
        }
        var steps = 0
        while t <= zoneEnd {
            let n = new.unclamped(t), o = old.unclamped(t)
            if n > o { return (t, false) }
            steps += 1
            if steps > 20_000_000 { return (t, true) }
            // new must reach o + 1 before it can pass old, which never falls.
            guard let next = new.firstUnclamped(atLeast: o + 1, from: t), next > t else { return nil }
            t = next
        }
        return nil
    }

    /// Equal rates: whether new rounds above old depends only on old.X(t) mod 2S, so test residue windows.
    static func firstPeriodicRaise(old: LinearFee, new: LinearFee, difference dd: Int128, lo: Int128, hi: Int128) -> Int128? {
        let s = scale, m = 2 * scale
        // Residues ρ of old.X where the predicate can change: step points of either rounding.
        var cuts: Set<Int128> = [0]
        for base in new.rounding.stepResidues(scale: s) {
            cuts.insert(((base - dd) % m + m) % m)
        }
        for base in old.rounding.stepResidues(scale: s) { cuts.insert(base % m) }
        let sorted = cuts.sorted()
        var best: Int128?
        for (i, a) in sorted.enumerated() {
            let b = i + 1 < sorted.count ? sorted[i + 1] - 1 : m - 1
            // P(ρ) = new.R(ρ + 2S + d) > old.R(ρ + 2S), constant on [a, b].
            let holds = new.rounding.divide(a + m + dd, by: s) > old.rounding.divide(a + m, by: s)
            guard holds else { continue }
            let start = (old.c + old.k * lo) % m
            if let j = ModularSearch.firstStep(stride: old.k % m, start: start, modulus: m, low: a, high: b),
               j <= hi - lo {
                best = min(best ?? lo + j, lo + j)
            }
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

/// One simple formula as a function of one integer variable t: `clamp(round((c + k·t) / S))`.
struct LinearFee {
    let c: Int128
    let k: Int128
    let rounding: RoundingMode
    let min: Int128
    let max: Int128?

    /// Per unit: t is the quantity.
    init(perUnit f: SimpleFormula, rounding: RoundingMode) {
        c = 0
        k = (f.flat?.minorUnits ?? 0) * FeeComparison.scale
        self.rounding = rounding
        min = f.min?.minorUnits ?? 0
        max = f.max?.minorUnits
    }

    /// Per transaction at quantity 1: t is the amount in minor units.
    init(perTransaction f: SimpleFormula, rounding: RoundingMode) {
        c = (f.flat?.minorUnits ?? 0) * FeeComparison.scale
        k = f.rate?.hundredMillionths ?? 0
        self.rounding = rounding
        min = f.min?.minorUnits ?? 0
        max = f.max?.minorUnits
    }

    func exact(_ t: Int128) -> Int128 { c + k * t }

    func unclamped(_ t: Int128) -> Int128 { rounding.divide(exact(t), by: FeeComparison.scale) }

    func value(_ t: Int128) -> Int128 {
        var v = unclamped(t)
        if v < min { v = min }
        if let max, v > max { v = max }
        return v
    }

    /// The first t ≥ `from` whose rounded, unclamped fee is at least `v`.
    func firstUnclamped(atLeast v: Int128, from: Int128) -> Int128? {
        let threshold = rounding.smallestNumerator(roundingTo: v, scale: FeeComparison.scale)
        if exact(from) >= threshold { return from }
        guard k > 0 else { return nil }
        let need = threshold - c
        return Swift.max(from, (need + k - 1) / k)
    }
}

extension RoundingMode {
    /// The smallest non-negative numerator X with `divide(X, by: scale) ≥ v`.
    func smallestNumerator(roundingTo v: Int128, scale s: Int128) -> Int128 {
        if v <= 0 { return 0 }
        switch self {
        case .down: return v * s
        case .up: return (v - 1) * s + 1
        case .halfUp: return (v - 1) * s + s / 2
        case .halfEven: return (v - 1) * s + s / 2 + ((v - 1) % 2 == 0 ? 1 : 0)
        }
    }

    /// Residues mod 2S of the numerators where the rounded value steps up.
    func stepResidues(scale s: Int128) -> [Int128] {
        switch self {
        case .down: return [0, s]
        case .up: return [1, s + 1]
        case .halfUp: return [s / 2, s + s / 2]
        case .halfEven: return [s / 2 + 1, s + s / 2]
        }
    }
}

/// Solving "the first step j ≥ 0 with (start + stride·j) mod m in [low, high]" in O(log m).
enum ModularSearch {
    static func firstStep(stride a: Int128, start b: Int128, modulus m: Int128, low: Int128, high: Int128) -> Int128? {
        // Shift the window by −start; it may wrap into two windows.
        let l = ((low - b) % m + m) % m
        let r = ((high - b) % m + m) % m
        if l <= r { return firstMultiple(a % m, m, l, r) }
        let first = firstMultiple(a % m, m, l, m - 1)
        let second = firstMultiple(a % m, m, 0, r)
        switch (first, second) {
        case let (x?, y?): return Swift.min(x, y)
        case let (x?, nil): return x
        case let (nil, y?): return y
        default: return nil
        }
    }

    /// The least x ≥ 0 with (a·x) mod m in [l, r], where 0 ≤ l ≤ r < m and 0 ≤ a < m.
    static func firstMultiple(_ a: Int128, _ m: Int128, _ l: Int128, _ r: Int128) -> Int128? {
        if l == 0 { return 0 }
        if a == 0 { return nil }
        let x = (l + a - 1) / a
        if a * x <= r { return x }
        // No multiple of a in [l, r]: a·x − m·y ∈ [l, r] ⟺ (m·y) mod a ∈ [(−r) mod a, (−l) mod a].
        guard let y = firstMultiple(m % a, a, (a - r % a) % a, (a - l % a) % a) else { return nil }
        return (l + m * y + a - 1) / a
    }
}

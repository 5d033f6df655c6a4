/// Exact counting of integer points under lines, for deciding in O(log) steps whether one
/// rounded linear fee ever exceeds another on a range of amounts or quantities (spec §5).
package enum LatticeCount {
    /// ⌊a / b⌋ for any signs, b ≠ 0.
    package static func floorDiv(_ a: Int128, _ b: Int128) -> Int128 {
        let q = a / b
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q
    }

    /// ⌈a / b⌉ for any signs, b ≠ 0.
    static func ceilDiv(_ a: Int128, _ b: Int128) -> Int128 { -floorDiv(-a, b) }

    /// Σ_{j=0}^{n−1} ⌊(a·j + b) / m⌋ for m > 0, n ≥ 0 and a, b of any sign. The classic
    /// Euclid-like reduction: O(log m) steps. Callers keep |a|·n + |b| and the result below 2^120.
    package static func floorSum(count n: Int128, modulus m: Int128, slope a: Int128, offset b: Int128) -> Int128 {
        guard n > 0 else { return 0 }
        var total: Int128 = 0
        var a = a, b = b, n = n, m = m
        let qa = floorDiv(a, m), qb = floorDiv(b, m)
        total += qa * (n * (n - 1) / 2) + qb * n
        a -= qa * m
        b -= qb * m
        while true {
            if a >= m {
                total += (n - 1) * n / 2 * (a / m)
                a %= m
            }
            if b >= m {
                total += n * (b / m)
                b %= m
            }
            let yMax = a * n + b
            if yMax < m { break }
            n = yMax / m
            b = yMax % m
            swap(&m, &a)
        }
        return total
    }

    /// The integers t = first + step·j (step > 0, 0 ≤ first < step).
    package struct Progression: Hashable {
        package let first: Int128
        package let step: Int128

        package init(first: Int128, step: Int128) {
            self.first = first
            self.step = step
        }

        static let all = Progression(first: 0, step: 1)

        /// The members in `lo...hi`: the smallest and how many.
        package func members(in lo: Int128, _ hi: Int128) -> (first: Int128, count: Int128) {
            guard lo <= hi else { return (lo, 0) }
            let start = first + LatticeCount.ceilDiv(lo - first, step) * step
            guard start <= hi else { return (start, 0) }
            return (start, (hi - start) / step + 1)
        }
    }

    /// The solutions of k·t ≡ r (mod m), m > 0: a progression, or nil when there are none.
    package static func solve(_ k: Int128, _ r: Int128, modulo m: Int128) -> Progression? {
        let k = ((k % m) + m) % m, r = ((r % m) + m) % m
        let g = gcd(k, m)
        guard r % g == 0 else { return nil }
        let step = m / g
        if step == 1 { return .all }
        let t = (r / g) * inverse(k / g, modulo: step) % step
        return Progression(first: t, step: step)
    }

    /// The common members of two progressions, or nil when they share none.
    package static func intersect(_ p: Progression, _ q: Progression) -> Progression? {
        // p.first + p.step·j ≡ q.first (mod q.step)
        guard let j = solve(p.step, q.first - p.first, modulo: q.step) else { return nil }
        let step = p.step / gcd(p.step, q.step) * q.step
        let first = ((p.first + p.step * j.first) % step + step) % step
        return Progression(first: first, step: step)
    }

    static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var a = a < 0 ? -a : a, b = b < 0 ? -b : b
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// x with a·x ≡ 1 (mod m), for gcd(a, m) = 1 and m > 1.
    static func inverse(_ a: Int128, modulo m: Int128) -> Int128 {
        var (r0, r1) = (a % m, m)
        var (s0, s1): (Int128, Int128) = (1, 0)
        while r1 != 0 {
            let q = r0 / r1
            (r0, r1) = (r1, r0 - q * r1)
            (s0, s1) = (s1, s0 - q * s1)
        }
        return ((s0 % m) + m) % m
    }
}

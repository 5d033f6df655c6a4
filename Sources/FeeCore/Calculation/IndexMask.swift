/// A set of small non-negative integers (positions in a declared list: tiers, segments, channels,
/// reasons, branches, waivers) as bits: the first 64 inline, more in words allocated only when a
/// list is that long. Conditions and eligible waivers are held this way so that a quote compares
/// integers, not strings, and allocates nothing.
public struct IndexMask: Sendable, Hashable {
    private var low: UInt64 = 0
    /// Bits 64 and above; nil (not empty) until one is set, so that the usual mask holds no
    /// reference and copying it counts none. Never emptied once made (no removal), so equal sets
    /// have equal fields.
    private var high: [UInt64]?

    /// The empty set.
    public init() {}

    /// Adds `i` (0 or more).
    @inline(__always)
    package mutating func insert(_ i: Int) {
        if i < 64 { low |= 1 << UInt64(i); return }
        let w = (i - 64) >> 6
        var words = high ?? []
        high = nil
        if words.count <= w { words.append(contentsOf: repeatElement(0, count: w + 1 - words.count)) }
        words[w] |= 1 << UInt64(i & 63)
        high = words
    }

    /// Whether `i` is in the set.
    @inline(__always)
    public func contains(_ i: Int) -> Bool {
        if i < 64 { return low & (1 << UInt64(i)) != 0 }
        guard let high else { return false }
        let w = (i - 64) >> 6
        return w < high.count && high[w] & (1 << UInt64(i & 63)) != 0
    }

    /// Whether the two sets share a member.
    @inline(__always)
    package func intersects(_ other: IndexMask) -> Bool {
        if low & other.low != 0 { return true }
        guard let high, let otherHigh = other.high else { return false }
        for w in 0..<min(high.count, otherHigh.count) where high[w] & otherHigh[w] != 0 { return true }
        return false
    }

    /// Whether the set is empty.
    public var isEmpty: Bool { low == 0 && !(high ?? []).contains { $0 != 0 } }

    /// The members in increasing order.
    public var members: [Int] {
        var out: [Int] = []
        forEach { out.append($0) }
        return out
    }

    /// Calls `body` with each member in increasing order.
    @inline(__always)
    package func forEach(_ body: (Int) -> Void) {
        var l = low
        while l != 0 { body(l.trailingZeroBitCount); l &= l - 1 }
        guard let high else { return }
        for w in 0..<high.count {
            var v = high[w]
            while v != 0 { body(64 + w * 64 + v.trailingZeroBitCount); v &= v - 1 }
        }
    }
}

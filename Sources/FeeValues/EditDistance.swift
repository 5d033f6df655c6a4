/// Levenshtein distance, for "did you mean" suggestions on typos in keys, codes and ids
/// (over Unicode scalars; ASCII pairs by bytes, bit-parallel when one word has at most 64).
package func editDistance(_ a: String, _ b: String) -> Int {
    editDistance(a, b, atMost: Int.max)!
}

/// The distance when it is at most `bound`, else nil; stops as soon as the bound is exceeded (the
/// length difference alone, or a whole row above it), so ranking many candidates stays cheap.
package func editDistance(_ a: String, _ b: String, atMost bound: Int) -> Int? {
    editDistance(a, b, atMost: bound, patternOfA: BitPattern(a))
}

/// `editDistance(_:_:atMost:)` with `a`'s bit pattern made already (nil: `a` has none).
private func editDistance(_ a: String, _ b: String, atMost bound: Int, patternOfA: BitPattern?) -> Int? {
    // The distance is symmetric: either word, when it is at most 64 ASCII bytes, is the pattern.
    switch patternOfA?.distance(to: b, atMost: bound) ?? BitPattern(b)?.distance(to: a, atMost: bound) {
    case .within(let d)?: return d
    case .beyond?: return nil
    case .notASCII?, nil: break
    }
    if a.utf8.allSatisfy({ $0 < 0x80 }) && b.utf8.allSatisfy({ $0 < 0x80 }) {
        return levenshtein(Array(a.utf8), Array(b.utf8), atMost: bound)
    }
    return levenshtein(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), atMost: bound)
}

/// An ASCII word of at most 64 bytes made ready for Myers' bit-parallel edit distance (in
/// Hyyrö's form): each column of the distance matrix is two 64-bit words of +1 and −1 steps, so a
/// text is measured in a handful of word operations per byte instead of a row of cells. Made
/// once per word, it measures every candidate: suggestions for an unknown item code compare it
/// with every code of the table.
struct BitPattern {
    /// For each ASCII byte, the positions of the word that hold it.
    private let positions: [UInt64]
    private let length: Int

    /// The pattern of `word`, or nil when it is longer than 64 bytes or not ASCII.
    init?(_ word: String) {
        let bytes = word.utf8
        guard bytes.count <= 64 else { return nil }
        var positions = [UInt64](repeating: 0, count: 128)
        var k = 0
        for b in bytes {
            guard b < 0x80 else { return nil }
            positions[Int(b)] |= 1 << UInt64(k)
            k += 1
        }
        self.positions = positions
        length = k
    }

    /// What measuring a text gave.
    enum Measure {
        case within(Int)
        case beyond
        /// The text is not ASCII: the distance counts its scalars, which a byte pattern cannot.
        case notASCII
    }

    /// The distance to `text` when it is at most `bound`.
    func distance(to text: String, atMost bound: Int) -> Measure {
        let measured = text.utf8.withContiguousStorageIfAvailable { distance(to: $0, atMost: bound) }
        return measured ?? Array(text.utf8).withUnsafeBufferPointer { distance(to: $0, atMost: bound) }
    }

    private func distance(to text: UnsafeBufferPointer<UInt8>, atMost bound: Int) -> Measure {
        let n = text.count
        for b in text where b >= 0x80 { return .notASCII }
        if abs(n - length) > bound { return .beyond }
        if length == 0 { return n <= bound ? .within(n) : .beyond }
        let high: UInt64 = 1 << UInt64(length - 1)
        var plusV: UInt64 = ~0, minusV: UInt64 = 0
        var score = length
        var left = n
        for b in text {
            let eq = positions[Int(b)]
            let xv = eq | minusV
            let xh = (((eq & plusV) &+ plusV) ^ plusV) | eq
            var plusH = minusV | ~(xh | plusV)
            var minusH = plusV & xh
            if plusH & high != 0 { score += 1 } else if minusH & high != 0 { score -= 1 }
            plusH = (plusH << 1) | 1
            minusH <<= 1
            plusV = minusH | ~(xv | plusH)
            minusV = plusH & xv
            left -= 1
            // The last row falls by at most one per byte still to come.
            if score - left > bound { return .beyond }
        }
        return score <= bound ? .within(score) : .beyond
    }
}

private func levenshtein<T: Equatable>(_ x: [T], _ y: [T], atMost bound: Int) -> Int? {
    if abs(x.count - y.count) > bound { return nil }
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var row = Array(0...y.count)
    for i in 1...x.count {
        var diagonal = row[0]
        row[0] = i
        var smallest = row[0]
        for j in 1...y.count {
            let above = row[j]
            row[j] = Swift.min(above + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1))
            diagonal = above
            smallest = Swift.min(smallest, row[j])
        }
        // Every later row is at least this row's smallest value.
        if smallest > bound { return nil }
    }
    return row[y.count] <= bound ? row[y.count] : nil
}

/// The candidates closest to `word`, best first, at most `limit`, within a distance that still looks like a typo.
package func closestMatches(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
    let threshold = max(2, word.count / 3)
    let pattern = BitPattern(word)   // made once for all the candidates
    let scored = candidates.compactMap { c in
        editDistance(word, c, atMost: threshold, patternOfA: pattern).map { (candidate: c, distance: $0) }
    }
        .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
    return Array(scored.prefix(limit).map(\.candidate))
}

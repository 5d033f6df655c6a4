/// Levenshtein distance, for "did you mean" suggestions on typos in keys, codes and ids
/// (over Unicode scalars; ASCII-only pairs take a byte path without allocation per character).
package func editDistance(_ a: String, _ b: String) -> Int {
    editDistance(a, b, atMost: Int.max)!
}

/// The distance when it is at most `bound`, else nil; stops as soon as the bound is exceeded (the
/// length difference alone, or a whole row above it), so ranking many candidates stays cheap.
package func editDistance(_ a: String, _ b: String, atMost bound: Int) -> Int? {
    if a.utf8.allSatisfy({ $0 < 0x80 }) && b.utf8.allSatisfy({ $0 < 0x80 }) {
        return levenshtein(Array(a.utf8), Array(b.utf8), atMost: bound)
    }
    return levenshtein(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), atMost: bound)
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
    let scored = candidates.compactMap { c in editDistance(word, c, atMost: threshold).map { (candidate: c, distance: $0) } }
        .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
    return Array(scored.prefix(limit).map(\.candidate))
}

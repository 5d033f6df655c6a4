/// Levenshtein distance, for "did you mean" suggestions on typos in keys, codes and ids.
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[y.count]
}

/// The candidates closest to `word`, best first, at most `limit`, within a distance that still looks like a typo.
public func closestMatches(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
    let threshold = max(2, word.count / 3)
    let scored = candidates.map { (candidate: $0, distance: editDistance(word, $0)) }
        .filter { $0.distance <= threshold }
        .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
    return Array(scored.prefix(limit).map(\.candidate))
}

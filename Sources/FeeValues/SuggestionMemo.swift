import Synchronization

/// The nearest item codes of a table for each unknown code asked about, remembered: suggestions
/// cost an edit distance against every code, and a batch with a misspelt code usually repeats it.
/// Safe to share between threads; bounded, so hostile input cannot grow it without end.
package final class SuggestionMemo: Sendable {
    private let memo = Mutex<[String: [String]]>([:])
    private let capacity = 4_096

    /// An empty memo.
    package init() {}

    /// The suggestions for `code`, computed by `compute` the first time.
    package func suggestions(for code: String, _ compute: () -> [String]) -> [String] {
        if let known = memo.withLock({ $0[code] }) { return known }
        let found = compute()
        memo.withLock { memo in
            if memo.count >= capacity { memo.removeAll(keepingCapacity: true) }
            memo[code] = found
        }
        return found
    }
}

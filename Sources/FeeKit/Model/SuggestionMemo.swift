import Foundation

/// The nearest item codes of a table for each unknown code asked about, remembered: suggestions
/// cost an edit distance against every code, and a batch with a misspelt code usually repeats it.
/// Safe to share between threads; bounded, so hostile input cannot grow it without end.
final class SuggestionMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var memo: [String: [String]] = [:]
    private let capacity = 4_096

    /// The suggestions for `code`, computed by `compute` the first time.
    func suggestions(for code: String, _ compute: () -> [String]) -> [String] {
        lock.lock()
        let known = memo[code]
        lock.unlock()
        if let known { return known }
        let found = compute()
        lock.lock()
        if memo.count >= capacity { memo.removeAll(keepingCapacity: true) }
        memo[code] = found
        lock.unlock()
        return found
    }
}

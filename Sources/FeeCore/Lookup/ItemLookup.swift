import FeeValues

/// Finding an item the way a teller types it: an exact code, a unique code prefix, or words of
/// its name in any language.
public enum ItemLookup {
    /// The outcome of resolving what the teller typed.
    public enum Resolution: Sendable {
        /// The exact code, or the one code that starts with the text.
        case found(FeeItem)
        /// Several codes start with the text.
        case ambiguous([FeeItem])
        /// Nothing matches; the closest items by code and by name, best first.
        case notFound(suggestions: [FeeItem])
    }

    /// Resolves `text` to one item of `table`.
    public static func resolve(_ text: String, in table: FeeTable) -> Resolution {
        if let exact = table.item(text) { return .found(exact) }
        let prefixed = table.items.filter { $0.code.hasPrefix(text) }
        if prefixed.count == 1 { return .found(prefixed[0]) }
        if prefixed.count > 1 { return .ambiguous(prefixed) }
        return .notFound(suggestions: suggestions(for: text, in: table))
    }

    /// Items whose code is close to `text` or whose name in any language contains it.
    public static func suggestions(for text: String, in table: FeeTable, limit: Int = 5) -> [FeeItem] {
        var byCode = closestMatches(to: text, in: table.items.map(\.code), limit: 3).compactMap(table.item)
        // A typo in the first part of a code: compare with each code's prefix of the same length.
        let n = text.count
        let prefixTolerance = max(1, n / 5)
        byCode += table.items.filter { $0.code.count > n && editDistance(text, String($0.code.prefix(n))) <= prefixTolerance }
        let byName = search(text, in: table)
        var seen: Set<String> = []
        return (byCode + byName).filter { seen.insert($0.code).inserted }.prefix(limit).map { $0 }
    }

    /// Items whose code, ref or name in any language contains `query` (case-insensitive for Latin letters).
    public static func search(_ query: String, in table: FeeTable) -> [FeeItem] {
        let q = query.lowercased()
        guard !q.isEmpty else { return table.items }
        return table.items.filter { item in
            if item.code.lowercased().contains(q) || (item.ref?.lowercased().contains(q) ?? false) { return true }
            let texts = item.name.translations.map(\.text) + (item.content?.translations.map(\.text) ?? [])
            return texts.contains { $0.lowercased().contains(q) }
        }
    }
}

/// A notice cut into the screens of a branch display (`--layout display`): 1920 × 1080, large
/// type, read from a distance, each screen advancing to the next by itself (no scripts).
extension Document {
    /// The columns (0-based) a branch screen leaves out of a table, by the table's class: of the
    /// price list, the number, what you get and the basis (a passer-by needs service, price, unit
    /// and for whom). The style sheet hides them and the screens do not weigh them.
    static let displayHiddenColumns: [String: [Int]] = ["items": [0, 2, 6]]

    /// The screens: the first with the notice's masthead and facts, then one per category (a long
    /// one over several, `rows` units at a time), then the other sections; every screen repeats the
    /// bank's name and says which screen of how many it is, and names the next one to show after
    /// `seconds` (the last goes back to the first). `name(k)` is the file of screen `k` (0-based).
    public func screens(rows requested: Int? = nil, seconds: Int = 20, name: (Int) -> String) -> [Document] {
        let rows = requested ?? 5
        // Rows by weight: the lines the row's tallest shown cell takes (at about 40 characters a line,
        // every language and band on its own lines), two lines to a unit.
        var masthead: [DocBlock] = []
        var facts: [DocBlock] = []
        var groups: [[DocBlock]] = []
        func lines(_ cell: DocText) -> Int {
            var n = 0
            for text in cell {
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) { n += max(1, (line.count + 39) / 40) }
            }
            return n
        }
        func weight(_ row: [DocText], hidden: [Int]) -> Int {
            var tallest = 1
            for (k, cell) in row.enumerated() where !hidden.contains(k) { tallest = max(tallest, lines(cell)) }
            return max(1, (tallest + 1) / 2)
        }
        // The first screen also holds the masthead's facts (about two units).
        var firstScreen = true
        func chunks(_ all: [[DocText]], tableClass: String = "") -> [[[DocText]]] {
            let hidden = Self.displayHiddenColumns[tableClass, default: []]
            var out: [[[DocText]]] = [], current: [[DocText]] = [], load = 0
            let onFirst = firstScreen && groups.isEmpty
            firstScreen = false
            for r in all {
                let w = weight(r, hidden: hidden)
                let budget = out.isEmpty && onFirst && !facts.isEmpty ? rows - 2 : rows
                if !current.isEmpty && load + w > budget { out.append(current); current = []; load = 0 }
                current.append(r); load += w
            }
            if !current.isEmpty { out.append(current) }
            return out
        }
        var k = 0
        // The masthead: the headings before the facts; the facts on the first screen.
        while k < blocks.count, case .heading = blocks[k] { masthead.append(blocks[k]); k += 1 }
        while k < blocks.count, case .facts = blocks[k] { facts.append(blocks[k]); k += 1 }
        var current: [DocBlock] = []
        func flush() { if !current.isEmpty { groups.append(current); current = [] } }
        func place(_ b: DocBlock) {
            switch b {
            case .section(let c, let inner) where c != "footer":
                // A category's table, a screenful of rows at a time, its caption on each.
                if inner.count == 2, case .heading = inner[0], case .table(let tc, let columns, let all) = inner[1] {
                    flush()
                    for part in chunks(all, tableClass: tc) {
                        groups.append([.section(className: c, [inner[0], .table(className: tc, columns: columns, rows: part)])])
                    }
                } else {
                    inner.forEach(place)
                }
            case .heading(let level, _) where level <= 2:
                flush()
                current.append(b)
            case .list(let items):
                // A long list over several screens, its heading with the first part.
                for part in chunks(items.map { [$0] }) {
                    current.append(.list(part.map { $0[0] }))
                    flush()
                }
            case .facts:
                // Contacts and the like: a screen of their own.
                flush()
                current.append(b)
                flush()
            case .table(let tc, let columns, let all):
                // A table: its heading (if any) with the first rows, then the rest.
                for part in chunks(all, tableClass: tc) {
                    current.append(.table(className: tc, columns: columns, rows: part))
                    flush()
                }
            default:
                current.append(b)
            }
        }
        blocks[k...].forEach(place)
        flush()
        if groups.isEmpty { groups = [[]] }
        let lang = DocLanguages(languages)
        let brand = masthead.first.map { [$0] } ?? []
        return groups.enumerated().map { n, group in
            let count = DocBlock.paragraph(lang.each { _, L in L.pick("第 \(n + 1) / \(groups.count) 屏", "Screen \(n + 1) of \(groups.count)") })
            let top = n == 0 ? masthead + facts : brand
            var options = self.options
            options.next = (name((n + 1) % groups.count), seconds)
            return Document(languages: languages, title: title, blocks: top + group + [.section(className: "screen-count", [count])], options: options)
        }
    }
}

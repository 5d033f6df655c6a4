import FeeWords

/// A notice cut into the screens of a branch display (`--layout display`): 1920 × 1080, large
/// type, read from a distance, each screen advancing to the next by itself (no scripts).
extension Document {
    /// The columns (0-based) a branch screen leaves out of a table, by the table's class: of the
    /// price list, the number, what you get and the basis (a passer-by needs service, price, unit
    /// and for whom). The style sheet hides them and the screens do not weigh them.
    package static let displayHiddenColumns: [String: [Int]] = ["items": [0, 2, 6]]

    /// The screens: the first with the notice's masthead and facts, then one per category (a long
    /// one over several, as many rows as fill a screen), then the other sections; every screen
    /// repeats the bank's name and says which screen of how many it is, and names the next one to
    /// show after `seconds` (the last goes back to the first). `name(k)` is the file of screen `k`
    /// (0-based). `height` is the room for a table's rows, in css px, below the bank's name, a
    /// caption and the column heads, above the screen count (`DisplayRoom`).
    public func screens(height: Int = DisplayRoom.rows, seconds: Int = 20, name: (Int) -> String) -> [Document] {
        var masthead: [DocBlock] = []
        var facts: [DocBlock] = []
        var groups: [[DocBlock]] = []
        var firstScreen = true
        func chunks(_ all: [[DocText]], tableClass: String = "", used: Int = 0) -> [[[DocText]]] {
            let hidden = Self.displayHiddenColumns[tableClass, default: []]
            let shown = max(1, (all.first?.count ?? 1) - hidden.count)
            var out: [[[DocText]]] = [], current: [[DocText]] = [], load = 0
            let onFirst = firstScreen && groups.isEmpty
            firstScreen = false
            for r in all {
                let h = DisplayRoom.height(of: r, hidden: hidden, shownColumns: shown)
                let budget = (out.isEmpty && onFirst && !facts.isEmpty ? height - DisplayRoom.masthead : height) - (out.isEmpty ? used : 0)
                if !current.isEmpty && load + h > budget { out.append(current); current = []; load = 0 }
                current.append(r); load += h
            }
            if !current.isEmpty { out.append(current) }
            return out
        }
        var k = 0
        // The masthead: the headings before the facts; the facts on the first screen.
        while k < blocks.count, case .heading = blocks[k] { masthead.append(blocks[k]); k += 1 }
        while k < blocks.count, case .facts = blocks[k] { facts.append(blocks[k]); k += 1 }
        var current: [DocBlock] = []
        // The last screen of category tables, and the height its rows take.
        var open: (group: Int, load: Int)?
        func flush() { if !current.isEmpty { groups.append(current); current = [] } }
        func place(_ b: DocBlock) {
            switch b {
            case .section(let c, let inner) where c != "footer":
                // A category's table, a screenful of rows at a time, its caption on each.
                if inner.count == 2, case .heading = inner[0], case .table(let tc, let columns, let all) = inner[1] {
                    flush()
                    let hidden = Self.displayHiddenColumns[tc, default: []]
                    for part in chunks(all, tableClass: tc) {
                        let section = DocBlock.section(className: c, [inner[0], .table(className: tc, columns: columns, rows: part)])
                        let load = part.reduce(0) { $0 + DisplayRoom.height(of: $1, hidden: hidden, shownColumns: max(1, columns.count - hidden.count)) }
                        // A short category of the price list (or a long one's last rows) shares the
                        // screen before it when both fit: its caption and column heads take
                        // `DisplayRoom.section`.
                        if tc == "items", let last = open, last.group == groups.count - 1,
                           last.load + DisplayRoom.section + load <= (last.group == 0 && !facts.isEmpty ? height - DisplayRoom.masthead : height) {
                            groups[last.group].append(section)
                            open = (last.group, last.load + DisplayRoom.section + load)
                        } else {
                            groups.append([section])
                            open = tc == "items" ? (groups.count - 1, load) : nil
                        }
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
                for part in chunks(all, tableClass: tc, used: current.reduce(0) { $0 + DisplayRoom.height(of: $1) }) {
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

/// The room on a branch screen and what a row of a table takes of it, in css px at the display's
/// 30 px type: an estimate from the text (every language and band on its own lines, wrapped at the
/// column's width), checked by Scripts/notice-check, which fails a screen taller than 1080 px.
public enum DisplayRoom {
    /// The rows' room on a screen: 1080 px less the margins, the bank's name, a table's caption and
    /// column heads (each on one line, the languages side by side) and the screen count.
    public static let rows = 610
    /// What the first screen's masthead (the notice's title and facts) takes of that room.
    package static let masthead = 330
    /// What a second table on a screen takes besides its rows: its caption and column heads.
    package static let section = 170
    /// The width of the table on the screen: 1920 px less the margins.
    static let tableWidth = 1808.0
    static let fontSize = 30.0

    /// A heading's or a paragraph's height above a table on the same screen.
    static func height(of block: DocBlock) -> Int {
        switch block {
        case .heading: return 80
        case .paragraph(let t): return Int(height(of: t, width: tableWidth).rounded(.up)) + 30
        default: return 100
        }
    }

    /// A row's height: its tallest shown cell and the cell's padding and border.
    package static func height(of row: [DocText], hidden: [Int], shownColumns: Int) -> Int {
        // Automatic table layout gives the wordy columns more than an even share.
        let column = min(tableWidth, 1.25 * tableWidth / Double(shownColumns)) - 0.8 * fontSize
        var tallest = 0.0
        for (k, cell) in row.enumerated() where !hidden.contains(k) { tallest = max(tallest, height(of: cell, width: column)) }
        return Int((tallest + 0.6 * fontSize + 1).rounded(.up))
    }

    /// A cell's height: each language's lines (the second language at 0.9×, codes at 0.78×), a
    /// band's range and price on one line at 0.85× when they fit the column, else on two.
    static func height(of cell: DocText, width: Double) -> Double {
        var total = 0.0
        for (i, text) in cell.enumerated() where !text.isEmpty {
            let size = fontSize * (i == 0 ? 1 : i == 1 ? 0.9 : 0.78)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if let (range, price) = DocBands.row(String(line)) {
                    let band = size * 0.85
                    // The price column takes more of the table than an even share.
                    total += band * 1.25 * (ems(range) * band + ems(price) * band + 0.8 * band > 1.2 * width ? 2 : 1)
                } else {
                    total += size * 1.45 * max(1, (ems(Substring(line)) * size / width).rounded(.up))
                }
            }
        }
        return total
    }

    /// A text's width in ems: CJK and full-width characters 1, others about 0.55.
    static func ems<S: StringProtocol>(_ s: S) -> Double {
        s.unicodeScalars.reduce(0) { $0 + ($1.value < 0x2E80 ? 0.55 : 1) }
    }
}

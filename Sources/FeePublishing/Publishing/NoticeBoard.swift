import FeeValues
import FeeWords
import FeeCore

/// How much a board shows: everything, or the one-page short form.
public enum BoardDepth: String, Sendable, CaseIterable {
    /// Every item, waiver, change, contact and term.
    case full
    /// One page: the fees customers meet most, the waivers most customers can get, announced
    /// changes, and "N other fees: see the full list".
    case summary
}

/// The branch notice board (服务价格公示) for the version in effect on a day, generated from the
/// same tables the calculator uses so that a board can never disagree with a quote.
public struct NoticeBoard: Sendable {
    /// The bank whose board it is.
    public let bank: Bank
    /// The version in effect on `date`, which the board shows.
    public let table: FeeTable
    /// The day of the board: it picks the version, the waivers still running and the changes announced.
    public let date: CalendarDate
    /// The branch the board hangs in: named at the top, its waivers and contacts; nil for a bank-wide board.
    public let branch: Branch?
    /// The language tags of the board, in order; the bank's languages by default.
    public let languages: [String]
    /// Everything, or the one-page short form.
    public let depth: BoardDepth

    /// The board of `bank` on `date`; nil when no version is in effect then.
    public init?(bank: Bank, date: CalendarDate, branch: Branch? = nil, languages: [String]? = nil, depth: BoardDepth = .full) {
        guard let table = bank.version(on: date) else { return nil }
        self.bank = bank
        self.table = table
        self.date = date
        self.branch = branch
        self.languages = languages ?? bank.profile.languages
        self.depth = depth
    }

    /// The first item of each category: the fees customers meet most, for the short form.
    public var summaryItems: [FeeItem] {
        table.categories.compactMap { c in table.items.first { $0.category == c.id } }
    }

    /// Waivers most customers can get: no tier, segment or age condition.
    public func broadWaivers(_ waivers: [Waiver]) -> [Waiver] {
        waivers.filter { $0.conditions.tiers == nil && $0.conditions.tierAtLeast == nil && $0.conditions.segments == nil && $0.conditions.minAge == nil }
    }

    /// What every branch's board of one bank, day, language and depth has in common, built once.
    public struct Shared: Sendable {
        let itemSections: [DocBlock]
        let highlights: DocBlock?
        let free: [FeeItem]
        let glossary: [DocBlock]
        let diffs: [VersionDiff]
        /// The item rows of each announced diff.
        let changeRows: [[[DocText]]]
        /// Every waiver's row, by id.
        let waiverRows: [String: [DocText]]
    }

    /// The shared blocks rendered once in `format`, for generating many boards in that format.
    public func prerendered(_ shared: Shared, format: DocumentFormat, layout: PageLayout) -> Shared {
        func render(_ blocks: [DocBlock]) -> [DocBlock] {
            blocks.isEmpty ? [] : [.rendered(format, Document(languages: languages, title: [], blocks: blocks).renderBlocks(format, layout: layout))]
        }
        return Shared(itemSections: render(shared.itemSections), highlights: shared.highlights.map { render([$0])[0] },
                      free: shared.free, glossary: render(shared.glossary), diffs: shared.diffs,
                      changeRows: shared.changeRows, waiverRows: shared.waiverRows)
    }

    /// The branch-independent blocks of this board, to reuse for every branch's board.
    public var shared: Shared {
        let parts = NoticeParts(bank: bank.profile, table: table, languages: languages)
        let diffs = parts.announcedDiffs(bank, on: date)
        var rows: [String: [DocText]] = [:]
        for w in table.waivers where rows[w.id] == nil { rows[w.id] = parts.waiverRow(w) }
        return Shared(itemSections: parts.itemSections(table.items, diffs: diffs), highlights: parts.highlights(table.items),
                      free: parts.freeItems(table.items), glossary: parts.glossary(), diffs: diffs,
                      changeRows: diffs.map(parts.changeRows), waiverRows: rows)
    }

    /// This board with `branch`, reusing `shared` (from a board of the same bank, day, languages and depth).
    public func document(for branch: Branch?, shared: Shared) -> Document {
        NoticeBoard(bank: bank, table: table, date: date, branch: branch, languages: languages, depth: depth).build(shared)
    }

    private init(bank: Bank, table: FeeTable, date: CalendarDate, branch: Branch?, languages: [String], depth: BoardDepth) {
        self.bank = bank
        self.table = table
        self.date = date
        self.branch = branch
        self.languages = languages
        self.depth = depth
    }

    /// The board as a document, for any renderer.
    public var document: Document { build(shared) }

    /// Whether this board prints on `layout` as one poster per language: the A3 short form in
    /// two languages is one and a half A3 pages at 16 pt (Docs/DECISIONS.md), so in HTML (the
    /// format that is printed) each language gets its own one-page poster, in the list's order.
    public func printsPosterPerLanguage(on layout: PageLayout, format: DocumentFormat) -> Bool {
        depth == .summary && layout == .a3 && format == .html && languages.count > 1
    }

    /// This board in each of its languages alone, in order.
    public var perLanguage: [NoticeBoard] {
        languages.map { NoticeBoard(bank: bank, table: table, date: date, branch: branch, languages: [$0], depth: depth) }
    }

    private func build(_ shared: Shared) -> Document {
        let parts = NoticeParts(bank: bank.profile, table: table, languages: languages)
        let lang = parts.lang
        let title = depth == .full ? lang.say("服务价格公示", "Service price list") : lang.say("常用服务价格公示（简版）", "Service prices at a glance")
        var blocks: [DocBlock] = [.heading(level: 1, lang.text(bank.profile.name)), .heading(level: 2, title)]
        var facts: [(label: DocText, value: DocText)] = []
        if let b = branch { facts.append((lang.say("网点", "Branch"), lang.text(b.name))) }
        facts.append((lang.say("收费标准版本", "Fee table version"), lang.same(table.version)))
        facts.append((lang.say("生效日期", "Effective from"), lang.same("\(table.effectiveFrom)")))
        facts.append((lang.say("公告日期", "Announced on"), lang.same("\(table.announcedOn)")))
        facts.append((lang.say("公示日期", "As of"), lang.same("\(date)")))
        blocks.append(.facts(facts))

        let waivers = parts.activeWaivers(on: date, branch: branch?.id)
        let diffs = shared.diffs
        switch depth {
        case .full:
            blocks += shared.itemSections
            if let h = shared.highlights { blocks.append(h) }
            let free = shared.free
            if !free.isEmpty {
                blocks.append(.section(className: "free", [.heading(level: 2, lang.say("免费服务项目", "Free services")), .list(free.map { lang.text($0.name) })]))
            }
            if !waivers.isEmpty {
                var section: [DocBlock] = [.heading(level: 2, lang.say("优惠减免措施", "Discounts and waivers")), parts.waiverTable(waivers, rows: shared.waiverRows)]
                let suspended = table.items.filter { item in waivers.contains { $0.isUnconditionalFullWaiver && $0.applies(to: item.code) } }
                if !suspended.isEmpty {
                    section.append(.paragraph(lang.each { tag, L in
                        L.pick("暂免收费项目：", "Currently waived (暂免): ") + suspended.map { $0.name.text(tag) }.joined(separator: L.pick("、", "; "))
                    }))
                }
                blocks.append(.section(className: "waivers", section))
            }
            blocks += parts.announcedBlocks(diffs, branch: branch?.id, itemRows: shared.changeRows)
            blocks.append(.heading(level: 2, lang.say("咨询与投诉", "Questions and complaints")))
            blocks.append(parts.contacts(branch: branch))
            blocks += shared.glossary
        case .summary:
            let shown = summaryItems
            // Two columns (the price says its unit): room for each band of a price on one line.
            blocks.append(.table(className: "summary", columns: [lang.say("服务项目", "Service"), lang.say("收费标准", "Price")],
                                 rows: shown.map { [lang.text($0.name), parts.price($0)] }))
            if let h = parts.highlights(shown) { blocks.append(h) }
            // Below the prices, side by side on paper and wide screens: the discounts, and the
            // announced changes (a poster is one page).
            var left: [DocBlock] = []
            let broad = broadWaivers(waivers)
            if !broad.isEmpty {
                left.append(.heading(level: 2, lang.say("多数客户可享的优惠", "Discounts most customers can get")))
                left.append(.list(broad.map { w in
                    lang.tags.map { tag in
                        let L = TextLanguage(tag: tag)
                        let when = ConditionWords(table: table, bank: bank.profile, tag: tag).summary(w.conditions).map { L.pick("（\($0)）", " (\($0))") } ?? ""
                        return w.name.text(tag) + when
                    }
                }))
            }
            let others = table.items.count - shown.count
            left.append(.paragraph(lang.each { _, L in
                let site = bank.profile.contacts.website ?? L.pick("各营业网点", "any of our branches")
                return L.pick("另有 \(others) 项收费，完整价目表见 \(site) 或向柜台索取。", "\(others) other fees: see the full list at \(site) or ask at the counter.")
            }))
            let right = parts.compactChanges(diffs)
            blocks.append(right.isEmpty ? .section(className: "column", left)
                                        : .section(className: "columns", [.section(className: "column", left), .section(className: "column", right)]))
            blocks.append(parts.contacts(branch: branch, named: false))   // the branch is named at the top
        }
        blocks.append(parts.footer(generated: date))
        return Document(languages: languages, title: lang.each { tag, _ in "\(bank.profile.name.text(tag)) · \(title[languages.firstIndex(of: tag) ?? 0])" }, blocks: blocks,
                        options: PageOptions(pageMark: table.pageMark))
    }
}

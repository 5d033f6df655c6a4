import FeeValues
import FeeWords
import FeeCore

/// The pieces every published notice is made of, built once from the tables: the items table,
/// the waiver policy, contacts, glossary, changes and the fingerprint footer.
struct NoticeParts {
    let bank: BankProfile
    let table: FeeTable
    let lang: DocLanguages

    init(bank: BankProfile, table: FeeTable, languages: [String]) {
        self.bank = bank
        self.table = table
        self.lang = DocLanguages(languages)
    }

    /// The price of an item in words in each language; the bands of a banded price as a small
    /// range/price table.
    func price(_ item: FeeItem, in t: FeeTable? = nil) -> DocText {
        let source = t ?? table
        return lang.tags.map { PriceWords(table: source, tag: $0).price(of: item, band: DocBands.line).joined(separator: "\n") }
    }

    var itemColumns: [DocText] {
        [lang.say("编号", "No."), lang.say("服务项目", "Service"), lang.say("服务内容", "What you get"), lang.say("收费标准", "Price"),
         lang.say("计价单位", "Unit"), lang.say("适用对象", "For"), lang.say("定价方式及依据", "Pricing and basis")]
    }

    /// An item's row; its price cell also says what each announced version in `diffs` changes
    /// (old → new, from its effective date), in words, so that the mark is not colour alone.
    func itemRow(_ item: FeeItem, diffs: [VersionDiff] = []) -> [DocText] {
        var priceCell = price(item)
        for diff in diffs {
            guard let c = diff.items.first(where: { $0.code == item.code }) else { continue }
            for (k, tag) in lang.tags.enumerated() {
                let L = TextLanguage(tag: tag)
                priceCell[k] += "\n" + L.pick("▲ 自 \(diff.new.effectiveFrom) 起调整：", "▲ From \(diff.new.effectiveFrom): ") + changeWords(c, diff, tag: tag)
            }
        }
        return [lang.same(item.ref ?? item.code),
         lang.text(item.name) + [item.code],
         item.content.map(lang.text) ?? lang.same(""),
         priceCell,
         lang.text(item.unit),
         item.audience.map(lang.text) ?? lang.say("全部个人客户", "All personal customers"),
         lang.tags.map { tag in
             let L = TextLanguage(tag: tag)
             return PricingWords.name(item.pricing, L) + (item.basis.map { "\n" + $0.text(tag) } ?? "")
         }]
    }

    /// One section per category with its items, kept on one page where possible.
    /// Each item's price cell marks what the announced versions in `diffs` change.
    func itemSections(_ items: [FeeItem], diffs: [VersionDiff] = []) -> [DocBlock] {
        table.categories.compactMap { category in
            let inCategory = items.filter { $0.category == category.id }
            guard !inCategory.isEmpty else { return nil }
            return .section(className: "category", [
                .heading(level: 2, lang.text(category.name)),
                .table(className: "items", columns: itemColumns, rows: inCategory.map { itemRow($0, diffs: diffs) }),
            ])
        }
    }

    /// 重大事项提示: every item's highlight, set apart.
    func highlights(_ items: [FeeItem]) -> DocBlock? {
        let lines = items.compactMap { item in
            item.highlight.map { h in lang.tags.map { "\(item.name.text($0))\(TextLanguage(tag: $0).pick("：", ": "))\(h.text($0))" } }
        }
        guard !lines.isEmpty else { return nil }
        return .callout(title: lang.say("重大事项提示", "Important notices"), items: lines)
    }

    /// Items that are free, by value.
    func freeItems(_ items: [FeeItem]) -> [FeeItem] {
        items.filter { FeeComparison.isAlwaysFree($0.fee, rounding: table.rounding, minorDigits: table.currency.minorDigits) }
    }

    /// Waivers that can apply on `date` (not ended, and at `branch` when one is given).
    func activeWaivers(on date: CalendarDate, branch: String?) -> [Waiver] {
        table.waivers.filter { w in
            if let until = w.conditions.until, until < date { return false }
            if let branch, let branches = w.conditions.branches, !branches.contains(branch) { return false }
            return true
        }
    }

    var waiverColumns: [DocText] {
        [lang.say("优惠项目", "Discount"), lang.say("适用服务", "Services"), lang.say("适用客户及条件", "Who and when"),
         lang.say("优惠标准", "How much"), lang.say("有效期", "Valid"), lang.say("依据", "Basis")]
    }

    func waiverRow(_ w: Waiver, in t: FeeTable? = nil) -> [DocText] {
        let source = t ?? table
        let items = source.items.filter { w.applies(to: $0.code) }
        let unit: (String) -> String = { tag in items.count == 1 ? items[0].unit.text(tag) : TextLanguage(tag: tag).pick("笔", "unit") }
        let services: DocText = lang.tags.map { tag in
            if w.appliesTo.contains(.all) { return TextLanguage(tag: tag).pick("全部服务项目", "All services") }
            return items.map { $0.name.text(tag) }.joined(separator: TextLanguage(tag: tag).pick("、", "; "))
        }
        let who: DocText = lang.tags.map { ConditionWords(table: source, bank: bank, tag: $0).summary(w.conditions) ?? TextLanguage(tag: $0).pick("全部客户", "Everyone") }
        let how: DocText = lang.tags.map { tag in
            var s = PriceWords(table: source, tag: tag).effect(w.effect, unit: unit(tag))
            if w.isUnconditionalFullWaiver { s = TextLanguage(tag: tag).pick("暂免：", "Currently waived: ") + s }
            return s
        }
        let valid: DocText = lang.each { _, L in ValidityWords.text(from: w.conditions.from, until: w.conditions.until, L) }
        return [lang.text(w.name), services, who, how, valid, w.basis.map(lang.text) ?? lang.same("")]
    }

    func waiverTable(_ waivers: [Waiver], rows: [String: [DocText]] = [:]) -> DocBlock {
        .table(className: "waivers", columns: waiverColumns, rows: waivers.map { rows[$0.id] ?? waiverRow($0) })
    }

    /// Later versions already announced on `date`, each with what changes.
    func announcedDiffs(_ bank: Bank, on date: CalendarDate) -> [VersionDiff] {
        bank.versions.filter { $0.announcedOn <= date && $0.effectiveFrom > date }.map { VersionDiff(from: table, to: $0) }
    }

    var changeColumns: [DocText] {
        [lang.say("服务项目", "Service"), lang.say("现行收费标准", "Current price"), lang.say("调整后收费标准", "New price"), lang.say("变化", "Change")]
    }

    func changeRows(_ diff: VersionDiff) -> [[DocText]] {
        diff.items.map { c in
            [lang.text((c.new ?? c.old)!.name),
             c.old.map { price($0, in: diff.old) } ?? lang.say("（新增项目）", "(new service)"),
             c.new.map { price($0, in: diff.new) } ?? lang.say("（取消）", "(withdrawn)"),
             lang.each { _, L in VersionWords.change(c.change, L) }]
        }
    }

    func waiverChangeRows(_ diff: VersionDiff) -> [[DocText]] {
        diff.waivers.map { c in
            let w = (c.new ?? c.old)!
            let kind: DocText = lang.each { _, L in
                switch c.kind {
                case .added: return L.pick("新增", "new")
                case .removed: return L.pick("取消", "withdrawn")
                case .effect: return L.pick("优惠标准调整", "amount changed")
                case .conditions: return L.pick("适用条件调整", "conditions changed")
                }
            }
            let before: DocText = c.old.map { o in lang.tags.map { PriceWords(table: diff.old, tag: $0).effect(o.effect, unit: TextLanguage(tag: $0).pick("笔", "unit")) } } ?? lang.same("—")
            let after: DocText = c.new.map { n in lang.tags.map { PriceWords(table: diff.new, tag: $0).effect(n.effect, unit: TextLanguage(tag: $0).pick("笔", "unit")) } } ?? lang.same("—")
            return [lang.text(w.name), before, after, kind]
        }
    }

    /// The announced-changes blocks for a board: one table per announced version; at a branch,
    /// only the waiver changes that concern that branch.
    func announcedBlocks(_ diffs: [VersionDiff], branch: String? = nil, itemRows: [[[DocText]]]? = nil) -> [DocBlock] {
        guard !diffs.isEmpty else { return [] }
        var blocks: [DocBlock] = [.heading(level: 2, lang.say("已公告的价格调整", "Announced price changes"))]
        for (k, var diff) in diffs.enumerated() {
            if let branch {
                diff.waivers = diff.waivers.filter { c in
                    [c.old, c.new].compactMap { $0 }.contains { $0.conditions.branches?.contains(branch) ?? true }
                }
            }
            let t = diff.new
            blocks.append(.paragraph(lang.each { _, L in
                L.pick("以下调整自 \(t.effectiveFrom) 起执行（\(t.announcedOn) 公告，收费标准 \(t.version) 版）。",
                       "These changes take effect on \(t.effectiveFrom) (announced \(t.announcedOn), fee table \(t.version)).")
            }))
            if !diff.items.isEmpty { blocks.append(.table(className: "changes", columns: changeColumns, rows: itemRows?[k] ?? changeRows(diff))) }
            if !diff.waivers.isEmpty {
                blocks.append(.table(className: "changes", columns: [lang.say("优惠项目", "Discount"), lang.say("现行", "Now"), lang.say("调整后", "New"), lang.say("变化", "Change")],
                                     rows: waiverChangeRows(diff)))
            }
        }
        return blocks
    }

    /// The announced changes in a few lines, for the one-page short form: each item's price now →
    /// then, and for a banded price only the bands that change ("超过 10,000.00 元至 100,000.00 元
    /// （含）：每笔 15.00 元 → 每笔 18.00 元").
    func compactChanges(_ diffs: [VersionDiff]) -> [DocBlock] {
        guard !diffs.isEmpty else { return [] }
        var blocks: [DocBlock] = [.heading(level: 2, lang.say("已公告的价格调整", "Announced price changes"))]
        for diff in diffs where !diff.items.isEmpty {
            let t = diff.new
            blocks.append(.paragraph(lang.each { _, L in
                L.pick("自 \(t.effectiveFrom) 起执行（\(t.announcedOn) 公告）：", "From \(t.effectiveFrom) (announced \(t.announcedOn)):")
            }))
            blocks.append(.list(diff.items.map { c in
                lang.tags.map { tag in
                    (c.new ?? c.old)!.name.text(tag) + TextLanguage(tag: tag).pick("：", ": ") + changeWords(c, diff, tag: tag)
                }
            }))
        }
        return blocks
    }

    /// What an announced version does to one item's price, in one language: old → new; for a
    /// banded price whose bands keep their bounds, only the bands that change ("超过 10,000.00 元
    /// 至 100,000.00 元（含）：每笔 15.00 元 → 每笔 18.00 元"). The short form's list and the full
    /// list's price cells both say it in these words.
    func changeWords(_ c: VersionDiff.ItemChange, _ diff: VersionDiff, tag: String) -> String {
        let L = TextLanguage(tag: tag), colon = L.pick("：", ": "), semicolon = L.pick("；", "; ")
        guard let o = c.old, let n = c.new else {
            return c.old == nil ? L.pick("新增，", "new: ") + PriceWords(table: diff.new, tag: tag).price(of: c.new!).joined(separator: semicolon) : L.pick("取消", "withdrawn")
        }
        var before: [(String, String)] = [], after: [(String, String)] = []
        let oldLines = PriceWords(table: diff.old, tag: tag).price(of: o) { before.append(($0, $1)); return "" }
        let newLines = PriceWords(table: diff.new, tag: tag).price(of: n) { after.append(($0, $1)); return "" }
        if !before.isEmpty, before.count == after.count, zip(before, after).allSatisfy({ $0.0 == $1.0 }) {
            return zip(before, after).filter { $0.1 != $1.1 }.map { "\($0.0)\(colon)\($0.1) → \($1.1)" }.joined(separator: semicolon)
        }
        return oldLines.joined(separator: semicolon) + " → " + newLines.joined(separator: semicolon)
    }

    /// Hotline, complaints, website, address and the branch's phone.
    func contacts(branch: Branch?, named: Bool = true) -> DocBlock {
        var pairs: [(label: DocText, value: DocText)] = [(lang.say("客服热线", "Hotline"), lang.same(bank.contacts.hotline))]
        if let c = bank.contacts.complaints { pairs.append((lang.say("投诉电话", "Complaints"), lang.same(c))) }
        if let w = bank.contacts.website { pairs.append((lang.say("网站", "Website"), lang.neutral(w))) }
        if let a = bank.contacts.address { pairs.append((lang.say("地址", "Address"), lang.text(a))) }
        if let b = branch {
            if named { pairs.append((lang.say("本网点", "This branch"), lang.text(b.name))) }
            pairs.append((lang.say("网点地址", "Branch address"), lang.text(b.address)))
            if let p = b.phone { pairs.append((lang.say("网点电话", "Branch phone"), lang.same(p))) }
        }
        return .facts(pairs)
    }

    func glossary() -> [DocBlock] {
        guard !table.glossary.isEmpty else { return [] }
        return [.heading(level: 2, lang.say("专业术语解释", "Glossary")),
                .table(className: "glossary", columns: [lang.say("术语", "Term"), lang.say("解释", "Meaning")],
                       rows: table.glossary.map { [lang.text($0.term), lang.text($0.definition)] })]
    }

    /// The footer that lets anyone check the notice against the published table.
    func footer(generated date: CalendarDate) -> DocBlock {
        .section(className: "footer", [.paragraph(lang.each { _, L in
            L.pick("本公示依据收费标准 \(table.version) 版（文件 \(table.fileName)）生成，版本指纹 \(table.fingerprintGroups)，生成日期 \(date)。可用 sha256sum \(table.fileName) 核对。",
                   "Generated on \(date) from fee table \(table.version) (file \(table.fileName)), fingerprint \(table.fingerprintGroups). Check it with: sha256sum \(table.fileName)")
        })])
    }
}

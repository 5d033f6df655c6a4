import FeeValues
import FeeWords
import FeeCore

/// Text listings for the teller: items by category, one item's record and history, and versions.
public struct CatalogueListing: Sendable {
    /// The bank whose versions are listed.
    public let bank: Bank
    /// The language tag of the listings; item names are shown in every language of the table.
    public let tag: String

    /// Listings of `bank` in the language `tag`.
    public init(bank: Bank, tag: String) {
        self.bank = bank
        self.tag = tag
    }

    private var L: TextLanguage { TextLanguage(tag: tag) }

    private func allNames(_ t: LocalizedText) -> String {
        t.translations.map(\.text).joined(separator: " / ")
    }

    /// `fees items`: the items of `table` matching `query`, grouped by category, with names in every
    /// language, unit and price in words.
    public func items(_ table: FeeTable, matching query: String?) -> String {
        let matches = query.map { ItemLookup.search($0, in: table) } ?? table.items
        let words = PriceWords(table: table, tag: tag)
        var lines: [String] = [L.pick("\(bank.profile.name.text(tag)) · 收费标准 \(table.version) 版（\(table.effectiveFrom) 起执行）",
                                      "\(bank.profile.name.text(tag)) · fee table \(table.version) (in effect from \(table.effectiveFrom))")]
        for category in table.categories {
            let inCategory = matches.filter { $0.category == category.id }
            guard !inCategory.isEmpty else { continue }
            lines.append("")
            lines.append(allNames(category.name))
            for item in inCategory {
                let ref = item.ref.map { " [\($0)]" } ?? ""
                lines.append("  \(item.code)\(ref)  \(allNames(item.name))  (\(allNames(item.unit)))")
                for p in words.price(of: item) { lines.append("      " + p) }
            }
        }
        if matches.isEmpty {
            lines.append(L.pick("没有与“\(query ?? "")”匹配的项目。", "No item matches '\(query ?? "")'."))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `fees vocabulary`: the ids and names a request or a teller may give for tier (in rank
    /// order), segment, channel, reason (no-fault ones marked) and branch, in `table`.
    public func vocabulary(_ table: FeeTable, on date: CalendarDate) -> String {
        var lines: [String] = [L.pick("\(bank.profile.name.text(tag)) · 收费标准 \(table.version) 版可用的取值（可输入编号，或任一语言的唯一名称）",
                                      "\(bank.profile.name.text(tag)) · the terms of fee table \(table.version) (type the id, or a name in any language that is unique)")]
        func section(_ title: String, _ rows: [(id: String, name: LocalizedText, note: String?)]) {
            lines.append("")
            lines.append(title)
            if rows.isEmpty { lines.append("  " + L.pick("（未设置）", "(none declared)")) }
            let width = rows.map(\.id.count).max() ?? 0
            for r in rows {
                let note = r.note.map { "  (\($0))" } ?? ""
                lines.append("  " + r.id + String(repeating: " ", count: width - r.id.count + 2) + allNames(r.name) + note)
            }
        }
        section(L.pick("客户等级 --tier（由低到高；默认第一个）", "Tiers --tier (lowest first; the first is the default)"),
                table.tiers.map { ($0.id, $0.name, nil) })
        section(L.pick("客户群体 --segment（可多个）", "Segments --segment (any number)"), table.segments.map { ($0.id, $0.name, nil) })
        section(L.pick("渠道 --channel", "Channels --channel"), table.channels.map { ($0.id, $0.name, nil) })
        section(L.pick("原因 --reason", "Reasons --reason"),
                table.reasons.map { ($0.id, $0.name, $0.noFault ? L.pick("非客户原因", "not the customer's fault") : nil) })
        section(L.pick("网点 --branch", "Branches --branch"), bank.profile.branches.map { b in
            (b.id, b.name, b.closedOn.map { $0 <= date ? L.pick("已于 \($0) 关闭", "closed on \($0)") : L.pick("将于 \($0) 关闭", "closes on \($0)") })
        })
        return lines.joined(separator: "\n") + "\n"
    }

    /// `fees show`: the item's full record in `table` and its price in every version.
    public func show(_ item: FeeItem, in table: FeeTable, on date: CalendarDate) -> String {
        let words = PriceWords(table: table, tag: tag)
        let colon = L.pick("：", ": ")
        var lines = ["\(item.code)" + (item.ref.map { " [\($0)]" } ?? "") + "  " + allNames(item.name)]
        if let c = table.categories.first(where: { $0.id == item.category }) { lines.append(L.pick("类别", "Category") + colon + allNames(c.name)) }
        if let content = item.content { lines.append(L.pick("服务内容", "What you get") + colon + content.text(tag)) }
        lines.append(L.pick("计价单位", "Unit") + colon + allNames(item.unit))
        lines.append(L.pick("适用对象", "For") + colon + (item.audience?.text(tag) ?? L.pick("全部个人客户", "all personal customers")))
        lines.append(L.pick("定价方式", "Pricing") + colon + PricingWords.name(item.pricing, L))
        if let basis = item.basis { lines.append(L.pick("定价依据", "Basis") + colon + basis.text(tag)) }
        let price = words.price(of: item)
        lines.append(L.pick("收费标准", "Price") + colon + price[0])
        for p in price.dropFirst() { lines.append("  " + p) }
        if let h = item.highlight { lines.append(L.pick("重大事项提示", "Important") + colon + h.text(tag)) }
        let waivers = table.waivers.filter { $0.applies(to: item.code) }
        if !waivers.isEmpty {
            lines.append(L.pick("优惠减免：", "Waivers:"))
            for w in waivers {
                let conditions = ConditionWords(table: table, bank: bank.profile, tag: tag).summary(w.conditions)
                lines.append("  - \(w.name.text(tag))\(colon)\(words.effect(w.effect, unit: item.unit.text(tag)))" + (conditions.map { L.pick("（\($0)）", " (\($0))") } ?? ""))
            }
        }
        lines.append("")
        lines.append(L.pick("价格历史：", "Price history:"))
        for entry in bank.priceHistory(of: item.code) {
            let t = entry.table
            let status = VersionWords.status(bank.status(of: t, on: date), L)
            let head = L.pick("  \(t.version)（\(t.announcedOn) 公告，\(t.effectiveFrom) 起执行，\(status)）\(VersionWords.change(entry.change, L))",
                              "  \(t.version) (announced \(t.announcedOn), effective \(t.effectiveFrom), \(status)): \(VersionWords.change(entry.change, L))")
            lines.append(head)
            if let i = entry.item {
                for p in PriceWords(table: t, tag: tag).price(of: i) { lines.append("      " + p) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `fees versions`: every version with its dates, status on `date`, size and fingerprint.
    public func versions(on date: CalendarDate) -> String {
        var lines = [L.pick("\(bank.profile.name.text(tag)) · \(date) 的收费标准版本", "\(bank.profile.name.text(tag)) · fee table versions on \(date)")]
        for t in bank.versions {
            let status = VersionWords.status(bank.status(of: t, on: date), L)
            lines.append(L.pick("  \(t.version)  公告 \(t.announcedOn)  执行 \(t.effectiveFrom)  \(status)  \(t.items.count) 项  \(t.fingerprint)",
                                "  \(t.version)  announced \(t.announcedOn)  effective \(t.effectiveFrom)  \(status)  \(t.items.count) items  \(t.fingerprint)"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Names of version statuses and price changes in both languages.
public enum VersionWords {
    /// The status in `L`, such as 现行 / "in effect" or 已公告，尚未执行 / "announced, not yet in effect".
    public static func status(_ s: VersionStatus, _ L: TextLanguage) -> String {
        switch s {
        case .inEffect: return L.pick("现行", "in effect")
        case .announced: return L.pick("已公告，尚未执行", "announced, not yet in effect")
        case .scheduled: return L.pick("尚未公告", "not yet announced")
        case .superseded: return L.pick("已废止", "superseded")
        }
    }

    /// The change in `L`, such as 上调 / "raised" or "changed (higher for some amounts, lower for others)".
    public static func change(_ c: PriceChange, _ L: TextLanguage) -> String {
        switch c {
        case .new: return L.pick("新增", "new")
        case .raised: return L.pick("上调", "raised")
        case .lowered: return L.pick("下调", "lowered")
        case .mixed: return L.pick("调整（部分金额上调，部分下调）", "changed (higher for some amounts, lower for others)")
        case .unchanged: return L.pick("未变", "unchanged")
        case .removed: return L.pick("取消", "removed")
        }
    }
}

import FeeValues
import FeeWords
import FeeCore

/// The teller's answer at the counter: a compact, receipt-like quote in one language, with what the
/// customer needs to decide (waivers they could get, announced changes) before the service.
public struct QuoteReceipt: Sendable {
    /// The quote the receipt shows.
    public let quote: Quote
    /// The bank's profile: its name on the receipt.
    public let bank: BankProfile
    /// Later versions already announced that change this request's fee, shown at the end.
    public let announced: [AnnouncedChange]
    /// The language tag of the receipt; names and units come from the table in this language.
    public let tag: String
    /// How the reader gives a missing fact (the command line: its option, `--reason`): the
    /// receipt knows facts, its caller knows how they are asked for.
    public let ask: @Sendable (RequestFact) -> String

    /// The receipt of `quote` in the language `tag`, with `announced` (from `Bank.announcedChanges`)
    /// and `ask` naming how each missing fact is given.
    public init(quote: Quote, bank: BankProfile, announced: [AnnouncedChange], tag: String, ask: @escaping @Sendable (RequestFact) -> String) {
        self.quote = quote
        self.bank = bank
        self.announced = announced
        self.tag = tag
        self.ask = ask
    }

    /// How to give a missing fact (`ask`), with the values that make the waiver hold:
    /// `--reason expired|defect`, `--age (60 or more)`, `--uses (fewer than 5 this month)`.
    public func hint(for fact: RequestFact, waiver w: Waiver, table: FeeTable, L: TextLanguage) -> String {
        let c = w.conditions
        let o = ask(fact)
        switch fact {
        case .age:
            return c.minAge.map { L.pick("\(o)（\($0) 岁及以上）", "\(o) (\($0) or over)") } ?? o
        case .channel:
            return c.channels.map { "\(o) " + $0.joined(separator: "|") } ?? o
        case .branch:
            return c.branches.map { "\(o) " + $0.joined(separator: "|") } ?? o
        case .reason:
            var ids = table.reasons.map(\.id)
            if let listed = c.reasons { ids = ids.filter(listed.contains) }
            if c.noFault { ids = table.reasons.filter { $0.noFault && ids.contains($0.id) }.map(\.id) }
            return ids.isEmpty ? o : "\(o) " + ids.joined(separator: "|")
        case .uses:
            guard let f = c.freeUses else { return o }
            let period = f.period == .month ? L.pick("本月", "this month") : L.pick("本年", "this year")
            return L.pick("\(o)（\(period)已用少于 \(f.count) 次）", "\(o) (fewer than \(f.count) earlier uses \(period))")
        }
    }

    /// The receipt as lines of text.
    public var text: String {
        let q = quote, table = q.version
        let L = TextLanguage(tag: tag)
        let money = MoneyText(currency: table.currency, language: L)
        let words = PriceWords(table: table, tag: tag)
        let unit = q.item.unit.text(tag)
        let colon = L.pick("：", ": ")
        var lines: [String] = []
        lines.append("\(bank.name.text(tag)) · \(q.item.name.text(tag)) (\(q.item.code))")
        lines.append(L.pick("收费标准 \(table.version) 版，\(table.effectiveFrom) 起执行",
                            "Fee table \(table.version), in effect from \(table.effectiveFrom)"))
        var facts = [L.pick("日期 \(q.request.date)", "Date \(q.request.date)")]
        if let a = q.amount { facts.append(L.pick("金额 \(money(a))", "amount \(money(a))")) }
        if q.request.quantity != 1 { facts.append(L.pick("数量 \(q.request.quantity) \(unit)", "quantity \(q.request.quantity) × \(unit)")) }
        if let tier = table.tiers.first(where: { $0.id == q.tier }) { facts.append(L.pick("客户等级 \(tier.name.text(tag))", "tier \(tier.name.text(tag))")) }
        lines.append(facts.joined(separator: " · "))
        lines.append("")

        var price = words.simple(q.formula, unit: unit)
        if let band = q.bandIndex, case .banded(let bands) = q.item.fee {
            let range = words.bandRange(from: band > 0 ? bands[band - 1].upTo : nil, to: bands[band].upTo)
            price = L.pick("\(range)：\(price)（第 \(band + 1) 档）", "\(range): \(price) (band \(band + 1))")
        }
        lines.append(L.pick("收费标准", "Price") + colon + price)
        switch q.clamp {
        case .raisedToMin: lines.append(L.pick("按最低收费", "Minimum charge applies"))
        case .loweredToMax: lines.append(L.pick("按最高收费", "Maximum charge applies"))
        case .none: break
        }
        lines.append(L.pick("标准费用", "Standard fee") + colon + money(q.gross))
        if let a = q.applied {
            let w = table.waivers[a.index]
            var s = L.pick("\(w.name.text(tag))（减 \(money(q.discount))）", "\(w.name.text(tag)) (−\(money(q.discount)))")
            if let until = w.conditions.until { s += L.pick("，有效期至 \(until)", ", until \(until)") }
            if let basis = w.basis { s += L.pick("；依据：\(basis.text(tag))", "; basis: \(basis.text(tag))") }
            lines.append(L.pick("优惠减免", "Waiver") + colon + s)
        } else if q.gross > .zero {
            lines.append(L.pick("优惠减免", "Waiver") + colon + L.pick("无", "none"))
        }
        lines.append(L.pick("应付费用", "Fee to pay") + colon + money(q.net))

        let conditional = Explanation.conditionalWaivers(q)
        if !conditional.isEmpty {
            lines.append("")
            lines.append(L.pick("可能适用的减免：", "Waivers that could apply:"))
            for c in conditional {
                let options = c.missing.map { hint(for: $0, waiver: c.waiver, table: table, L: L) }.joined(separator: ", ")
                lines.append(L.pick("  - \(c.waiver.name.text(tag))：应付 \(money(c.net))；请提供 \(options)",
                                    "  - \(c.waiver.name.text(tag)): \(money(c.net)) to pay; give \(options) to apply"))
            }
        }
        if !announced.isEmpty {
            lines.append("")
            lines.append(L.pick("已公告的调整：", "Announced changes:"))
            lines += announced.map { "  - " + $0.words(L) }
        }
        if let h = q.item.highlight {
            lines.append("")
            lines.append(L.pick("重大事项提示：", "Important: ") + h.text(tag))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The short disclosure slip the customer keeps: what was disclosed before the service (明码标价).
public struct DisclosureSlip: Sendable {
    /// The quote the slip discloses.
    public let quote: Quote
    /// The bank's profile: its name, the request's branch, the hotline and complaints number.
    public let bank: BankProfile
    /// The language tag of the slip; names and units come from the table in this language.
    public let tag: String
    /// Later versions already announced, and what they mean for this request.
    public let announced: [AnnouncedChange]

    /// The slip of `quote` in the language `tag`, with `announced` (from `Bank.announcedChanges`).
    public init(quote: Quote, bank: BankProfile, announced: [AnnouncedChange] = [], tag: String) {
        self.quote = quote
        self.bank = bank
        self.announced = announced
        self.tag = tag
    }

    /// The slip as lines of text, ending with the customer's accept / decline boxes.
    public var text: String {
        let q = quote, table = q.version
        let L = TextLanguage(tag: tag)
        let money = MoneyText(currency: table.currency, language: L)
        let words = PriceWords(table: table, tag: tag)
        let colon = L.pick("：", ": ")
        var lines = [L.pick("服务价格告知单", "FEE DISCLOSURE SLIP"), bank.name.text(tag)]
        if let b = q.request.branch.flatMap(bank.branch) { lines.append(b.name.text(tag)) }
        lines.append(L.pick("日期", "Date") + colon + "\(q.request.date)")
        lines.append(L.pick("服务项目", "Service") + colon + "\(q.item.name.text(tag))" + (q.item.ref.map { " [\($0)]" } ?? ""))
        // Each band on its line, the one that applies to this amount marked.
        let formula = words.formula(q.item.fee, unit: q.item.unit.text(tag))
        for (k, line) in formula.enumerated() {
            let applies = formula.count > 1 && k == q.bandIndex ? L.pick("  ← 本笔适用", "  ← applies") : ""
            lines.append((k == 0 ? L.pick("收费标准", "Price") + colon : "  ") + line + applies)
        }
        if let a = q.amount { lines.append(L.pick("交易金额", "Amount") + colon + money(a)) }
        if q.request.quantity != 1 { lines.append(L.pick("数量", "Quantity") + colon + "\(q.request.quantity)") }
        lines.append(L.pick("标准费用", "Standard fee") + colon + money(q.gross))
        if let a = q.applied {
            let w = table.waivers[a.index]
            lines.append(L.pick("优惠措施", "Discount") + colon + "\(w.name.text(tag)) (−\(money(q.discount)))")
            lines.append(L.pick("优惠期限", "Discount valid") + colon + ValidityWords.text(from: w.conditions.from, until: w.conditions.until, L))
        }
        lines.append(L.pick("应付费用", "Fee to pay") + colon + money(q.net))
        for change in announced { lines.append(L.pick("已公告的调整", "Announced change") + colon + change.words(L)) }
        lines.append(L.pick("收费标准版本", "Fee table") + colon + L.pick("\(table.version)（\(table.effectiveFrom) 起执行）", "\(table.version) (in effect from \(table.effectiveFrom))"))
        lines.append(L.pick("版本指纹", "Fingerprint") + colon + table.fingerprint)
        var contact = L.pick("客服热线 ", "Hotline ") + bank.contacts.hotline
        if let c = bank.contacts.complaints { contact += L.pick("，投诉 ", ", complaints ") + c }
        lines.append(contact)
        if let h = q.item.highlight { lines.append(L.pick("重大事项提示", "Important") + colon + h.text(tag)) }
        lines.append(L.pick("客户确认：□ 接受  □ 拒绝", "Customer: [ ] accepts  [ ] declines"))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension AnnouncedChange {
    /// What this announced version will mean for the same request, in words (the receipt and the
    /// slip say it alike).
    public func words(_ L: TextLanguage) -> String {
        let t = table
        switch quote {
        case .success(let later):
            let laterMoney = MoneyText(currency: t.currency, language: L)
            return L.pick("自 \(t.effectiveFrom) 起（\(t.version) 版，\(t.announcedOn) 公告）应付 \(laterMoney(later.net))，标准费用 \(laterMoney(later.gross))",
                          "From \(t.effectiveFrom) (version \(t.version), announced \(t.announcedOn)) this will cost \(laterMoney(later.net)); standard fee \(laterMoney(later.gross))")
        case .failure(let e) where e.code == .unknownItem:
            return L.pick("自 \(t.effectiveFrom) 起（\(t.version) 版）不再提供此项服务", "From \(t.effectiveFrom) (version \(t.version)) this service is no longer offered")
        case .failure(let e):
            return L.pick("自 \(t.effectiveFrom) 起（\(t.version) 版）：\(e.message)", "From \(t.effectiveFrom) (version \(t.version)): \(e.message)")
        }
    }
}

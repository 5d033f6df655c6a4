import FeeKit

/// `GET /items/{code}`: an item's record and price history, and a fee calculator form (GET, no
/// script) asking only what the item's price and waivers depend on. A submitted form is priced by
/// the one calculator; the page shows the standard fee, the waiver, the fee to pay and every step
/// of the explanation, in the languages chosen.
enum ItemPage {
    /// The query parameters the page takes: the form's fields.
    static let fields = ["bank", "lang", "date", "amount", "quantity", "tier", "segment", "age", "channel", "reason", "branch", "uses", "calc"]

    static let e = HTMLEscaping.escape

    /// Which facts the item's price and waivers depend on.
    struct Needs {
        var amount = false, tier = false, segments = false, age = false, channel = false, reason = false, branch = false, uses = false

        init(item: FeeItem, table: FeeTable) {
            amount = item.fee.needsAmount
            for w in table.waivers where w.applies(to: item.code) {
                let c = w.conditions
                if c.tiers != nil || c.tierAtLeast != nil { tier = true }
                if c.segments != nil { segments = true }
                if c.minAge != nil { age = true }
                if c.channels != nil { channel = true }
                if c.reasons != nil || c.noFault { reason = true }
                if c.branches != nil { branch = true }
                if c.freeUses != nil { uses = true }
            }
        }
    }

    static func respond(_ code: String, _ p: Parameters, _ s: ServedCatalogue, today: CalendarDate) -> Result<HTTPResponse, HTTPFailure> {
        p.bank(in: s).flatMap { bank in p.languages(of: bank).flatMap { languages in p.date(default: today).flatMap { date in
            guard let (item, table) = APIDocuments.findItem(code, in: bank, on: date) else {
                return .failure(APIDocuments.unknownItem(code, in: bank, on: date))
            }
            let needs = Needs(item: item, table: table)
            let L = DocLanguages(languages)
            var blocks: [DocBlock] = [
                .rendered(.html, "<nav class=\"links\"><a href=\"/\(Pages.suffix(p))\">\(e(Pages.label("返回价目表", "Back to the price list", languages)))</a></nav>\n"),
                .heading(level: 1, L.text(item.name)),
            ]
            // A submitted form: the result first, where a phone shows it without scrolling.
            var status = HTTPStatus.ok
            if p["calc"] != nil {
                let (html, failed) = result(item, table, bank, p, date, languages, s.calculator)
                blocks.append(.rendered(.html, html))
                if let failed { status = failed }
            }
            let words = languages.map { PriceWords(table: table, tag: $0).price(of: item).joined(separator: "\n") }
            var facts: [(label: DocText, value: DocText)] = [
                (L.say("项目编号", "Code"), L.same(item.code)),
                (L.say("收费标准", "Price"), words),
                (L.say("计价单位", "Unit"), L.text(item.unit)),
                (L.say("定价方式", "Pricing"), L.each { _, lang in PricingWords.name(item.pricing, lang) }),
                (L.say("适用版本", "Fee table"), L.each { _, lang in lang.pick("\(table.version) 版（\(table.effectiveFrom) 起执行）", "\(table.version) (in effect from \(table.effectiveFrom))") }),
            ]
            if let content = item.content { facts.insert((L.say("服务内容", "What you get"), L.text(content)), at: 2) }
            blocks.append(.facts(facts))
            if let h = item.highlight { blocks.append(.callout(title: L.say("重大事项提示", "Important"), items: [L.text(h)])) }
            blocks.append(.rendered(.html, form(item, table, bank, needs, p, date, languages)))
            let waivers = table.waivers.filter { $0.applies(to: item.code) }
            if !waivers.isEmpty {
                blocks.append(.heading(level: 2, L.say("优惠减免", "Waivers")))
                blocks.append(.list(waivers.map { w in
                    L.each { tag, lang in w.name.text(tag) + lang.pick("：", ": ") + PriceWords(table: table, tag: tag).effect(w.effect, unit: item.unit.text(tag)) }
                }))
            }
            let history = bank.priceHistory(of: item.code)
            blocks.append(.section(className: "history", [
                .heading(level: 2, L.say("价格历史", "Price history")),
                .table(className: "history", columns: [L.say("版本", "Version"), L.say("执行日期", "Effective"), L.say("状态", "Status"), L.say("变化", "Change"), L.say("收费标准", "Price")],
                       rows: history.map { entry in
                           [L.same(entry.table.version), L.same("\(entry.table.effectiveFrom)"),
                            L.each { _, lang in VersionWords.status(bank.status(of: entry.table, on: date), lang) },
                            L.each { _, lang in VersionWords.change(entry.change, lang) },
                            entry.item.map { i in languages.map { PriceWords(table: entry.table, tag: $0).price(of: i).joined(separator: "\n") } } ?? L.say("（无此项目）", "(not offered)")]
                       }),
            ]))
            let d = Document(languages: languages, title: L.each { tag, lang in item.name.text(tag) + lang.pick(" · 费用试算", " · fee calculator") }, blocks: blocks)
            return .success(Pages.page(d, status: status))
        } } }
    }

    // MARK: the form

    static func form(_ item: FeeItem, _ table: FeeTable, _ bank: Bank, _ needs: Needs, _ p: Parameters, _ date: CalendarDate, _ languages: [String]) -> String {
        func label(_ zh: String, _ en: String) -> String { e(Pages.label(zh, en, languages)) }
        func field(_ name: String, _ text: String, _ input: String) -> String {
            "<p class=\"field\" style=\"margin:0.4em 0\"><label for=\"f-\(name)\" style=\"display:block;font-weight:bold\">\(text)</label>\(input)</p>"
        }
        func textInput(_ name: String, _ value: String?, mode: String, placeholder: String = "") -> String {
            "<input id=\"f-\(name)\" name=\"\(name)\" type=\"text\" inputmode=\"\(mode)\" value=\"\(e(value ?? ""))\" placeholder=\"\(e(placeholder))\" style=\"font-size:1em;padding:0.3em;width:100%;max-width:20em\"/>"
        }
        func select(_ name: String, _ options: [(id: String, name: LocalizedText)], blank: String?) -> String {
            var s = "<select id=\"f-\(name)\" name=\"\(name)\" style=\"font-size:1em;padding:0.3em;max-width:100%\">"
            if let blank { s += "<option value=\"\">\(e(blank))</option>" }
            for o in options {
                s += "<option value=\"\(e(o.id))\"\(p[name] == o.id ? " selected=\"selected\"" : "")>\(e(Pages.names(o.name, languages)))</option>"
            }
            return s + "</select>"
        }
        let none = Pages.label("（不适用）", "(none)", languages)
        var s = "<form class=\"calculator\" method=\"get\" action=\"/items/\(e(item.code))\" style=\"border:2px solid #8b0000;padding:0.6em 1em;margin:1em 0\">"
        s += "<h2 style=\"margin-top:0.2em\">\(label("费用试算", "Fee calculator"))</h2>"
        if p["bank"] != nil { s += "<input type=\"hidden\" name=\"bank\" value=\"\(e(bank.id))\"/>" }
        if needs.amount { s += field("amount", label("交易金额（元）", "Amount (CNY)"), textInput("amount", p["amount"], mode: "decimal", placeholder: "50000.00")) }
        s += field("quantity", label("数量", "Quantity"), textInput("quantity", p["quantity"] ?? "1", mode: "numeric"))
        if needs.tier && !table.tiers.isEmpty { s += field("tier", label("客户等级", "Customer tier"), select("tier", table.tiers.map { ($0.id, $0.name) }, blank: nil)) }
        if needs.segments && !table.segments.isEmpty {
            s += "<fieldset style=\"margin:0.4em 0\"><legend style=\"font-weight:bold\">\(label("客户群体", "Customer group"))</legend>"
            let chosen = p.all("segment")
            for seg in table.segments {
                s += "<label style=\"display:inline-block;margin-right:1em\"><input type=\"checkbox\" name=\"segment\" value=\"\(e(seg.id))\"\(chosen.contains(seg.id) ? " checked=\"checked\"" : "")/> \(e(Pages.names(seg.name, languages)))</label>"
            }
            s += "</fieldset>"
        }
        if needs.age { s += field("age", label("年龄（周岁）", "Age (years)"), textInput("age", p["age"], mode: "numeric")) }
        if needs.channel && !table.channels.isEmpty { s += field("channel", label("办理渠道", "Channel"), select("channel", table.channels.map { ($0.id, $0.name) }, blank: none)) }
        if needs.reason && !table.reasons.isEmpty { s += field("reason", label("办理原因", "Reason"), select("reason", table.reasons.map { ($0.id, $0.name) }, blank: none)) }
        if needs.branch { s += field("branch", label("办理网点", "Branch"), select("branch", bank.profile.branches.map { ($0.id, $0.name) }, blank: none)) }
        if needs.uses { s += field("uses", label("本期已使用次数", "Earlier uses this period"), textInput("uses", p["uses"] ?? "0", mode: "numeric")) }
        s += field("date", label("办理日期", "Date"), textInput("date", "\(date)", mode: "numeric", placeholder: "YYYY-MM-DD"))
        if bank.profile.languages.count > 1 {
            s += field("lang", label("显示语言", "Language"), "<select id=\"f-lang\" name=\"lang\" style=\"font-size:1em;padding:0.3em\">"
                + bank.profile.languages.map { tag in
                    "<option value=\"\(e(tag))\"\(p["lang"] == tag ? " selected=\"selected\"" : "")>\(e(TextLanguage(tag: tag).pick("中文", "English")))</option>"
                }.joined() + "<option value=\"\(e(bank.profile.languages.joined(separator: ",")))\"\(p["lang"] == nil || p["lang"] == bank.profile.languages.joined(separator: ",") ? " selected=\"selected\"" : "")>中文 / English</option></select>")
        }
        s += "<p><button type=\"submit\" name=\"calc\" value=\"1\" style=\"font-size:1.1em;padding:0.4em 1.2em\">\(label("计算费用", "Work out the fee"))</button></p></form>\n"
        return s
    }

    // MARK: the result

    /// The result block, and the status when the form could not be priced.
    static func result(_ item: FeeItem, _ table: FeeTable, _ bank: Bank, _ p: Parameters, _ date: CalendarDate,
                       _ languages: [String], _ calculator: FeeCalculator) -> (String, HTTPStatus?) {
        func label(_ zh: String, _ en: String) -> String { e(Pages.label(zh, en, languages)) }
        func refused(_ code: String, _ message: String, _ status: HTTPStatus) -> (String, HTTPStatus?) {
            ("<section class=\"result\" id=\"result\" role=\"alert\" style=\"border:3px solid #8b0000;padding:0.6em 1em;margin:1em 0\"><h2>\(label("无法计算", "The fee cannot be worked out"))</h2><p data-error=\"\(e(code))\">\(e(message))</p></section>\n", status)
        }
        switch request(item, bank, p, date, languages) {
        case .failure(let f): return refused(f.code.rawValue, f.message, .badRequest)
        case .success(let r):
            switch calculator.quote(r) {
            case .failure(let f): return refused(f.code.rawValue, f.message, .unprocessable)
            case .success(let q):
                let digits = q.currency.minorDigits
                let first = TextLanguage(tag: languages[0])
                func money(_ m: Money) -> String {
                    var seen: [String] = []
                    for tag in languages {
                        let s = MoneyText(currency: q.currency, language: TextLanguage(tag: tag))(m)
                        if !seen.contains(s) { seen.append(s) }
                    }
                    return e(seen.joined(separator: " / "))
                }
                var s = "<section class=\"result\" id=\"result\" style=\"border:3px solid #8b0000;padding:0.6em 1em;margin:1em 0\">"
                s += "<h2>\(label("试算结果", "Your fee"))</h2><dl class=\"outcome\">"
                s += "<dt>\(label("标准费用", "Standard fee"))</dt><dd data-gross=\"\(q.gross.plainText(minorDigits: digits))\">\(money(q.gross))</dd>"
                let waiver = q.applied.map { a in table.waivers.first { $0.id == a.id }.map { Pages.names($0.name, languages) } ?? a.id }
                s += "<dt>\(label("优惠减免", "Waiver"))</dt><dd data-waiver=\"\(e(q.applied?.id ?? ""))\">\(e(waiver ?? Pages.label("无", "none", languages)))\(q.discount.minorUnits > 0 ? first.pick("（−", " (−") + money(q.discount) + first.pick("）", ")") : "")</dd>"
                s += "<dt>\(label("应付费用", "Fee to pay"))</dt><dd><strong style=\"font-size:1.5em\" data-net=\"\(q.net.plainText(minorDigits: digits))\">\(money(q.net))</strong></dd></dl>"
                for tag in languages {
                    let explanation = Explanation(quote: q, tag: tag, branches: bank.profile.branches)
                    s += "<h3 lang=\"\(e(tag))\">\(e(TextLanguage(tag: tag).pick("计算说明", "How it was worked out")))</h3><ol lang=\"\(e(tag))\" class=\"explanation\">"
                    for step in explanation.steps { s += "<li>\(e(step.text))</li>" }
                    s += "</ol>"
                }
                s += "<p class=\"l3\">\(e(q.version.fingerprintGroups))</p></section>\n"
                return (s, nil)
            }
        }
    }

    /// The request the form describes, read as the teller's options are (amounts as 50,000.00 or 5万).
    static func request(_ item: FeeItem, _ bank: Bank, _ p: Parameters, _ date: CalendarDate, _ languages: [String]) -> Result<QuoteRequest, QuoteError> {
        var r = QuoteRequest(bank: bank.id, item: item.code, date: date, lang: languages.first)
        if let e = TellerInput.readTyped(into: &r, { p[$0] }, field: { $0 }) { return .failure(e) }
        r.customer.tier = p["tier"]
        r.customer.segments = p.all("segment")
        r.channel = p["channel"]
        r.reason = p["reason"]
        r.branch = p["branch"]
        return .success(r)
    }
}

import FeeValues
import FeeJSON
import FeeWords
import FeePublishing
import FeeCore

/// The audit's outputs: one JSON line per finding (for other systems), a summary as JSON or text
/// with the refund list per customer (退费清单), and CSV for a spreadsheet.
public struct AuditReport: Sendable {
    /// The audit reported.
    public let aggregate: AuditAggregate
    /// The bank audited: its name, its currency and its item names on the report.
    public let bank: Bank
    /// The language tag of the text summary (the HTML one is in every language of the bank).
    public let tag: String

    /// The outputs of `aggregate`, an audit against `bank`'s tables, in the language `tag`.
    public init(aggregate: AuditAggregate, bank: Bank, tag: String) {
        self.aggregate = aggregate
        self.bank = bank
        self.tag = tag
    }

    private var digits: Int { aggregate.minorDigits }
    private func m(_ v: Int128) -> String { Money(minorUnits: v).plainText(minorDigits: digits) }

    /// Findings in a stable order: by customer, date, then id.
    public var findings: [AuditFinding] {
        aggregate.findings.sorted { ($0.customerRef, $0.date, $0.id, $0.item, $0.charged) < ($1.customerRef, $1.date, $1.id, $1.item, $1.charged) }
    }

    /// `--format jsonl`: every line that is not correct, one JSON object each.
    public var jsonLines: String {
        var out = ""
        for f in findings {
            var w = JSONWriter()
            w.beginObject()
            w.key("id"); if f.id.isEmpty { w.null() } else { w.raw(Array(f.id.utf8)) }
            w.field("customer_ref", f.customerRef)
            w.field("item", f.item)
            w.field("date", "\(f.date)")
            w.field("finding", f.kind.rawValue)
            w.field("cause", f.cause?.rawValue)
            w.field("charged", m(f.charged))
            w.field("fee", f.fee.map(m))
            w.field("refund", m(f.refund))
            w.field("detail", f.detail)
            w.key("missing"); w.beginArray(); for fact in f.missing { w.string(fact.rawValue) }; w.endArray()
            w.endObject()
            out += w.text + "\n"
        }
        return out
    }

    /// Refunds owed per customer, largest first (ties by ref).
    public var refunds: [(customer: String, amount: Int128, lines: Int)] {
        var by: [String: (Int128, Int)] = [:]
        for f in aggregate.findings where f.refund > 0 {
            let (a, n) = by[f.customerRef] ?? (0, 0)
            by[f.customerRef] = (a + f.refund, n + 1)
        }
        return by.map { ($0.key, $0.value.0, $0.value.1) }.sorted { ($1.amount, $0.customer) < ($0.amount, $1.customer) }
    }

    private func counts<K: Hashable & Comparable>(_ key: (AuditFinding) -> K?) -> [(K, Int, Int128)] {
        var by: [K: (Int, Int128)] = [:]
        for f in aggregate.findings {
            guard let k = key(f) else { continue }
            let (n, r) = by[k] ?? (0, 0)
            by[k] = (n + 1, r + f.refund)
        }
        return by.map { ($0.key, $0.value.0, $0.value.1) }.sorted { $0.0 < $1.0 }
    }

    /// `--format json`: the summary and the refund list.
    public var json: String {
        var w = JSONWriter()
        w.beginObject()
        w.field("format", "fees-audit/1")
        w.field("bank", bank.id)
        w.field("lines", aggregate.lines)
        w.field("correct", aggregate.correct)
        w.field("outside_period", aggregate.outside)
        w.key("findings"); w.beginObject()
        for kind in AuditFindingKind.allCases { w.field(kind.rawValue, aggregate.findings.filter { $0.kind == kind }.count) }
        w.endObject()
        w.field("refund_total", m(aggregate.findings.reduce(0) { $0 + $1.refund }))
        w.key("by_cause"); w.beginArray()
        for (cause, n, r) in counts({ $0.cause?.rawValue }) { w.beginObject(); w.field("cause", cause); w.field("lines", n); w.field("refund", m(r)); w.endObject() }
        w.endArray()
        w.key("by_item"); w.beginArray()
        for (item, n, r) in counts({ $0.item }) { w.beginObject(); w.field("item", item); w.field("lines", n); w.field("refund", m(r)); w.endObject() }
        w.endArray()
        w.key("by_branch"); w.beginArray()
        for (b, n, r) in counts({ $0.branch }) { w.beginObject(); w.field("branch", b); w.field("lines", n); w.field("refund", m(r)); w.endObject() }
        w.endArray()
        w.key("by_channel"); w.beginArray()
        for (c, n, r) in counts({ $0.channel }) { w.beginObject(); w.field("channel", c); w.field("lines", n); w.field("refund", m(r)); w.endObject() }
        w.endArray()
        w.key("refunds"); w.beginArray()
        for r in refunds { w.beginObject(); w.field("customer_ref", r.customer); w.field("lines", r.lines); w.field("refund", m(r.amount)); w.endObject() }
        w.endArray()
        w.field("errors", aggregate.errors.count)
        w.endObject()
        return w.text + "\n"
    }

    /// `--format csv`: one row per finding, for a spreadsheet.
    public var csv: String {
        func cell(_ raw: String) -> String {
            // A leading = + - @ would be run as a formula by a spreadsheet: make it text.
            let s = raw.first.map { "=+-@".contains($0) } == true && Int(raw) == nil ? "'" + raw : raw
            guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
            return "\"" + s.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\""
        }
        var out = "id,customer_ref,item,date,finding,cause,charged,fee,refund,detail\n"
        for f in findings {
            // The id as text: a JSON string token decoded, a number as written.
            let id: String
            if let node = try? JSONParser.parse(f.id), case .string(let s) = node.value { id = s } else { id = f.id }
            out += [id, f.customerRef, f.item, "\(f.date)", f.kind.rawValue, f.cause?.rawValue ?? "", m(f.charged), f.fee.map(m) ?? "", m(f.refund), f.detail ?? ""]
                .map(cell).joined(separator: ",") + "\n"
        }
        return out
    }

    /// `--format text`: what a compliance officer reads first.
    public var text: String {
        let L = TextLanguage(tag: tag)
        let money = MoneyText(currency: bank.versions.last?.currency ?? Currency.cny(minorDigits: digits), language: L)
        func mm(_ v: Int128) -> String { money(Money(minorUnits: v)) }
        func kindName(_ k: AuditFindingKind) -> String { Self.kindWords(k, L) }
        func causeName(_ c: AuditCause) -> String { Self.causeWords(c, L) }
        var lines = [L.pick("\(bank.profile.name.text(tag)) · 收费核查", "\(bank.profile.name.text(tag)) · audit of charges")]
        lines.append(L.pick("读入 \(aggregate.lines) 行：正确 \(aggregate.correct) 笔，有问题 \(aggregate.findings.count) 笔，期外 \(aggregate.outside) 笔，无法读取 \(aggregate.errors.count) 行",
                            "\(aggregate.lines) lines: \(aggregate.correct) correct, \(aggregate.findings.count) findings, \(aggregate.outside) outside the period, \(aggregate.errors.count) unreadable"))
        for kind in AuditFindingKind.allCases {
            let n = aggregate.findings.filter { $0.kind == kind }.count
            if n > 0 { lines.append("  \(kindName(kind)): \(n)") }
        }
        let total = aggregate.findings.reduce(0) { $0 + $1.refund }
        lines.append(L.pick("应退合计：\(mm(total))", "Refunds due: \(mm(total))"))
        let causes = counts { $0.cause }
        if !causes.isEmpty {
            lines.append(L.pick("多收原因：", "Overcharges by cause:"))
            for (c, n, r) in causes { lines.append("  \(causeName(c)) (\(c.rawValue)): \(n), \(mm(r))") }
        }
        for (title, key) in [(L.pick("按项目：", "By item:"), { (f: AuditFinding) in Optional(f.item) }),
                             (L.pick("按网点：", "By branch:"), { (f: AuditFinding) in f.branch }),
                             (L.pick("按渠道：", "By channel:"), { (f: AuditFinding) in f.channel })] {
            let rows = counts(key)
            guard !rows.isEmpty else { continue }
            lines.append(title)
            for (k, n, r) in rows { lines.append("  \(k): \(n), \(mm(r))") }
        }
        if !refunds.isEmpty {
            lines.append(L.pick("退费清单：", "Refund list:"))
            for r in refunds { lines.append("  \(r.customer): \(mm(r.amount)) (\(r.lines))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension AuditReport {
    /// `--format html`: the same summary and refund list as a print-ready page.
    public var html: String {
        let D = DocLanguages(bank.profile.languages)
        let currency = bank.versions.last?.currency ?? Currency.cny(minorDigits: digits)
        func money(_ v: Int128) -> DocText { D.each { _, L in MoneyText(currency: currency, language: L)(Money(minorUnits: v)) } }
        let total = aggregate.findings.reduce(0) { $0 + $1.refund }
        var blocks: [DocBlock] = [
            .heading(level: 1, D.text(bank.profile.name)),
            .facts([(D.say("核查笔数", "Charges audited"), D.same("\(aggregate.lines)")),
                    (D.say("正确", "Correct"), D.same("\(aggregate.correct)")),
                    (D.say("应退合计", "Refunds due"), money(total))]),
        ]
        // Five columns, findings and causes in words: a table that fits a page and a phone.
        let table = bank.versions.last
        let rows = findings.map { f -> [DocText] in
            let name = table?.item(f.item).map { D.text($0.name) } ?? D.same(f.item)
            // The code and date once, under the first language's name.
            let service = [name[0] + "\n" + f.item + " · \(f.date)"] + name.dropFirst()
            let finding = D.each { _, L in Self.kindWords(f.kind, L) + (f.cause.map { L.pick("：", ": ") + Self.causeWords($0, L) } ?? "") }
            let amounts = D.each { _, L in
                let m = MoneyText(currency: currency, language: L)
                return L.pick("实收 ", "charged ") + m(Money(minorUnits: f.charged)) + (f.fee.map { L.pick("，应收 ", ", fee ") + m(Money(minorUnits: $0)) } ?? "")
            }
            return [D.same(f.customerRef), service, finding, amounts, money(f.refund)]
        }
        blocks.append(.table(className: "audit-findings",
                             columns: [D.say("客户", "Customer"), D.say("服务", "Service"), D.say("结论", "Finding"),
                                       D.say("金额", "Amounts"), D.say("应退", "Refund")],
                             rows: rows))
        blocks.append(.heading(level: 2, D.say("退费清单", "Refund list")))
        blocks.append(.table(className: "audit-refunds", columns: [D.say("客户", "Customer"), D.say("笔数", "Lines"), D.say("应退", "Refund")],
                             rows: refunds.map { [D.same($0.customer), D.same("\($0.lines)"), money($0.amount)] }))
        return Document(languages: D.tags, title: D.say("收费核查", "Audit of charges"), blocks: blocks).render(.html, layout: .a4)
    }
}

extension AuditReport {
    /// A finding in words.
    static func kindWords(_ k: AuditFindingKind, _ L: TextLanguage) -> String {
        switch k {
        case .overcharged: return L.pick("多收", "overcharged")
        case .unlisted: return L.pick("目录外收费", "not on the list")
        case .undercharged: return L.pick("少收", "undercharged")
        case .undecided: return L.pick("无法判定（缺少信息）", "undecided (a fact is missing)")
        }
    }

    /// A cause in words.
    static func causeWords(_ c: AuditCause, _ L: TextLanguage) -> String {
        switch c {
        case .waiverNotApplied: return L.pick("优惠减免未落实", "waiver not applied")
        case .noFaultIgnored: return L.pick("非客户原因未免收", "no-fault reason ignored")
        case .suspendedItemCharged: return L.pick("暂免项目仍收费", "currently waived item charged")
        case .newPriceEarly: return L.pick("新价格提前执行", "new price applied before its date")
        case .aboveList: return L.pick("超过公示标准", "above the published price")
        }
    }
}

extension AuditCause: Comparable {
    /// Orders causes by their code, so that summaries list them the same way on every run.
    public static func < (a: AuditCause, b: AuditCause) -> Bool { a.rawValue < b.rawValue }
}

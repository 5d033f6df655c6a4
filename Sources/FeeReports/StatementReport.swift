import FeeValues
import FeeJSON
import FeeWords
import FeePublishing

/// The totals of a statement run: what the summary at the end of a statement shows.
public struct StatementSummary: Sendable {
    /// How many customers had a transaction in the period, those already taken out included.
    public var customers: Int
    /// Every line of every customer added up.
    public var total: StatementLine
    /// Transactions dated outside the period (they still count as earlier uses).
    public var outside: Int
    /// Sorted.
    public var errors: [TransactionError]

    /// The summary of a run; `errors` are sorted here.
    public init(customers: Int, total: StatementLine, outside: Int, errors: [TransactionError]) {
        self.customers = customers
        self.total = total
        self.outside = outside
        self.errors = errors.sorted()
    }
}

extension StatementAggregate {
    /// The summary of everything added so far (customers already taken out included).
    public var summary: StatementSummary {
        StatementSummary(customers: customerCount, total: total, outside: outside, errors: errors)
    }
}

/// The statement of fees for each customer of a period, in the spirit of the EU's annual Statement
/// of Fees: every item, how many times, the unit price (both prices after a mid-period change),
/// standard, waived and paid totals, the waivers that saved money, and "you saved ¥X".
public struct StatementReport: Sendable {
    /// The aggregate whose customers get statements.
    public let aggregate: StatementAggregate
    /// The bank: its name, its currency and its versions' item names on the statements.
    public let bank: Bank
    /// The language tag the statements are written in (one language).
    public let tag: String

    /// Statements of `aggregate` from `bank` in the language `tag`.
    public init(aggregate: StatementAggregate, bank: Bank, tag: String) {
        self.aggregate = aggregate
        self.bank = bank
        self.tag = tag
    }

    /// The whole statement as one document (for small runs; `stream` writes large ones piece by piece).
    public var document: Document {
        var w = Writer(bank: bank, tag: tag, from: aggregate.from, to: aggregate.to, format: "txt")
        return Document(languages: [tag], title: w.lang.say("收费明细对账单", "Statement of fees"),
                        blocks: aggregate.customerRefs.flatMap { ref -> [DocBlock] in
                            let lines = aggregate.lines(of: ref)
                            return lines.isEmpty ? [] : w.customerBlocks(ref, lines)
                        } + w.summaryBlocks(aggregate.summary))
    }

    /// Writes the statement in `format` ("json", "txt" or "html") piece by piece, one customer at a
    /// time, so memory holds the aggregate but never the whole report. Same bytes as the document.
    public func stream(_ format: String, _ emit: (String) -> Void) {
        var w = Writer(bank: bank, tag: tag, from: aggregate.from, to: aggregate.to, format: format)
        w.begin(emit)
        for ref in aggregate.customerRefs { w.customer(ref, aggregate.lines(of: ref), emit) }
        w.finish(aggregate.summary, emit)
    }

    /// The statement as one JSON object: customers in order, lines by item and version, money in minor digits.
    public var json: String {
        var out = ""
        stream("json") { out += $0 }
        return out
    }

    /// Writes a statement as its customers come (in byte order of their refs): the header, each
    /// customer, then the summary. A statement over input sorted by customer, or a merge of
    /// partials, holds one customer at a time.
    public struct Writer {
        let bank: Bank
        let tag: String
        let from: CalendarDate
        let to: CalendarDate
        let format: String
        private var written = 0
        /// Each item's price in words, per version: the same for every customer.
        private var prices: [String: String] = [:]
        private var tail = ""
        /// HTML in large print (适老化: 1.5× type; tables as cards).
        public var largePrint = false

        /// A writer of `format`: "json", "txt" or "html".
        public init(bank: Bank, tag: String, from: CalendarDate, to: CalendarDate, format: String) {
            self.bank = bank
            self.tag = tag
            self.from = from
            self.to = to
            self.format = format
        }

        private var currency: Currency { bank.versions.last?.currency ?? Currency.cny(minorDigits: 2) }
        var lang: DocLanguages { DocLanguages([tag]) }
        private func money(_ v: Int128) -> String { MoneyText(currency: currency, language: TextLanguage(tag: tag))(Money(minorUnits: v)) }
        private var docFormat: DocumentFormat { format == "html" ? .html : .txt }
        private func part(_ blocks: [DocBlock]) -> String {
            Document(languages: [tag], title: [], blocks: blocks).renderBlocks(docFormat, layout: .a4)
        }
        private func minor(_ v: Int128) -> String { Money(minorUnits: v).plainText(minorDigits: currency.minorDigits) }

        var headerBlocks: [DocBlock] {
            [.heading(level: 1, lang.text(bank.profile.name)),
             .heading(level: 2, lang.say("收费明细对账单 \(from) 至 \(to)", "Statement of fees, \(from) to \(to)"))]
        }

        /// The start of the statement.
        public mutating func begin(_ emit: (String) -> Void) {
            if format == "json" {
                var head = JSONWriter()
                head.beginObject()
                head.field("format", "fees-statement/1")
                head.field("bank", bank.id)
                head.field("from", "\(from)")
                head.field("to", "\(to)")
                head.field("currency", currency.code)
                emit(head.text + ",\"customers\":[")
                return
            }
            if docFormat == .html {
                let page = Document(languages: [tag], title: lang.say("收费明细对账单", "Statement of fees"), blocks: [.rendered(.html, "\u{0}")],
                                    options: PageOptions(largePrint: largePrint)).render(.html, layout: .a4)
                let halves = page.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
                emit(String(halves[0]))
                tail = halves.count > 1 ? String(halves[1]) : ""
            }
        }

        /// One customer's statement (lines by item and version, as `StatementAggregate.lines(of:)`
        /// gives them); a customer without lines (only uses outside the period) is left out.
        public mutating func customer(_ ref: String, _ lines: [StatementLine], _ emit: (String) -> Void) {
            guard !lines.isEmpty else { return }
            defer { written += 1 }
            if format == "json" {
                emit((written > 0 ? "," : "") + customerJSON(ref, lines))
                return
            }
            emit(part(customerBlocks(ref, lines)))
        }

        /// The summary, and the end of the statement.
        public mutating func finish(_ summary: StatementSummary, _ emit: (String) -> Void) {
            if format == "json" {
                let grand = summary.total
                var w = JSONWriter()
                w.beginObject()
                w.key("totals")
                w.beginObject()
                w.field("customers", summary.customers); w.field("transactions", grand.count)
                w.field("gross", minor(grand.gross)); w.field("waived", minor(grand.discount)); w.field("net", minor(grand.net))
                w.field("outside_period", summary.outside)
                w.endObject()
                w.key("errors")
                w.beginArray()
                for e in summary.errors {
                    w.beginObject(); w.field("customer", e.customerRef); w.field("id", e.id); w.field("code", e.code); w.field("message", e.message); w.endObject()
                }
                w.endArray()
                w.endObject()
                emit("]," + String(w.text.dropFirst()) + "\n")
                return
            }
            emit(part(summaryBlocks(summary)))
            if docFormat == .html { emit(tail) }
        }

        private mutating func price(_ l: StatementLine) -> String {
            let key = l.version + "\u{1F}" + l.item
            if let p = prices[key] { return p }
            let table = bank.version(id: l.version)
            let p = table.flatMap { t in t.item(l.item).map { PriceWords(table: t, tag: tag).price(of: $0).joined(separator: "\n") } } ?? ""
            prices[key] = p
            return p
        }

        /// One customer's statement: a line per item and price, then the totals.
        mutating func customerBlocks(_ ref: String, _ lines: [StatementLine]) -> [DocBlock] {
            let L = TextLanguage(tag: tag)
            var total = StatementLine(item: "", version: "")
            var rows: [[DocText]] = []
            for l in lines {
                if let sum = total.adding(l) { total = sum }  // bounded by the run's checked total
                let table = bank.version(id: l.version)
                let item = table?.item(l.item)
                let waivers = l.waivers.keys.sorted().map { id -> String in
                    let name = table?.waivers.first { $0.id == id }?.name.text(tag) ?? id
                    let s = l.waivers[id]!
                    return L.pick("\(name)：\(s.count) 次，节省 \(money(s.saved))", "\(name): \(s.count)×, saved \(money(s.saved))")
                }.joined(separator: "\n")
                // Times and units in one column (units only when they differ); the code as an id, not text.
                let times = l.quantity == l.count ? "\(l.count)" : L.pick("\(l.count)（共 \(l.quantity) 单位）", "\(l.count) (\(l.quantity) units)")
                rows.append([[item?.name.text(tag) ?? l.item, l.item], [price(l) + L.pick("（自 \(l.version) 版起）", " (since table \(l.version))")],
                             [times], [money(l.gross)], [money(l.discount)], [money(l.net)], [waivers]])
            }
            // Each customer's statement stands alone (it is mailed alone): the bank and the period
            // first, the customer's reference as an id, and in print pages of its own marked with it.
            let inner: [DocBlock] = headerBlocks + [
                    .facts([(lang.say("客户编号", "Customer reference"), lang.neutral(ref))]),
                    .table(className: "statement", columns: [lang.say("服务项目", "Service"), lang.say("单价", "Unit price"), lang.say("次数", "Times"),
                                                             lang.say("标准费用", "Standard"), lang.say("减免", "Waived"),
                                                             lang.say("实付", "Paid"), lang.say("优惠", "Waivers")],
                           rows: rows),
                    .paragraph([L.pick("合计：标准费用 \(money(total.gross))，减免 \(money(total.discount))，实付 \(money(total.net))。"
                                           + (total.discount > 0 ? "您通过优惠减免节省了 \(money(total.discount))。" : ""),
                                       "Total: standard \(money(total.gross)), waived \(money(total.discount)), paid \(money(total.net))."
                                           + (total.discount > 0 ? " You saved \(money(total.discount)) through waivers." : ""))])]
            return [.part(className: "customer", mark: L.pick("客户编号 \(ref)", "Customer reference \(ref)"), inner)]
        }

        private func customerJSON(_ ref: String, _ lines: [StatementLine]) -> String {
            var total = StatementLine(item: "", version: "")
            var w = JSONWriter()
            w.beginObject()
            w.field("customer", ref)
            w.key("items")
            w.beginArray()
            for l in lines {
                if let sum = total.adding(l) { total = sum }  // bounded by the run's checked total
                w.beginObject()
                w.field("item", l.item); w.field("version", l.version); w.field("count", l.count); w.field("quantity", l.quantity)
                w.field("gross", minor(l.gross)); w.field("waived", minor(l.discount)); w.field("net", minor(l.net))
                w.key("waivers")
                w.beginArray()
                for id in l.waivers.keys.sorted() {
                    w.beginObject(); w.field("id", id); w.field("count", l.waivers[id]!.count); w.field("saved", minor(l.waivers[id]!.saved)); w.endObject()
                }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.field("gross", minor(total.gross)); w.field("waived", minor(total.discount)); w.field("net", minor(total.net))
            w.endObject()
            return w.text
        }

        func summaryBlocks(_ summary: StatementSummary) -> [DocBlock] {
            let grand = summary.total
            var blocks: [DocBlock] = [.heading(level: 2, lang.say("汇总", "Summary"))]
            blocks.append(.facts([
                (lang.say("客户数", "Customers"), ["\(summary.customers)"]),
                (lang.say("交易笔数", "Transactions"), ["\(grand.count)"]),
                (lang.say("标准费用", "Standard fees"), [money(grand.gross)]),
                (lang.say("减免", "Waived"), [money(grand.discount)]),
                (lang.say("实付", "Paid"), [money(grand.net)]),
                (lang.say("期外交易", "Outside the period"), ["\(summary.outside)"]),
                (lang.say("无法计费的交易", "Transactions that could not be priced"), ["\(summary.errors.count)"]),
            ]))
            if !summary.errors.isEmpty {
                blocks.append(.table(className: "errors", columns: [lang.say("客户", "Customer"), ["id"], lang.say("错误", "Error"), lang.say("说明", "Message")],
                                     rows: summary.errors.map { [[$0.customerRef], [$0.id], [$0.code], [$0.message]] }))
            }
            // The bank's totals, on pages of their own: never mailed with a customer's statement.
            return [.section(className: "run-summary", headerBlocks + blocks)]
        }
    }
}

/// What a new version means for customers before it is announced: revenue change, who pays more or
/// less and by how much, the items and tiers that drive it, and the largest individual increases.
public struct ImpactReport: Sendable {
    /// The repricing assessed.
    public let aggregate: ImpactAggregate
    /// The bank: its name and the new version's currency, item names and tiers.
    public let bank: Bank
    /// The language tag of the text report.
    public let tag: String

    /// The report of `aggregate` for `bank` in the language `tag`.
    public init(aggregate: ImpactAggregate, bank: Bank, tag: String) {
        self.aggregate = aggregate
        self.bank = bank
        self.tag = tag
    }

    private var currency: Currency { bank.version(id: aggregate.toVersion)?.currency ?? Currency.cny(minorDigits: 2) }

    /// The labels of the per-customer change buckets, in major units; interval notation says which
    /// side holds each edge.
    public static let bucketLabels = ["< −100", "[−100, −10)", "[−10, 0)", "0", "(0, 10]", "(10, 100]", "> 100"]

    /// The one bucket a change (in minor units of a currency with `minorDigits`) falls in: the
    /// buckets are a partition, so every customer is counted exactly once.
    public static func bucket(ofChange c: Int128, minorDigits: Int) -> Int {
        let ten = 10 * pow10(minorDigits), hundred = 100 * pow10(minorDigits)
        switch c {
        case ..<(-hundred): return 0
        case ..<(-ten): return 1
        case ..<0: return 2
        case 0: return 3
        case ...ten: return 4
        case ...hundred: return 5
        default: return 6
        }
    }

    /// Customers per change bucket.
    public var distribution: [(label: String, customers: Int)] {
        var counts = [Int](repeating: 0, count: Self.bucketLabels.count)
        for t in aggregate.customers.values { counts[Self.bucket(ofChange: t.new - t.old, minorDigits: currency.minorDigits)] += 1 }
        return zip(Self.bucketLabels, counts).map { ($0, $1) }
    }

    /// The customers whose fees rise most, largest first (ties by ref).
    public func largestIncreases(_ n: Int = 10) -> [(ref: String, totals: ImpactAggregate.Totals)] {
        aggregate.customers.filter { $0.value.new > $0.value.old }
            .sorted { ($1.value.new - $1.value.old, $0.key) < ($0.value.new - $0.value.old, $1.key) }
            .prefix(n).map { ($0.key, $0.value) }
    }

    /// `--format json` (`fees-impact/1`): revenue old and new, customers by change, drivers, largest increases.
    public var json: String {
        let d = currency.minorDigits
        func m(_ v: Int128) -> String { Money(minorUnits: v).plainText(minorDigits: d) }
        let total = aggregate.total
        var w = JSONWriter()
        w.beginObject()
        w.field("format", "fees-impact/1")
        w.field("bank", bank.id)
        w.field("from_version", aggregate.fromVersion)
        w.field("to_version", aggregate.toVersion)
        w.field("currency", currency.code)
        w.field("transactions", total.count)
        w.field("revenue_old", m(total.old)); w.field("revenue_new", m(total.new)); w.field("revenue_change", m(total.new - total.old))
        w.field("customers", aggregate.customers.count)
        w.field("customers_paying_more", aggregate.customers.values.filter { $0.new > $0.old }.count)
        w.field("customers_paying_less", aggregate.customers.values.filter { $0.new < $0.old }.count)
        w.field("customers_unchanged", aggregate.customers.values.filter { $0.new == $0.old }.count)
        w.key("distribution"); w.beginArray()
        for b in distribution { w.beginObject(); w.field("change", b.label); w.field("customers", b.customers); w.endObject() }
        w.endArray()
        func drivers(_ key: String, _ map: [String: ImpactAggregate.Totals]) {
            w.key(key); w.beginArray()
            for (k, t) in map.sorted(by: { (abs($0.value.new - $0.value.old), $1.key) > (abs($1.value.new - $1.value.old), $0.key) }) {
                w.beginObject(); w.field("id", k); w.field("transactions", t.count); w.field("old", m(t.old)); w.field("new", m(t.new)); w.field("change", m(t.new - t.old)); w.endObject()
            }
            w.endArray()
        }
        drivers("items", aggregate.items)
        drivers("tiers", aggregate.tiers)
        w.key("largest_increases"); w.beginArray()
        for (ref, t) in largestIncreases() { w.beginObject(); w.field("customer", ref); w.field("old", m(t.old)); w.field("new", m(t.new)); w.field("change", m(t.new - t.old)); w.endObject() }
        w.endArray()
        w.field("errors", aggregate.errors.count)
        w.endObject()
        return w.text + "\n"
    }

    /// The report as text: revenue, who pays more or less, the distribution, the drivers, the largest increases.
    public var text: String {
        let L = TextLanguage(tag: tag)
        let money = MoneyText(currency: currency, language: L)
        func m(_ v: Int128) -> String { (v < 0 ? "−" : "") + money(Money(minorUnits: abs(v))) }
        let total = aggregate.total
        let table = bank.version(id: aggregate.toVersion)
        var lines = [L.pick("\(bank.profile.name.text(tag)) · 调价影响评估：\(aggregate.fromVersion) → \(aggregate.toVersion)",
                            "\(bank.profile.name.text(tag)) · repricing impact: \(aggregate.fromVersion) → \(aggregate.toVersion)")]
        lines.append(L.pick("交易 \(total.count) 笔，客户 \(aggregate.customers.count) 位，无法计费 \(aggregate.errors.count) 笔",
                            "\(total.count) transactions, \(aggregate.customers.count) customers, \(aggregate.errors.count) could not be priced"))
        lines.append(L.pick("收入：\(m(total.old)) → \(m(total.new))（变化 \(m(total.new - total.old))）", "Revenue: \(m(total.old)) → \(m(total.new)) (change \(m(total.new - total.old)))"))
        let more = aggregate.customers.values.filter { $0.new > $0.old }.count, less = aggregate.customers.values.filter { $0.new < $0.old }.count
        lines.append(L.pick("多付的客户 \(more) 位，少付的客户 \(less) 位，不变 \(aggregate.customers.count - more - less) 位",
                            "Customers paying more: \(more); paying less: \(less); unchanged: \(aggregate.customers.count - more - less)"))
        lines.append(L.pick("每位客户的变化（元）：", "Change per customer (major units):"))
        for b in distribution { lines.append("  \(b.label): \(b.customers)") }
        lines.append(L.pick("主要影响的项目：", "Items driving it:"))
        for (k, t) in aggregate.items.sorted(by: { (abs($0.value.new - $0.value.old), $1.key) > (abs($1.value.new - $1.value.old), $0.key) }).prefix(10) where t.new != t.old {
            lines.append("  \(table?.item(k)?.name.text(tag) ?? k) (\(k)): \(m(t.old)) → \(m(t.new)), \(m(t.new - t.old))")
        }
        lines.append(L.pick("按客户等级：", "By tier:"))
        for (k, t) in aggregate.tiers.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(table?.tiers.first { $0.id == k }?.name.text(tag) ?? k): \(m(t.old)) → \(m(t.new)), \(m(t.new - t.old))")
        }
        lines.append(L.pick("增幅最大的客户：", "Largest individual increases:"))
        for (ref, t) in largestIncreases() { lines.append("  \(ref): \(m(t.old)) → \(m(t.new)), +\(m(t.new - t.old))") }
        return lines.joined(separator: "\n") + "\n"
    }
}

import FeeValues
import FeeJSON
import FeeWords
import FeeCore
import FeePublishing

/// One change a customer must be told of before an announced version takes effect.
public struct CustomerChange: Sendable, Hashable {
    /// The item's code.
    public let item: String
    /// The customer's own fee for the item, before and after (the largest rise among their uses).
    public let old: Int128
    /// The customer's fee for the item under the new version, in minor units.
    public let new: Int128
    /// A waiver the customer had that the new version no longer gives them, if that is the change.
    public let endedWaiver: String?

    package init(item: String, old: Int128, new: Int128, endedWaiver: String?) {
        self.item = item
        self.old = old
        self.new = new
        self.endedWaiver = endedWaiver
    }
}

/// Who must be told what before `toVersion` takes effect (the 2014 rules: tell affected customers
/// of a raise; the enforcement guidelines: tell them when a discount ends): every customer who used,
/// in the transactions given, an item the version makes dearer for them, or a waiver it takes away.
public struct ChangeNotices: Sendable {
    /// The version the transactions were priced under, by its id.
    public let fromVersion: String
    /// The announced version the customers must be told of, by its id.
    public let toVersion: String
    /// Customer ref → their changes, largest rise first.
    public private(set) var customers: [String: [CustomerChange]] = [:]
    /// Lines that could not be repriced under both versions, with why (a removed item among them).
    public private(set) var errors: [TransactionError] = []

    /// No notices yet, from the version `fromVersion` to `toVersion` of the catalogue priced against.
    public init(fromVersion: String, toVersion: String) {
        self.fromVersion = fromVersion
        self.toVersion = toVersion
    }

    /// Reprices one transaction under both versions (uses counted as for statements) and records
    /// the change when the new version charges this customer more or drops the waiver they had.
    public mutating func add(_ line: Result<[UInt8], TransactionError>, calculator: FeeCalculator, counter: inout UsageCounter) {
        add(OrderedTransaction(line: line, decoded: nil), calculator: calculator, counter: &counter)
    }

    /// Reprices a line in its turn from `TransactionOrder` (see `add(_:calculator:counter:)`).
    public mutating func add(_ line: OrderedTransaction, calculator: FeeCalculator, counter: inout UsageCounter) {
        switch counter.counted(line.transaction(speaking: calculator), calculator: calculator, version: toVersion) {
        case .failure(let e):
            errors.append(e)
        case .success(let t):
            let before: Quote
            switch calculator.quote(t.request, version: fromVersion) {
            case .success(let q): before = q
            case .failure(let e) where e.code == .unknownItem:
                return  // a service the old version did not have: not a change of the customer's price
            case .failure(let e):
                errors.append(TransactionError(customerRef: t.customerRef, id: t.id, error: e))
                return
            }
            // The customer's next use comes once the new version is in effect: its conditions read
            // that day, so a promotion whose `until` falls before it counts as ending.
            var next = t.request
            if let effective = calculator.catalogue.bank(before.bank)?.version(id: toVersion)?.effectiveFrom, effective > next.date { next.date = effective }
            guard case .success(let after) = calculator.quote(next, version: toVersion) else {
                errors.append(TransactionError(customerRef: t.customerRef, id: t.id, error: QuoteError(.unknownItem, .itemRemoved(item: t.request.item, version: toVersion)).in(calculator.messageLanguage(of: t.request))))
                return
            }
            let old = before.net.minorUnits, new = after.net.minorUnits
            let lost = before.applied.map(\.id).flatMap { id in after.eligible.contains { $0.id == id } ? nil : id }
            // Dearer for this customer, or a waiver they had is gone (even where the new price makes up for it).
            guard new > old || lost != nil else { return }
            record(t.customerRef, CustomerChange(item: t.request.item, old: old, new: new, endedWaiver: lost))
        }
    }

    private mutating func record(_ customer: String, _ change: CustomerChange) {
        var list = customers[customer] ?? []
        if let k = list.firstIndex(where: { $0.item == change.item }) {
            if change.new - change.old > list[k].new - list[k].old { list[k] = change }
        } else {
            list.append(change)
        }
        list.sort { ($0.new - $0.old, $1.item) > ($1.new - $1.old, $0.item) }
        customers[customer] = list
    }
}

/// The texts of the notices: an SMS (at most 70 characters in Chinese, 160 in English, one per
/// customer, naming the largest change) and a print-ready letter listing every change.
public struct ChangeNoticeTexts: Sendable {
    /// The customers and their changes.
    public let notices: ChangeNotices
    /// The bank that writes: its name, its hotline and `notices.toVersion` (without it the texts are empty).
    public let bank: Bank

    /// The texts of `notices` from `bank`.
    public init(notices: ChangeNotices, bank: Bank) {
        self.notices = notices
        self.bank = bank
    }

    /// The most characters an SMS may have in a language (one message, no splitting).
    public static func smsLimit(_ tag: String) -> Int { tag.hasPrefix("zh") ? 70 : 160 }

    private var version: FeeTable? { bank.version(id: notices.toVersion) }

    /// The SMS for one customer in `tag`, within the limit: the item names are shortened first.
    public func sms(_ changes: [CustomerChange], tag: String) -> String {
        guard let first = changes.first, let table = version else { return "" }
        let L = TextLanguage(tag: tag)
        let money = MoneyText(currency: table.currency, language: L)
        let bankName = bank.profile.name.text(tag), hotline = bank.profile.contacts.hotline
        var name = table.item(first.item)?.name.text(tag) ?? first.item
        let more = changes.count - 1
        func build(_ name: String) -> String {
            let verb = first.new > first.old ? "rises" : first.new < first.old ? "falls" : "stays"
            let price = L.pick("由\(money(Money(minorUnits: first.old)))调整为\(money(Money(minorUnits: first.new)))",
                               first.new == first.old ? "stays at \(money(Money(minorUnits: first.new)))"
                                   : "\(verb) from \(money(Money(minorUnits: first.old))) to \(money(Money(minorUnits: first.new)))")
            let ended = first.endedWaiver != nil ? L.pick("（优惠结束）", " (a discount ends)") : ""
            let others = more > 0 ? L.pick("，另有\(more)项调整", " (\(more) more of your fees change)") : ""
            return L.pick("【\(bankName)】自\(table.effectiveFrom)起，\(name)\(price)\(ended)\(others)。详询\(hotline)",
                          "\(bankName): from \(table.effectiveFrom) your fee for \(name) \(price)\(ended)\(others). Info: \(hotline)")
        }
        var text = build(name)
        let limit = Self.smsLimit(tag)
        // Shorten the name, never the facts; in English with "...", which the 7-bit SMS alphabet has.
        let ellipsis = tag.hasPrefix("zh") ? "…" : "..."
        while text.count > limit && name.count > 4 {
            name = String(name.prefix(name.count - 2 - (ellipsis.count - 1))) + ellipsis
            text = build(name)
        }
        return text
    }

    /// One JSON line per customer: `customer_ref`, `sms` in the bank's first language, the SMS in
    /// every language, and the changes.
    public var jsonLines: String {
        let tags = bank.profile.languages
        let digits = version?.currency.minorDigits ?? 2
        var out = ""
        for ref in notices.customers.keys.sorted() {
            let changes = notices.customers[ref]!
            var w = JSONWriter()
            w.beginObject()
            w.field("customer_ref", ref)
            w.field("version", notices.toVersion)
            w.field("effective_from", version.map { "\($0.effectiveFrom)" } ?? "")
            w.field("sms", sms(changes, tag: tags[0]))
            w.key("sms_by_language"); w.beginObject()
            for tag in tags { w.field(tag, sms(changes, tag: tag)) }
            w.endObject()
            w.key("changes"); w.beginArray()
            for c in changes {
                w.beginObject()
                w.field("item", c.item)
                w.field("old", Money(minorUnits: c.old).plainText(minorDigits: digits))
                w.field("new", Money(minorUnits: c.new).plainText(minorDigits: digits))
                w.field("ended_waiver", c.endedWaiver)
                w.endObject()
            }
            w.endArray()
            w.endObject()
            out += w.text + "\n"
        }
        return out
    }

    /// Every customer's letter, each on pages of its own with the customer's reference at their foot,
    /// in `languages` (default: every language of the bank).
    public func letters(in languages: [String]? = nil) -> Document {
        let D = DocLanguages(languages ?? bank.profile.languages)
        var blocks: [DocBlock] = []
        guard let table = version else { return Document(languages: D.tags, title: D.say("调价通知", "Notice of fee changes"), blocks: []) }
        for ref in notices.customers.keys.sorted() {
            let changes = notices.customers[ref]!
            var rows: [[DocText]] = []
            for c in changes {
                let name = table.item(c.item).map { D.text($0.name) } ?? D.same(c.item)
                let price = D.each { _, L in
                    let m = MoneyText(currency: table.currency, language: L)
                    return "\(m(Money(minorUnits: c.old))) → \(m(Money(minorUnits: c.new)))"
                }
                // The ended waiver is named as the old version called it (the new one no longer has it).
                let old = bank.version(id: notices.fromVersion)
                let why = c.endedWaiver.map { id in
                    (old?.waivers.first { $0.id == id }).map { w in D.each { tag, L in L.pick("优惠结束：", "a discount ends: ") + w.name.text(tag) } }
                        ?? D.say("优惠结束", "a discount ends")
                } ?? D.say("调价", "new price")
                rows.append([name, price, why])
            }
            blocks.append(.part(className: "letter", mark: D.say("客户编号 \(ref)", "Customer reference \(ref)").joined(separator: " / "), [
                .heading(level: 2, D.text(bank.profile.name)),
                .facts([(D.say("客户编号", "Customer reference"), D.same(ref)),
                        (D.say("生效日期", "Takes effect on"), D.same("\(table.effectiveFrom)"))]),
                .paragraph(D.say("尊敬的客户：根据商业银行服务价格管理规定，自 \(table.effectiveFrom) 起，您使用过的下列服务价格将调整。在此之前仍按现行价格收费。",
                                 "Dear customer: under the commercial bank service price rules, from \(table.effectiveFrom) the prices of the services below, which you have used, will change. Until then the current prices apply.")),
                .table(className: "letter-changes", columns: [D.say("服务项目", "Service"), D.say("您的费用", "Your fee"), D.say("变化", "Change")], rows: rows),
                .paragraph(D.say("咨询电话：\(bank.profile.contacts.hotline)", "Questions: \(bank.profile.contacts.hotline)")),
            ]))
        }
        return Document(languages: D.tags, title: D.say("调价通知", "Notice of fee changes"), blocks: blocks)
    }
}

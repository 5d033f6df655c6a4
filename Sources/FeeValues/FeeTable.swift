/// How a price is set under the 2014 service-price rules: 市场调节价, 政府指导价 or 政府定价.
public enum PricingKind: String, Sendable, Hashable, CaseIterable {
    /// 市场调节价: set by the bank.
    case market
    /// 政府指导价: set by the bank within a range the government sets.
    case governmentGuided = "government-guided"
    /// 政府定价: set by the government.
    case governmentSet = "government-set"
}

/// A priced service (spec §1.3). Valid by construction: a valid item code and a `ref` that says
/// something; whether its code is unique and its category declared is the table's rule.
public struct FeeItem: Sendable, Hashable {
    /// Stable across versions: the same service keeps its code (`transfer.interbank.counter`).
    public let code: String
    /// The bank's own catalogue number (编号), shown on notices.
    public let ref: String?
    /// The id of the category it is listed under.
    public let category: String
    /// 服务项目: the service's name.
    public let name: LocalizedText
    /// 服务内容: what the customer gets.
    public let content: LocalizedText?
    /// What one unit is: 笔 / transfer, 张 / card.
    public let unit: LocalizedText
    /// 适用对象; nil means all personal customers.
    public let audience: LocalizedText?
    /// How the price is set.
    public let pricing: PricingKind
    /// 定价依据: the document or decision behind the price.
    public let basis: LocalizedText?
    /// 重大事项提示: shown prominently on every notice and explanation.
    public let highlight: LocalizedText?
    /// How the gross fee is computed.
    public let fee: FeeFormula

    /// What keeps parts from being an item.
    public enum Flaw: Error, Sendable, Hashable {
        /// The code breaks the item-code rule of spec §1 (`CatalogueID.isValidCode`).
        case invalidCode(String)
        /// `ref` is empty or only spaces.
        case blankRef
    }

    /// The item, or the first flaw that keeps these parts from being one.
    public init(code: String, ref: String? = nil, category: String, name: LocalizedText,
                content: LocalizedText? = nil, unit: LocalizedText, audience: LocalizedText? = nil,
                pricing: PricingKind, basis: LocalizedText? = nil, highlight: LocalizedText? = nil,
                fee: FeeFormula) throws(Flaw) {
        guard CatalogueID.isValidCode(code) else { throw .invalidCode(code) }
        if let ref, ref.isBlankText { throw .blankRef }
        self.code = code
        self.ref = ref
        self.category = category
        self.name = name
        self.content = content
        self.unit = unit
        self.audience = audience
        self.pricing = pricing
        self.basis = basis
        self.highlight = highlight
        self.fee = fee
    }
}

/// The currency of a table with the number of minor digits its amounts use (spec §1.2).
/// Valid by construction: a three-letter upper-case code and 0…4 minor digits.
public struct Currency: Sendable, Hashable {
    /// The ISO 4217 code (`CNY`).
    public let code: String
    /// Digits after the decimal point of every amount in this currency.
    public let minorDigits: Int

    /// The minor digits a table may give (`minor_units`): the one home of the range rule.
    public static let minorDigitsRange: ClosedRange<Int> = 0...4

    /// What keeps parts from being a currency.
    public enum Flaw: Error, Sendable, Hashable {
        /// Not three upper-case ASCII letters.
        case invalidCode(String)
        /// Minor digits outside `minorDigitsRange`.
        case minorDigitsOutOfRange(Int)
    }

    /// The flaw of a currency code, if any: the one home of the code's shape rule.
    package static func flaw(code: String) -> Flaw? {
        code.utf8.count == 3 && code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) ? nil : .invalidCode(code)
    }

    /// The currency, or the first flaw that keeps these parts from being one.
    public init(code: String, minorDigits: Int) throws(Flaw) {
        if let flaw = Self.flaw(code: code) { throw flaw }
        guard Self.minorDigitsRange.contains(minorDigits) else { throw .minorDigitsOutOfRange(minorDigits) }
        self.code = code
        self.minorDigits = minorDigits
    }

    private init(checkedCode code: String, minorDigits: Int) {
        self.code = code
        self.minorDigits = minorDigits
    }

    /// Yuan with `minorDigits` digits (clamped to the allowed range): what a report without a table uses.
    package static func cny(minorDigits: Int) -> Currency {
        Currency(checkedCode: "CNY", minorDigits: Swift.min(Swift.max(minorDigits, minorDigitsRange.lowerBound), minorDigitsRange.upperBound))
    }

    /// ISO 4217 minor digits of common currencies, used when a table gives no `minor_units`.
    public static func isoMinorDigits(_ code: String) -> Int? {
        switch code {
        case "JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF", "RWF": return 0
        case "KWD", "BHD", "OMR", "JOD", "TND", "LYD", "IQD": return 3
        case "CNY", "USD", "EUR", "HKD", "GBP", "MOP", "TWD", "SGD", "AUD", "NZD", "CAD", "CHF",
             "SEK", "NOK", "DKK", "THB", "MYR", "INR", "RUB", "BRL", "MXN", "ZAR", "PHP", "IDR",
             "AED", "SAR", "PLN", "CZK", "HUF", "TRY", "ILS", "EGP", "PKR", "NGN", "KZT":
            return 2
        default: return nil
        }
    }
}

/// One version of a bank's fee table: a complete, self-contained price list (spec §1.2).
///
/// A value type over one immutable storage object, so a copy (into every `Quote`) costs a single
/// reference count; the storage also holds the indexes the calculator needs (item by code,
/// waivers by item, tier ranks), built once when the table is loaded.
public struct FeeTable: Sendable {
    package final class Storage: Sendable {
        let version: String
        let announcedOn: CalendarDate
        let effectiveFrom: CalendarDate
        package let currency: Currency
        package let rounding: RoundingMode
        let categories: [NamedEntry]
        package let tiers: [NamedEntry]
        let segments: [NamedEntry]
        let channels: [NamedEntry]
        let reasons: [Reason]
        package let items: [FeeItem]
        package let waivers: [Waiver]
        let glossary: [GlossaryEntry]
        let fingerprint: Fingerprint
        let fileName: String
        /// Item index by code (the first item with a code), found from a `String` or from bytes.
        package let itemCodes: IdentifierIndex
        /// The items' codes in order (the candidates of a suggestion).
        let codes: [String]
        /// For each item, the indexes of the waivers whose patterns match it, in file order.
        package let waiversByItem: [[Int]]
        /// The closest codes for unknown codes already asked about.
        let suggestionMemo = SuggestionMemo()

        init(version: String, announcedOn: CalendarDate, effectiveFrom: CalendarDate, currency: Currency,
             rounding: RoundingMode, categories: [NamedEntry], tiers: [NamedEntry], segments: [NamedEntry],
             channels: [NamedEntry], reasons: [Reason], items: [FeeItem], waivers: [Waiver],
             glossary: [GlossaryEntry], fingerprint: Fingerprint, fileName: String) {
            self.version = version
            self.announcedOn = announcedOn
            self.effectiveFrom = effectiveFrom
            self.currency = currency
            self.rounding = rounding
            self.categories = categories
            self.tiers = tiers
            self.segments = segments
            self.channels = channels
            self.reasons = reasons
            self.items = items
            self.waivers = waivers
            self.glossary = glossary
            self.fingerprint = fingerprint
            self.fileName = fileName
            codes = items.map(\.code)
            itemCodes = IdentifierIndex(codes)
            // Each waiver's patterns taken out once: reading them through `waivers[w]` would copy
            // the whole waiver (a dozen references) for every item.
            let patterns = waivers.map(\.appliesTo)
            waiversByItem = items.map { item in
                patterns.indices.filter { ItemPattern.any(of: patterns[$0], matches: item.code) }
            }
        }
    }

    package let storage: Storage

    /// The item codes closest to an unknown `code`, best first (at most three), remembered per table.
    package func closestItemCodes(to code: String) -> [String] {
        storage.suggestionMemo.suggestions(for: code) { closestMatches(to: code, in: storage.codes, limit: 3) }
    }

    /// A table built in code, or the first flaw that keeps these parts from being one (`flaws`).
    /// `fingerprint` is given as a quote shows it (`sha256:` and 64 hex digits).
    public init(version: String, announcedOn: CalendarDate, effectiveFrom: CalendarDate, currency: Currency,
                rounding: RoundingMode, categories: [NamedEntry], tiers: [NamedEntry], segments: [NamedEntry],
                channels: [NamedEntry], reasons: [Reason], items: [FeeItem], waivers: [Waiver],
                glossary: [GlossaryEntry], fingerprint: String, fileName: String) throws(Flaw) {
        if let flaw = Self.flaws(version: version, announcedOn: announcedOn, effectiveFrom: effectiveFrom, categories: categories,
                                 tiers: tiers, segments: segments, channels: channels, reasons: reasons,
                                 items: items, waivers: waivers).first { throw flaw }
        storage = Storage(version: version, announcedOn: announcedOn, effectiveFrom: effectiveFrom, currency: currency,
                          rounding: rounding, categories: categories, tiers: tiers, segments: segments, channels: channels,
                          reasons: reasons, items: items, waivers: waivers, glossary: glossary, fingerprint: Fingerprint(fingerprint),
                          fileName: fileName)
    }

    /// A table read from a file, or the first flaw that keeps it from being one (`flaws`): its
    /// fingerprint is hashed from `bytes` when first asked for.
    package init(version: String, announcedOn: CalendarDate, effectiveFrom: CalendarDate, currency: Currency,
         rounding: RoundingMode, categories: [NamedEntry], tiers: [NamedEntry], segments: [NamedEntry],
         channels: [NamedEntry], reasons: [Reason], items: [FeeItem], waivers: [Waiver],
         glossary: [GlossaryEntry], fileBytes: [UInt8], fileName: String) throws(Flaw) {
        if let flaw = Self.flaws(version: version, announcedOn: announcedOn, effectiveFrom: effectiveFrom, categories: categories,
                                 tiers: tiers, segments: segments, channels: channels, reasons: reasons,
                                 items: items, waivers: waivers).first { throw flaw }
        storage = Storage(version: version, announcedOn: announcedOn, effectiveFrom: effectiveFrom, currency: currency,
                          rounding: rounding, categories: categories, tiers: tiers, segments: segments, channels: channels,
                          reasons: reasons, items: items, waivers: waivers, glossary: glossary, fingerprint: Fingerprint(of: fileBytes),
                          fileName: fileName)
    }

    /// The version id, unique within the bank (`2025-04`).
    public var version: String { storage.version }
    /// The day the version was published to customers.
    public var announcedOn: CalendarDate { storage.announcedOn }
    /// The first day it applies; unique within the bank.
    public var effectiveFrom: CalendarDate { storage.effectiveFrom }
    /// The currency of every amount of the table.
    public var currency: Currency { storage.currency }
    /// How an exact fee is rounded to a minor unit (spec §3.2).
    public var rounding: RoundingMode { storage.rounding }
    /// The categories items are listed under, in display order.
    public var categories: [NamedEntry] { storage.categories }
    /// Customer tiers in ascending order of rank; the first is the default tier.
    public var tiers: [NamedEntry] { storage.tiers }
    /// Customer groups such as seniors or students.
    public var segments: [NamedEntry] { storage.segments }
    /// Where a service is requested: counter, atm, mobile…
    public var channels: [NamedEntry] { storage.channels }
    /// Why a service is requested; some are no-fault.
    public var reasons: [Reason] { storage.reasons }
    /// The priced services, in file order; codes are unique.
    public var items: [FeeItem] { storage.items }
    /// The waiver policy, in order of precedence for ties; ids are unique.
    public var waivers: [Waiver] { storage.waivers }
    /// Terms and their explanations, printed on notices.
    public var glossary: [GlossaryEntry] { storage.glossary }
    /// `sha256:` and the hex SHA-256 of the file's bytes.
    public var fingerprint: String { storage.fingerprint.value }
    /// The file's name inside the bank directory.
    public var fileName: String { storage.fileName }

    /// The item with this exact code.
    public func item(_ code: String) -> FeeItem? { storage.itemCodes.index(of: code).map { storage.items[$0] } }

    /// The index of the item with this exact code.
    public func itemIndex(_ code: String) -> Int? { storage.itemCodes.index(of: code) }

    /// The indexes of the waivers whose patterns match the item at `itemIndex`, in file order.
    public func waiverIndexes(forItem itemIndex: Int) -> [Int] { storage.waiversByItem[itemIndex] }

    /// The rank of a tier (0 is the lowest), if declared.
    public func tierRank(_ id: String) -> Int? { storage.tiers.firstIndex { $0.id == id } }
}

extension FeeTable {
    /// What keeps parts from being a version's table (spec §1.2–§1.4): the rules that need more
    /// than one value of the table. Each value's own rules belong to its type.
    public enum Flaw: Error, Sendable, Hashable {
        /// The version id breaks the id rule of spec §1.
        case invalidVersion(String)
        /// `announced_on` is after `effective_from`.
        case announcedAfterEffective(announcedOn: CalendarDate, effectiveFrom: CalendarDate)
        /// No tier: a request without a tier would have none.
        case noTiers
        /// An id declared twice in one list (`list` is the table's key: `categories`, `items`, `waivers`…).
        case repeatedID(list: String, id: String)
        /// An item names a category the table does not declare.
        case undeclaredCategory(item: String, category: String)
        /// A waiver's pattern matches no item of the table.
        case patternMatchesNothing(waiver: String, pattern: ItemPattern)
        /// A waiver's condition names a tier, segment, channel or reason the table does not declare
        /// (`list` is the condition's key). Branches are declared in `bank.json`, not here.
        case undeclaredID(waiver: String, list: String, id: String)
    }

    /// The flaw of a version's dates, if any: the one home of the rule `announced_on ≤ effective_from`.
    package static func flaw(announcedOn: CalendarDate, effectiveFrom: CalendarDate) -> Flaw? {
        announcedOn > effectiveFrom ? .announcedAfterEffective(announcedOn: announcedOn, effectiveFrom: effectiveFrom) : nil
    }

    /// The flaw of a tier list of `count` tiers, if any: the one home of the rule.
    package static func flaw(tierCount count: Int) -> Flaw? {
        count == 0 ? .noTiers : nil
    }

    /// Whether `pattern` matches one of `codes`: the rule that every pattern names an item.
    package static func matchesAnItem(_ pattern: ItemPattern, codes: [String]) -> Bool {
        codes.contains(where: pattern.matches)
    }

    /// Every flaw of a table with these parts, in the order of the file's keys.
    static func flaws(version: String, announcedOn: CalendarDate, effectiveFrom: CalendarDate, categories: [NamedEntry],
                             tiers: [NamedEntry], segments: [NamedEntry], channels: [NamedEntry], reasons: [Reason],
                             items: [FeeItem], waivers: [Waiver]) -> [Flaw] {
        var flaws: [Flaw] = []
        if !CatalogueID.isValid(version) { flaws.append(.invalidVersion(version)) }
        if let f = flaw(announcedOn: announcedOn, effectiveFrom: effectiveFrom) { flaws.append(f) }
        func unique(_ list: String, _ ids: [String]) {
            var seen = UniqueIDs()
            for id in ids where !seen.insert(id) { flaws.append(.repeatedID(list: list, id: id)) }
        }
        unique("categories", categories.map(\.id))
        unique("tiers", tiers.map(\.id))
        if let f = flaw(tierCount: tiers.count) { flaws.append(f) }
        unique("segments", segments.map(\.id))
        unique("channels", channels.map(\.id))
        unique("reasons", reasons.map(\.id))
        unique("items", items.map(\.code))
        let categoryIDs = categories.map(\.id)
        for item in items where !categoryIDs.contains(item.category) {
            flaws.append(.undeclaredCategory(item: item.code, category: item.category))
        }
        unique("waivers", waivers.map(\.id))
        let codes = items.map(\.code)
        let declared: [(String, [String])] = [("tiers", tiers.map(\.id)), ("segments", segments.map(\.id)),
                                              ("channels", channels.map(\.id)), ("reasons", reasons.map(\.id))]
        for w in waivers {
            for p in w.appliesTo where !matchesAnItem(p, codes: codes) { flaws.append(.patternMatchesNothing(waiver: w.id, pattern: p)) }
            let c = w.conditions
            let named: [(String, [String])] = [("tiers", (c.tiers ?? []) + (c.tierAtLeast.map { [$0] } ?? [])), ("segments", c.segments ?? []),
                                               ("channels", c.channels ?? []), ("reasons", c.reasons ?? [])]
            for ((list, ids), (_, known)) in zip(named, declared) {
                for id in ids where !known.contains(id) { flaws.append(.undeclaredID(waiver: w.id, list: list, id: id)) }
            }
        }
        return flaws
    }
}

/// The rule that the ids of one list are unique (spec §1.2), for the table's init and the
/// loader's reports alike: `insert` says whether an id is new to the list.
package struct UniqueIDs {
    private var seen: Set<String> = []

    /// An empty list.
    package init() {}

    /// Adds `id`; false when the list already had it.
    package mutating func insert(_ id: String) -> Bool { seen.insert(id).inserted }
}

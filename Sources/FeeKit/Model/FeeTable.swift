/// How a price is set under the 2014 service-price rules: 市场调节价, 政府指导价 or 政府定价.
public enum PricingKind: String, Sendable, Hashable, CaseIterable {
    case market
    case governmentGuided = "government-guided"
    case governmentSet = "government-set"
}

/// A priced service (spec §1.3).
public struct FeeItem: Sendable, Hashable {
    public var code: String
    public var ref: String?
    public var category: String
    public var name: LocalizedText
    public var content: LocalizedText?
    public var unit: LocalizedText
    public var audience: LocalizedText?
    public var pricing: PricingKind
    public var basis: LocalizedText?
    public var highlight: LocalizedText?
    public var fee: FeeFormula

    public init(code: String, ref: String? = nil, category: String, name: LocalizedText,
                content: LocalizedText? = nil, unit: LocalizedText, audience: LocalizedText? = nil,
                pricing: PricingKind, basis: LocalizedText? = nil, highlight: LocalizedText? = nil,
                fee: FeeFormula) {
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

/// The currency of a table with the number of minor digits its amounts use.
public struct Currency: Sendable, Hashable {
    public var code: String
    public var minorDigits: Int

    public init(code: String, minorDigits: Int) {
        self.code = code
        self.minorDigits = minorDigits
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
    final class Storage: Sendable {
        let version: String
        let announcedOn: CalendarDate
        let effectiveFrom: CalendarDate
        let currency: Currency
        let rounding: RoundingMode
        let categories: [NamedEntry]
        let tiers: [NamedEntry]
        let segments: [NamedEntry]
        let channels: [NamedEntry]
        let reasons: [Reason]
        let items: [FeeItem]
        let waivers: [Waiver]
        let glossary: [GlossaryEntry]
        let fingerprint: Fingerprint
        let fileName: String
        /// Item index by code (the first item with a code), found from a `String` or from bytes.
        let itemCodes: IdentifierIndex
        /// For each item, the indexes of the waivers whose patterns match it, in file order.
        let waiversByItem: [[Int]]
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
            itemCodes = IdentifierIndex(items.map(\.code))
            waiversByItem = items.map { item in waivers.indices.filter { waivers[$0].applies(to: item.code) } }
        }
    }

    let storage: Storage

    /// The item codes closest to an unknown `code`, best first (at most three), remembered per table.
    func closestItemCodes(to code: String) -> [String] {
        storage.suggestionMemo.suggestions(for: code) { closestMatches(to: code, in: storage.items.map(\.code), limit: 3) }
    }

    public init(version: String, announcedOn: CalendarDate, effectiveFrom: CalendarDate, currency: Currency,
                rounding: RoundingMode, categories: [NamedEntry], tiers: [NamedEntry], segments: [NamedEntry],
                channels: [NamedEntry], reasons: [Reason], items: [FeeItem], waivers: [Waiver],
                glossary: [GlossaryEntry], fingerprint: String, fileName: String) {
        storage = Storage(version: version, announcedOn: announcedOn, effectiveFrom: effectiveFrom, currency: currency,
                          rounding: rounding, categories: categories, tiers: tiers, segments: segments, channels: channels,
                          reasons: reasons, items: items, waivers: waivers, glossary: glossary, fingerprint: Fingerprint(fingerprint),
                          fileName: fileName)
    }

    /// A table read from a file: its fingerprint is hashed from `bytes` when first asked for.
    init(version: String, announcedOn: CalendarDate, effectiveFrom: CalendarDate, currency: Currency,
         rounding: RoundingMode, categories: [NamedEntry], tiers: [NamedEntry], segments: [NamedEntry],
         channels: [NamedEntry], reasons: [Reason], items: [FeeItem], waivers: [Waiver],
         glossary: [GlossaryEntry], fileBytes: [UInt8], fileName: String) {
        storage = Storage(version: version, announcedOn: announcedOn, effectiveFrom: effectiveFrom, currency: currency,
                          rounding: rounding, categories: categories, tiers: tiers, segments: segments, channels: channels,
                          reasons: reasons, items: items, waivers: waivers, glossary: glossary, fingerprint: Fingerprint(of: fileBytes),
                          fileName: fileName)
    }

    public var version: String { storage.version }
    public var announcedOn: CalendarDate { storage.announcedOn }
    public var effectiveFrom: CalendarDate { storage.effectiveFrom }
    public var currency: Currency { storage.currency }
    public var rounding: RoundingMode { storage.rounding }
    public var categories: [NamedEntry] { storage.categories }
    /// In ascending order of rank; the first is the default tier.
    public var tiers: [NamedEntry] { storage.tiers }
    public var segments: [NamedEntry] { storage.segments }
    public var channels: [NamedEntry] { storage.channels }
    public var reasons: [Reason] { storage.reasons }
    public var items: [FeeItem] { storage.items }
    /// In order of precedence for ties.
    public var waivers: [Waiver] { storage.waivers }
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

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
public struct FeeTable: Sendable {
    public var version: String
    public var announcedOn: CalendarDate
    public var effectiveFrom: CalendarDate
    public var currency: Currency
    public var rounding: RoundingMode
    public var categories: [NamedEntry]
    /// In ascending order of rank; the first is the default tier.
    public var tiers: [NamedEntry]
    public var segments: [NamedEntry]
    public var channels: [NamedEntry]
    public var reasons: [Reason]
    public var items: [FeeItem]
    /// In order of precedence for ties.
    public var waivers: [Waiver]
    public var glossary: [GlossaryEntry]
    /// `sha256:` and the hex SHA-256 of the file's bytes.
    public var fingerprint: String
    /// The file's name inside the bank directory.
    public var fileName: String

    public init(version: String, announcedOn: CalendarDate, effectiveFrom: CalendarDate, currency: Currency,
                rounding: RoundingMode, categories: [NamedEntry], tiers: [NamedEntry], segments: [NamedEntry],
                channels: [NamedEntry], reasons: [Reason], items: [FeeItem], waivers: [Waiver],
                glossary: [GlossaryEntry], fingerprint: String, fileName: String) {
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
    }

    /// The item with this exact code.
    public func item(_ code: String) -> FeeItem? { items.first { $0.code == code } }

    /// The rank of a tier (0 is the lowest), if declared.
    public func tierRank(_ id: String) -> Int? { tiers.firstIndex { $0.id == id } }
}

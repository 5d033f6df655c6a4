import FeeValues

/// The customer as the calculator sees them: tier, segments and age only, never who they are (spec §2).
public struct Customer: Sendable, Hashable {
    /// A tier id; nil means the version's first (default) tier.
    public var tier: String?
    /// The segment ids the customer belongs to; any number, none by default.
    public var segments: [String]
    /// The age in whole years (0…150), read by `min_age` conditions; nil when not given.
    public var age: Int?

    /// A customer of `tier` (nil: the version's first), in `segments`, aged `age`; ids are checked when quoted.
    public init(tier: String? = nil, segments: [String] = [], age: Int? = nil) {
        self.tier = tier
        self.segments = segments
        self.age = age
    }
}

/// A request for a quote (spec §2); money stays a decimal string until the table's currency is known.
public struct QuoteRequest: Sendable, Hashable {
    /// Optional when the catalogue holds one bank.
    public var bank: String?
    /// The item's code in the version in effect on `date`.
    public var item: String
    /// The day of the transaction: it picks the version in effect and is the day conditions read.
    public var date: CalendarDate
    /// The transaction amount as a decimal string (`"50000.00"`); needed by rate and banded fees.
    public var amount: String?
    /// 1…1,000,000; above 1 only for per-unit items.
    public var quantity: Int
    /// The channel id (declared in the version), read by `channels` conditions.
    public var channel: String?
    /// The reason id (declared in the version), read by `reasons` and `no_fault` conditions.
    public var reason: String?
    /// The branch id (declared in bank.json), read by `branches` conditions.
    public var branch: String?
    /// The customer's earlier uses of the item in the current period, counted by the caller.
    public var usesInPeriod: Int?
    /// Who the customer is to the waivers: tier, segments and age.
    public var customer: Customer
    /// The language of the explanation; nil means the bank's first language.
    public var lang: String?

    /// A request for `item` on `date`; the rest is optional, and every id is checked against the tables when quoted.
    public init(bank: String? = nil, item: String, date: CalendarDate, amount: String? = nil, quantity: Int = 1,
                channel: String? = nil, reason: String? = nil, branch: String? = nil, usesInPeriod: Int? = nil,
                customer: Customer = Customer(), lang: String? = nil) {
        self.bank = bank
        self.item = item
        self.date = date
        self.amount = amount
        self.quantity = quantity
        self.channel = channel
        self.reason = reason
        self.branch = branch
        self.usesInPeriod = usesInPeriod
        self.customer = customer
        self.lang = lang
    }
}

import FeeCore
import FeeValues

/// The repricing of transactions under two versions: what a change means before it is announced.
public struct ImpactAggregate: Sendable {
    /// Transactions and what they cost under each version, for a customer, an item, a tier or all.
    public struct Totals: Sendable, Hashable {
        /// How many transactions.
        public internal(set) var count = 0
        /// What they cost under the old version, in minor units.
        public internal(set) var old: Int128 = 0
        /// What they cost under the new version, in minor units.
        public internal(set) var new: Int128 = 0

        package init(count: Int = 0, old: Int128 = 0, new: Int128 = 0) {
            self.count = count
            self.old = old
            self.new = new
        }

        /// The sum, or nil when it would overflow.
        func adding(_ o: Totals) -> Totals? {
            var r = self
            guard checkedAdd(&r.count, o.count), checkedAdd(&r.old, o.old), checkedAdd(&r.new, o.new) else { return nil }
            return r
        }
    }

    /// The sums over all customers, items and tiers: bounds for every sum a report makes.
    private var sums = [Totals](repeating: Totals(), count: 3)
    /// Whether some addition was refused because a sum would overflow (only hostile partials do this).
    public private(set) var overflowed = false

    /// Adds totals to a customer's, an item's or a tier's, checking the sum of each kind.
    package mutating func add(_ t: Totals, customer: String? = nil, item: String? = nil, tier: String? = nil) {
        for (k, key) in [customer, item, tier].enumerated() {
            guard let key else { continue }
            guard let sum = sums[k].adding(t) else { overflowed = true; continue }
            sums[k] = sum
            switch k {
            case 0: customers[key] = (customers[key] ?? Totals()).adding(t) ?? sum
            case 1: items[key] = (items[key] ?? Totals()).adding(t) ?? sum
            default: tiers[key] = (tiers[key] ?? Totals()).adding(t) ?? sum
            }
        }
    }

    /// The version repriced from, by its id.
    public let fromVersion: String
    /// The version repriced to, by its id; uses are counted as it counts them.
    public let toVersion: String
    /// Customer ref → their totals.
    public private(set) var customers: [String: Totals] = [:]
    /// Item code → its totals.
    public private(set) var items: [String: Totals] = [:]
    /// Tier id → its totals (the tier the new version gives the customer).
    public private(set) var tiers: [String: Totals] = [:]
    /// Lines that could not be priced under both versions, with why.
    public internal(set) var errors: [TransactionError] = []

    /// An empty aggregate of the versions with ids `fromVersion` and `toVersion` of the catalogue priced against.
    public init(fromVersion: String, toVersion: String) {
        self.fromVersion = fromVersion
        self.toVersion = toVersion
    }

    /// Reprices the transactions of JSON Lines `input` under both versions.
    public mutating func add(lines input: [UInt8], calculator: FeeCalculator) {
        var counter = UsageCounter()
        var order = TransactionOrder()
        forEachTransactionLine(input) { order.add($0) { add($0, calculator: calculator, counter: &counter) } }
        order.finish { add($0, calculator: calculator, counter: &counter) }
    }

    /// Adds one line as the line reader hands it over (an overlong one is listed as an error).
    public mutating func add(_ line: Result<[UInt8], TransactionError>, calculator: FeeCalculator, counter: inout UsageCounter) {
        add(OrderedTransaction(line: line, decoded: nil), calculator: calculator, counter: &counter)
    }

    /// Adds one transaction line, counting its use with `counter` (keep one counter for a whole input).
    public mutating func add(_ line: [UInt8], calculator: FeeCalculator, counter: inout UsageCounter) {
        add(counter.counted(TransactionDecoder.decode(line, speaking: calculator), calculator: calculator, version: toVersion), calculator: calculator)
    }

    /// Adds a line in its turn from `TransactionOrder`, counting its use with `counter`.
    public mutating func add(_ line: OrderedTransaction, calculator: FeeCalculator, counter: inout UsageCounter) {
        add(counter.counted(line.transaction(speaking: calculator), calculator: calculator, version: toVersion), calculator: calculator)
    }

    private mutating func add(_ decoded: Result<Transaction, TransactionError>, calculator: FeeCalculator) {
        switch decoded {
        case .failure(let e):
            errors.append(e)
        case .success(let t):
            switch (calculator.quote(t.request, version: fromVersion), calculator.quote(t.request, version: toVersion)) {
            case (.success(let a), .success(let b)):
                let one = Totals(count: 1, old: a.net.minorUnits, new: b.net.minorUnits)
                add(one, customer: t.customerRef, item: b.item.code, tier: b.tier)
            case (.failure(let e), _), (_, .failure(let e)):
                errors.append(TransactionError(customerRef: t.customerRef, id: t.id, error: e))
            }
        }
    }

    /// Adds another aggregate of the same pair of versions. A customer in both is refused (its uses
    /// were counted in two places): the merge stops and returns that customer.
    public mutating func merge(_ other: ImpactAggregate) -> String? {
        for ref in other.customers.keys.sorted(by: precedesInBytes) where customers[ref] != nil { return ref }
        for (k, v) in other.customers { add(v, customer: k) }
        for (k, v) in other.items { add(v, item: k) }
        for (k, v) in other.tiers { add(v, tier: k) }
        errors += other.errors
        if other.overflowed { overflowed = true }
        return nil
    }

    /// Every customer's totals added up.
    public var total: Totals { sums[0] }
}

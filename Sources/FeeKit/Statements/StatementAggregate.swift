/// What a waiver saved on one statement line.
public struct WaiverSaving: Sendable, Hashable {
    public var count: Int
    public var saved: Int128
}

/// One item under one version on a customer's statement: a mid-period price change gives two lines.
public struct StatementLine: Sendable, Hashable {
    public var item: String
    public var version: String
    public var count = 0
    public var quantity = 0
    public var gross: Int128 = 0
    public var discount: Int128 = 0
    public var net: Int128 = 0
    /// By waiver id.
    public var waivers: [String: WaiverSaving] = [:]

    /// The sum of two lines, or nil when a sum would overflow (partials are untrusted input).
    func adding(_ other: StatementLine) -> StatementLine? {
        var r = self
        guard checkedAdd(&r.count, other.count), checkedAdd(&r.quantity, other.quantity), checkedAdd(&r.gross, other.gross),
              checkedAdd(&r.discount, other.discount), checkedAdd(&r.net, other.net) else { return nil }
        for (id, s) in other.waivers {
            var w = r.waivers[id] ?? WaiverSaving(count: 0, saved: 0)
            guard checkedAdd(&w.count, s.count), checkedAdd(&w.saved, s.saved) else { return nil }
            r.waivers[id] = w
        }
        return r
    }
}

/// `a += b` unless it overflows; whether it was done.
func checkedAdd<T: FixedWidthInteger>(_ a: inout T, _ b: T) -> Bool {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if overflow { return false }
    a = sum
    return true
}

/// The fees of one period, per customer: built from transactions, written as a partial, merged from
/// partials in any order; the same aggregate renders the same bytes however it was built.
public struct StatementAggregate: Sendable {
    public var from: CalendarDate
    public var to: CalendarDate
    /// Customer ref → that customer's lines, one per item and version (a short array: a customer
    /// uses a few dozen items, so a linear search beats a hash table in memory and time).
    public var customers: [String: [StatementLine]] = [:]
    public var errors: [TransactionError] = []
    /// Transactions dated outside the period (they still count as earlier uses).
    public private(set) var outside = 0
    /// Every line of every customer added up. All values are non-negative, so no sum a report
    /// makes of some of them can exceed it: checking this one sum keeps every report exact.
    public private(set) var total = StatementLine(item: "", version: "")
    /// Whether some addition was refused because a sum would overflow (only hostile partials do this).
    public private(set) var overflowed = false

    public init(from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
    }

    /// Adds the transactions of JSON Lines `input`, counting uses per customer, item and period.
    public mutating func add(lines input: [UInt8], calculator: FeeCalculator) {
        var counter = UsageCounter()
        var order = TransactionOrder()
        forEachTransactionLine(input) { order.add($0) { add($0, calculator: calculator, counter: &counter) } }
        order.finish { add($0, calculator: calculator, counter: &counter) }
    }

    /// Adds one line as the line reader hands it over (an overlong one is listed as an error).
    public mutating func add(_ line: Result<[UInt8], TransactionError>, calculator: FeeCalculator, counter: inout UsageCounter) {
        switch line {
        case .success(let bytes): add(bytes, calculator: calculator, counter: &counter)
        case .failure(let e): errors.append(e)
        }
    }

    /// Adds one transaction line, counting its use with `counter` (keep one counter for a whole input).
    public mutating func add(_ line: [UInt8], calculator: FeeCalculator, counter: inout UsageCounter) {
        add(counter.counted(TransactionDecoder.decode(line), calculator: calculator), calculator: calculator)
    }

    /// Adds a line in its turn from `TransactionOrder`, counting its use with `counter`.
    public mutating func add(_ line: OrderedTransaction, calculator: FeeCalculator, counter: inout UsageCounter) {
        add(counter.counted(line.transaction(), calculator: calculator), calculator: calculator)
    }

    private mutating func add(_ decoded: Result<Transaction, TransactionError>, calculator: FeeCalculator) {
        switch decoded {
        case .failure(let e):
            errors.append(e)
        case .success(let t):
            guard t.request.date >= from && t.request.date <= to else { addOutside(1); return }
            switch calculator.quote(t.request) {
            case .failure(let e):
                errors.append(TransactionError(customerRef: t.customerRef, id: t.id, code: e.code.rawValue, message: e.message))
            case .success(let q):
                var line = StatementLine(item: q.item.code, version: q.version.version)
                line.count = 1
                line.quantity = q.request.quantity
                line.gross = q.gross.minorUnits
                line.discount = q.discount.minorUnits
                line.net = q.net.minorUnits
                if let a = q.applied { line.waivers[a.id] = WaiverSaving(count: 1, saved: q.discount.minorUnits) }
                add(line, to: t.customerRef)
            }
        }
    }

    /// Adds another aggregate of the same period (a partial of another piece of the input).
    public mutating func merge(_ other: StatementAggregate) {
        for (ref, lines) in other.customers {
            for line in lines { add(line, to: ref) }
        }
        errors += other.errors
        addOutside(other.outside)
        if other.overflowed { overflowed = true }
    }

    /// Counts transactions dated outside the period.
    mutating func addOutside(_ n: Int) {
        if !checkedAdd(&outside, n) { overflowed = true }
    }

    /// The customers' refs in order.
    public var customerRefs: [String] { customers.keys.sorted() }

    /// A customer's lines in a stable order: by item code, then version.
    public func lines(of ref: String) -> [StatementLine] {
        (customers[ref] ?? []).sorted { ($0.item, $0.version) < ($1.item, $1.version) }
    }

    /// Adds a line to the customer's line of the same item and version.
    mutating func add(_ line: StatementLine, to ref: String) {
        guard let sum = total.adding(line) else { overflowed = true; return }
        total = sum
        if let k = customers[ref]?.firstIndex(where: { $0.item == line.item && $0.version == line.version }) {
            // Bounded by `total`, which just took the same line.
            if let added = customers[ref]![k].adding(line) { customers[ref]![k] = added }
        } else {
            customers[ref, default: []].append(line)
        }
    }
}

extension UsageCounter {
    /// Decodes a transaction line and fills in its `uses_in_period` from this counter, counting
    /// under `version` (or the version in effect on the transaction's date).
    mutating func transaction(_ line: [UInt8], calculator: FeeCalculator, version: String? = nil) -> Result<Transaction, TransactionError> {
        counted(TransactionDecoder.decode(line), calculator: calculator, version: version)
    }

    /// A decoded transaction with its `uses_in_period` filled in from this counter.
    mutating func counted(_ decoded: Result<Transaction, TransactionError>, calculator: FeeCalculator, version: String? = nil) -> Result<Transaction, TransactionError> {
        decoded.map { t in
            var t = t
            let catalogue = calculator.catalogue
            if let bank = t.request.bank.flatMap(catalogue.bank) ?? (catalogue.banks.count == 1 ? catalogue.banks[0] : nil),
               let table = version.flatMap(bank.version(id:)) ?? bank.version(on: t.request.date) {
                t.request.usesInPeriod = use(customer: t.customerRef, item: t.request.item, date: t.request.date, table: table)
            }
            return t
        }
    }
}

/// Calls `body` with each line of JSON Lines text (the one line reader's rules), as bytes; a line
/// too long to be a transaction becomes a refusal rather than being dropped.
func forEachTransactionLine(_ input: [UInt8], _ body: (Result<[UInt8], TransactionError>) -> Void) {
    LineReader.forEachLine(in: input) { body(transactionLine($0)) }
}

/// A line from the reader as a transaction's bytes, or the refusal of an overlong one.
public func transactionLine(_ line: InputLine) -> Result<[UInt8], TransactionError> {
    switch line {
    case .text(let b): return .success(Array(b))
    case .overlong(let n):
        return .failure(TransactionError(customerRef: "", id: "", code: "invalid_request",
                                         message: "the line has \(n) bytes; a transaction line may have at most \(BatchQuoter.maxLineBytes) bytes (1 MiB)"))
    }
}

/// The repricing of transactions under two versions: what a change means before it is announced.
public struct ImpactAggregate: Sendable {
    public struct Totals: Sendable, Hashable {
        public var count = 0
        public var old: Int128 = 0
        public var new: Int128 = 0

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
    mutating func add(_ t: Totals, customer: String? = nil, item: String? = nil, tier: String? = nil) {
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

    public var fromVersion: String
    public var toVersion: String
    public private(set) var customers: [String: Totals] = [:]
    public private(set) var items: [String: Totals] = [:]
    public private(set) var tiers: [String: Totals] = [:]
    public var errors: [TransactionError] = []

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
        switch line {
        case .success(let bytes): add(bytes, calculator: calculator, counter: &counter)
        case .failure(let e): errors.append(e)
        }
    }

    /// Adds one transaction line, counting its use with `counter` (keep one counter for a whole input).
    public mutating func add(_ line: [UInt8], calculator: FeeCalculator, counter: inout UsageCounter) {
        add(counter.counted(TransactionDecoder.decode(line), calculator: calculator, version: toVersion), calculator: calculator)
    }

    /// Adds a line in its turn from `TransactionOrder`, counting its use with `counter`.
    public mutating func add(_ line: OrderedTransaction, calculator: FeeCalculator, counter: inout UsageCounter) {
        add(counter.counted(line.transaction(), calculator: calculator, version: toVersion), calculator: calculator)
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
                errors.append(TransactionError(customerRef: t.customerRef, id: t.id, code: e.code.rawValue, message: e.message))
            }
        }
    }

    public mutating func merge(_ other: ImpactAggregate) {
        for (k, v) in other.customers { add(v, customer: k) }
        for (k, v) in other.items { add(v, item: k) }
        for (k, v) in other.tiers { add(v, tier: k) }
        errors += other.errors
        if other.overflowed { overflowed = true }
    }

    /// Every customer's totals added up.
    public var total: Totals { sums[0] }
}

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

    mutating func add(_ other: StatementLine) {
        count += other.count
        quantity += other.quantity
        gross += other.gross
        discount += other.discount
        net += other.net
        for (id, s) in other.waivers {
            waivers[id, default: WaiverSaving(count: 0, saved: 0)].count += s.count
            waivers[id, default: WaiverSaving(count: 0, saved: 0)].saved += s.saved
        }
    }
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
    public var outside = 0

    public init(from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
    }

    /// Adds the transactions of JSON Lines `input`, counting uses per customer, item and period.
    public mutating func add(lines input: [UInt8], calculator: FeeCalculator) {
        var counter = UsageCounter()
        forEachLine(input) { add($0, calculator: calculator, counter: &counter) }
    }

    /// Adds one transaction line, counting its use with `counter` (keep one counter for a whole input).
    public mutating func add(_ line: [UInt8], calculator: FeeCalculator, counter: inout UsageCounter) {
        switch counter.transaction(line, calculator: calculator) {
        case .failure(let e):
            errors.append(e)
        case .success(let t):
            guard t.request.date >= from && t.request.date <= to else { outside += 1; return }
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
        outside += other.outside
    }

    /// The customers' refs in order.
    public var customerRefs: [String] { customers.keys.sorted() }

    /// A customer's lines in a stable order: by item code, then version.
    public func lines(of ref: String) -> [StatementLine] {
        (customers[ref] ?? []).sorted { ($0.item, $0.version) < ($1.item, $1.version) }
    }

    /// Adds a line to the customer's line of the same item and version.
    mutating func add(_ line: StatementLine, to ref: String) {
        if let k = customers[ref]?.firstIndex(where: { $0.item == line.item && $0.version == line.version }) {
            customers[ref]![k].add(line)
        } else {
            customers[ref, default: []].append(line)
        }
    }
}

extension UsageCounter {
    /// Decodes a transaction line and fills in its `uses_in_period` from this counter, counting
    /// under `version` (or the version in effect on the transaction's date).
    mutating func transaction(_ line: [UInt8], calculator: FeeCalculator, version: String? = nil) -> Result<Transaction, TransactionError> {
        TransactionDecoder.decode(line).map { t in
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

/// Splits JSON Lines text into non-blank lines without their LF or CR LF.
func forEachLine(_ input: [UInt8], _ body: ([UInt8]) -> Void) {
    var start = 0
    while start < input.count {
        var end = start
        while end < input.count && input[end] != 0x0A { end += 1 }
        var lineEnd = end
        if lineEnd > start && input[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let line = Array(input[start..<lineEnd])
        if !BatchQuoter.isBlank(line) { body(line) }
        start = end + 1
    }
}

/// The repricing of transactions under two versions: what a change means before it is announced.
public struct ImpactAggregate: Sendable {
    public struct Totals: Sendable, Hashable {
        public var count = 0
        public var old: Int128 = 0
        public var new: Int128 = 0

        mutating func add(_ o: Totals) {
            count += o.count
            old += o.old
            new += o.new
        }
    }

    public var fromVersion: String
    public var toVersion: String
    public var customers: [String: Totals] = [:]
    public var items: [String: Totals] = [:]
    public var tiers: [String: Totals] = [:]
    public var errors: [TransactionError] = []

    public init(fromVersion: String, toVersion: String) {
        self.fromVersion = fromVersion
        self.toVersion = toVersion
    }

    /// Reprices the transactions of JSON Lines `input` under both versions.
    public mutating func add(lines input: [UInt8], calculator: FeeCalculator) {
        var counter = UsageCounter()
        forEachLine(input) { add($0, calculator: calculator, counter: &counter) }
    }

    /// Adds one transaction line, counting its use with `counter` (keep one counter for a whole input).
    public mutating func add(_ line: [UInt8], calculator: FeeCalculator, counter: inout UsageCounter) {
        switch counter.transaction(line, calculator: calculator, version: toVersion) {
        case .failure(let e):
            errors.append(e)
        case .success(let t):
            switch (calculator.quote(t.request, version: fromVersion), calculator.quote(t.request, version: toVersion)) {
            case (.success(let a), .success(let b)):
                let one = Totals(count: 1, old: a.net.minorUnits, new: b.net.minorUnits)
                customers[t.customerRef, default: Totals()].add(one)
                items[b.item.code, default: Totals()].add(one)
                tiers[b.tier, default: Totals()].add(one)
            case (.failure(let e), _), (_, .failure(let e)):
                errors.append(TransactionError(customerRef: t.customerRef, id: t.id, code: e.code.rawValue, message: e.message))
            }
        }
    }

    public mutating func merge(_ other: ImpactAggregate) {
        for (k, v) in other.customers { customers[k, default: Totals()].add(v) }
        for (k, v) in other.items { items[k, default: Totals()].add(v) }
        for (k, v) in other.tiers { tiers[k, default: Totals()].add(v) }
        errors += other.errors
    }

    public var total: Totals {
        customers.values.reduce(into: Totals()) { $0.add($1) }
    }
}

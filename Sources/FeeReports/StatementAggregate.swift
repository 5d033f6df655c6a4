import FeeValues
import FeeWords
import FeeCore

/// What a waiver saved on one statement line.
public struct WaiverSaving: Sendable, Hashable {
    /// How many transactions the waiver was applied to.
    public internal(set) var count: Int
    /// What it saved them, in minor units.
    public internal(set) var saved: Int128
}

/// One item at one price on a customer's statement: a mid-period price change gives two lines.
/// `version` is the version from which that price applied (`Bank.priceSince`).
public struct StatementLine: Sendable, Hashable {
    /// The item's code.
    public let item: String
    /// The version the line's price applies from (not always the version that priced it).
    public let version: String
    /// How many transactions.
    public internal(set) var count = 0
    /// The units they were for, added up (`quantity` of each).
    public internal(set) var quantity = 0
    /// The standard fees added up, in minor units.
    public internal(set) var gross: Int128 = 0
    /// What the applied waivers saved, added up, in minor units.
    public internal(set) var discount: Int128 = 0
    /// The fees paid added up, `gross − discount`, in minor units.
    public internal(set) var net: Int128 = 0
    /// By waiver id.
    public internal(set) var waivers: [String: WaiverSaving] = [:]

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

/// Byte order of UTF-8 text: the order of customers in statements and partials, the same as
/// Spark's and Hadoop's sort of the key (Swift's `<` on strings compares by Unicode rules instead).
@inline(__always)
func precedesInBytes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// The fees of one period, per customer: built from transactions, written as a partial, merged from
/// partials; the same aggregate renders the same bytes however it was built.
///
/// Memory: a customer's lines are kept packed (names interned, sums in 64 bits), about 40 bytes per
/// item and price. For input sorted by customer a caller takes each customer out as soon as the
/// next one starts (`takeCustomer`), so memory stays flat whatever the number of customers.
public struct StatementAggregate: Sendable {
    /// The first day of the period.
    public let from: CalendarDate
    /// The last day of the period.
    public let to: CalendarDate
    /// Lines that could not be priced, with why; they are listed on the summary, never dropped.
    public internal(set) var errors: [TransactionError] = []
    /// Transactions dated outside the period (they still count as earlier uses).
    public private(set) var outside = 0
    /// Every line of every customer added up. All values are non-negative, so no sum a report
    /// makes of some of them can exceed it: checking this one sum keeps every report exact.
    public private(set) var total = StatementLine(item: "", version: "")
    /// Whether some addition was refused because a sum would overflow (only hostile partials do this).
    public private(set) var overflowed = false
    /// Customers ever added, including those already taken out.
    public private(set) var customerCount = 0

    /// Each customer's lines, packed (the customer being added to) or encoded (the others).
    private var customers = CustomerStore()
    /// Item codes, version ids and waiver ids, each stored once.
    private var names = NamePool()
    /// (version, item) → the version its price applies from, as interned names.
    private var priceStart: [Int64: Int32] = [:]

    /// An empty aggregate of the period `from`…`to`, both days included.
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
        add(OrderedTransaction(line: line, decoded: nil), calculator: calculator, counter: &counter)
    }

    /// Adds one transaction line, counting its use with `counter` (keep one counter for a whole input).
    public mutating func add(_ line: [UInt8], calculator: FeeCalculator, counter: inout UsageCounter) {
        add(counter.counted(TransactionDecoder.decode(line, speaking: calculator), calculator: calculator), calculator: calculator)
    }

    /// Adds a line in its turn from `TransactionOrder`, counting its use with `counter`.
    public mutating func add(_ line: OrderedTransaction, calculator: FeeCalculator, counter: inout UsageCounter) {
        add(counter.counted(line.transaction(speaking: calculator), calculator: calculator), calculator: calculator)
    }

    private mutating func add(_ decoded: Result<Transaction, TransactionError>, calculator: FeeCalculator) {
        switch decoded {
        case .failure(let e):
            errors.append(e)
        case .success(let t):
            guard t.request.date >= from && t.request.date <= to else {
                // Its uses still counted here: the customer belongs to this piece (a partial lists it,
                // so a merge can refuse the customer's lines in another piece).
                addOutside(1)
                touch(t.customerRef)
                return
            }
            switch calculator.quote(t.request) {
            case .failure(let e):
                errors.append(TransactionError(customerRef: t.customerRef, id: t.id, error: e))
            case .success(let q):
                let item = names.id(q.item.code), version = names.id(q.version.version)
                let key = Int64(version) << 32 | Int64(item)
                let since: Int32
                if let s = priceStart[key] { since = s } else {
                    since = names.id(calculator.catalogue.bank(q.bank)?.priceSince(item: q.item.code, version: q.version.version) ?? q.version.version)
                    priceStart[key] = since
                }
                var line = StatementLine(item: q.item.code, version: "")
                line.count = 1
                line.quantity = q.request.quantity
                line.gross = q.gross.minorUnits
                line.discount = q.discount.minorUnits
                line.net = q.net.minorUnits
                if let a = q.applied { line.waivers[a.id] = WaiverSaving(count: 1, saved: q.discount.minorUnits) }
                add(line, item: item, version: since, to: t.customerRef)
            }
        }
    }

    /// Adds another aggregate of the same period (a partial of another piece of the input). A
    /// customer in both is refused: its uses were counted in two places, so its free uses would be
    /// wrong; the merge stops and returns that customer.
    public mutating func merge(_ other: StatementAggregate) -> String? {
        let theirs = other.customers.refs
        for ref in theirs.sorted(by: precedesInBytes) where customers.contains(ref) { return ref }
        for ref in theirs {
            touch(ref)
            for p in other.customers.lines(of: ref) ?? [] { add(other.line(p), to: ref, counting: false) }
        }
        customerCount += other.customerCount
        errors += other.errors
        addOutside(other.outside)
        if other.overflowed { overflowed = true }
        return nil
    }

    /// Counts transactions dated outside the period.
    mutating func addOutside(_ n: Int) {
        if !checkedAdd(&outside, n) { overflowed = true }
    }

    /// The refs of the customers held, in byte order.
    public var customerRefs: [String] { customers.refs.sorted(by: precedesInBytes) }

    /// A customer's lines in a stable order: by item code, then version.
    public func lines(of ref: String) -> [StatementLine] {
        ordered(customers.lines(of: ref) ?? [])
    }

    /// A customer's lines, removed from the aggregate (its totals stay counted): for input sorted
    /// by customer, each customer leaves once the next one starts.
    public mutating func takeCustomer(_ ref: String) -> [StatementLine]? {
        guard let packed = customers.remove(ref) else { return nil }
        return ordered(packed)
    }

    /// Adds a line (item and version by name) to the customer's line of the same item and version.
    mutating func add(_ line: StatementLine, to ref: String, counting: Bool = true) {
        add(line, item: names.id(line.item), version: names.id(line.version), to: ref, counting: counting)
    }

    /// Holds a customer whose uses were counted, with no line yet (only lines outside the period).
    /// Reports leave out a customer without lines; partials list it.
    mutating func touch(_ ref: String) {
        customers.modify(ref) { _ in }
    }

    private mutating func add(_ line: StatementLine, item: Int32, version: Int32, to ref: String, counting: Bool = true) {
        guard let sum = total.adding(line), var packed = PackedLine(line, item: item, version: version, names: &names) else { overflowed = true; return }
        total = sum
        var first = false
        let added = customers.modify(ref) { lines -> Bool in
            first = lines.isEmpty
            if let k = lines.firstIndex(where: { $0.item == item && $0.version == version }) { return lines[k].add(packed) }
            packed.item = item
            lines.appendCompactly(packed)
            return true
        }
        if !added { overflowed = true }
        if first && counting { customerCount += 1 }
    }

    /// Packed lines as statement lines in a stable order: by item code, then version.
    private func ordered(_ packed: [PackedLine]) -> [StatementLine] {
        packed.map(line).sorted { ($0.item, $0.version) < ($1.item, $1.version) }
    }

    /// A packed line as a statement line.
    private func line(_ p: PackedLine) -> StatementLine {
        var l = StatementLine(item: names[p.item], version: names[p.version])
        l.count = Int(p.count); l.quantity = Int(p.quantity)
        l.gross = Int128(p.gross); l.discount = Int128(p.discount); l.net = Int128(p.gross - p.discount)
        for w in p.waivers { l.waivers[names[w.id]] = WaiverSaving(count: Int(w.count), saved: Int128(w.saved)) }
        return l
    }
}

/// Names stored once, referred to by a small number.
struct NamePool: Sendable {
    private var list: [String] = []
    private var index: [String: Int32] = [:]

    mutating func id(_ name: String) -> Int32 {
        if let k = index[name] { return k }
        let k = Int32(list.count)
        list.append(name)
        index[name] = k
        return k
    }

    subscript(_ k: Int32) -> String { list[Int(k)] }
}

extension UsageCounter {
    /// Decodes a transaction line and fills in its `uses_in_period` from this counter, counting
    /// under `version` (or the version in effect on the transaction's date).
    package mutating func transaction(_ line: [UInt8], calculator: FeeCalculator, version: String? = nil) -> Result<Transaction, TransactionError> {
        counted(TransactionDecoder.decode(line, speaking: calculator), calculator: calculator, version: version)
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
        return .failure(TransactionError(customerRef: "", id: "", error: QuoteError(.invalidRequest, .transactionLineTooLong(bytes: n, limit: BatchQuoter.maxLineBytes))))
    }
}


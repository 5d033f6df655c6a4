import FeeValues
import FeeWords
import FeeCore

/// Puts each customer's transactions in the order the data defines before uses are counted: by
/// date, then `seq` (the bank's posting sequence), then the line's own bytes. So the first-N-free
/// allowances of statements, impact, audit and notify do not depend on the order in which an engine
/// delivers a customer's lines (Hadoop's shuffle and Spark reorder same-day lines).
///
/// Input grouped by customer streams: a customer's lines are held only until the next customer
/// starts. A customer whose lines come back after another customer's, with a date before one
/// already counted, would be counted in an order chosen by luck: such a line is refused, with a
/// message saying to group the input by customer.
///
/// Input sorted by customer (`sorted`: in byte order of `customer_ref`, as Spark's and Hadoop's
/// shuffles and `LC_ALL=C sort` give it) keeps nothing of a customer once the next one starts:
/// `ended` says when, so that the statement can be written and the customer forgotten. A line whose
/// customer sorts before the current one is refused.
public struct TransactionOrder {
    private var current: String?
    private var group: [(date: CalendarDate, seq: Int?, line: OrderedTransaction)] = []
    /// The last date counted for every customer whose lines were already handed on.
    private var counted: [String: CalendarDate] = [:]

    private let mode: RequestDecoder.Mode
    private let sorted: Bool

    /// An order for transaction lines, or for audit lines (which carry `charged`); `sorted` for
    /// input sorted by customer.
    public init(audit: Bool = false, sorted: Bool = false) {
        mode = audit ? .audit : .transaction
        self.sorted = sorted
    }

    /// Takes one line; hands on, through `emit`, every line whose turn has come, and through
    /// `ended` (sorted input) each customer whose lines have all been handed on.
    public mutating func add(_ line: Result<[UInt8], TransactionError>, _ emit: (OrderedTransaction) -> Void, ended: (String) -> Void = { _ in }) {
        guard case .success(let bytes) = line else { emit(OrderedTransaction(line: line, decoded: nil)); return }
        // Decoded once here; the aggregate reads the same decode instead of decoding again.
        let d = bytes.withUnsafeBufferPointer { RequestDecoder.decode($0, mode: mode) }
        guard case .success(let request) = d.result else {
            emit(OrderedTransaction(line: line, decoded: d))   // the aggregate refuses it with its own message
            return
        }
        let t = Transaction(customerRef: d.customerRef, id: d.idText, request: request, seq: d.seq)
        if t.customerRef != current {
            if sorted, let c = current, !precedesInBytes(c, t.customerRef) {
                emit(OrderedTransaction(line: .failure(TransactionError(customerRef: t.customerRef, id: t.id, error: QuoteError(.invalidRequest, .notSortedByCustomer(customer: t.customerRef, after: c)))), decoded: d))
                return
            }
            flush(emit)
            if sorted, let c = current { ended(c) }
            current = t.customerRef
        }
        if let last = counted[t.customerRef], t.request.date < last {
            emit(OrderedTransaction(line: .failure(TransactionError(customerRef: t.customerRef, id: t.id, error: QuoteError(.invalidRequest, .customerInterleaved(customer: t.customerRef, date: "\(t.request.date)", counted: "\(last)")))), decoded: d))
            return
        }
        group.append((t.request.date, t.seq, OrderedTransaction(line: line, decoded: d, bytes: bytes)))
    }

    /// Hands on the lines still held (at the end of the input).
    public mutating func finish(_ emit: (OrderedTransaction) -> Void, ended: (String) -> Void = { _ in }) {
        flush(emit)
        if sorted, let c = current { ended(c) }
        current = nil
    }

    private mutating func flush(_ emit: (OrderedTransaction) -> Void) {
        guard let customer = current, !group.isEmpty else { return }
        group.sort { a, b in
            if a.date != b.date { return a.date < b.date }
            if a.seq != b.seq { return (a.seq ?? Int.min) < (b.seq ?? Int.min) }
            return a.line.bytes.lexicographicallyPrecedes(b.line.bytes)
        }
        for g in group { emit(g.line) }
        if !sorted { counted[customer] = max(counted[customer] ?? group[group.count - 1].date, group[group.count - 1].date) }
        group.removeAll(keepingCapacity: true)
    }
}

/// A line in its turn, with the decode the ordering already made (so nothing decodes it twice).
public struct OrderedTransaction {
    /// The line's bytes, or why it could not be read.
    public let line: Result<[UInt8], TransactionError>
    let decoded: RequestDecoder.Decoded?
    let bytes: [UInt8]

    init(line: Result<[UInt8], TransactionError>, decoded: RequestDecoder.Decoded?, bytes: [UInt8] = []) {
        self.line = line
        self.decoded = decoded
        self.bytes = bytes
    }

    /// The error of a line refused before it was decoded (too long) or by the order, speaking
    /// the line's `lang`, else its bank's first language (the first bank's when unknown).
    func refusal(speaking calculator: FeeCalculator) -> TransactionError? {
        guard case .failure(let e) = line else { return nil }
        return Self.refusal(e, decoded: decoded, speaking: calculator)
    }

    private static func refusal(_ e: TransactionError, decoded: RequestDecoder.Decoded?, speaking calculator: FeeCalculator) -> TransactionError {
        if case .success(let request)? = decoded?.result { return e.speaking(calculator.messageLanguage(of: request)) }
        return e.speaking(calculator.defaultLanguage)
    }

    /// The decoded transaction (decoding now if the order did not), or the error of the line in
    /// the line's language.
    func transaction(speaking calculator: FeeCalculator) -> Result<Transaction, TransactionError> {
        switch line {
        case .failure(let e): return .failure(Self.refusal(e, decoded: decoded, speaking: calculator))
        case .success(let b):
            if let d = decoded { return TransactionDecoder.transaction(d, speaking: calculator) }
            return TransactionDecoder.decode(b, speaking: calculator)
        }
    }
}

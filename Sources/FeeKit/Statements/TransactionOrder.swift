/// Puts each customer's transactions in the order the data defines before uses are counted: by
/// date, then `seq` (the bank's posting sequence), then the line's own bytes. So the first-N-free
/// allowances of statements, impact, audit and notify do not depend on the order in which an engine
/// delivers a customer's lines (Hadoop's shuffle and Spark reorder same-day lines).
///
/// Input grouped by customer streams: a customer's lines are held only until the next customer
/// starts. A customer whose lines come back after another customer's, with a date before one
/// already counted, would be counted in an order chosen by luck: such a line is refused, with a
/// message saying to group the input by customer.
public struct TransactionOrder {
    private var current: String?
    private var group: [(date: CalendarDate, seq: Int?, bytes: [UInt8])] = []
    /// The last date counted for every customer whose lines were already handed on.
    private var counted: [String: CalendarDate] = [:]

    private let mode: RequestDecoder.Mode

    /// An order for transaction lines, or for audit lines (which carry `charged`).
    public init(audit: Bool = false) {
        mode = audit ? .audit : .transaction
    }

    /// Takes one line; hands on, through `emit`, every line whose turn has come.
    public mutating func add(_ line: Result<[UInt8], TransactionError>, _ emit: (Result<[UInt8], TransactionError>) -> Void) {
        guard case .success(let bytes) = line else { emit(line); return }
        let d = bytes.withUnsafeBufferPointer { RequestDecoder.decode($0, mode: mode) }
        guard case .success(let request) = d.result else {
            emit(line)   // the aggregate refuses it with its own message
            return
        }
        let t = Transaction(customerRef: d.customerRef, id: d.idText, request: request, seq: d.seq)
        if t.customerRef != current {
            flush(emit)
            current = t.customerRef
        }
        if let last = counted[t.customerRef], t.request.date < last {
            emit(.failure(TransactionError(customerRef: t.customerRef, id: t.id, code: "invalid_request",
                                           message: "customer '\(t.customerRef)' has lines before and after other customers' lines, and this one (\(t.request.date)) is dated before one already counted (\(last)): group the input by customer (and sort by date and seq) so that uses are counted in the order the data defines")))
            return
        }
        group.append((t.request.date, t.seq, bytes))
    }

    /// Hands on the lines still held (at the end of the input).
    public mutating func finish(_ emit: (Result<[UInt8], TransactionError>) -> Void) {
        flush(emit)
        current = nil
    }

    private mutating func flush(_ emit: (Result<[UInt8], TransactionError>) -> Void) {
        guard let customer = current, !group.isEmpty else { return }
        group.sort { a, b in
            if a.date != b.date { return a.date < b.date }
            if a.seq != b.seq { return (a.seq ?? Int.min) < (b.seq ?? Int.min) }
            return a.bytes.lexicographicallyPrecedes(b.bytes)
        }
        for g in group { emit(.success(g.bytes)) }
        counted[customer] = max(counted[customer] ?? group[group.count - 1].date, group[group.count - 1].date)
        group.removeAll(keepingCapacity: true)
    }
}

/// One transaction line of `fees statement` and `fees impact`: a batch request plus `customer_ref`,
/// an opaque reference (never a name or account number) that groups a customer's transactions.
public struct Transaction: Sendable {
    public var customerRef: String
    /// The request's `id` as written, for pointing at the line in error reports.
    public var id: String
    public var request: QuoteRequest
}

/// A transaction line that cannot be used, kept so that nothing is lost from a statement.
public struct TransactionError: Error, Sendable, Hashable, Comparable {
    public var customerRef: String
    public var id: String
    public var code: String
    public var message: String

    public static func < (a: TransactionError, b: TransactionError) -> Bool {
        (a.customerRef, a.id, a.code, a.message) < (b.customerRef, b.id, b.code, b.message)
    }
}

public enum TransactionDecoder {
    /// Decodes one line; `uses_in_period` is refused because the tool counts uses itself.
    public static func decode(_ line: [UInt8]) -> Result<Transaction, TransactionError> {
        let root: JSONNode
        do {
            root = try JSONParser.parse(line, maxDepth: 64)
        } catch {
            return .failure(TransactionError(customerRef: "", id: "", code: "invalid_request", message: "the line is not JSON: \(error.message)"))
        }
        guard case .object(let members) = root.value else {
            return .failure(TransactionError(customerRef: "", id: "", code: "invalid_request", message: "the line is not a JSON object"))
        }
        let id = members.first { $0.key == "id" }.map { String(decoding: line[$0.value.offset..<$0.value.end], as: UTF8.self) } ?? ""
        guard let refNode = members.first(where: { $0.key == "customer_ref" })?.value, case .string(let ref) = refNode.value, !ref.isEmpty else {
            return .failure(TransactionError(customerRef: "", id: id, code: "invalid_request", message: "\"customer_ref\" is missing: give each transaction the customer's opaque reference"))
        }
        if members.contains(where: { $0.key == "uses_in_period" }) {
            return .failure(TransactionError(customerRef: ref, id: id, code: "invalid_request",
                                             message: "\"uses_in_period\" is counted by the tool in statement and impact mode; remove it"))
        }
        switch BatchRequestDecoder.decodeRequest(members.filter { $0.key != "customer_ref" }) {
        case .success(let r): return .success(Transaction(customerRef: ref, id: id, request: r))
        case .failure(let e): return .failure(TransactionError(customerRef: ref, id: id, code: e.code.rawValue, message: e.message))
        }
    }
}

/// Counts a customer's earlier uses of an item in the current calendar month or year, in input
/// order, so that free-N allowances apply without the caller counting (spec §1.4.1 `free_uses`).
public struct UsageCounter: Sendable {
    private var counts: [String: Int] = [:]

    public init() {}

    /// The period a `free_uses` waiver of the item counts in: a month when any counts per month.
    static func period(for item: String, in table: FeeTable) -> FreeUses.Period? {
        guard let index = table.itemIndex(item) else { return nil }
        let periods = table.waiverIndexes(forItem: index).compactMap { table.waivers[$0].conditions.freeUses?.period }
        return periods.contains(.month) ? .month : periods.first
    }

    /// The uses before this one in its period, recording this one; nil when no waiver counts uses.
    public mutating func use(customer: String, item: String, date: CalendarDate, table: FeeTable) -> Int? {
        guard let period = Self.period(for: item, in: table) else { return nil }
        let key = period == .month ? "\(customer)\u{1F}\(item)\u{1F}\(date.year)-\(date.month)" : "\(customer)\u{1F}\(item)\u{1F}\(date.year)"
        let before = counts[key, default: 0]
        counts[key] = before + 1
        return before
    }
}

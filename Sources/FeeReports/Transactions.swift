import FeeValues
import FeeWords
import FeeCore

/// One transaction line of `fees statement` and `fees impact`: a batch request plus `customer_ref`,
/// an opaque reference (never a name or account number) that groups a customer's transactions.
public struct Transaction: Sendable {
    /// The customer's opaque reference, which groups their transactions.
    public var customerRef: String
    /// The request's `id` as written, for pointing at the line in error reports.
    public var id: String
    /// The request the line prices, its `uses_in_period` filled in by the counter.
    public var request: QuoteRequest
    /// The bank's posting sequence, when the line gives one: it orders same-day lines.
    public var seq: Int? = nil
}

/// A transaction line that cannot be used, kept so that nothing is lost from a statement.
public struct TransactionError: Error, Sendable, Hashable, Comparable {
    /// The line's customer ("" when the line does not say).
    public let customerRef: String
    /// The line's `id` as written ("" when absent).
    public let id: String
    /// The error's stable code (spec §3.4), such as `invalid_request`.
    public let code: String
    /// The message in the language the error was found in (the line's `lang`, else its bank's
    /// first language), or as read back from a partial file.
    public private(set) var message: String
    /// The message's facts when this run found the error, so that it can speak the line's
    /// language once that is known (`speaking(_:)`); nil for an error read back from a partial.
    package let detail: QuoteMessage?

    /// An error as a partial file holds it: code and message already written.
    public init(customerRef: String, id: String, code: String, message: String) {
        self.customerRef = customerRef
        self.id = id
        self.code = code
        self.message = message
        detail = nil
    }

    /// The line's quote error, which a report can give in either language.
    package init(customerRef: String, id: String, error: QuoteError) {
        self.customerRef = customerRef
        self.id = id
        code = error.code.rawValue
        message = error.message
        detail = error.detail
    }

    /// The same error speaking `language`, when this run found it (an error read back from a
    /// partial keeps its words).
    package func speaking(_ language: TextLanguage) -> TransactionError {
        guard let detail else { return self }
        var e = self
        e.message = detail.text(language)
        return e
    }

    /// Two errors are the same when they say the same, whether found now or read from a partial.
    public static func == (a: TransactionError, b: TransactionError) -> Bool {
        (a.customerRef, a.id, a.code, a.message) == (b.customerRef, b.id, b.code, b.message)
    }

    /// Hashes what `==` compares.
    public func hash(into h: inout Hasher) {
        h.combine(customerRef); h.combine(id); h.combine(code); h.combine(message)
    }

    /// By customer, id, code and message: the order reports list errors in.
    public static func < (a: TransactionError, b: TransactionError) -> Bool {
        (a.customerRef, a.id, a.code, a.message) < (b.customerRef, b.id, b.code, b.message)
    }
}

/// Reads transaction lines with the one request decoder.
public enum TransactionDecoder {
    /// Decodes one line with the one request decoder; `uses_in_period` is refused because the
    /// tool counts uses itself. An error speaks the line's `lang`, else its bank's first language,
    /// as `calculator` knows them (English without one).
    public static func decode(_ line: [UInt8], speaking calculator: FeeCalculator? = nil) -> Result<Transaction, TransactionError> {
        transaction(line.withUnsafeBufferPointer { RequestDecoder.decode($0, mode: .transaction) }, speaking: calculator)
    }

    /// The transaction of a line already decoded.
    static func transaction(_ d: RequestDecoder.Decoded, speaking calculator: FeeCalculator?) -> Result<Transaction, TransactionError> {
        switch d.result {
        case .success(let r): return .success(Transaction(customerRef: d.customerRef, id: d.idText, request: r, seq: d.seq))
        case .failure(let e): return .failure(TransactionError(customerRef: d.customerRef, id: d.idText, error: calculator.flatMap(d.error(speaking:)) ?? e))
        }
    }
}

/// Counts a customer's earlier uses of an item in the current calendar month or year, in input
/// order, so that free-N allowances apply without the caller counting (spec §1.4.1 `free_uses`).
public struct UsageCounter: Sendable {
    /// A customer's item in one period: the item interned, the period as year × 13 + month (0 for a year).
    private struct Key: Hashable, Sendable {
        var customer: String
        var item: Int32
        var period: Int32
    }

    private var counts: [Key: Int] = [:]
    private var items = NamePool()

    /// A counter that has counted nothing yet.
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
        let key = Key(customer: customer, item: items.id(item), period: Int32(date.year) * 13 + (period == .month ? Int32(date.month) : 0))
        let before = counts[key, default: 0]
        counts[key] = before + 1
        return before
    }
}

import FeeValues
import FeeJSON

/// Where a version stands on a given day.
public enum VersionStatus: String, Sendable, Hashable {
    /// The version in effect on the day.
    case inEffect = "in effect"
    /// Announced on or before the day, taking effect later.
    case announced
    /// Not yet announced to customers on the day.
    case scheduled = "not yet announced"
    /// Replaced by a later version already in effect.
    case superseded
}

/// How an item's price changed from one version to the next, decided exactly (no sampling).
public enum PriceChange: String, Sendable, Hashable {
    /// Not in the version before.
    case new
    /// Higher for some amount or quantity, lower for none.
    case raised
    /// Lower for some amount or quantity, higher for none.
    case lowered
    /// Higher for some amounts or quantities and lower for others.
    case mixed
    /// The same fee for every amount and quantity.
    case unchanged
    /// Not in this version, listed in the one before.
    case removed
}

/// One version's entry in an item's price history.
public struct PriceHistoryEntry: Sendable {
    /// The version this entry is about.
    public var table: FeeTable
    /// Nil when the version does not list the item.
    public var item: FeeItem?
    /// How the price changed from the version before: `new` when that one did not list the item.
    public var change: PriceChange
}

/// A later version, already announced, that changes the fee of a request.
public struct AnnouncedChange: Sendable {
    /// The announced version, in effect after the request's date.
    public var table: FeeTable
    /// The quote of the same request on the day the version takes effect, or why it cannot be quoted then.
    public var quote: Result<Quote, QuoteError>
}

extension Bank {
    /// The status of `table` on `date`.
    public func status(of table: FeeTable, on date: CalendarDate) -> VersionStatus {
        if let current = version(on: date), current.version == table.version { return .inEffect }
        if table.effectiveFrom <= date { return .superseded }
        return table.announcedOn <= date ? .announced : .scheduled
    }

    /// Every version in order, with the item's price and how it changed from the version before.
    public func priceHistory(of code: String) -> [PriceHistoryEntry] {
        var entries: [PriceHistoryEntry] = []
        var last: (table: FeeTable, item: FeeItem?)?
        for table in versions {
            let item = table.item(code)
            defer { last = (table, item) }
            let change: PriceChange
            switch (last?.item, item) {
            case (nil, nil): continue
            case (nil, .some): change = .new
            case (.some, nil): change = .removed
            case let (old?, new?): change = Self.compare(old: old.fee, oldTable: last!.table, new: new.fee, newTable: table)
            }
            entries.append(PriceHistoryEntry(table: table, item: item, change: change))
        }
        return entries
    }

    static func compare(old: FeeFormula, oldTable: FeeTable, new: FeeFormula, newTable: FeeTable) -> PriceChange {
        guard oldTable.currency == newTable.currency else { return .mixed }
        let digits = newTable.currency.minorDigits
        let up = FeeComparison.firstRaise(old: old, oldRounding: oldTable.rounding, new: new, newRounding: newTable.rounding, minorDigits: digits) != nil
        let down = FeeComparison.firstRaise(old: new, oldRounding: newTable.rounding, new: old, newRounding: oldTable.rounding, minorDigits: digits) != nil
        switch (up, down) {
        case (true, true): return .mixed
        case (true, false): return .raised
        case (false, true): return .lowered
        case (false, false): return .unchanged
        }
    }

    /// Versions announced on or before the request's date but not yet in effect that change what it costs.
    public func announcedChanges(for request: QuoteRequest, current: Quote?, calculator: FeeCalculator) -> [AnnouncedChange] {
        versions.filter { $0.announcedOn <= request.date && $0.effectiveFrom > request.date }.compactMap { table in
            var later = request
            later.date = table.effectiveFrom
            later.bank = id
            let result = calculator.quote(later)
            if case .success(let q) = result, let current, q.net == current.net, q.gross == current.gross { return nil }
            return AnnouncedChange(table: table, quote: result)
        }
    }
}

extension AnnouncedChange {
    /// `{"version", "announced_on", "effective_from", "gross", "net"}` or with `"error"` when it cannot be quoted then.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("version", table.version)
        w.field("announced_on", "\(table.announcedOn)")
        w.field("effective_from", "\(table.effectiveFrom)")
        switch quote {
        case .success(let q):
            w.field("gross", q.gross.plainText(minorDigits: q.currency.minorDigits))
            w.field("net", q.net.plainText(minorDigits: q.currency.minorDigits))
            w.field("waiver", q.applied?.id)
        case .failure(let e):
            e.write(to: &w)
        }
        w.endObject()
    }
}

import FeeValues

/// The text fields of a request that name something declared in the tables.
enum RequestField: Sendable {
    case bank, item, tier, channel, reason, branch
}

/// An id of a request looked up in an index.
enum IDLookup {
    /// The request does not give it.
    case absent
    /// Its position in the declared list.
    case found(Int)
    /// Given but not declared; its text, for the message.
    case unknown(String)
}

/// A request as the calculator reads it: a `QuoteRequest` built in code, or a request line's bytes
/// as the decoder left them (no `String` made for a request that prices). Both answer the same
/// questions, so the calculator (`FeeCalculator.price`) is written once.
protocol QuoteInput {
    var date: CalendarDate { get }
    var quantity: Int { get }
    var age: Int? { get }
    var usesInPeriod: Int? { get }
    /// The field's id looked up in `index`.
    func lookup(_ field: RequestField, in index: IdentifierIndex) -> IDLookup
    /// The field's text (for messages and version names).
    func text(_ field: RequestField) -> String?
    /// The segments, looked up in order: the set, or the text of the first that is not declared.
    func segments(in index: IdentifierIndex) -> Result<IndexMask, UnknownID>
    /// The amount parsed with `minorDigits` fractional digits; nil when the request gives none.
    func amount(minorDigits: Int) -> Result<Money, DecimalTextError>?
    /// The amount as written, for messages.
    var amountText: String? { get }
    /// The language tag the request asks its texts in (`lang`), if any.
    var langTag: String? { get }
}

/// The text of an id that is not declared.
struct UnknownID: Error {
    let text: String
}

extension QuoteRequest: QuoteInput {
    var age: Int? { customer.age }
    var langTag: String? { lang }

    func lookup(_ f: RequestField, in index: IdentifierIndex) -> IDLookup {
        // Each field looked up where it is stored: no copy of its string for an id that is found.
        switch f {
        case .bank: return Self.find(bank, in: index)
        case .item: return Self.find(item, in: index)
        case .tier: return Self.find(customer.tier, in: index)
        case .channel: return Self.find(channel, in: index)
        case .reason: return Self.find(reason, in: index)
        case .branch: return Self.find(branch, in: index)
        }
    }

    @inline(__always)
    private static func find(_ s: String?, in index: IdentifierIndex) -> IDLookup {
        guard let s else { return .absent }
        return index.index(of: s).map(IDLookup.found) ?? .unknown(s)
    }

    func text(_ f: RequestField) -> String? {
        switch f {
        case .bank: return bank
        case .item: return item
        case .tier: return customer.tier
        case .channel: return channel
        case .reason: return reason
        case .branch: return branch
        }
    }

    func segments(in index: IdentifierIndex) -> Result<IndexMask, UnknownID> {
        var m = IndexMask()
        for s in customer.segments {
            guard let k = index.index(of: s) else { return .failure(UnknownID(text: s)) }
            m.insert(k)
        }
        return .success(m)
    }

    func amount(minorDigits: Int) -> Result<Money, DecimalTextError>? {
        guard let amount else { return nil }
        return Money.parse(amount, minorDigits: minorDigits)
    }

    var amountText: String? { amount }
}

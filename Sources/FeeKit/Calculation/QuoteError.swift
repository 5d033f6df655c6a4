/// The error codes of spec §3.4: stable, for programs; the message is for the teller.
public enum QuoteErrorCode: String, Sendable, Hashable, CaseIterable {
    case invalidRequest = "invalid_request"
    case unknownBank = "unknown_bank"
    case unknownItem = "unknown_item"
    case noTableInEffect = "no_table_in_effect"
    case amountRequired = "amount_required"
    case invalidAmount = "invalid_amount"
    case invalidDate = "invalid_date"
    case invalidQuantity = "invalid_quantity"
    case unknownTier = "unknown_tier"
    case unknownSegment = "unknown_segment"
    case unknownChannel = "unknown_channel"
    case unknownReason = "unknown_reason"
    case unknownBranch = "unknown_branch"
    case invalidAge = "invalid_age"
    case invalidUses = "invalid_uses"
    case overflow
}

/// Why a request cannot be quoted, with a message that says what to do.
public struct QuoteError: Error, Sendable, Hashable {
    public var code: QuoteErrorCode
    public var message: String
    /// For `unknown_item`: the closest item codes, best first.
    public var suggestions: [String]

    public init(_ code: QuoteErrorCode, _ message: String, suggestions: [String] = []) {
        self.code = code
        self.message = message
        self.suggestions = suggestions
    }
}

extension QuoteError {
    /// Writes `"error":{"code":…,"message":…}` as the next member of an object (spec §4).
    public func write(to w: inout JSONWriter) {
        w.key("error")
        w.beginObject()
        w.field("code", code.rawValue)
        w.field("message", message)
        w.endObject()
    }
}

import FeeJSON
import FeeWords

/// The error codes of spec §3.4: stable, for programs; the message is for the teller.
public enum QuoteErrorCode: String, Sendable, Hashable, CaseIterable {
    /// The line is not a request: not JSON, too long, keys or types wrong, or no bank named among several.
    case invalidRequest = "invalid_request"
    /// No bank with the request's `bank` id in the tables.
    case unknownBank = "unknown_bank"
    /// No item with the request's code in the version quoted.
    case unknownItem = "unknown_item"
    /// No version of the bank is in effect on the request's date, or none has the version id asked for.
    case noTableInEffect = "no_table_in_effect"
    /// The item is priced by the transaction amount and the request gives none.
    case amountRequired = "amount_required"
    /// The amount is not money in the table's currency: not a decimal string, or too many fractional digits.
    case invalidAmount = "invalid_amount"
    /// The date is not a string naming an existing day as `YYYY-MM-DD`.
    case invalidDate = "invalid_date"
    /// The quantity is not a whole number from 1 to 1,000,000, or is not 1 for an item priced by amount.
    case invalidQuantity = "invalid_quantity"
    /// The customer's tier is not declared in the version.
    case unknownTier = "unknown_tier"
    /// A customer segment is not declared in the version.
    case unknownSegment = "unknown_segment"
    /// The channel is not declared in the version.
    case unknownChannel = "unknown_channel"
    /// The reason is not declared in the version.
    case unknownReason = "unknown_reason"
    /// The branch is not declared in the bank's `bank.json`.
    case unknownBranch = "unknown_branch"
    /// The customer's age is not a whole number from 0 to 150.
    case invalidAge = "invalid_age"
    /// `uses_in_period` is not a whole number of 0 or more.
    case invalidUses = "invalid_uses"
    /// The amount is too large to be quoted exactly.
    case overflow
}

/// Why a request cannot be quoted: the code for programs, the message for a person, in the
/// language the error was told to speak (`in(_:)`; English until then).
public struct QuoteError: Error, Sendable, Hashable {
    /// The stable code of spec §3.4, for programs.
    public let code: QuoteErrorCode
    /// What went wrong, in words of either language (`QuoteMessage.text`).
    public let detail: QuoteMessage
    /// The language `message` is in.
    public private(set) var language: TextLanguage
    /// For `unknown_item`: the closest item codes, best first.
    public let suggestions: [String]

    /// The error `code` saying `detail` in `language` (English unless given); `suggestions` for `unknown_item`.
    public init(_ code: QuoteErrorCode, _ detail: QuoteMessage, suggestions: [String] = [], language: TextLanguage = .english) {
        self.code = code
        self.detail = detail
        self.suggestions = suggestions
        self.language = language
    }

    /// A request decoder's error.
    init(_ code: QuoteErrorCode, _ problem: RequestProblem) {
        self.init(code, .request(problem))
    }

    /// The message in the error's language.
    public var message: String { detail.text(language) }

    /// The same error, its message in `language`.
    public func `in`(_ language: TextLanguage) -> QuoteError {
        var e = self
        e.language = language
        return e
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

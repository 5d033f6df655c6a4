import FeeJSON
import FeeWords

/// The error codes of spec §3.4: stable, for programs; the message is for the teller.
public enum QuoteErrorCode: String, Sendable, Hashable, CaseIterable {
    /// The line is not a request: not JSON, too long, keys or types wrong, or no bank named among several.
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

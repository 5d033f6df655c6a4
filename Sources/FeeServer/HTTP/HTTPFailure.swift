/// Why a request is refused before or instead of its route: the status, a stable `code` and a
/// message saying what was wrong and how to fix it. Answered as
/// `{"error":{"code":…,"message":…}}` (see Docs/SERVE.md).
public struct HTTPFailure: Error, Sendable, Hashable {
    /// The HTTP status.
    public let status: HTTPStatus
    /// A stable, machine-readable code (`header_too_large`, `unknown_route`, …).
    public let code: String
    /// What was wrong, where, and what to do.
    public let message: String
    /// The same message in Chinese, for the customer pages' error page (nil: English only, as
    /// the protocol's own failures are); JSON bodies carry `message`, programs read `code`.
    public let chinese: String?
    /// Whether the connection must be closed after the answer (the stream can no longer be read).
    public let closes: Bool

    /// A failure with its status, code and message.
    public init(_ status: HTTPStatus, _ code: String, _ message: String, closes: Bool = false) {
        self.status = status
        self.code = code
        self.message = message
        self.chinese = nil
        self.closes = closes
    }

    /// A failure a customer can meet on a page, its message written in both languages.
    public init(_ status: HTTPStatus, _ code: String, zh: String, en: String, closes: Bool = false) {
        self.status = status
        self.code = code
        self.message = en
        self.chinese = zh
        self.closes = closes
    }
}

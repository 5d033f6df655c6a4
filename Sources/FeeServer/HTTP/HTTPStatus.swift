/// The HTTP status codes the server answers with, and their reason phrases.
public struct HTTPStatus: Sendable, Hashable, CustomStringConvertible {
    /// The three-digit code.
    public let code: Int
    /// The reason phrase of the status line.
    public let reason: String

    /// A status from its code and phrase.
    public init(_ code: Int, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `200 OK`.
    public static let ok = HTTPStatus(200, "OK")
    /// `400 Bad Request`: the request could not be read, or a parameter is wrong.
    public static let badRequest = HTTPStatus(400, "Bad Request")
    /// `404 Not Found`.
    public static let notFound = HTTPStatus(404, "Not Found")
    /// `405 Method Not Allowed` (with `Allow`).
    public static let methodNotAllowed = HTTPStatus(405, "Method Not Allowed")
    /// `408 Request Timeout`: the client was too slow.
    public static let requestTimeout = HTTPStatus(408, "Request Timeout")
    /// `411 Length Required`: a body without Content-Length or chunked framing.
    public static let lengthRequired = HTTPStatus(411, "Length Required")
    /// `413 Content Too Large`.
    public static let contentTooLarge = HTTPStatus(413, "Content Too Large")
    /// `414 URI Too Long`.
    public static let uriTooLong = HTTPStatus(414, "URI Too Long")
    /// `415 Unsupported Media Type`.
    public static let unsupportedMediaType = HTTPStatus(415, "Unsupported Media Type")
    /// `422 Unprocessable Content`: a well-formed request the calculator cannot quote.
    public static let unprocessable = HTTPStatus(422, "Unprocessable Content")
    /// `431 Request Header Fields Too Large`.
    public static let headerTooLarge = HTTPStatus(431, "Request Header Fields Too Large")
    /// `500 Internal Server Error`.
    public static let internalError = HTTPStatus(500, "Internal Server Error")
    /// `501 Not Implemented`: a transfer coding other than chunked.
    public static let notImplemented = HTTPStatus(501, "Not Implemented")
    /// `503 Service Unavailable`: too many connections, or shutting down.
    public static let unavailable = HTTPStatus(503, "Service Unavailable")
    /// `505 HTTP Version Not Supported`.
    public static let versionNotSupported = HTTPStatus(505, "HTTP Version Not Supported")

    /// `200 OK`-style text.
    public var description: String { "\(code) \(reason)" }
}

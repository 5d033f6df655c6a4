/// The media types the server answers with.
public enum ContentType: String, Sendable, Hashable {
    /// One JSON document.
    case json = "application/json; charset=utf-8"
    /// JSON Lines, one answer per line.
    case jsonLines = "application/x-ndjson; charset=utf-8"
    /// A customer page.
    case html = "text/html; charset=utf-8"
    /// Plain text.
    case text = "text/plain; charset=utf-8"
    /// The Prometheus text exposition format.
    case prometheus = "text/plain; version=0.0.4; charset=utf-8"
}

/// One whole answer: status, content type, extra fields and body. Serialized by `write(into:)`.
public struct HTTPResponse: Sendable {
    /// The status.
    public var status: HTTPStatus
    /// The body's media type.
    public var contentType: ContentType
    /// Fields beyond the ones every answer gets (Allow, Content-Security-Policy, Cache-Control…).
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]
    /// Whether the connection closes after this answer, whatever the request asked.
    public var closes = false

    /// An answer.
    public init(status: HTTPStatus, contentType: ContentType, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    /// Appends the status line and the fields; the body follows unless `headOnly` (a HEAD request).
    /// `keepAlive` false adds `Connection: close`.
    public func write(into out: inout [UInt8], keepAlive: Bool, headOnly: Bool, date: [UInt8]) {
        ResponseHead.write(status: status, contentType: contentType, contentLength: body.count, keepAlive: keepAlive && !closes,
                           extra: headers, date: date, into: &out)
        if !headOnly { out.append(contentsOf: body) }
    }
}

/// The one writer of response heads, for whole answers and for streamed (chunked) ones.
public enum ResponseHead {
    /// `Server: fees`, and `nosniff` on every answer.
    static let common = Array("\r\nServer: fees\r\nX-Content-Type-Options: nosniff\r\nContent-Type: ".utf8)

    /// Appends a status line and fields: `contentLength` nil means `Transfer-Encoding: chunked`.
    public static func write(status: HTTPStatus, contentType: ContentType, contentLength: Int?, keepAlive: Bool,
                             extra: [(name: String, value: String)], date: [UInt8], into out: inout [UInt8]) {
        out.append(contentsOf: "HTTP/1.1 \(status.code) \(status.reason)".utf8)
        out.append(contentsOf: common)
        out.append(contentsOf: contentType.rawValue.utf8)
        if let contentLength {
            out.append(contentsOf: "\r\nContent-Length: ".utf8)
            appendDecimal(contentLength, to: &out)
        } else {
            out.append(contentsOf: "\r\nTransfer-Encoding: chunked".utf8)
        }
        out.append(contentsOf: "\r\nDate: ".utf8)
        out.append(contentsOf: date)
        if !keepAlive { out.append(contentsOf: "\r\nConnection: close".utf8) }
        for (name, value) in extra {
            out.append(contentsOf: "\r\n".utf8)
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: value.utf8)
        }
        out.append(contentsOf: "\r\n\r\n".utf8)
    }

    /// Appends the decimal digits of a non-negative integer.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 10 { out.append(UInt8(0x30 + value)); return }
        appendDecimal(value / 10, to: &out)
        out.append(UInt8(0x30 + value % 10))
    }

    /// Appends one chunk of a chunked body (nothing for empty data: an empty chunk ends the body).
    public static func appendChunk(_ data: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard !data.isEmpty else { return }
        out.append(contentsOf: String(data.count, radix: 16).utf8)
        out.append(0x0D); out.append(0x0A)
        out.append(contentsOf: data)
        out.append(0x0D); out.append(0x0A)
    }

    /// The last chunk, ending a chunked body.
    public static let lastChunk = Array("0\r\n\r\n".utf8)
}

/// The limits on what one request may send before its body (Docs/SERVE.md, "Limits").
public struct HTTPLimits: Sendable, Hashable {
    /// The longest request line (method, target, version): 414 beyond.
    public var maxRequestLineBytes: Int
    /// The most bytes of the whole head (request line and header fields): 431 beyond.
    public var maxHeaderBytes: Int
    /// The most header fields: 431 beyond.
    public var maxHeaderCount: Int

    /// Limits with the defaults: 8 KiB request line, 16 KiB head, 100 fields.
    public init(maxRequestLineBytes: Int = 8 << 10, maxHeaderBytes: Int = 16 << 10, maxHeaderCount: Int = 100) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
    }
}

/// A request method; the server routes GET, HEAD and POST and answers others 405.
public enum HTTPMethod: Sendable, Hashable, CustomStringConvertible {
    /// The methods routed.
    case get, head, post
    /// Any other method token, as sent.
    case other(String)

    /// The method as written on the request line.
    public var description: String {
        switch self {
        case .get: return "GET"
        case .head: return "HEAD"
        case .post: return "POST"
        case .other(let s): return s
        }
    }
}

/// The head of one HTTP/1.x request as the server needs it: method, path and query (still
/// percent-encoded), version, and the framing and connection fields. Other fields are checked
/// for syntax and then ignored.
public struct HTTPRequestHead: Sendable, Hashable {
    /// The method.
    public var method: HTTPMethod
    /// The path of the target, percent-encoded as sent, always starting with `/`.
    public var path: String
    /// What follows `?` in the target, percent-encoded, if anything.
    public var query: String?
    /// The minor version: 1 for HTTP/1.1, 0 for HTTP/1.0.
    public var minorVersion: Int
    /// The body length from `Content-Length`.
    public var contentLength: Int?
    /// Whether the body is sent with `Transfer-Encoding: chunked`.
    public var chunked: Bool
    /// Whether the connection stays open after the answer (HTTP/1.1 unless `Connection: close`;
    /// HTTP/1.0 only with `Connection: keep-alive`).
    public var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body.
    public var expectContinue: Bool

    /// Whether the request has a body to read.
    public var hasBody: Bool { chunked || (contentLength ?? 0) > 0 }
}

/// What parsing the bytes received so far gave.
public enum HTTPHeadParse: Sendable, Hashable {
    /// The head is not complete yet: read more.
    case incomplete
    /// A whole head, and how many bytes it took (including any empty lines before it).
    case complete(HTTPRequestHead, length: Int)
    /// The head is malformed or over a limit: answer the failure and close.
    case failed(HTTPFailure)
}

/// The incremental parser of request heads (RFC 9112 §2–§7): a value holding only how far it has
/// looked, so that bytes arriving one at a time are not scanned again. Pure: no I/O, no clock.
public struct HTTPHeadParser: Sendable {
    /// The limits enforced while parsing.
    public let limits: HTTPLimits
    /// How many bytes at the start are known to hold no end of head.
    private var scanned = 0

    /// A parser enforcing `limits`.
    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Forgets progress, for the next request on the connection.
    public mutating func reset() { scanned = 0 }

    /// Parses `bytes`, which start where the request starts and hold everything received so far.
    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPHeadParse {
        let n = bytes.count
        // RFC 9112 §2.2: empty lines before the request line are ignored.
        var start = 0
        while start < n && (bytes[start] == 0x0D || bytes[start] == 0x0A) {
            start += 1
            if start > 64 { return .failed(HTTPFailure(.badRequest, "bad_request", "the request starts with more than 64 empty lines; send a request line such as 'GET /healthz HTTP/1.1'", closes: true)) }
        }
        var i = max(start, scanned)
        var end: Int?
        while i < n {
            if bytes[i] == 0x0A {
                if i + 1 < n && bytes[i + 1] == 0x0A { end = i + 2; break }
                if i + 2 < n && bytes[i + 1] == 0x0D && bytes[i + 2] == 0x0A { end = i + 3; break }
                if i + 2 >= n { break }   // the end may still arrive: look here again
            }
            i += 1
        }
        guard let end else {
            scanned = max(start, min(i, n - 2))
            if firstLineEnd(bytes, from: start) == nil, n - start > limits.maxRequestLineBytes { return .failed(Self.uriTooLong(limits)) }
            if n - start > limits.maxHeaderBytes { return .failed(Self.headerTooLarge(limits)) }
            return .incomplete
        }
        if end - start > limits.maxHeaderBytes { return .failed(Self.headerTooLarge(limits)) }
        switch Self.parseHead(UnsafeBufferPointer(rebasing: bytes[start..<end]), limits: limits) {
        case .success(let head): return .complete(head, length: end)
        case .failure(let f): return .failed(f)
        }
    }

    private func firstLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < bytes.count { if bytes[i] == 0x0A { return i }; i += 1 }
        return nil
    }

    static func uriTooLong(_ limits: HTTPLimits) -> HTTPFailure {
        HTTPFailure(.uriTooLong, "uri_too_long", "the request line is longer than \(limits.maxRequestLineBytes) bytes; send long inputs in a POST body", closes: true)
    }

    static func headerTooLarge(_ limits: HTTPLimits) -> HTTPFailure {
        HTTPFailure(.headerTooLarge, "header_too_large", "the request head is larger than \(limits.maxHeaderBytes) bytes or has more than \(limits.maxHeaderCount) fields; send fewer or shorter header fields", closes: true)
    }

    private static func bad(_ message: String) -> HTTPFailure {
        HTTPFailure(.badRequest, "bad_request", message, closes: true)
    }

    /// Whether `b` may appear in a token (RFC 9110 §5.6.2).
    @inline(__always)
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: return true
        default: return false
        }
    }

    /// Whether two ASCII byte runs are equal ignoring case.
    static func equalsIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ b: StaticString) -> Bool {
        guard a.count == b.utf8CodeUnitCount else { return false }
        let p = b.utf8Start
        for k in 0..<a.count where a[k] | 0x20 != p[k] | 0x20 { return false }
        return true
    }

    /// Parses a whole head: lines ended by LF (with an optional CR), the last one empty.
    static func parseHead(_ head: UnsafeBufferPointer<UInt8>, limits: HTTPLimits) -> Result<HTTPRequestHead, HTTPFailure> {
        var lines: [Range<Int>] = []
        var s = 0
        for k in 0..<head.count where head[k] == 0x0A {
            var e = k
            if e > s && head[e - 1] == 0x0D { e -= 1 }
            lines.append(s..<e)
            s = k + 1
        }
        guard let requestLine = lines.first else { return .failure(bad("the request has no request line")) }
        if requestLine.count > limits.maxRequestLineBytes { return .failure(uriTooLong(limits)) }
        if lines.count - 2 > limits.maxHeaderCount { return .failure(headerTooLarge(limits)) }
        for k in 0..<head.count where head[k] == 0x0D && (k + 1 >= head.count || head[k + 1] != 0x0A) {
            return .failure(bad("a bare CR in the request head; end every line with CR LF"))
        }
        // Request line: method SP target SP version.
        let line = UnsafeBufferPointer(rebasing: head[requestLine])
        guard let sp1 = line.firstIndex(of: 0x20), let sp2 = line[(sp1 + 1)...].firstIndex(of: 0x20),
              line[(sp2 + 1)...].firstIndex(of: 0x20) == nil, sp1 > 0, sp2 > sp1 + 1 else {
            return .failure(bad("the request line must be 'METHOD /path HTTP/1.1' with single spaces"))
        }
        let methodBytes = UnsafeBufferPointer(rebasing: line[0..<sp1])
        guard methodBytes.allSatisfy(isTokenByte) else { return .failure(bad("the method is not a token; use GET, HEAD or POST")) }
        let method: HTTPMethod
        switch String(decoding: methodBytes, as: UTF8.self) {
        case "GET": method = .get
        case "HEAD": method = .head
        case "POST": method = .post
        case let other: method = .other(other)
        }
        let versionBytes = UnsafeBufferPointer(rebasing: line[(sp2 + 1)...])
        let minor: Int
        if versionBytes.count == 8, versionBytes.starts(with: "HTTP/1.".utf8), versionBytes[7] == 0x30 || versionBytes[7] == 0x31 {
            minor = Int(versionBytes[7] - 0x30)
        } else if versionBytes.count == 8, versionBytes.starts(with: "HTTP/".utf8), versionBytes[6] == 0x2E,
                  (0x30...0x39).contains(versionBytes[5]), (0x30...0x39).contains(versionBytes[7]) {
            return .failure(HTTPFailure(.versionNotSupported, "version_not_supported", "this server speaks HTTP/1.1 and HTTP/1.0 only", closes: true))
        } else {
            return .failure(bad("the request line must end with the version HTTP/1.1"))
        }
        var target = UnsafeBufferPointer(rebasing: line[(sp1 + 1)..<sp2])
        guard target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(bad("the request target holds a control, space or non-ASCII byte; percent-encode it"))
        }
        // Absolute form (RFC 9112 §3.2.2): keep the path.
        for scheme in ["http://", "https://"] where target.count > scheme.utf8.count && equalsIgnoringCase(UnsafeBufferPointer(rebasing: target[0..<scheme.utf8.count]), scheme == "http://" ? "http://" : "https://") {
            let rest = UnsafeBufferPointer(rebasing: target[scheme.utf8.count...])
            if let slash = rest.firstIndex(of: 0x2F) { target = UnsafeBufferPointer(rebasing: rest[slash...]) } else { return .failure(bad("the absolute request target has no path; add '/'")) }
        }
        guard target.first == 0x2F else { return .failure(bad("the request target must be a path starting with '/', such as /v1/quote")) }
        let path: String
        var query: String?
        if let q = target.firstIndex(of: 0x3F) {
            path = String(decoding: UnsafeBufferPointer(rebasing: target[..<q]), as: UTF8.self)
            query = String(decoding: UnsafeBufferPointer(rebasing: target[(q + 1)...]), as: UTF8.self)
        } else {
            path = String(decoding: target, as: UTF8.self)
        }
        var result = HTTPRequestHead(method: method, path: path, query: query, minorVersion: minor, contentLength: nil,
                                     chunked: false, keepAlive: minor == 1, expectContinue: false)
        var hosts = 0
        var sawTransferEncoding = false
        for r in lines.dropFirst().dropLast() {
            let field = UnsafeBufferPointer(rebasing: head[r])
            if field.first == 0x20 || field.first == 0x09 { return .failure(bad("a header line starts with white space (obsolete line folding); put each field on one line")) }
            guard let colon = field.firstIndex(of: 0x3A), colon > 0 else { return .failure(bad("a header line has no 'name:'; write 'Name: value'")) }
            let name = UnsafeBufferPointer(rebasing: field[..<colon])
            guard name.allSatisfy(isTokenByte) else { return .failure(bad("a header field name holds a byte that is not allowed (white space before ':' is not allowed)")) }
            var vs = colon + 1
            var ve = field.count
            while vs < ve && (field[vs] == 0x20 || field[vs] == 0x09) { vs += 1 }
            while ve > vs && (field[ve - 1] == 0x20 || field[ve - 1] == 0x09) { ve -= 1 }
            let value = UnsafeBufferPointer(rebasing: field[vs..<ve])
            guard value.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }) else { return .failure(bad("a header field value holds a control byte")) }
            switch name.count {
            case 4 where equalsIgnoringCase(name, "host"):
                hosts += 1
            case 6 where equalsIgnoringCase(name, "expect"):
                if equalsIgnoringCase(value, "100-continue") { result.expectContinue = true }
            case 10 where equalsIgnoringCase(name, "connection"):
                for token in value.split(separator: 0x2C) {
                    var t = Substring(decoding: token, as: UTF8.self)[...]
                    while t.first == " " || t.first == "\t" { t = t.dropFirst() }
                    while t.last == " " || t.last == "\t" { t = t.dropLast() }
                    if t.lowercased() == "close" { result.keepAlive = false }
                    if t.lowercased() == "keep-alive" && minor == 0 { result.keepAlive = true }
                }
            case 14 where equalsIgnoringCase(name, "content-length"):
                guard !value.isEmpty, value.count <= 15, value.allSatisfy({ (0x30...0x39).contains($0) }) else {
                    return .failure(bad("Content-Length must be a whole number of bytes"))
                }
                let length = value.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                if let earlier = result.contentLength, earlier != length { return .failure(bad("two different Content-Length fields")) }
                result.contentLength = length
            case 17 where equalsIgnoringCase(name, "transfer-encoding"):
                // Twice would be "chunked, chunked" (RFC 9112 §6.1): a proxy in front might frame it otherwise.
                if sawTransferEncoding { return .failure(bad("Transfer-Encoding is given twice; give it once")) }
                sawTransferEncoding = true
                let codings = String(decoding: value, as: UTF8.self).lowercased().split(separator: ",").map { $0.trimmingHTTPSpace }
                guard codings == ["chunked"] else {
                    return .failure(HTTPFailure(.notImplemented, "transfer_coding_not_supported", "the only transfer coding accepted is 'chunked'; send the body as is with Content-Length, or chunked", closes: true))
                }
                result.chunked = true
            default:
                break
            }
        }
        if sawTransferEncoding && result.contentLength != nil {
            return .failure(bad("both Content-Length and Transfer-Encoding are given; send one"))
        }
        if minor == 1 && hosts == 0 { return .failure(bad("an HTTP/1.1 request needs a Host field")) }
        if hosts > 1 { return .failure(bad("more than one Host field")) }
        return .success(result)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingHTTPSpace: Substring {
        var t = self
        while t.first == " " || t.first == "\t" { t = t.dropFirst() }
        while t.last == " " || t.last == "\t" { t = t.dropLast() }
        return t
    }
}

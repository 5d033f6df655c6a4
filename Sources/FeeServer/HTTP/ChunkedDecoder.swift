/// The incremental decoder of a `Transfer-Encoding: chunked` body (RFC 9112 §7.1): a value that
/// takes bytes as they arrive and hands out the data, whatever the chunk boundaries. Chunk
/// extensions and trailer fields are read and ignored. Pure: no I/O.
public struct ChunkedDecoder: Sendable, Hashable {
    private enum State: Sendable, Hashable {
        case size(value: Int, digits: Int)
        case extensionText
        case sizeLF
        case data(remaining: Int)
        case dataCR
        case dataLF
        case trailerLineStart
        case trailerLine
        case trailerLF(last: Bool)
        case done
    }

    private var state = State.size(value: 0, digits: 0)
    /// The longest line of a chunk size or a trailer field accepted.
    private var lineBytes = 0

    /// A decoder at the start of a body.
    public init() {}

    /// Whether the last chunk and the trailer have been read.
    public var isDone: Bool { state == .done }

    private static func bad(_ message: String) -> HTTPFailure {
        HTTPFailure(.badRequest, "bad_chunked_body", message + "; send the body in chunks as RFC 9112 §7.1 describes, or with Content-Length", closes: true)
    }

    /// Decodes from `input`, appending data to `out`; returns how many bytes were used (all of
    /// them, unless the body ended before: the rest belongs to the next request).
    public mutating func decode(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Result<Int, HTTPFailure> {
        var i = 0
        let n = input.count
        while i < n {
            let b = input[i]
            switch state {
            case .size(let value, let digits):
                let d: Int?
                switch b {
                case 0x30...0x39: d = Int(b - 0x30)
                case 0x41...0x46: d = Int(b - 0x41 + 10)
                case 0x61...0x66: d = Int(b - 0x61 + 10)
                default: d = nil
                }
                if let d {
                    guard digits < 15 else { return .failure(Self.bad("a chunk size has more than 15 hex digits")) }
                    state = .size(value: value * 16 + d, digits: digits + 1)
                } else if digits == 0 {
                    return .failure(Self.bad("a chunk does not start with its size in hex"))
                } else if b == 0x3B || b == 0x20 || b == 0x09 {
                    state = .extensionText
                    lineBytes = 0
                } else if b == 0x0D {
                    state = .sizeLF
                } else if b == 0x0A {
                    state = value == 0 ? .trailerLineStart : .data(remaining: value)
                    if value == 0 { lineBytes = 0 }
                    pendingSize = value
                } else {
                    return .failure(Self.bad("a chunk size line holds an unexpected byte"))
                }
                if case .sizeLF = state { pendingSize = value }
                if case .extensionText = state { pendingSize = value }
                i += 1
            case .extensionText:
                lineBytes += 1
                if lineBytes > 4096 { return .failure(Self.bad("a chunk extension is longer than 4096 bytes")) }
                if b == 0x0A { state = pendingSize == 0 ? .trailerLineStart : .data(remaining: pendingSize); lineBytes = 0 }
                i += 1
            case .sizeLF:
                guard b == 0x0A else { return .failure(Self.bad("a chunk size line must end with CR LF")) }
                state = pendingSize == 0 ? .trailerLineStart : .data(remaining: pendingSize)
                lineBytes = 0
                i += 1
            case .data(let remaining):
                let take = min(remaining, n - i)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<(i + take)]))
                i += take
                state = remaining == take ? .dataCR : .data(remaining: remaining - take)
            case .dataCR:
                if b == 0x0A { state = .size(value: 0, digits: 0) } else if b == 0x0D { state = .dataLF } else {
                    return .failure(Self.bad("a chunk's data is longer than its size says"))
                }
                i += 1
            case .dataLF:
                guard b == 0x0A else { return .failure(Self.bad("a chunk's data must be followed by CR LF")) }
                state = .size(value: 0, digits: 0)
                i += 1
            case .trailerLineStart:
                if b == 0x0D { state = .trailerLF(last: true) } else if b == 0x0A { state = .done; return .success(i + 1) } else {
                    state = .trailerLine
                    lineBytes = 1
                }
                i += 1
            case .trailerLine:
                lineBytes += 1
                if lineBytes > 8192 { return .failure(Self.bad("a trailer field is longer than 8192 bytes")) }
                if b == 0x0D { state = .trailerLF(last: false) } else if b == 0x0A { state = .trailerLineStart }
                i += 1
            case .trailerLF(let last):
                guard b == 0x0A else { return .failure(Self.bad("a trailer line must end with CR LF")) }
                i += 1
                if last { state = .done; return .success(i) }
                state = .trailerLineStart
            case .done:
                return .success(i)
            }
        }
        return .success(i)
    }

    /// The size of the chunk whose size line is being finished.
    private var pendingSize = 0
}

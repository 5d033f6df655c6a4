#if canImport(Glibc)
import Glibc
#endif

/// How a request's body is framed on the wire.
enum BodyFraming {
    /// `Content-Length`: this many bytes still to come.
    case length(remaining: Int)
    /// `Transfer-Encoding: chunked`.
    case chunked(ChunkedDecoder)

    /// Takes body bytes from `input`, appending them to `out`: how many input bytes were used and
    /// whether the body is complete.
    mutating func take(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Result<(used: Int, done: Bool), HTTPFailure> {
        switch self {
        case .length(let remaining):
            let n = min(remaining, input.count)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[0..<n]))
            self = .length(remaining: remaining - n)
            return .success((n, remaining == n))
        case .chunked(var decoder):
            let r = decoder.decode(input, into: &out)
            self = .chunked(decoder)
            return r.map { ($0, decoder.isDone) }
        }
    }
}

/// One client connection, owned by one event loop: its buffers, the request being read, and its
/// deadline. Not shared between threads.
final class Connection {
    enum Phase {
        /// Waiting for (the rest of) a request head.
        case head
        /// Reading a body whole for `head`.
        case body(HTTPRequestHead, BodyFraming, limit: Int)
        /// Streaming a body through a stream.
        case stream(HTTPRequestHead, BodyFraming, BodyStream)
        /// Answered with `Connection: close`: flushing, then closing.
        case closing
    }

    let fd: Int32
    let remote: String
    var phase = Phase.head
    var parser: HTTPHeadParser
    /// Received bytes not yet used: `input[inStart..<input.count]`.
    var input: [UInt8] = []
    var inStart = 0
    /// Bytes to send: `output[outStart..<output.count]`.
    var output: [UInt8] = []
    var outStart = 0
    /// The body read so far (`.body`), and scratch for decoded stream bytes.
    var body: [UInt8] = []
    /// When the current request's first byte arrived (monotonic seconds), its head ended, and
    /// when the current body or partial line began.
    var requestStarted: Double?
    /// Line ends received between requests (skipped, but limited by the header timeout).
    var blankBytes = 0
    var headEnded = 0.0
    var pieceStarted: Double?
    /// Bytes read for the current request, and written for the current stream.
    var bytesIn = 0
    var bytesOut = 0
    var requests = 0
    /// When the connection last made progress (read or write).
    var lastActivity: Double
    /// The peer closed its side.
    var peerClosed = false
    /// The epoll events registered.
    var registered: UInt32 = 0

    init(fd: Int32, remote: String, limits: HTTPLimits, now: Double) {
        self.fd = fd
        self.remote = remote
        parser = HTTPHeadParser(limits: limits)
        lastActivity = now
        input.reserveCapacity(16 << 10)
        output.reserveCapacity(16 << 10)
    }

    var pendingOutput: Int { output.count - outStart }
    var bufferedInput: Int { input.count - inStart }

    /// Whether the connection is between requests with nothing received and nothing to send.
    var isIdle: Bool {
        if case .head = phase, bufferedInput == 0, pendingOutput == 0, requestStarted == nil { return true }
        return false
    }

    /// Whether the connection is answered and only flushing before it closes.
    var isClosing: Bool {
        if case .closing = phase { return true }
        return false
    }

    /// Whether a request is being read or answered (graceful shutdown waits for these).
    var inFlight: Bool { !isIdle }

    /// Drops used input; keeps the buffer small between requests.
    func compactInput() {
        if inStart == input.count {
            input.removeAll(keepingCapacity: input.capacity <= 1 << 20)
            inStart = 0
        } else if inStart > 64 << 10 {
            input.removeSubrange(0..<inStart)
            inStart = 0
        }
    }

    /// Sends what it can without blocking; false when the peer is gone.
    func flush() -> Bool {
        while outStart < output.count {
            let n = output.withUnsafeBytes { send(fd, $0.baseAddress! + outStart, output.count - outStart, Int32(MSG_NOSIGNAL)) }
            if n > 0 {
                outStart += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { break }
            return false
        }
        if outStart == output.count {
            output.removeAll(keepingCapacity: output.capacity <= 1 << 20)
            outStart = 0
        }
        return true
    }
}

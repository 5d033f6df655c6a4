#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One non-blank line of JSON Lines input, as a range of the buffer it was read into (without its
/// LF or CR LF), or, for a line longer than the limit, only how long it was.
public struct LineSpan: Sendable, Hashable {
    /// The offset of the line's first byte in the buffer.
    public let start: Int
    /// The offset just past its last byte (before CR LF or LF).
    public let end: Int
    /// The length of a line that exceeded the limit; its bytes were never kept.
    public let overlongBytes: Int?
}

/// The one reader of JSON Lines in the project (spec §4: LF or CR LF line ends, blank lines skipped),
/// for files, pipes and bytes in memory alike, with the line limit enforced while reading: a line
/// longer than `maxLineBytes` is counted and skipped, never held, so a 200 MB line needs no more
/// memory than a short one.
///
/// Reading takes whatever has arrived and then whatever more can be read without waiting, up to a
/// block: a file or a fast pipe is handled in large blocks, while a client that writes one line to
/// a pipe and waits gets it handed over at once (a coprocess).
public struct LineReader {
    private let fd: Int32
    private let blockSize: Int
    /// Lines longer than this many bytes are counted and skipped, never held.
    public let maxLineBytes: Int
    private var buffer: [UInt8]
    /// How many bytes of `buffer` hold input (after a batch: the unfinished line at its start).
    private var filled = 0
    /// While skipping an overlong line: its length so far.
    private var skipping: Int?
    private var eof = false

    /// A reader of `fd` (not closed by the reader).
    public init(fd: Int32, blockSize: Int = 1 << 20, maxLineBytes: Int = BatchQuoter.maxLineBytes) {
        self.fd = fd
        self.blockSize = blockSize
        self.maxLineBytes = maxLineBytes
        buffer = [UInt8](repeating: 0, count: blockSize + 1)
    }

    /// Reads the next batch of whole lines and calls `body` with the buffer and their spans (at
    /// least one line, unless the input ended). Returns false once the input has ended and every
    /// line was handed over.
    public mutating func next(_ body: (UnsafeBufferPointer<UInt8>, [LineSpan]) -> Void) -> Bool {
        while !eof {
            fill()
            var spans: [LineSpan] = []
            let consumed = buffer.withUnsafeBufferPointer { b in
                Self.split(UnsafeBufferPointer(rebasing: b[0..<filled]), atEnd: eof, maxLineBytes: maxLineBytes,
                           skipping: &skipping, into: &spans)
            }
            if !spans.isEmpty {
                buffer.withUnsafeBufferPointer { body($0, spans) }
            }
            // Keep the unfinished line; drop it if it is already too long. A CR at its end may be
            // the first half of CR LF, so it is neither counted nor dropped yet.
            let rest = filled - consumed
            let trailingCR = rest > 0 && buffer[filled - 1] == 0x0D ? 1 : 0
            if rest - trailingCR > maxLineBytes {
                skipping = (skipping ?? 0) + rest - trailingCR
                if trailingCR == 1 { buffer[0] = 0x0D }
                filled = trailingCR
            } else {
                if rest > 0 && consumed > 0 {
                    buffer.withUnsafeMutableBufferPointer { b in
                        _ = memmove(b.baseAddress!, b.baseAddress! + consumed, rest)
                    }
                }
                filled = rest
            }
            if !spans.isEmpty { return true }
        }
        return false
    }

    /// Reads at least once (waiting for input), then on as long as more is ready at once, up to
    /// a block beyond what is held; marks `eof` at the end of input or on a read error.
    private mutating func fill() {
        if buffer.count < filled + blockSize { buffer.append(contentsOf: repeatElement(0, count: filled + blockSize - buffer.count)) }
        let limit = filled + blockSize
        var waited = false
        while filled < limit {
            if waited {
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&p, 1, 0) > 0 else { return }
            }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, limit - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                eof = true
                return
            }
            if n == 0 { eof = true; return }
            filled += n
            waited = true
        }
    }

    /// The non-blank whole lines of `bytes` (the last one too when `atEnd`), appended to `spans`;
    /// returns how many bytes they took. `skipping` carries an overlong line across calls.
    package static func split(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, maxLineBytes: Int,
                      skipping: inout Int?, into spans: inout [LineSpan]) -> Int {
        guard let base = bytes.baseAddress else {
            if atEnd, let s = skipping { spans.append(LineSpan(start: 0, end: 0, overlongBytes: s)); skipping = nil }
            return 0
        }
        var start = 0
        let n = bytes.count
        while start < n {
            let found = memchr(base + start, 0x0A, n - start)
            let newline = found.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            guard newline != nil || atEnd else { break }
            let lineEnd = newline ?? n
            var end = lineEnd
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            if let s = skipping {
                spans.append(LineSpan(start: start, end: start, overlongBytes: s + (end - start)))
                skipping = nil
            } else if end - start > maxLineBytes {
                spans.append(LineSpan(start: start, end: start, overlongBytes: end - start))
            } else if !isBlank(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                spans.append(LineSpan(start: start, end: end, overlongBytes: nil))
            }
            start = lineEnd + 1
        }
        if atEnd, let s = skipping {
            spans.append(LineSpan(start: n, end: n, overlongBytes: s))
            skipping = nil
        }
        return Swift.min(start, n)
    }

    /// Whether a line holds only spaces, tabs and CR (a blank line gets no answer, spec §4).
    @inline(__always)
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Calls `body` with each non-blank line of bytes held in memory, in order.
    public static func forEachLine(in bytes: [UInt8], maxLineBytes: Int = BatchQuoter.maxLineBytes,
                                   _ body: (InputLine) -> Void) {
        var spans: [LineSpan] = []
        var skipping: Int?
        bytes.withUnsafeBufferPointer { b in
            _ = split(b, atEnd: true, maxLineBytes: maxLineBytes, skipping: &skipping, into: &spans)
            for s in spans { body(InputLine(s, in: b)) }
        }
    }

    /// Calls `body` with each non-blank line read from `fd`, in order; `batchEnd` after each batch,
    /// when the reader is about to wait for more input (the moment to flush answers).
    public static func forEachLine(fd: Int32, maxLineBytes: Int = BatchQuoter.maxLineBytes,
                                   _ body: (InputLine) -> Void, batchEnd: () -> Void = {}) {
        var reader = LineReader(fd: fd, maxLineBytes: maxLineBytes)
        while reader.next({ b, spans in for s in spans { body(InputLine(s, in: b)) } }) { batchEnd() }
    }
}

/// A line as handed to a consumer: its bytes, or the length of a line too long to be kept.
public enum InputLine {
    /// The line's bytes, valid until the reader reads on.
    case text(UnsafeBufferPointer<UInt8>)
    /// A line longer than the limit: only its length was kept.
    case overlong(bytes: Int)

    package init(_ span: LineSpan, in buffer: UnsafeBufferPointer<UInt8>) {
        if let n = span.overlongBytes { self = .overlong(bytes: n) } else { self = .text(UnsafeBufferPointer(rebasing: buffer[span.start..<span.end])) }
    }
}

import FeeKit

/// `POST /v1/quotes`: the body read as JSON Lines as it arrives and answered line by line by the
/// batch's one quoter, so the answers are the bytes `fees quote --jsonl` writes for the same
/// lines. Whole lines go through FeeKit's one line reader; only the unfinished last line is held
/// here, and a line over the limit is counted, not kept, and answered as the batch answers it.
final class QuoteStream: BodyStream {
    let quoter: BatchQuoter
    let status = HTTPStatus.ok
    let contentType = ContentType.jsonLines
    private let metrics: MetricsBox
    private var pending: [UInt8] = []
    /// While skipping an overlong line: its bytes so far, and whether the last was a CR.
    private var skipping: Int?
    private var skippedCR = false
    private var lines = 0
    private var errors = 0

    init(quoter: BatchQuoter, metrics: MetricsBox) {
        self.quoter = quoter
        self.metrics = metrics
    }

    var holdsPartialInput: Bool { !pending.isEmpty || skipping != nil }
    var counts: (lines: Int, errors: Int) { (lines, errors) }

    private func answer(_ line: InputLine, into out: inout [UInt8]) {
        let start = out.count
        lines += 1
        if !quoter.answer(line, into: &out) {
            errors += 1
            metrics.quoteError(AnswerScan.errorCode(out, from: start))
        } else {
            metrics.quoted()
        }
    }

    func consume(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        let n = bytes.count
        if let s = skipping {
            guard let lf = bytes.firstIndex(of: 0x0A) else {
                skipping = s + n
                if n > 0 { skippedCR = bytes[n - 1] == 0x0D }
                return
            }
            let cr = lf > 0 ? bytes[lf - 1] == 0x0D : skippedCR
            answer(.overlong(bytes: s + lf - (cr ? 1 : 0)), into: &out)
            skipping = nil
            i = lf + 1
        }
        guard i < n else { return }
        let rest = UnsafeBufferPointer(rebasing: bytes[i...])
        if let lastLF = rest.lastIndex(of: 0x0A) {
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: rest[..<(lastLF + 1)]))
            LineReader.forEachLine(in: pending) { answer($0, into: &out) }
            pending.removeAll(keepingCapacity: pending.capacity <= 1 << 20)
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: rest[(lastLF + 1)...]))
        } else {
            pending.append(contentsOf: rest)
        }
        // As the batch's reader: an unfinished line already over the limit is not kept (a CR at
        // its end may be half of CR LF, so it is not counted yet).
        let trailingCR = pending.last == 0x0D ? 1 : 0
        if pending.count - trailingCR > BatchQuoter.maxLineBytes {
            skipping = pending.count
            skippedCR = trailingCR == 1
            pending = []
        }
    }

    func finish(into out: inout [UInt8]) {
        if let s = skipping {
            answer(.overlong(bytes: s - (skippedCR ? 1 : 0)), into: &out)
            skipping = nil
        }
        if !pending.isEmpty {
            LineReader.forEachLine(in: pending) { answer($0, into: &out) }
            pending = []
        }
    }
}

/// Reads back what the one encoder wrote, for metrics: the error code of an error answer.
enum AnswerScan {
    private static let marker = Array(",\"ok\":false,\"error\":{\"code\":\"".utf8)

    /// The code of the error answer starting at `start` in `bytes` (`unknown_item`), or `other`.
    static func errorCode(_ bytes: [UInt8], from start: Int) -> String {
        bytes.withUnsafeBufferPointer { b in
            let m = marker.count
            var k = start
            while k + m <= b.count {
                if b[k] == 0x2C, b[k + 1] == 0x22, UnsafeBufferPointer(rebasing: b[k..<(k + m)]).elementsEqual(marker) {
                    var e = k + m
                    while e < b.count && b[e] != 0x22 { e += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: b[(k + m)..<e]), as: UTF8.self)
                }
                k += 1
            }
            return "other"
        }
    }
}

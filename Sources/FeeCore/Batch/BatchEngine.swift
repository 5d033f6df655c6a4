#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// The streaming batch of spec §4 between two file descriptors: the one line reader, one or more
/// workers, and a writer that keeps input order. Answers are written after every batch the reader
/// hands over, so a coprocess that writes one line and waits gets its answer at once, while a file
/// is handled in large blocks split across the workers.
public struct BatchEngine: Sendable {
    /// One quoter per worker: each with its own copy of the tables, so that threads never share
    /// reference counts.
    public let quoters: [BatchQuoter]

    /// An engine with `quoters.count` workers (at least one).
    public init(quoters: [BatchQuoter]) {
        precondition(!quoters.isEmpty, "a batch engine needs a quoter")
        self.quoters = quoters
    }

    /// How a run ended.
    public enum Outcome: Sendable, Equatable {
        /// Every line was answered and quoted.
        case allQuoted
        /// Every line was answered; some got an error answer.
        case someErrors
        /// The reader of the output went away (EPIPE): the run stopped quietly. `someErrors`:
        /// whether some line answered so far got an error answer.
        case outputClosed(someErrors: Bool)
        /// Writing the answers failed with this errno (a full disk, say).
        case outputFailed(Int32)
    }

    /// Fewer lines than this in a batch are answered on the calling thread: dispatching them would
    /// cost more than it saves, and a coprocess's single line is answered without a thread hop.
    static let parallelThreshold = 256

    /// Answers every line of `input` on `output`, in order.
    public func run(input: Int32, output: Int32) -> Outcome {
        var reader = LineReader(fd: input, blockSize: quoters.count > 1 ? 4 << 20 : 1 << 20)
        var allOK = true
        var out: [UInt8] = []
        out.reserveCapacity(1 << 21)
        var failure: Outcome?
        let jobs = quoters.count
        let parts = UnsafeMutableBufferPointer<(out: [UInt8], ok: Bool)>.allocate(capacity: jobs)
        parts.initialize(repeating: ([], true))
        defer { parts.deinitialize(); parts.deallocate() }
        nonisolated(unsafe) let shared = parts
        let quoters = self.quoters
        let first = quoters[0]   // bound once: indexing per line would copy and retain the quoter
        while failure == nil, reader.next({ buffer, spans in
            if jobs == 1 || spans.count < Self.parallelThreshold {
                for s in spans where !first.answer(InputLine(s, in: buffer), into: &out) { allOK = false }
                failure = Self.write(&out, to: output, allOK: allOK)
                return
            }
            // Cut the batch into `jobs` runs of lines of about equal bytes.
            let total = spans[spans.count - 1].end - spans[0].start
            var cuts = [0]
            var k = 0
            for j in 1..<jobs {
                let target = spans[0].start + total * j / jobs
                while k < spans.count && spans[k].start < target { k += 1 }
                cuts.append(max(k, cuts[cuts.count - 1]))
            }
            cuts.append(spans.count)
            let bounds = cuts
            nonisolated(unsafe) let b = buffer
            DispatchQueue.concurrentPerform(iterations: jobs) { j in
                var o: [UInt8] = []
                o.reserveCapacity((bounds[j + 1] - bounds[j]) * 320)
                var ok = true
                let quoter = quoters[j]
                for s in spans[bounds[j]..<bounds[j + 1]] where !quoter.answer(InputLine(s, in: b), into: &o) { ok = false }
                shared[j] = (o, ok)
            }
            for j in 0..<jobs where failure == nil {
                if !parts[j].ok { allOK = false }
                failure = Self.write(&parts[j].out, to: output, allOK: allOK)
                parts[j] = ([], true)
            }
        }) {}
        return failure ?? (allOK ? .allQuoted : .someErrors)
    }

    /// Writes and empties `bytes`; nil when done, else how writing failed (`allOK`: whether every
    /// line answered so far, these included, was quoted).
    static func write(_ bytes: inout [UInt8], to fd: Int32, allOK: Bool) -> Outcome? {
        defer { bytes.removeAll(keepingCapacity: true) }
        let code = bytes.withUnsafeBufferPointer { FileDescriptorOutput.writeAll(fd, $0) }
        if code == 0 { return nil }
        return code == EPIPE ? .outputClosed(someErrors: !allOK) : .outputFailed(code)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

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

    /// How many blocks may be read and not yet written, per worker (bounds memory: a block's
    /// place is given back when its answers are written, not when they are computed).
    static let blocksInFlightPerWorker = 2

    /// Answers every line of `input` on `output`, in order.
    public func run(input: Int32, output: Int32) -> Outcome {
        quoters.count == 1 ? runOnCallingThread(input: input, output: output) : runPipelined(input: input, output: output)
    }

    /// One worker: read a batch, answer it, write it, read on.
    private func runOnCallingThread(input: Int32, output: Int32) -> Outcome {
        var reader = LineReader(fd: input, blockSize: 1 << 20)
        var allOK = true
        var out: [UInt8] = []
        out.reserveCapacity(1 << 21)
        var failure: Outcome?
        let quoter = quoters[0]   // bound once: indexing per line would copy and retain the quoter
        while failure == nil, reader.next({ buffer, spans in
            for s in spans where !quoter.answer(InputLine(s, in: buffer), into: &out) { allOK = false }
            failure = Self.write(&out, to: output, allOK: allOK)
        }) {}
        return failure ?? (allOK ? .allQuoted : .someErrors)
    }

    /// Several workers, without a barrier: the calling thread reads blocks and hands block `k` to
    /// worker `k % jobs` (each worker a serial queue with its own quoter), and whichever thread
    /// finishes the next block in order writes it and any finished after it (`OrderedWriter`).
    /// Reading, answering and writing overlap; at most `blocksInFlightPerWorker × jobs` blocks
    /// are held. A short batch (a coprocess's line) waits for the blocks before it and is
    /// answered on the calling thread.
    private func runPipelined(input: Int32, output: Int32) -> Outcome {
        let jobs = quoters.count
        var reader = LineReader(fd: input, blockSize: 1 << 20)
        let room = DispatchSemaphore(value: Self.blocksInFlightPerWorker * jobs)
        let writer = OrderedWriter(fd: output, room: room)
        let workers = (0..<jobs).map { DispatchQueue(label: "fees.batch.worker-\($0)") }
        let inFlight = DispatchGroup()
        let quoters = self.quoters
        var sequence = 0
        while !writer.hasFailed, reader.next({ buffer, spans in
            let number = sequence
            sequence += 1
            if spans.count < Self.parallelThreshold {
                inFlight.wait()   // no worker is answering now: the calling thread may use quoter 0
                var out: [UInt8] = []
                var ok = true
                for s in spans where !quoters[0].answer(InputLine(s, in: buffer), into: &out) { ok = false }
                writer.deliver(number, &out, allQuoted: ok, heldRoom: false)
                return
            }
            // A place among the blocks not yet written, then the block's lines, copied out of the
            // reader's buffer (which it reuses).
            room.wait()
            let first = spans[0].start
            let block = BlockBytes(writer.buffer())
            block.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[first..<spans[spans.count - 1].end]))
            let lines = spans.map { LineSpan(start: $0.start - first, end: $0.end - first, overlongBytes: $0.overlongBytes) }
            let quoter = quoters[number % jobs]
            inFlight.enter()
            workers[number % jobs].async {
                var out = writer.buffer()
                var ok = true
                block.bytes.withUnsafeBufferPointer { b in
                    for s in lines where !quoter.answer(InputLine(s, in: b), into: &out) { ok = false }
                }
                writer.recycle(&block.bytes)
                writer.deliver(number, &out, allQuoted: ok, heldRoom: true)
                inFlight.leave()
            }
        }) {}
        inFlight.wait()
        return writer.outcome
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

/// The ordered writer of a pipelined batch: blocks of answers are delivered by number from any
/// thread, and written in number order by whichever thread delivers the next one (the others
/// leave theirs and go on). After a failed write nothing more is written.
final class OrderedWriter: Sendable {
    private struct State {
        var next = 0
        var waiting: [Int: (bytes: [UInt8], allQuoted: Bool, heldRoom: Bool)] = [:]
        var writing = false
        var allQuoted = true
        var failure: BatchEngine.Outcome?
        /// Emptied buffers, kept with their capacity: a block's bytes and answers go into memory
        /// already touched, not into fresh pages each time.
        var spare: [[UInt8]] = []
    }

    private let fd: Int32
    private let state = Mutex(State())
    /// The reader's places for blocks not yet written: given back as each block is written (or
    /// dropped after a failure).
    private let room: DispatchSemaphore

    init(fd: Int32, room: DispatchSemaphore) {
        self.fd = fd
        self.room = room
    }

    /// Whether writing has failed (the reader went away, or the disk is full): stop reading.
    var hasFailed: Bool { state.withLock { $0.failure != nil } }

    /// How the run ended, once every block was delivered and written.
    var outcome: BatchEngine.Outcome {
        state.withLock { $0.failure ?? ($0.allQuoted ? .allQuoted : .someErrors) }
    }

    /// An empty buffer, recycled when one is spare.
    func buffer() -> [UInt8] {
        state.withLock { $0.spare.popLast() } ?? []
    }

    /// Takes back a buffer that is no longer needed, emptied.
    func recycle(_ bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        let spare = bytes
        bytes = []
        state.withLock { $0.spare.append(spare) }
    }

    /// Hands over block `number`; writes it now if it is the next one and nobody is writing.
    func deliver(_ number: Int, _ bytes: inout [UInt8], allQuoted: Bool, heldRoom: Bool) {
        // Moved out of the caller's variable: the buffer stays uniquely held, so it is written
        // and recycled as it is, not copied.
        var moved: [UInt8] = []
        swap(&moved, &bytes)
        let mine = state.withLock { s -> Bool in
            s.waiting[number] = (moved, allQuoted, heldRoom)
            moved = []
            if s.writing { return false }
            s.writing = true
            return true
        }
        guard mine else { return }
        while true {
            // Take every block that is next in order; stop writing when there is none.
            // Each with whether every line up to its end was quoted (the status if writing it fails).
            var dropped = 0
            let ready = state.withLock { s -> [(bytes: [UInt8], allQuoted: Bool, heldRoom: Bool)]? in
                var ready: [(bytes: [UInt8], allQuoted: Bool, heldRoom: Bool)] = []
                while let block = s.waiting.removeValue(forKey: s.next) {
                    if s.failure == nil {
                        if !block.allQuoted { s.allQuoted = false }
                        ready.append((block.bytes, s.allQuoted, block.heldRoom))
                    } else if block.heldRoom {
                        dropped += 1
                    }
                    s.next += 1
                }
                if ready.isEmpty { s.writing = false; return nil }
                return ready
            }
            for _ in 0..<dropped { room.signal() }
            guard var ready else { return }
            var failed = false
            for k in ready.indices {
                // Moved out, so that the buffer stays uniquely held and is recycled as it is.
                var bytes = ready[k].bytes
                ready[k].bytes = []
                if !failed, let failure = BatchEngine.write(&bytes, to: fd, allOK: ready[k].allQuoted) {
                    state.withLock { s in if s.failure == nil { s.failure = failure } }
                    failed = true
                }
                if !failed { recycle(&bytes) }
                if ready[k].heldRoom { room.signal() }
            }
        }
    }
}

/// A block's bytes on their way from the reader to one worker: owned by one thread at a time (the
/// hand-over through a dispatch queue orders the accesses), so the buffer stays uniquely held and
/// is recycled with its capacity.
final class BlockBytes: @unchecked Sendable {
    var bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

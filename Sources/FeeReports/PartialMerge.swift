import FeeValues
import FeeJSON
import FeeCore
import FeeWords

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A partial given to `fees merge`: a file (read twice, once to check and once to merge, so
/// memory holds a block per piece and never a whole partial), or one of the partials that
/// standard input held.
public struct PartialSource: Sendable {
    /// How messages name it: the file's path, or standard input (the second of its partials).
    package let name: PartialMessage.Source
    let path: String?
    let bytes: [UInt8]?

    /// A partial file. One that is not a regular file (a pipe, `/dev/stdin`, `<(…)`) can be read
    /// only once, so it is read into memory now; nil and why when it cannot be read.
    public static func file(_ path: String) -> Result<PartialSource, PartialFile.Failure> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.init(cannotRead(path))) }
        if info.st_mode & S_IFMT == S_IFREG { return .success(PartialSource(name: .file(path), path: path, bytes: nil)) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(.init(cannotRead(path))) }
        defer { closeDescriptor(fd) }
        guard let bytes = readToEnd(fd) else { return .failure(.init(cannotRead(path))) }
        return .success(PartialSource(name: .file(path), path: nil, bytes: bytes))
    }

    /// Every byte of `fd` to its end, or nil when a read fails (`errno` says why).
    package static func readToEnd(_ fd: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { return bytes }
            bytes.append(contentsOf: block[0..<n])
        }
    }

    /// The partials of standard input, read to its end; nil and why when it cannot be read.
    public static func standardInput() -> Result<[PartialSource], PartialFile.Failure> {
        guard let bytes = readToEnd(0) else { return .failure(.init(cannotRead("/dev/stdin"))) }
        return .success(split(standardInput: bytes))
    }

    /// The partials of bytes read from standard input, split where each header starts.
    public static func split(standardInput input: [UInt8]) -> [PartialSource] {
        var starts: [Int] = []
        var spans: [LineSpan] = []
        var skipping: Int?
        input.withUnsafeBufferPointer { b in
            _ = LineReader.split(b, atEnd: true, maxLineBytes: Int.max, skipping: &skipping, into: &spans)
            for s in spans where PartialHeader.isHeader(UnsafeBufferPointer(rebasing: b[s.start..<s.end])) { starts.append(s.start) }
        }
        if starts.first != 0 { starts.insert(0, at: 0) }
        return starts.indices.map { k in
            let end = k + 1 < starts.count ? starts[k + 1] : input.count
            return PartialSource(name: .standardInput(part: starts.count == 1 ? nil : k + 1), path: nil, bytes: Array(input[starts[k]..<end]))
        }
    }

    /// Whether it is standard input that held nothing.
    public var isEmpty: Bool { path == nil && (bytes ?? []).allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } }

    /// Calls `body` with each line in turn until it returns false; nil, or why the file cannot be read.
    func forEachLine(_ body: (InputLine) -> Bool) -> PartialMessage? {
        guard let path else {
            var go = true
            LineReader.forEachLine(in: bytes ?? [], maxLineBytes: PartialMerge.maxLineBytes) { if go { go = body($0) } }
            return nil
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return cannotRead(path) }
        defer { close(fd) }
        var reader = LineReader(fd: fd, maxLineBytes: PartialMerge.maxLineBytes)
        var go = true
        while go, reader.next({ b, spans in for s in spans where go { go = body(InputLine(s, in: b)) } }) {}
        return nil
    }
}

private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

/// That `path` cannot be read, and the system's reason (errno, just set).
private func cannotRead(_ path: String) -> PartialMessage {
    .cannotRead(path: path, reason: String(cString: strerror(errno)))
}

/// Lines pulled one at a time from a source (the merges read all pieces side by side).
struct PulledLines {
    private var reader: LineReader?
    private var fd: Int32 = -1
    private var block: [UInt8] = []
    private var spans: [LineSpan] = []
    private var next = 0
    private var ended = false
    /// Why the source cannot be read.
    private(set) var failure: PartialMessage?

    init(_ source: PartialSource) {
        if let path = source.path {
            fd = open(path, O_RDONLY)
            if fd < 0 { failure = cannotRead(path); ended = true; return }
            reader = LineReader(fd: fd, maxLineBytes: PartialMerge.maxLineBytes)
        } else {
            block = source.bytes ?? []
            var skipping: Int?
            block.withUnsafeBufferPointer { _ = LineReader.split($0, atEnd: true, maxLineBytes: PartialMerge.maxLineBytes, skipping: &skipping, into: &spans) }
            ended = true
        }
    }

    /// Closes the file, if any.
    mutating func close() {
        if fd >= 0 { closeDescriptor(fd); fd = -1 }
    }

    /// Calls `body` with the next line; false at the end.
    mutating func pull(_ body: (InputLine) -> Void) -> Bool {
        if next == spans.count {
            guard !ended, var r = reader else { return false }
            spans = []
            next = 0
            let more = r.next { b, s in
                let end = s.last.map { $0.end } ?? 0
                block = Array(UnsafeBufferPointer(rebasing: b[0..<end]))
                spans = s
            }
            reader = r
            if !more { ended = true; return false }
        }
        let s = spans[next]
        next += 1
        block.withUnsafeBufferPointer { body(InputLine(s, in: $0)) }
        return true
    }
}

/// `fees merge`: checks that partials are whole and belong together, then merges them, customer
/// by customer, into what one run over all the input would give.
public enum PartialMerge {
    /// The longest line a partial may have (a customer with every item at every price fits easily).
    public static let maxLineBytes = 64 << 20

    /// Partials found whole and belonging together.
    public struct Checked: Sendable {
        /// The partials, in the order given; the merge reads each again.
        public let sources: [PartialSource]
        /// Each source's trailer as the check read it: the merge's second read must find the same.
        let trailers: [PartialTrailer]
        /// The header they share.
        public let header: PartialHeader
        /// Every piece they stand for, in order.
        public let pieces: [String]
    }

    /// Pass 1: reads every source side by side, checking each frame (header, trailer, checksum),
    /// that they are of one kind, period or versions, bank and tables (those of `bank`, when given),
    /// that no piece is given twice and that no customer is in two of them.
    public static func check(_ sources: [PartialSource], bank: Bank?) -> Result<Checked, PartialFile.Failure> {
        guard !sources.isEmpty else { return .failure(.init(.noPartials)) }
        var frames = [PartialFrameCheck](repeating: PartialFrameCheck(), count: sources.count)
        var readers = sources.map(PulledLines.init)
        defer { for k in readers.indices { readers[k].close() } }
        for r in readers { if let f = r.failure { return .failure(.init(f)) } }
        // Every source's next customer; a source's customers must come in byte order.
        var heads = [String?](repeating: nil, count: sources.count)
        var last = [String?](repeating: nil, count: sources.count)
        // What is wrong with the contents (a split customer, customers out of order): reported
        // only once the frames are known good, since a cut or altered partial explains it better.
        var conflict: PartialMessage?
        func advance(_ k: Int) {
            heads[k] = nil
            var done = false
            while !done {
                var got = false
                let more = readers[k].pull { line in
                    guard case .text(let text) = line else { frames[k].takeOverlong(); return }
                    if frames[k].take(text), text.starts(with: #"{"customer":""#.utf8) {
                        var c = JSONParser(bytes: text, maxDepth: 2)
                        c.index = 12
                        if let ref = try? c.parseString() { heads[k] = ref; got = true }
                    }
                }
                done = got || !more
            }
            if let ref = heads[k] {
                if let l = last[k], !precedesInBytes(l, ref), conflict == nil {
                    conflict = .about(sources[k].name, .customersOutOfOrder(customer: ref, after: l))
                }
                last[k] = ref
            }
        }
        for k in sources.indices { advance(k) }
        while conflict == nil {
            var low: Int?
            for k in sources.indices {
                guard let ref = heads[k] else { continue }
                guard let l = low, let lowRef = heads[l] else { low = k; continue }
                if ref == lowRef {
                    conflict = .customerInTwo(customer: ref, first: sources[l].name, second: sources[k].name)
                    break
                }
                if precedesInBytes(ref, lowRef) { low = k }
            }
            guard conflict == nil, let k = low else { break }
            advance(k)
        }
        // The rest of every frame.
        for k in sources.indices {
            while readers[k].pull({ line in
                if case .text(let text) = line { _ = frames[k].take(text) } else { frames[k].takeOverlong() }
            }) {}
        }
        var checked: [(PartialHeader, PartialTrailer)] = []
        for k in sources.indices {
            switch frames[k].finish() {
            case .success(let v): checked.append(v)
            case .failure(let f): return .failure(.init(.about(sources[k].name, f.reason)))
            }
        }
        let first = checked[0].0
        var owner: [String: Int] = [:]
        for (k, (h, t)) in checked.enumerated() {
            let name = sources[k].name
            guard h.kind == first.kind else {
                return .failure(.init(.kindsDiffer(first: sources[0].name, first.kind, other: name, h.kind)))
            }
            guard h.scope == first.scope else {
                return .failure(.init(.scopesDiffer(first: sources[0].name, first.scopeWords, other: name, h.scopeWords)))
            }
            guard h.bank == first.bank else { return .failure(.init(.banksDiffer(first: sources[0].name, bank: first.bank, other: name, otherBank: h.bank))) }
            if let d = tablesDiffer(first.tables, h.tables) {
                return .failure(.init(.tablesDiffer(first: sources[0].name, other: name, d)))
            }
            for p in t.pieces where p != PartialWriter.emptyPiece {
                if let o = owner[p] {
                    let other = sources[o].name
                    if o == k { return .failure(.init(.pieceNamedTwice(name, piece: p))) }
                    return .failure(.init(other == name ? .givenTwice(name) : .pieceInTwo(first: other, second: name, piece: p)))
                }
                owner[p] = k
            }
        }
        if let bank {
            guard bank.id == first.bank else { return .failure(.init(.otherBank(partials: first.bank, given: bank.id))) }
            let here = bank.versions.map { PartialHeader.TableFingerprint(version: $0.version, fingerprint: $0.fingerprint) }
            if let d = tablesDiffer(first.tables, here) {
                return .failure(.init(.otherTables(d)))
            }
        }
        if let conflict { return .failure(.init(conflict)) }
        let pieces = owner.isEmpty ? [PartialWriter.emptyPiece] : owner.keys.sorted()
        return .success(Checked(sources: sources, trailers: checked.map(\.1), header: first, pieces: pieces))
    }

    /// The first way two lists of fingerprints differ; nil when they are the same.
    static func tablesDiffer(_ a: [PartialHeader.TableFingerprint], _ b: [PartialHeader.TableFingerprint]) -> PartialMessage.TableDifference? {
        let x = Dictionary(a.map { ($0.version, $0.fingerprint) }, uniquingKeysWith: { f, _ in f })
        let y = Dictionary(b.map { ($0.version, $0.fingerprint) }, uniquingKeysWith: { f, _ in f })
        for v in Set(x.keys).union(y.keys).sorted() where x[v] != y[v] {
            guard let fx = x[v] else { return .missingFromFirst(version: v) }
            guard let fy = y[v] else { return .missingFromSecond(version: v) }
            return .fingerprints(version: v, String(fx.prefix(19)), String(fy.prefix(19)))
        }
        return nil
    }

    /// Pass 2 for statements: the customers of every piece in byte order of their refs, each handed
    /// to `customer` with its lines (none for a customer with uses only outside the period: a
    /// report leaves it out, a merged partial keeps it); then the summary. Memory: one customer per piece.
    public static func statements(_ checked: Checked, customer: (String, [StatementLine]) -> Void) -> Result<StatementSummary, PartialFile.Failure> {
        let sources = checked.sources
        var readers = sources.map(PulledLines.init)
        defer { for k in readers.indices { readers[k].close() } }
        var heads = [(String, [StatementLine])?](repeating: nil, count: sources.count)
        var total = StatementLine(item: "", version: "")
        var customers = 0, outside = 0
        var errors: [TransactionError] = []
        var failure: PartialMessage?
        var seenHeader = [Bool](repeating: false, count: sources.count)
        // The second read is checked as the first was: a file that changed in between (or a pipe
        // read twice) is refused, never merged unchecked.
        var frames = [PartialFrameCheck](repeating: PartialFrameCheck(), count: sources.count)
        func ended(_ k: Int) {
            guard failure == nil else { return }
            switch frames[k].finish() {
            case .success(let (_, t)) where t == checked.trailers[k]: break
            default: failure = .changedBetweenReads(sources[k].name)
            }
        }
        func advance(_ k: Int) {
            heads[k] = nil
            var done = false
            while !done && failure == nil {
                var got = false
                let more = readers[k].pull { line in
                    guard case .text(let text) = line else { failure = .about(sources[k].name, .lineTooLong); return }
                    _ = frames[k].take(text)
                    if !seenHeader[k] { seenHeader[k] = true; return }
                    if PartialTrailer.isTrailer(text) { return }
                    if let e = PartialBody.error(text) { errors.append(e); return }
                    if let n = PartialBody.outside(text) {
                        if !checkedAdd(&outside, n) { failure = .overflow(counts: true) }
                        return
                    }
                    guard let c = StatementPartialLine.read(text) else { failure = .about(sources[k].name, .unreadableLine(.statement)); return }
                    heads[k] = c
                    got = true
                }
                if !more { ended(k) }
                done = got || !more
            }
        }
        for k in sources.indices { advance(k) }
        while failure == nil {
            var low: Int?
            for k in sources.indices {
                guard let ref = heads[k]?.0 else { continue }
                if let l = low, let lowRef = heads[l]?.0, !precedesInBytes(ref, lowRef) { continue }
                low = k
            }
            guard let k = low, let (ref, lines) = heads[k] else { break }
            for l in lines {
                guard let sum = total.adding(l) else { return .failure(.init(.overflow(counts: false))) }
                total = sum
            }
            if !lines.isEmpty { customers += 1 }
            customer(ref, lines)
            advance(k)
        }
        if let failure { return .failure(.init(failure)) }
        return .success(StatementSummary(customers: customers, total: total, outside: outside, errors: errors))
    }

    /// Impact and audit partials, read whole and merged (their customers are a few numbers each).
    public static func whole(_ checked: Checked) -> Result<PartialFile.Contents, PartialFile.Failure> {
        var merged: PartialFile.Contents?
        for (k, s) in checked.sources.enumerated() {
            var bytes = s.bytes ?? []
            if s.path != nil {
                bytes = []
                if let f = s.forEachLine({ line in
                    if case .text(let t) = line { bytes.append(contentsOf: t); bytes.append(0x0A) }
                    return true
                }) { return .failure(.init(f)) }
            }
            let read: PartialFile.Read
            switch PartialFile.read(bytes) {
            case .success(let r): read = r
            case .failure(let f): return .failure(.init(.about(s.name, f.reason)))
            }
            // The second read must find what the check read (its trailer holds the pieces, the
            // line count and the checksum): a file changed in between is refused, never merged
            // with the first read's checks standing for it.
            guard read.trailer == checked.trailers[k] else { return .failure(.init(.changedBetweenReads(s.name))) }
            switch (merged, read.contents) {
            case (nil, let c): merged = c
            case (.impact(var a)?, .impact(let b)):
                if let both = a.merge(b) { return .failure(.init(.customerInTwo(customer: both, first: nil, second: s.name))) }
                merged = .impact(a)
            case (.audit(var a)?, .audit(let b)):
                if let both = a.merge(b) { return .failure(.init(.customerInTwo(customer: both, first: nil, second: s.name))) }
                merged = .audit(a)
            case (.statement(var a)?, .statement(let b)):
                if let both = a.merge(b) { return .failure(.init(.customerInTwo(customer: both, first: nil, second: s.name))) }
                merged = .statement(a)
            default:
                return .failure(.init(.kindsDiffer(first: checked.sources[0].name, checked.header.kind, other: s.name, read.header.kind)))
            }
        }
        guard let merged else { return .failure(.init(.noPartials)) }
        return .success(merged)
    }
}

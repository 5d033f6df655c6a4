import Foundation
import Testing
import FeeKit
import FeeTestSupport

/// `fees merge` through the binary: partials that are whole and belong together merge into the
/// bytes of one run, at any depth of a merge tree; every way a scale-out job goes wrong silently
/// is refused with exit 2 and a message naming the pieces.
@Suite struct PartialMergeTests {
    static let tables = TellerSnapshotTests.demoTables
    static let period = ["--from", "2026-01-01", "--to", "2026-12-31"]

    /// The statement tests' transactions (40 customers, interleaved lines, two unpriceable).
    static var lines: [String] { StatementTests.lines }

    static func ref(_ line: String) -> String {
        guard case .string(let s)? = (try? JSONParser.parse(line))?.node(at: "customer_ref")?.value else { return "" }
        return s
    }

    /// The lines cut into `n` pieces by customer, as a shuffle by key does.
    static func pieces(_ n: Int, of lines: [String] = lines) -> [[String]] {
        (0..<n).map { k in lines.filter { Int(ref($0).utf8.reduce(0) { $0 &+ Int($1) }) % n == k } }
    }

    static func input(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

    /// A scratch directory, removed by the caller's `defer`.
    static func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "merge-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes the statement partial of each piece into `dir`; their paths.
    static func statementPartials(_ pieces: [[String]], in dir: String, tables: String = tables, extra: [String] = []) throws -> [String] {
        try pieces.enumerated().map { k, piece in
            let r = try FeesBinary.run(["statement", "--partial", "--tables", tables] + period + extra, stdin: input(piece))
            #expect(r.status == 0, "\(r.stderr)")
            let path = dir + "/part-\(k).partial"
            try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    static func merge(_ paths: [String], _ extra: [String] = ["--format", "json"], tables: String = tables) throws -> FeesBinary.Output {
        try FeesBinary.run(["merge"] + paths + ["--tables", tables] + extra)
    }

    /// What `fees merge` prints when it refuses partials for `reason`: the demo bank's first
    /// language (Chinese) unless `--lang` says otherwise.
    static func refusal(_ reason: PartialMessage, _ language: TextLanguage = .chinese) -> String {
        "error: " + reason.text(language) + "\n"
    }

    /// The first customer (in byte order) that two sets of lines share.
    static func firstShared(_ a: [String], _ b: [String]) -> String? {
        Set(a.map(ref)).intersection(b.map(ref)).min { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// A partial file's header or trailer value at `path` (its first or last line).
    static func frame(_ file: String, _ path: String, trailer: Bool = false) throws -> String? {
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        return try JSONParser.parse(String(trailer ? lines.last! : lines.first!)).string(at: path)
    }

    @Test func aMergeTreeOfTwoLevelsEqualsOneRun() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let single = try FeesBinary.run(["statement", "--format", "json", "--tables", Self.tables] + Self.period, stdin: Self.input(Self.lines))
        let parts = try Self.statementPartials(Self.pieces(4), in: dir)
        let left = try Self.merge(Array(parts[0..<2]), ["--partial"]), right = try Self.merge(Array(parts[2..<4]), ["--partial"])
        #expect(left.status == 0 && right.status == 0, "\(left.stderr) \(right.stderr)")
        try left.stdout.write(toFile: dir + "/left", atomically: true, encoding: .utf8)
        try right.stdout.write(toFile: dir + "/right", atomically: true, encoding: .utf8)
        let tree = try Self.merge([dir + "/right", dir + "/left"])
        #expect(tree.stdout == single.stdout)
        #expect(tree.status == single.status)
        #expect(single.status == 1)   // two lines could not be priced: listed in both, exit 1 in both
        // The merged partial stands for its four pieces, and says so.
        #expect(left.stdout.contains(#""pieces":["sha256:"#))
        // The same for impact.
        let impactArgs = ["impact", "--from-version", "2026-03", "--to-version", "2027-01", "--tables", Self.tables]
        let impactSingle = try FeesBinary.run(impactArgs + ["--format", "json"], stdin: Self.input(Self.lines))
        var impactParts: [String] = []
        for (k, piece) in Self.pieces(3).enumerated() {
            let r = try FeesBinary.run(impactArgs + ["--partial", "--piece", "i\(k)"], stdin: Self.input(piece))
            try r.stdout.write(toFile: dir + "/i\(k)", atomically: true, encoding: .utf8)
            impactParts.append(dir + "/i\(k)")
        }
        let impactLeft = try Self.merge(Array(impactParts[0..<2]), ["--partial"])
        try impactLeft.stdout.write(toFile: dir + "/ileft", atomically: true, encoding: .utf8)
        let impactTree = try Self.merge([impactParts[2], dir + "/ileft"])
        #expect(impactTree.stdout == impactSingle.stdout, "\(impactTree.stderr)")
        #expect(impactTree.status == impactSingle.status)
    }

    @Test func sortedInputStreamsTheSameBytes() throws {
        // The lines of each customer together, customers in byte order: what a shuffle delivers.
        let sorted = Self.lines.enumerated().sorted { a, b in
            let (x, y) = (Self.ref(a.element), Self.ref(b.element))
            return x == y ? a.offset < b.offset : x.utf8.lexicographicallyPrecedes(y.utf8)
        }.map(\.element)
        for format in ["json", "text", "html"] {
            let base = ["statement", "--format", format, "--tables", Self.tables] + Self.period
            let plain = try FeesBinary.run(base, stdin: Self.input(sorted))
            let streamed = try FeesBinary.run(base + ["--sorted"], stdin: Self.input(sorted))
            #expect(streamed.stdout == plain.stdout, "\(format)")
            #expect(streamed.status == plain.status)
        }
        // A line whose customer sorts before the current one is refused, listed, never counted.
        let swapped = [sorted.last!] + sorted.dropLast()
        let r = try FeesBinary.run(["statement", "--format", "json", "--sorted", "--tables", Self.tables] + Self.period, stdin: Self.input(Array(swapped)))
        #expect(r.status == 1)
        // The refusal speaks the line's language: the demo bank's first, Chinese.
        let after = try #require(JSONParser.parse(swapped[0]).string(at: "customer_ref"))
        let refused = QuoteError(.invalidRequest, .notSortedByCustomer(customer: "R1000", after: after)).in(.chinese).message
        #expect(r.stdout.contains(String(JSONWriter.quoted(refused).dropFirst().dropLast())), "\(r.stdout.suffix(400))")
    }

    @Test func aCustomerInTwoPiecesIsRefused() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Cut by line instead of by customer: customers straddle the two pieces.
        let half = Self.lines.count / 2
        let parts = try Self.statementPartials([Array(Self.lines[..<half]), Array(Self.lines[half...])], in: dir)
        let r = try Self.merge(parts)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        let shared = try #require(Self.firstShared(Array(Self.lines[..<half]), Array(Self.lines[half...])))
        #expect(r.stderr == Self.refusal(.customerInTwo(customer: shared, first: .file(parts[0]), second: .file(parts[1]))), "\(r.stderr)")
        // In English with --lang en.
        let en = try Self.merge(parts, ["--lang", "en"])
        #expect(en.stderr == Self.refusal(.customerInTwo(customer: shared, first: .file(parts[0]), second: .file(parts[1])), .english), "\(en.stderr)")
        #expect(en.stderr.contains("both hold customer '\(shared)'"))
    }

    @Test func aPartialGivenTwiceIsRefused() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let parts = try Self.statementPartials(Self.pieces(2), in: dir)
        let twice = try Self.merge(parts + [parts[0]])
        #expect(twice.status == 2)
        #expect(twice.stderr == Self.refusal(.givenTwice(.file(parts[0]))), "\(twice.stderr)")
        // A copy under another name (a rerun task's output) is the same piece.
        try FileManager.default.copyItem(atPath: parts[1], toPath: dir + "/copy.partial")
        let copy = try Self.merge(parts + [dir + "/copy.partial"])
        #expect(copy.status == 2)
        let piece1 = try #require(try Self.frame(parts[1], "trailer.pieces[0]", trailer: true))
        #expect(copy.stderr == Self.refusal(.pieceInTwo(first: .file(parts[1]), second: .file(dir + "/copy.partial"), piece: piece1)), "\(copy.stderr)")
        // A merged partial holds its pieces: merging it again with one of them is refused.
        let merged = try Self.merge(parts, ["--partial"])
        try merged.stdout.write(toFile: dir + "/merged", atomically: true, encoding: .utf8)
        let again = try Self.merge([dir + "/merged", parts[0]])
        #expect(again.status == 2)
        let piece0 = try #require(try Self.frame(parts[0], "trailer.pieces[0]", trailer: true))
        #expect(again.stderr == Self.refusal(.pieceInTwo(first: .file(dir + "/merged"), second: .file(parts[0]), piece: piece0)), "\(again.stderr)")
        // Pieces that hold nothing (an engine's empty partitions) are alike and harmless: they merge.
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        let empty = try Self.statementPartials([[], []], in: dir + "/empty")
        #expect(try String(contentsOfFile: empty[0], encoding: .utf8).contains(#""pieces":["empty"]"#))
        let withEmpty = try Self.merge(empty + parts), without = try Self.merge(parts)
        #expect(withEmpty.status == without.status, "\(withEmpty.stderr)")
        #expect(withEmpty.stdout == without.stdout)
    }

    /// The merge reads each partial twice (the check, then the merge): a file replaced in between
    /// by another valid partial is refused by both merges, never merged on the first read's checks.
    @Test func aPartialChangedBetweenTheCheckAndTheMergeIsRefused() throws {
        let dir = try Self.scratch()
        let impactArgs = ["impact", "--from-version", "2026-03", "--to-version", "2027-01", "--tables", Self.tables]
        var impact: [String] = []
        for (k, piece) in Self.pieces(3).enumerated() {
            let r = try FeesBinary.run(impactArgs + ["--partial", "--piece", "i\(k)"], stdin: Self.input(piece))
            try r.stdout.write(toFile: dir + "/i\(k)", atomically: true, encoding: .utf8)
            impact.append(dir + "/i\(k)")
        }
        let statements = try Self.statementPartials(Self.pieces(3), in: dir)
        for (paths, whole) in [(impact, true), (statements, false)] {
            let checked = try PartialMerge.check([paths[0], paths[1]].map { try PartialSource.file($0).get() }, bank: nil).get()
            try FileManager.default.removeItem(atPath: paths[1])
            try FileManager.default.copyItem(atPath: paths[2], toPath: paths[1])
            let failure: PartialFile.Failure?
            if whole {
                switch PartialMerge.whole(checked) { case .success: failure = nil; case .failure(let f): failure = f }
            } else {
                switch PartialMerge.statements(checked, customer: { _, _ in }) { case .success: failure = nil; case .failure(let f): failure = f }
            }
            #expect(failure?.reason == .changedBetweenReads(.file(paths[1])), "\(paths[1])")
        }
    }

    @Test func aCutOrAlteredPartialIsRefused() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let parts = try Self.statementPartials(Self.pieces(2), in: dir)
        let text = try String(contentsOfFile: parts[0], encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Cut at a line boundary: every line that is there is whole, the trailer is missing.
        try (lines.prefix(lines.count / 2).joined(separator: "\n") + "\n").write(toFile: parts[0], atomically: true, encoding: .utf8)
        let cut = try Self.merge(parts)
        #expect(cut.status == 2)
        #expect(cut.stderr == Self.refusal(.about(.file(parts[0]), .noTrailer)), "\(cut.stderr)")
        // One customer's line removed, the trailer kept.
        lines.remove(at: 2)
        try lines.joined(separator: "\n").write(toFile: parts[0], atomically: true, encoding: .utf8)
        let short = try Self.merge(parts)
        #expect(short.status == 2)
        #expect(short.stderr == Self.refusal(.about(.file(parts[0]), .checksumMismatch)), "\(short.stderr)")
        // A sum changed by hand.
        let altered = text.replacingOccurrences(of: ",1,1,", with: ",2,2,")
        #expect(altered != text)
        try altered.write(toFile: parts[0], atomically: true, encoding: .utf8)
        let changed = try Self.merge(parts)
        #expect(changed.status == 2)
        #expect(changed.stderr == Self.refusal(.about(.file(parts[0]), .checksumMismatch)), "\(changed.stderr)")
    }

    @Test func piecesPricedWithOtherTablesAreRefused() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // An executor with an out-of-date copy: one version's file differs (here, only in layout,
        // which changes its fingerprint as any edit would).
        let stale = dir + "/stale"
        try FileManager.default.copyItem(atPath: Self.tables, toPath: stale)
        let bank = try #require(try FileManager.default.contentsOfDirectory(atPath: stale).first { !$0.hasPrefix(".") })
        let file = stale + "/" + bank + "/2026-03.json"
        try (try String(contentsOfFile: file, encoding: .utf8) + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let pieces = Self.pieces(2)
        let fresh = try Self.statementPartials([pieces[0]], in: dir)
        let old = try FeesBinary.run(["statement", "--partial", "--tables", stale] + Self.period, stdin: Self.input(pieces[1]))
        try old.stdout.write(toFile: dir + "/old.partial", atomically: true, encoding: .utf8)
        let mixed = try Self.merge(fresh + [dir + "/old.partial"])
        #expect(mixed.status == 2)
        let current = try #require(try Self.frame(fresh[0], "tables.2026-03")), outOfDate = try #require(try Self.frame(dir + "/old.partial", "tables.2026-03"))
        #expect(current != outOfDate)
        let difference = PartialMessage.TableDifference.fingerprints(version: "2026-03", String(current.prefix(19)), String(outOfDate.prefix(19)))
        #expect(mixed.stderr == Self.refusal(.tablesDiffer(first: .file(fresh[0]), other: .file(dir + "/old.partial"), difference)), "\(mixed.stderr)")
        // Every piece from the stale copy, merged with the current tables.
        let oldToo = try FeesBinary.run(["statement", "--partial", "--tables", stale] + Self.period, stdin: Self.input(pieces[0]))
        try oldToo.stdout.write(toFile: dir + "/old0.partial", atomically: true, encoding: .utf8)
        let here = try Self.merge([dir + "/old0.partial", dir + "/old.partial"])
        #expect(here.status == 2)
        let other = PartialMessage.TableDifference.fingerprints(version: "2026-03", String(outOfDate.prefix(19)), String(current.prefix(19)))
        #expect(here.stderr == Self.refusal(.otherTables(other)), "\(here.stderr)")
        // With the tables they were priced with, they merge.
        #expect(try Self.merge([dir + "/old0.partial", dir + "/old.partial"], tables: stale).status == 1)   // two unpriceable lines
        #expect(try Self.merge([dir + "/old0.partial", dir + "/old.partial"], tables: stale).stdout.contains(#""totals""#))
    }

    @Test func mixedKindsAndPeriodsAreRefused() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pieces = Self.pieces(2)
        let parts = try Self.statementPartials([pieces[0]], in: dir)
        let otherPeriod = try FeesBinary.run(["statement", "--partial", "--tables", Self.tables, "--from", "2026-02-01", "--to", "2026-12-31"], stdin: Self.input(pieces[1]))
        try otherPeriod.stdout.write(toFile: dir + "/feb.partial", atomically: true, encoding: .utf8)
        let periods = try Self.merge(parts + [dir + "/feb.partial"])
        #expect(periods.status == 2)
        #expect(periods.stderr == Self.refusal(.scopesDiffer(first: .file(parts[0]), .period(from: "2026-01-01", to: "2026-12-31"),
                                                             other: .file(dir + "/feb.partial"), .period(from: "2026-02-01", to: "2026-12-31"))), "\(periods.stderr)")
        let impact = try FeesBinary.run(["impact", "--from-version", "2026-03", "--to-version", "2027-01", "--partial", "--tables", Self.tables], stdin: Self.input(pieces[1]))
        try impact.stdout.write(toFile: dir + "/impact.partial", atomically: true, encoding: .utf8)
        let kinds = try Self.merge(parts + [dir + "/impact.partial"])
        #expect(kinds.status == 2)
        #expect(kinds.stderr == Self.refusal(.kindsDiffer(first: .file(parts[0]), .statement, other: .file(dir + "/impact.partial"), .impact)), "\(kinds.stderr)")
        // A partial of the old format is refused with what to do.
        try "{\"format\":\"fees-partial/1\",\"kind\":\"statement\",\"from\":\"2026-01-01\",\"to\":\"2026-12-31\"}\n".write(toFile: dir + "/v1", atomically: true, encoding: .utf8)
        let v1 = try Self.merge([dir + "/v1"])
        #expect(v1.status == 2)
        #expect(v1.stderr == Self.refusal(.about(.file(dir + "/v1"), .olderFormat(found: "fees-partial/1", current: PartialHeader.format))), "\(v1.stderr)")
    }

    @Test func auditPartialsRefuseASplitCustomer() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let charged = Self.lines.map { String($0.dropLast()) + #","charged":"1.00"}"# }
        let half = charged.count / 2
        var paths: [String] = []
        for (k, piece) in [Array(charged[..<half]), Array(charged[half...])].enumerated() {
            let r = try FeesBinary.run(["audit", "--partial", "--tables", Self.tables], stdin: Self.input(piece))
            #expect(r.status == 0, "\(r.stderr)")
            try r.stdout.write(toFile: dir + "/a\(k)", atomically: true, encoding: .utf8)
            paths.append(dir + "/a\(k)")
        }
        #expect(try String(contentsOfFile: paths[0], encoding: .utf8).contains(#"{"customer":"R1000"}"#))
        let r = try Self.merge(paths)
        #expect(r.status == 2)
        let shared = try #require(Self.firstShared(Array(charged[..<half]), Array(charged[half...])))
        #expect(r.stderr == Self.refusal(.customerInTwo(customer: shared, first: .file(paths[0]), second: .file(paths[1]))), "\(r.stderr)")
        // Cut by customer, the audit merges into one run's report.
        paths = []
        for (k, piece) in Self.pieces(2, of: charged).enumerated() {
            let p = try FeesBinary.run(["audit", "--partial", "--tables", Self.tables], stdin: Self.input(piece))
            try p.stdout.write(toFile: dir + "/b\(k)", atomically: true, encoding: .utf8)
            paths.append(dir + "/b\(k)")
        }
        let single = try FeesBinary.run(["audit", "--format", "json", "--tables", Self.tables], stdin: Self.input(charged))
        let merged = try Self.merge(paths)
        #expect(merged.stdout == single.stdout, "\(merged.stderr)")
        #expect(merged.status == single.status)
    }
}

/// The packed and encoded forms of statement lines hold every value exactly.
@Suite struct CustomerStoreTests {
    @Test func encodedLinesDecodeToTheSameValuesAtTheExtremes() {
        var rng = SeededRandom(seed: 11)
        for _ in 0..<200 {
            let lines = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                PackedLine(item: Int32.random(in: 0...Int32.max, using: &rng), version: Int32.random(in: 0...3, using: &rng),
                           count: [0, 1, UInt32.max].randomElement(using: &rng)!, quantity: UInt32.random(in: 0...UInt32.max, using: &rng),
                           gross: [0, 127, 128, Int64.max].randomElement(using: &rng)!, discount: Int64.random(in: 0...Int64.max, using: &rng),
                           waivers: (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                               PackedLine.Saving(id: Int32.random(in: 0...Int32.max, using: &rng), count: UInt32.random(in: 0...UInt32.max, using: &rng),
                                                 saved: Int64.random(in: 0...Int64.max, using: &rng)) })
            }
            let back = PackedLine.decode(PackedLine.encode(lines))
            #expect(back.count == lines.count)
            for (a, b) in zip(lines, back) {
                #expect(a.item == b.item && a.version == b.version && a.count == b.count && a.quantity == b.quantity
                        && a.gross == b.gross && a.discount == b.discount && a.waivers.count == b.waivers.count)
                for (x, y) in zip(a.waivers, b.waivers) { #expect(x.id == y.id && x.count == y.count && x.saved == y.saved) }
            }
        }
    }

    /// Lines that alternate between customers (an export sorted by date) give the statement of the
    /// same lines grouped by customer: switching the customer being added to loses nothing.
    @Test func interleavedCustomersGiveTheGroupedStatement() {
        let lines = StatementTests.lines
        let grouped = lines.enumerated().sorted { a, b in
            let (x, y) = (PartialMergeTests.ref(a.element), PartialMergeTests.ref(b.element))
            return x == y ? a.offset < b.offset : x < y
        }.map(\.element)
        // Round robin over customers, each customer's lines in date order (as an export sorted by
        // date has them; a customer's line dated before one already counted would be refused).
        func date(_ l: String) -> String { guard case .string(let s)? = (try? JSONParser.parse(l))?.node(at: "date")?.value else { return "" }; return s }
        var queues: [String: [String]] = [:]
        var order: [String] = []
        for l in grouped { let r = PartialMergeTests.ref(l); if queues[r] == nil { order.append(r) }; queues[r, default: []].append(l) }
        for r in order { queues[r] = queues[r]!.enumerated().sorted { (date($0.element), $0.offset) < (date($1.element), $1.offset) }.map(\.element) }
        var interleaved: [String] = []
        while interleaved.count < lines.count {
            for r in order where !(queues[r] ?? []).isEmpty { interleaved.append(queues[r]!.removeFirst()) }
        }
        #expect(zip(interleaved, interleaved.dropFirst()).filter { PartialMergeTests.ref($0) != PartialMergeTests.ref($1) }.count > lines.count / 2)
        let a = StatementTests.statement(grouped), b = StatementTests.statement(interleaved)
        #expect(b.errors.count == a.errors.count)
        #expect(StatementReport(aggregate: a, bank: StatementTests.bank, tag: "en").json == StatementReport(aggregate: b, bank: StatementTests.bank, tag: "en").json)
        #expect(a.customerCount == 40)
    }
}

/// Defects a review found in the merge, each reproduced before it was mended.
@Suite struct PartialMergeReviewTests {
    static let tables = TellerSnapshotTests.demoTables

    /// A partial given as a pipe (`<(…)`, a FIFO) is read once and merged like the file it carries;
    /// before, the merge read it a second time, got nothing, and reported 0 customers with exit 0.
    @Test func aPipeIsMergedLikeAFile() throws {
        let dir = try PartialMergeTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let parts = try PartialMergeTests.statementPartials(PartialMergeTests.pieces(2), in: dir)
        let files = try PartialMergeTests.merge(parts)
        let fifo = dir + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat '\(parts[0])' > '\(fifo)'"]
        try writer.run()
        let piped = try PartialMergeTests.merge([fifo, parts[1]])
        writer.waitUntilExit()
        #expect(piped.stdout == files.stdout, "\(piped.stderr)")
        #expect(piped.status == files.status)
    }

    /// A customer whose only lines in one piece fall outside the period still belongs to that piece:
    /// its uses were counted there. Before, the partial did not list it and the merge gave the
    /// second kiosk transfer of the month free (0.00 instead of 4.00), exit 0.
    @Test func aCustomerWithOnlyEarlierUsesInAPieceIsStillASplitCustomer() throws {
        let dir = try PartialMergeTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let early = #"{"id":1,"customer_ref":"K1","item":"transfer.interbank.kiosk","date":"2026-05-03","amount":"100.00"}"#
        let late = #"{"id":2,"customer_ref":"K1","item":"transfer.interbank.kiosk","date":"2026-05-20","amount":"100.00"}"#
        let period = ["--from", "2026-05-15", "--to", "2026-05-31", "--tables", Self.tables]
        let single = try FeesBinary.run(["statement", "--format", "json"] + period, stdin: Array((early + "\n" + late + "\n").utf8))
        #expect(single.stdout.contains(#""net":"4.00""#))
        for (name, line) in [("a", early), ("b", late)] {
            let r = try FeesBinary.run(["statement", "--partial", "--piece", name] + period, stdin: Array((line + "\n").utf8))
            try r.stdout.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOfFile: dir + "/a", encoding: .utf8).contains(#"{"customer":"K1","lines":[]}"#))
        let merged = try PartialMergeTests.merge([dir + "/a", dir + "/b"])
        #expect(merged.status == 2)
        #expect(merged.stderr == PartialMergeTests.refusal(.customerInTwo(customer: "K1", first: .file(dir + "/a"), second: .file(dir + "/b"))), "\(merged.stderr)")
        // A customer with only earlier uses is not in the report, as in one run; the merge of its
        // piece alone says the same.
        let alone = try PartialMergeTests.merge([dir + "/a"])
        let aloneSingle = try FeesBinary.run(["statement", "--format", "json"] + period, stdin: Array((early + "\n").utf8))
        #expect(alone.stdout == aloneSingle.stdout)
        #expect(!alone.stdout.contains("K1"))
    }

    /// A merge that must stop part way (a signed partial with an unreadable line) leaves the
    /// previous `--out` file as it was; before, it replaced it with half a report. It is a refusal
    /// of partials like the others: exit 2 (it was 1).
    @Test func anAbandonedMergeKeepsThePreviousFile() throws {
        let dir = try PartialMergeTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let header = SignedPartial.header(.statement, [("from", "2026-01-01"), ("to", "2026-12-31")])
        let good = SignedPartial.text(header: header, body: [#"{"customer":"a","lines":[["card.reissue","2025-01",1,1,1500,0,[]]]}"#, #"{"outside":0}"#], piece: "1")
        let bad = SignedPartial.text(header: header, body: [#"{"customer":"b","lines":[["card.reissue","2025-01",1,1,5,10,[]]]}"#, #"{"outside":0}"#], piece: "2")
        try good.write(toFile: dir + "/good", atomically: true, encoding: .utf8)
        try bad.write(toFile: dir + "/bad", atomically: true, encoding: .utf8)
        try "OLD\n".write(toFile: dir + "/out.json", atomically: true, encoding: .utf8)
        let r = try FeesBinary.run(["merge", dir + "/good", dir + "/bad", "--format", "json", "--out", dir + "/out.json", "--tables", Self.tables])
        #expect(r.status == 2)
        #expect(r.stderr == PartialMergeTests.refusal(.about(.file(dir + "/bad"), .unreadableLine(.statement))), "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/out.json", encoding: .utf8) == "OLD\n")
        // On standard output too: what was written stays, and the status is the refusal's.
        let out = try FeesBinary.run(["merge", dir + "/good", dir + "/bad", "--format", "json", "--tables", Self.tables])
        #expect(out.status == 2, "\(out.stderr)")
    }

    /// Impact and audit partials are merged whole, after the check: a signed line found unreadable
    /// then is a refusal of partials too, exit 2 (it was 1), and nothing is written.
    @Test func aRefusalWhileMergingWholePartialsExitsTwo() throws {
        let dir = try PartialMergeTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let header = SignedPartial.header(.impact, [("from_version", "2026-03"), ("to_version", "2027-01")])
        let bad = SignedPartial.text(header: header, body: [#"{"customer":"a","count":-1,"old":"1","new":"1"}"#], piece: "1")
        try bad.write(toFile: dir + "/bad", atomically: true, encoding: .utf8)
        try "OLD\n".write(toFile: dir + "/out.json", atomically: true, encoding: .utf8)
        for lang in [TextLanguage.chinese, .english] {
            let r = try FeesBinary.run(["merge", dir + "/bad", "--format", "json", "--out", dir + "/out.json", "--tables", Self.tables]
                                       + (lang == .english ? ["--lang", "en"] : []))
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr == PartialMergeTests.refusal(.about(.file(dir + "/bad"), .unreadableLine(.impact)), lang), "\(r.stderr)")
            #expect(try String(contentsOfFile: dir + "/out.json", encoding: .utf8) == "OLD\n")
        }
    }

    /// `--piece` cannot take the name reserved for pieces that hold nothing, nor be empty.
    @Test func aPieceNameMustBeUsable() throws {
        for name in ["empty", ""] {
            let r = try FeesBinary.run(["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--partial", "--piece", name, "--tables", Self.tables])
            #expect(r.status == 2, "'\(name)': \(r.stderr)")
        }
    }
}

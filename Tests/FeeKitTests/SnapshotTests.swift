import Foundation
import Testing
import FeeKit

/// The teller's snapshot (`CatalogueSnapshot`): used only for the very bytes that passed their
/// checks, never for tables that fail them (spec §4), and the same quotes either way.
@Suite struct SnapshotTests {
    static let demo = URL(fileURLWithPath: Fixtures.root).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("FeeTables").path
    static let day = CalendarDate("2026-11-23")!

    /// A copy of the demo tables and a snapshot path of its own.
    static func copy() throws -> (tables: String, snapshot: String) {
        let base = NSTemporaryDirectory() + "fees-snapshot-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: demo, toPath: base + "/tables")
        return (base + "/tables", base + "/cache/snapshot")
    }

    static func quotes(_ catalogue: Catalogue, on date: CalendarDate) -> [String] {
        let calculator = FeeCalculator(catalogue: catalogue)
        let bank = catalogue.banks[0]
        let table = bank.version(on: date)!
        return table.items.map { item in
            var r = QuoteRequest(bank: bank.id, item: item.code, date: date)
            r.amount = "50000"
            let q = calculator.quote(r)
            let announced = bank.announcedChanges(for: r, current: try? q.get(), calculator: calculator)
            let text: String
            switch q {
            case .success(let quote): text = "\(quote.gross) \(quote.net) \(quote.applied?.id ?? "-") \(quote.version.version)"
            case .failure(let e): text = e.code.rawValue
            }
            return text + " " + announced.map { "\($0.table.version)" }.joined(separator: ",")
        }
    }

    @Test func theSecondQuoteReadsTheSnapshotAndQuotesTheSame() throws {
        let (tables, snapshot) = try Self.copy()
        let first = CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot)
        #expect(first.source == .fullLoad)
        #expect(FileManager.default.fileExists(atPath: snapshot))
        let second = CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot)
        #expect(second.source == .snapshot)
        let full = try #require(first.result.catalogue), fast = try #require(second.result.catalogue)
        for date in ["2025-06-01", "2026-03-01", "2026-11-23", "2027-01-01"].map({ CalendarDate($0)! }) {
            let viaSnapshot = try #require(CatalogueSnapshot.load(directory: tables, on: date, snapshot: snapshot).result.catalogue)
            #expect(Self.quotes(viaSnapshot, on: date) == Self.quotes(full, on: date))
        }
        // Only the versions the day needs: the one in effect and the one announced for 2027.
        #expect(fast.banks[0].versions.map(\.version) == ["2026-03", "2027-01"])
    }

    @Test func aChangedByteIsAFullLoadAndABrokenFileNeverQuotes() throws {
        let (tables, snapshot) = try Self.copy()
        _ = CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot)
        let file = tables + "/demo-bank/2025-01.json"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        // The old version breaks: a teller on a later day must still refuse the tables.
        text = text.replacingOccurrences(of: "\"currency\": \"CNY\"", with: "\"currency\": \"CNY\", \"currency\": \"CNY\"")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let after = CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot)
        #expect(after.source == .fullLoad)
        #expect(after.result.catalogue == nil)
        #expect(after.result.errors.map(\.code).contains("duplicate_key"))
    }

    /// Files last changed well before the load: their signatures are recorded, so a teller reads
    /// only the files its day needs, and a file changed since (same size, its modification time
    /// set back) is still seen by its change time, though it is not read.
    static func later() -> FileSignature.Time {
        let now = FileSignature.now()
        return FileSignature.Time(seconds: now.seconds + 10, nanoseconds: now.nanoseconds)
    }

    static func signatures(in snapshot: String) throws -> [String] {
        try String(contentsOfFile: snapshot, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("bank ") || $0.hasPrefix("version ") }.map { String($0.split(separator: " ").last!) }
    }

    @Test func aFileChangedSinceItWasCheckedIsSeenWithoutReadingIt() throws {
        let (tables, snapshot) = try Self.copy()
        let later = Self.later()
        #expect(CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot, started: later).source == .fullLoad)
        let recorded = try Self.signatures(in: snapshot)
        #expect(recorded.count == 4 && !recorded.contains("-"))
        #expect(CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot, started: later).source == .snapshot)
        // 2025-01 is not needed on the day, so not read: its change time tells.
        let file = tables + "/demo-bank/2025-01.json"
        let modified = try #require(FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "\"fee-table/1\"", with: "\"fee-table/2\"")
        #expect(broken.utf8.count == text.utf8.count && broken != text)
        try broken.write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file)
        let after = CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot, started: Self.later())
        #expect(after.source == .fullLoad)
        #expect(after.result.catalogue == nil)
        #expect(after.result.errors.map(\.code).contains("unsupported_format"))
    }

    /// Files changed moments before they were checked ("racy") have no signature: every start
    /// reads and hashes them, until one finds them old enough and records them.
    @Test func racyFilesAreHashedUntilTheyAreOldEnough() throws {
        let (tables, snapshot) = try Self.copy()   // just copied: every file is racy
        #expect(CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot).source == .fullLoad)
        #expect(try Self.signatures(in: snapshot) == ["-", "-", "-", "-"])
        #expect(CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot).source == .snapshot)
        #expect(try Self.signatures(in: snapshot) == ["-", "-", "-", "-"])
        #expect(CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot, started: Self.later()).source == .snapshot)
        #expect(try !Self.signatures(in: snapshot).contains("-"))
        #expect(CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot, started: Self.later()).source == .snapshot)
        // A racy file whose bytes changed is a full load at once.
        let (again, other) = try Self.copy()
        _ = CatalogueSnapshot.load(directory: again, on: Self.day, snapshot: other)
        let file = again + "/demo-bank/2025-01.json"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\"fee-table/1\"", with: "\"fee-table/2\"").write(toFile: file, atomically: false, encoding: .utf8)
        let after = CatalogueSnapshot.load(directory: again, on: Self.day, snapshot: other)
        #expect(after.source == .fullLoad)
        #expect(after.result.errors.map(\.code).contains("unsupported_format"))
    }

    @Test func aNewFileOrADamagedSnapshotIsAFullLoad() throws {
        let (tables, snapshot) = try Self.copy()
        _ = CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot)
        // A damaged snapshot (one digit of the key changed, checksum left) is not used.
        var text = try String(contentsOfFile: snapshot, encoding: .utf8)
        let keyLine = text.split(separator: "\n")[2]
        let changed = "key " + String(keyLine.dropFirst(4).reversed())
        text = text.replacingOccurrences(of: keyLine, with: changed)
        try text.write(toFile: snapshot, atomically: true, encoding: .utf8)
        #expect(CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot).source == .fullLoad)
        #expect(CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot).source == .snapshot)
        // A version file added (here a copy that clashes with its original) is seen at once.
        try FileManager.default.copyItem(atPath: tables + "/demo-bank/2026-03.json", toPath: tables + "/demo-bank/2026-04.json")
        let added = CatalogueSnapshot.load(directory: tables, on: Self.day, snapshot: snapshot)
        #expect(added.source == .fullLoad)
        #expect(added.result.errors.map(\.code).contains("duplicate_version"))
    }

    @Test func theContentHashSeesEveryByteAndItsPlace() {
        let secret: [UInt64] = [11, 22, 33, 44]
        func hash(_ pieces: [[UInt8]]) -> String {
            var h = ContentHash(secret: secret)
            for p in pieces { h.add(UInt64(p.count)); h.add(p) }
            return h.hex
        }
        let base = Array("{\"flat\": \"5.00\"} and some more text past sixteen bytes".utf8)
        var seen: Set<String> = [hash([base])]
        for i in base.indices {
            var b = base
            b[i] ^= 0x01
            seen.insert(hash([b]))
        }
        #expect(seen.count == base.count + 1)
        #expect(hash([Array(base[..<10]), Array(base[10...])]) != hash([base]))
        #expect(hash([base]) == hash([base]))
    }

    /// One directory named two ways shares one snapshot; two directories never do.
    @Test func aDirectoryNamedTwoWaysHasOneSnapshot() throws {
        #expect(CatalogueSnapshot.standardized("/a/./b/../c/") == "/a/c")
        #expect(CatalogueSnapshot.standardized("/a//b/") == "/a/b")
        #expect(CatalogueSnapshot.standardized("/../a") == "/a")
        #expect(CatalogueSnapshot.standardized("/") == "/")
        let one = try #require(CatalogueSnapshot.snapshotFile(for: "/tmp/tables"))
        #expect(CatalogueSnapshot.snapshotFile(for: "/tmp/x/../tables/.") == one)
        #expect(CatalogueSnapshot.snapshotFile(for: "/tmp/tables2") != one)
        // A relative directory is taken from the working directory.
        let cwd = FileManager.default.currentDirectoryPath
        #expect(CatalogueSnapshot.snapshotFile(for: "FeeTables") == CatalogueSnapshot.snapshotFile(for: cwd + "/FeeTables"))
    }
}

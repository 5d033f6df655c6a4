import Foundation
import Testing
import FeeKit

/// Drafts without risk (`--with`): a version file checked, announced and repriced as if it were in
/// its bank's folder, while the tables directory stays as it was; and notes for promotions that end.
@Suite struct DraftTests {
    static let tables = TellerSnapshotTests.demoTables

    /// A draft of the 2027 version moved to 2027-07, with one price raised, announced on `announced`.
    static func draft(announced: String, in dir: String) throws -> String {
        var text = try String(contentsOfFile: tables + "/demo-bank/2027-01.json", encoding: .utf8)
        for (a, b) in [(#""version": "2027-01""#, #""version": "2027-07""#), (#""effective_from": "2027-01-01""#, #""effective_from": "2027-07-01""#),
                       (#""announced_on": "2026-09-15""#, #""announced_on": "\#(announced)""#), (#""flat": "360""#, #""flat": "400""#)] {
            #expect(text.contains(a))
            text = text.replacingOccurrences(of: a, with: b)
        }
        let path = dir + "/2027-07.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: tables + "/demo-bank") { files[f] = FileManager.default.contents(atPath: tables + "/demo-bank/" + f) }
        return files
    }

    @Test func checkWithADraftFindsItsProblemsAndTouchesNothing() throws {
        let dir = NSTemporaryDirectory() + "draft-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Self.snapshot()
        let late = try Self.draft(announced: "2027-06-20", in: dir)
        let r = try FeesBinary.run(["check", "--tables", Self.tables, "--with", late, "--date", "2026-11-23"])
        #expect(r.status == 1)
        let errors = r.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1 && errors[0].hasPrefix(late) && errors[0].contains("safebox.rent-small"), "\(r.stdout)")
        #expect(try Self.snapshot() == before, "the tables directory changed")
        // The same draft announced in time passes, and is one more version of the bank.
        let onTime = try Self.draft(announced: "2027-03-20", in: dir)
        let ok = try FeesBinary.run(["check", "--tables", Self.tables, "--with", onTime, "--date", "2026-11-23", "--lang", "en"])
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stdout.contains("demo-bank: 4 versions"))
        // The teller still quotes from the tables alone.
        let quote = try FeesBinary.run(["quote", "safebox.rent-small", "--tables", Self.tables, "--date", "2027-08-01", "--json"])
        #expect(quote.stdout.contains(#""version":"2027-01""#))
    }

    @Test func changesAndImpactPreviewADraft() throws {
        let dir = NSTemporaryDirectory() + "draft-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.draft(announced: "2027-03-20", in: dir)
        let changes = try FeesBinary.run(["changes", "--tables", Self.tables, "--with", path, "--to", "2027-07", "--format", "txt", "--lang", "en"])
        #expect(changes.status == 0, "\(changes.stderr)")
        #expect(changes.stdout.contains("Takes effect on: 2027-07-01"))
        #expect(changes.stdout.contains("400.00"))
        let tx = #"{"id":1,"customer_ref":"c1","item":"safebox.rent-small","date":"2027-08-01"}"# + "\n"
        let impact = try FeesBinary.run(["impact", "--tables", Self.tables, "--with", path, "--from-version", "2027-01", "--to-version", "2027-07", "--format", "json"],
                                        stdin: Array(tx.utf8))
        #expect(impact.status == 0, "\(impact.stderr)")
        let json = try JSONParser.parse(Array(impact.stdoutBytes.dropLast()))
        #expect(json.string(at: "revenue_old") == "360.00")
        #expect(json.string(at: "revenue_new") == "400.00")
    }

    /// Reported as the problem `unknown_draft_bank`; exit 2, an unknown `--bank` in every command.
    @Test func aDraftForABankThatIsNotThereIsAnError() throws {
        let r = try FeesBinary.run(["check", "--tables", Self.tables, "--with", Self.tables + "/demo-bank/2027-01.json", "--bank", "other-bank", "--lang", "en"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("no bank 'other-bank'"), "\(r.stdout)")
    }

    /// A `--with` draft that is not there names a file that does not exist: exit 2, as the other
    /// commands refuse it; the problem keeps its code (`unreadable_file`) and message. A draft
    /// that is there and fails its checks stays a `fees check` error, exit 1.
    @Test func aDraftThatIsNotThereExitsTwo() throws {
        let missing = NSTemporaryDirectory() + "no-draft-" + UUID().uuidString + ".json"
        let r = try FeesBinary.run(["check", "--tables", Self.tables, "--with", missing, "--json"])
        #expect(r.status == 2, "\(r.stdout)")
        let json = try JSONParser.parse(Array(r.stdoutBytes.dropLast()))
        #expect(json.string(at: "problems[0].code") == "unreadable_file")
        #expect(json.string(at: "problems[0].file") == missing)
        let en = try FeesBinary.run(["check", "--tables", Self.tables, "--with", missing, "--lang", "en"])
        #expect(en.status == 2)
        #expect(en.stdout.hasPrefix("\(missing): error: " + CheckMessage.fileUnreadable.text(.english) + "\n"), "\(en.stdout)")
        for command in [["changes"], ["impact", "--from-version", "2026-03", "--to-version", "2027-01"]] {
            #expect(try FeesBinary.run(command + ["--tables", Self.tables, "--with", missing]).status == 2, "\(command)")
        }
        let dir = NSTemporaryDirectory() + "bad-draft-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{}".write(toFile: dir + "/2027-07.json", atomically: true, encoding: .utf8)
        #expect(try FeesBinary.run(["check", "--tables", Self.tables, "--with", dir + "/2027-07.json"]).status == 1)
    }

    /// A tables directory that holds no bank folder cannot be checked: exit 2, like every command
    /// on tables that cannot be loaded; the problem keeps its code (`no_banks`) and message.
    @Test func aTablesDirectoryWithoutBanksExitsTwo() throws {
        let dir = NSTemporaryDirectory() + "no-banks-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "not a bank".write(toFile: dir + "/README.txt", atomically: true, encoding: .utf8)
        let r = try FeesBinary.run(["check", "--tables", dir, "--json"])
        #expect(r.status == 2, "\(r.stdout)")
        let json = try JSONParser.parse(Array(r.stdoutBytes.dropLast()))
        #expect(json.string(at: "problems[0].code") == "no_banks")
        let text = try FeesBinary.run(["check", "--tables", dir, "--lang", "en"])
        #expect(text.status == 2)
        #expect(text.stdout == "\(dir): error: " + CheckMessage.noBankFolders.text(.english) + "\n1 error, 0 warnings\n", "\(text.stdout)")
        #expect(try FeesBinary.run(["items", "--tables", dir]).status == 2)
    }

    /// A promotion in effect that ends within 30 days of --date is a note (not an error), on
    /// that day and not before.
    @Test func promotionsEndingWithin30DaysAreNotes() throws {
        let catalogue = PublishingTests.demo
        let table = try #require(catalogue.banks[0].version(on: CalendarDate("2026-12-05")!))
        let ending = table.waivers.filter { w in w.conditions.until.map { $0 >= CalendarDate("2026-12-05")! && $0 <= CalendarDate("2027-01-04")! } ?? false }
        #expect(!ending.isEmpty)
        let notes = CatalogueChecker.endingWaivers(in: catalogue, directory: Self.tables, on: CalendarDate("2026-12-05")!)
        #expect(Set(notes.map { $0.message.split(separator: "'")[1] }.map(String.init)) == Set(ending.map(\.id)))
        #expect(notes.allSatisfy { $0.severity == .note && $0.rule == .waiverEnding })
        #expect(CatalogueChecker.endingWaivers(in: catalogue, directory: Self.tables, on: CalendarDate("2026-11-01")!).isEmpty)
        let r = try FeesBinary.run(["check", "--tables", Self.tables, "--date", "2026-12-05", "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("note: waivers[") && r.stdout.contains("1 note"), "\(r.stdout)")
    }
}

import Foundation
import Testing
import FeeKit

/// The one exit-code table (README, "One exit-code table for every command"; the end of every
/// `--help`), row by row: every command of `fees --help` run into each situation that applies to
/// it, with the exact code asserted. 0 done; 1 some input could not be priced or checked; 2 a usage
/// mistake, tables that cannot be loaded, partials `fees merge` refuses, an address `fees serve`
/// cannot listen on; 3 the output could not be written.
@Suite struct ExitCodeTableTests {
    static let tables = TellerSnapshotTests.demoTables
    /// A tables directory that does not exist.
    static let missingTables = "/nonexistent/fees-tables"
    /// An `--out` path that cannot be created, also for root: nothing can be made under a device.
    static let unwritable = "/dev/null/fees-out"

    enum Situation: String, Sendable {
        case done, inputError, usageMistake, unloadableTables, refusedPartials, unlistenableAddress, unwritableOutput
        /// Usage mistakes in the options every reading command shares: a `--date` (or `--from`)
        /// that is not YYYY-MM-DD, a `--bank` the tables do not hold. Exit 2 everywhere but at the
        /// counter (`fees quote ITEM`), where they are fields of the request and its quote errors.
        case badDate, unknownBank
        /// A usage mistake in a value the command checks itself, once the tables are loaded: a
        /// format or layout, `--large-print` with a format other than HTML, a display without its
        /// `--out DIR`, a `--piece` that cannot name a piece, a version the bank does not have or
        /// one with nothing before it. Said with the usage line and the pointer, like the parser's.
        case badValue
        /// A usage mistake naming a file that does not exist: a `--with` draft.
        case missingFile
    }

    /// What a row reads on standard input.
    enum Input: Sendable {
        case nothing
        /// Batch requests that are all quoted, or the first of which gets an error answer.
        case requests, badRequests
        /// Transactions grouped by customer (all priced), and interleaved (some refused); grouped
        /// ones with a customer whose discount the announced version ends (so a notice is written).
        case transactions, interleavedTransactions, notifiedTransactions
        /// Charges that are what the tables say, and overcharges.
        case correctCharges, overcharges
        /// A statement partial of priced lines, one that carries unpriced lines, one cut short.
        case partial, partialWithErrors, cutPartial

        var bytes: [UInt8] {
            switch self {
            case .nothing: return []
            case .requests: return Array(String(repeating: ExitCodeTableTests.requestLine, count: 3).utf8)
            case .badRequests: return Array((#"{"item":"no.such.item","date":"2026-11-23"}"# + "\n" + ExitCodeTableTests.requestLine).utf8)
            case .transactions: return Array(OutputSafetyTests.sortedTransactions.utf8)
            case .interleavedTransactions: return Array(OutputSafetyTests.transactions.utf8)
            case .notifiedTransactions: return Array((OutputSafetyTests.sortedTransactions + NotifyTests.extra[0] + "\n").utf8)
            case .correctCharges: return Array(ExitCodeTableTests.correctCharges.utf8)
            case .overcharges: return Array(OutputSafetyTests.charges.utf8)
            case .partial: return Array(ExitCodeTableTests.partial.utf8)
            case .partialWithErrors: return Array(OutputSafetyTests.statementPartial.utf8)
            case .cutPartial: return Array(ExitCodeTableTests.partial.split(separator: "\n").dropLast().map { $0 + "\n" }.joined().utf8)
            }
        }
    }

    /// One row: a command in one situation, and its exact exit code.
    struct Row: Sendable, CustomTestStringConvertible {
        let command: String
        let situation: Situation
        let arguments: [String]
        var input: Input = .nothing
        /// Standard output to `/dev/full`.
        var fullDisk = false
        let status: Int32

        var testDescription: String { "\(command): \(situation.rawValue) → \(status)" }
    }

    static let requestLine = #"{"bank":"demo-bank","item":"cheque.leaf","date":"2026-11-23"}"# + "\n"
    static let correctCharges = OutputSafetyTests.sortedTransactions.split(separator: "\n")
        .map { $0.dropLast() + #","charged":"0.00"}"# }.joined(separator: "\n") + "\n"
    /// A statement partial of grouped transactions, every line priced (merge reads it on standard input).
    static let partial: String = {
        let r = try? FeesBinary.run(["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--partial", "--tables", tables],
                                    stdin: Array(OutputSafetyTests.sortedTransactions.utf8))
        return r?.stdout ?? ""
    }()

    /// The rows every command has: an unknown option, and tables that cannot be loaded.
    static func common(_ command: String, _ base: [String], input: Input = .nothing) -> [Row] {
        [Row(command: command, situation: .usageMistake, arguments: base + ["--frobnicate"], input: input, status: 2),
         Row(command: command, situation: .unloadableTables, arguments: base + ["--tables", missingTables], input: input, status: 2)]
    }

    /// Not a day (month 13), and a bank the tables do not hold.
    static let badDay = "2026-13-01", noBank = "no-such-bank"

    /// The rows of a command that takes `--date` and `--bank`: `base` without `--date`, so that
    /// the bad one is the only one.
    static func dateAndBank(_ command: String, _ base: [String], input: Input = .nothing, date: Bool = true, status: Int32 = 2) -> [Row] {
        (date ? [Row(command: command, situation: .badDate, arguments: base + ["--date", badDay], input: input, status: status)] : [])
            + [Row(command: command, situation: .unknownBank, arguments: base + ["--bank", noBank] + (date ? day : []), input: input, status: status)]
    }

    /// A draft that is not there.
    static let missingDraft = "/nonexistent/fees-draft.json"

    /// The rows of usage mistakes in values `command` checks itself.
    static func badValues(_ command: String, _ base: [String], _ mistakes: [[String]], input: Input = .nothing) -> [Row] {
        mistakes.map { Row(command: command, situation: .badValue, arguments: base + $0, input: input, status: 2) }
    }

    static let period = ["--from", "2026-01-01", "--to", "2026-12-31"]
    static let versions = ["--from-version", "2026-03", "--to-version", "2027-01"]
    static let day = ["--date", "2026-11-23"]

    static let rows: [Row] = {
        var rows: [Row] = []
        // The teller's quote.
        rows += [Row(command: "quote", situation: .done, arguments: ["quote", "cheque.leaf"] + day, status: 0),
                 Row(command: "quote", situation: .inputError, arguments: ["quote", "no.such.item"] + day, status: 1),
                 Row(command: "quote", situation: .unwritableOutput, arguments: ["quote", "cheque.leaf"] + day, fullDisk: true, status: 3)]
        rows += common("quote", ["quote", "cheque.leaf"])
        // At the counter `--date` and `--bank` are fields of the request being priced: their quote
        // errors (`invalid_date`, `unknown_bank`) are row 1, as spec'd.
        rows += dateAndBank("quote", ["quote", "cheque.leaf"], status: 1)
        // The batch.
        rows += [Row(command: "quote --jsonl", situation: .done, arguments: ["quote", "--jsonl"], input: .requests, status: 0),
                 Row(command: "quote --jsonl", situation: .inputError, arguments: ["quote", "--jsonl"], input: .badRequests, status: 1),
                 Row(command: "quote --jsonl", situation: .unwritableOutput, arguments: ["quote", "--jsonl"], input: .requests, fullDisk: true, status: 3)]
        rows += common("quote --jsonl", ["quote", "--jsonl"], input: .requests)
        // The listings, on standard output only.
        let listings: [(String, [String], [String]?)] = [("items", ["items"] + day, ["items", "--date", "2020-01-01"]),
                                       ("show", ["show", "cheque.leaf"] + day, ["show", "no.such.item"] + day),
                                       ("versions", ["versions"] + day, nil),
                                       ("vocabulary", ["vocabulary"] + day, ["vocabulary", "--date", "2020-01-01"])]
        for (command, base, input) in listings {
            rows.append(Row(command: command, situation: .done, arguments: base, status: 0))
            if let input { rows.append(Row(command: command, situation: .inputError, arguments: input, status: 1)) }
            rows.append(Row(command: command, situation: .unwritableOutput, arguments: base, fullDisk: true, status: 3))
            rows += common(command, base)
            rows += dateAndBank(command, Array(base.dropLast(2)))
        }
        // The notices.
        let board = ["board", "--branch", "sh-lujiazui"] + day
        rows += [Row(command: "board", situation: .done, arguments: board, status: 0),
                 Row(command: "board", situation: .inputError, arguments: ["board", "--branch", "sh-nowhere"] + day, status: 1),
                 Row(command: "board", situation: .unwritableOutput, arguments: board + ["--out", unwritable + "/board.html"], status: 3),
                 Row(command: "board", situation: .unwritableOutput, arguments: board, fullDisk: true, status: 3),
                 Row(command: "board --all-branches", situation: .done, arguments: ["board", "--all-branches", "--format", "md", "--out", "{tmp}/boards"] + day, status: 0),
                 Row(command: "board --all-branches", situation: .unwritableOutput, arguments: ["board", "--all-branches", "--format", "md", "--out", unwritable + "/boards"] + day, status: 3),
                 Row(command: "board --layout display", situation: .done, arguments: board + ["--layout", "display", "--out", "{tmp}/screens"], status: 0),
                 Row(command: "board --layout display", situation: .unwritableOutput, arguments: board + ["--layout", "display", "--out", unwritable + "/screens"], status: 3)]
        rows += common("board", board)
        rows += dateAndBank("board", ["board", "--branch", "sh-lujiazui"])
        let notices = [["--format", "pdf"], ["--layout", "a5"], ["--format", "md", "--large-print"], ["--layout", "display"]]
        rows += badValues("board", board, notices)
        for (command, base) in [("changes", ["changes", "--to", "2027-01"]), ("catalog", ["catalog"] + day)] {
            rows += [Row(command: command, situation: .done, arguments: base, status: 0),
                     Row(command: command, situation: .unwritableOutput, arguments: base + ["--out", unwritable + "/notice.html"], status: 3),
                     Row(command: command, situation: .unwritableOutput, arguments: base + ["--format", "md"], fullDisk: true, status: 3)]
            rows += common(command, base)
        }
        rows += dateAndBank("changes", ["changes", "--to", "2027-01"], date: false)
        rows += dateAndBank("catalog", ["catalog"])
        rows += badValues("changes", ["changes"], notices.map { $0 + ["--to", "2027-01"] } + [["--to", "2099-01"], ["--to", "2025-01"]])
        rows += badValues("catalog", ["catalog"] + day, notices)
        rows.append(Row(command: "changes", situation: .missingFile, arguments: ["changes", "--with", missingDraft], status: 2))
        rows += [Row(command: "export", situation: .done, arguments: ["export"] + day, status: 0),
                 Row(command: "export", situation: .inputError, arguments: ["export", "--date", "2020-01-01"], status: 1),
                 Row(command: "export", situation: .unwritableOutput, arguments: ["export", "--out", unwritable + "/export.json"] + day, status: 3)]
        rows += common("export", ["export"] + day)
        rows.append(Row(command: "export", situation: .unloadableTables, arguments: ["export", "--tables", "{empty}"] + day, status: 2))
        rows += dateAndBank("export", ["export"])
        // The reports over transactions.
        let reports: [(String, [String], Input, Input?)] = [("statement", ["statement"] + period, .transactions, .interleavedTransactions),
                                           ("statement --partial", ["statement", "--partial"] + period, .transactions, nil),
                                           ("impact", ["impact"] + versions, .transactions, .interleavedTransactions),
                                           ("audit", ["audit"], .correctCharges, .overcharges),
                                           ("notify", ["notify", "--for", "2027-01"], .notifiedTransactions, .interleavedTransactions)]
        for (command, base, good, bad) in reports {
            rows.append(Row(command: command, situation: .done, arguments: base, input: good, status: 0))
            if let bad { rows.append(Row(command: command, situation: .inputError, arguments: base, input: bad, status: 1)) }
            rows += [Row(command: command, situation: .unwritableOutput, arguments: base + ["--out", unwritable + "/report"], input: good, status: 3),
                     Row(command: command, situation: .unwritableOutput, arguments: base, input: good, fullDisk: true, status: 3)]
            rows += common(command, base, input: good)
            rows += dateAndBank(command, base, input: good, date: false)
        }
        // Their days are `--from` and `--to`.
        rows += [Row(command: "statement", situation: .badDate, arguments: ["statement", "--from", badDay, "--to", "2026-12-31"], input: .transactions, status: 2),
                 Row(command: "audit", situation: .badDate, arguments: ["audit", "--from", badDay], input: .correctCharges, status: 2),
                 Row(command: "audit", situation: .badDate, arguments: ["audit", "--to", badDay], input: .correctCharges, status: 2)]
        rows += badValues("statement", ["statement"] + period, [["--format", "json", "--large-print"], ["--partial", "--piece", "empty"]], input: .transactions)
        rows += badValues("impact", ["impact"], [versions + ["--partial", "--piece", "empty"], ["--from-version", "1999-01", "--to-version", "2027-01"],
                                                 ["--from-version", "2026-03", "--to-version", "2099-01"]], input: .transactions)
        rows += badValues("audit", ["audit"], [["--partial", "--piece", "tab\tpiece"]], input: .correctCharges)
        rows += badValues("notify", ["notify"], [["--for", "2027-01", "--format", "text", "--large-print"], ["--for", "2099-01"],
                                                 ["--for", "2027-01", "--from-version", "1999-01"], ["--for", "2025-01"]], input: .notifiedTransactions)
        for (command, base, input) in [("impact", ["impact"] + versions, Input.transactions), ("notify", ["notify", "--for", "2027-01"], .notifiedTransactions)] {
            rows.append(Row(command: command, situation: .missingFile, arguments: base + ["--with", missingDraft], input: input, status: 2))
        }
        // The reduce step.
        rows += [Row(command: "merge", situation: .done, arguments: ["merge"], input: .partial, status: 0),
                 Row(command: "merge", situation: .inputError, arguments: ["merge"], input: .partialWithErrors, status: 1),
                 Row(command: "merge", situation: .refusedPartials, arguments: ["merge"], input: .cutPartial, status: 2),
                 Row(command: "merge", situation: .refusedPartials, arguments: ["merge"], input: .nothing, status: 2),
                 Row(command: "merge", situation: .unwritableOutput, arguments: ["merge", "--out", unwritable + "/report"], input: .partial, status: 3),
                 Row(command: "merge", situation: .unwritableOutput, arguments: ["merge", "--format", "json"], input: .partial, fullDisk: true, status: 3)]
        rows += common("merge", ["merge"], input: .partial)
        rows += dateAndBank("merge", ["merge"], input: .partial, date: false)
        rows += badValues("merge", ["merge"], [["--format", "json", "--large-print"]], input: .partial)
        rows.append(Row(command: "merge", situation: .missingFile, arguments: ["merge", "--with", missingDraft], input: .partial, status: 2))
        // The checker: tables that fail their checks are row 1; tables that cannot be loaded at all
        // (reported as `missing_directory`, Docs/PROBLEM-CODES.md) are row 2, as for every command,
        // and so are drafts whose bank `--bank` does not name (`unknown_draft_bank`), a tables
        // directory that holds no bank (`no_banks`) and a `--with` draft that is not there
        // (`unreadable_file`): the check asked for cannot be made.
        rows += [Row(command: "check", situation: .done, arguments: ["check"], status: 0),
                 Row(command: "check", situation: .inputError, arguments: ["check", "--tables", Fixtures.examples + "/invalid/typo-maxx"], status: 1),
                 Row(command: "check", situation: .unwritableOutput, arguments: ["check"], fullDisk: true, status: 3),
                 Row(command: "check", situation: .usageMistake, arguments: ["check", "--frobnicate"], status: 2),
                 Row(command: "check", situation: .unloadableTables, arguments: ["check", "--tables", missingTables], status: 2),
                 Row(command: "check", situation: .unloadableTables, arguments: ["check", "--tables", "/etc/passwd"], status: 2),
                 Row(command: "check", situation: .unloadableTables, arguments: ["check", "--tables", "{empty}"], status: 2),
                 Row(command: "check", situation: .missingFile, arguments: ["check", "--with", missingDraft], status: 2),
                 Row(command: "check", situation: .badDate, arguments: ["check", "--date", "2026-13-01"], status: 2),
                 Row(command: "check", situation: .unknownBank, arguments: ["check", "--with", tables + "/demo-bank/2027-01.json", "--bank", "no-such-bank"], status: 2)]
        // The server (done: started, then stopped by SIGTERM).
        rows += [Row(command: "serve", situation: .done, arguments: ["serve", "--listen", "127.0.0.1:0", "--threads", "1", "--watch", "0", "--access-log", "off"], status: 0),
                 Row(command: "serve", situation: .unlistenableAddress, arguments: ["serve", "--unix", "/etc/passwd"], status: 2),
                 Row(command: "serve", situation: .unlistenableAddress, arguments: ["serve", "--unix", "/nonexistent/dir/fees.sock"], status: 2)]
        rows += common("serve", ["serve", "--listen", "127.0.0.1:0"])
        rows.append(Row(command: "serve", situation: .badDate, arguments: ["serve", "--listen", "127.0.0.1:0", "--date", badDay], status: 2))
        // The dispatcher itself.
        rows += [Row(command: "fees", situation: .done, arguments: ["--help"], status: 0),
                 Row(command: "fees", situation: .usageMistake, arguments: ["frobnicate"], status: 2),
                 Row(command: "fees", situation: .unwritableOutput, arguments: ["--help"], fullDisk: true, status: 3)]
        return rows
    }()

    @Test(arguments: rows)
    func everyCommandExitsAsTheTableSays(row: Row) throws {
        let scratch = NSTemporaryDirectory() + "exit-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var arguments = row.arguments.map { $0.replacingOccurrences(of: "{tmp}", with: scratch) }
        if let k = arguments.firstIndex(of: "{empty}") {
            // A tables directory that holds no bank folder.
            arguments[k] = scratch + "/empty-tables"
            try FileManager.default.createDirectory(atPath: arguments[k], withIntermediateDirectories: true)
        }
        if row.command != "fees" && !arguments.contains("--tables") { arguments += ["--tables", Self.tables] }
        if row.command == "serve" && row.situation == .done {
            #expect(try Self.serveAndStop(arguments) == row.status)
            return
        }
        let r = try FeesBinary.run(arguments, stdin: row.input.bytes, stdoutPath: row.fullDisk ? "/dev/full" : nil)
        #expect(r.status == row.status, "\(arguments): \(r.stderr.prefix(600))")
        switch row.status {
        case 0: #expect(!r.stderr.contains("error:"), "\(arguments): \(r.stderr.prefix(600))")
        case 2 where row.situation == .usageMistake: #expect(r.stderr.contains("--frobnicate") || r.stderr.contains("frobnicate"), "\(r.stderr)")
        // `fees check` reports a draft's unknown bank as its problem `unknown_draft_bank`, on standard output.
        case 2 where row.situation == .unknownBank && row.command == "check": #expect(r.stdout.contains("'\(Self.noBank)'"), "\(r.stdout)")
        case 2 where row.situation == .badDate || row.situation == .unknownBank:
            // Said like every usage mistake: the usage line and the pointer to the command's help.
            let command = row.arguments[0]
            #expect(r.stderr.contains(row.situation == .badDate ? "YYYY-MM-DD" : "'\(Self.noBank)'"), "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains("\nUsage: fees \(command) ") && r.stderr.hasSuffix("参见 'fees \(command) --help'。\n"), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(arguments): nothing was done: \(r.stdout.prefix(200))")
        case 2 where row.situation == .badValue:
            let command = row.arguments[0]
            #expect(r.stderr.hasPrefix("error: "), "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains("\nUsage: fees \(command) ") && r.stderr.hasSuffix("参见 'fees \(command) --help'。\n"), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(arguments): nothing was done: \(r.stdout.prefix(200))")
        // `fees check` lists it as its problem (`unreadable_file`) on standard output; the others
        // refuse the tables with the drafts, on standard error.
        case 2 where row.situation == .missingFile: #expect((r.stdout + r.stderr).contains(Self.missingDraft), "\(arguments): \(r.stdout)\(r.stderr)")
        case 2 where row.situation == .unloadableTables && row.arguments.contains("{empty}"):
            #expect((r.stdout + r.stderr).contains(CheckMessage.noBankFolders.text(.english)), "\(arguments): \(r.stdout)\(r.stderr)")
        case 1 where row.situation == .badDate || row.situation == .unknownBank:
            #expect(r.stderr.hasPrefix(row.situation == .badDate ? "error: invalid_date: " : "error: unknown_bank: "), "\(arguments): \(r.stderr)")
        case 3: #expect(r.stderr.hasPrefix("error: "), "\(arguments): the failure is said: \(r.stderr)")
        default: #expect(!(r.stderr + r.stdout).isEmpty, "\(arguments): the reason is said")
        }
    }

    /// Starts `fees serve`, waits for its address line, sends SIGTERM; the exit status.
    static func serveAndStop(_ arguments: [String]) throws -> Int32 {
        let out = NSTemporaryDirectory() + "serve-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FeesBinary.path)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        func listening() -> Bool { ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").contains("listening on ") }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning, !listening() { usleep(20_000) }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Every command `fees --help` lists has its rows; none is left out of the table.
    @Test func everyCommandOfTheHelpHasRows() throws {
        let help = try FeesBinary.run(["--help"]).stdout
        let section = try #require(help.components(separatedBy: "COMMANDS:\n").dropFirst().first?.components(separatedBy: "\n\n").first)
        let commands = section.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(commands.count >= 16, "\(commands)")
        let covered = Set(Self.rows.map { String($0.command.split(separator: " ")[0]) })
        for command in commands {
            #expect(covered.contains(command), "\(command) has no row")
            let situations = Set(Self.rows.filter { $0.command.split(separator: " ")[0] == command }.map(\.situation))
            #expect(situations.isSuperset(of: [.done, .usageMistake, .unloadableTables]), "\(command): \(situations)")
            #expect(command == "serve" || situations.contains(.unwritableOutput), "\(command): no row for output that cannot be written")
            // A command that takes `--date` or `--bank` has the row of a bad one.
            let usage = try FeesBinary.run([command, "--help"]).stdout
            if usage.contains("[--date ") { #expect(situations.contains(.badDate), "\(command) takes --date: no row for a bad one") }
            if usage.contains("[--bank ") { #expect(situations.contains(.unknownBank), "\(command) takes --bank: no row for an unknown one") }
        }
    }

    /// A tables directory that exists but cannot be listed is `missing_directory` too, exit 2 for
    /// `fees check` as for every command (it used to read as one holding no bank folders, exit 1).
    /// Root lists any directory, so as root the check runs as `nobody` through setpriv (required then).
    @Test func aTablesDirectoryThatCannotBeListedExitsTwo() throws {
        let setpriv = "/usr/bin/setpriv"
        let root = geteuid() == 0
        if root { try #require(FileManager.default.isExecutableFile(atPath: setpriv), "as root this needs \(setpriv) (util-linux) to run as nobody") }
        let parent = NSTemporaryDirectory() + "unlisted-" + UUID().uuidString
        let directory = parent + "/tables"
        try FileManager.default.createDirectory(atPath: directory + "/demo-bank", withIntermediateDirectories: true)
        chmod(parent, 0o755)
        chmod(directory, 0o311)   // searchable, not readable: stat works, listing does not
        defer { chmod(directory, 0o755); try? FileManager.default.removeItem(atPath: parent) }
        for command in [["check"], ["items", "--date", "2026-11-23"]] {
            let arguments = command + ["--tables", directory, "--lang", "en"]
            let process = Process()
            process.executableURL = URL(fileURLWithPath: root ? setpriv : FeesBinary.path)
            process.arguments = (root ? ["--reuid=65534", "--regid=65534", "--clear-groups", FeesBinary.path] : []) + arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile() + err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 2, "\(arguments): \(said)")
            #expect(said.contains(CheckMessage.tablesDirectoryUnreadable(reason: String(cString: strerror(EACCES))).text(.english)), "\(arguments): \(said)")
        }
    }
}

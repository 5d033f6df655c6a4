import Foundation
import Testing
import FeeKit

/// The built `fees` binary: output, exit codes and the batch contract of spec §4.
@Suite struct CommandLineTests {
    @Test func checkPassesOnTheExamplesAndExitsZero() throws {
        let r = try FeesBinary.run(["check", "--tables", Fixtures.exampleTables, "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stdout == "example-bank: 3 versions, 11 item codes: ok\n0 errors, 0 warnings\n")
    }

    @Test func checkFailsWithFileLineAndPath() throws {
        let r = try FeesBinary.run(["check", "--tables", Fixtures.examples + "/invalid/typo-maxx", "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("/example-bank/2025-01.json:28:45: error: items[0].fee.maxx: unknown key 'maxx': did you mean 'max'?"))
        #expect(r.stdout.hasSuffix("1 error, 0 warnings\n"))
    }

    @Test func checkJSONIsMachineReadable() throws {
        let r = try FeesBinary.run(["check", "--tables", Fixtures.examples + "/invalid/undeclared-branch", "--json"])
        #expect(r.status == 1)
        let node = try JSONParser.parse(Array(r.stdoutBytes.dropLast()))
        #expect(node.bool(at: "ok") == false)
        #expect(node.string(at: "problems[0].path") == "waivers[1].when.branches[1]")
        #expect(node.number(at: "problems[0].line") == "59")
    }

    @Test func quoteAnswersEveryLineAndExitsOneOnErrors() throws {
        let input = Fixtures.bytes("examples/requests.jsonl")
        let r = try FeesBinary.run(["quote", "--tables", Fixtures.exampleTables, "--jsonl"], stdin: input)
        #expect(r.status == 1)
        #expect(r.stdout.split(separator: "\n").count == 58)
        let again = try FeesBinary.run(["quote", "--tables", Fixtures.exampleTables, "--jsonl"], stdin: input)
        #expect(again.stdoutBytes == r.stdoutBytes)
        // Only ok lines from here: exit 0.
        let ok = zip(SpecExamplesTests.requests, SpecExamplesTests.expected).filter { $0.1.contains(#""ok":true"#) }
            .prefix(10).map(\.0).joined(separator: "\n") + "\n"
        let r0 = try FeesBinary.run(["quote", "--tables", Fixtures.exampleTables, "--jsonl"], stdin: Array(ok.utf8))
        #expect(r0.status == 0)
        #expect(r0.stdout.split(separator: "\n").count == 10)
    }

    @Test func quoteRefusesTablesThatFailTheirChecks() throws {
        let r = try FeesBinary.run(["quote", "--tables", Fixtures.examples + "/invalid/raise-without-notice", "--jsonl"],
                                   stdin: Array(#"{"item": "card.reissue", "date": "2025-02-10"}"#.utf8))
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("notice"))
        #expect(r.stderr.contains(CommandMessage.tablesFailChecks(directory: Fixtures.examples + "/invalid/raise-without-notice", errors: 1, withDrafts: [], nothing: .quoted).text(.chinese)), "\(r.stderr)")
    }

    @Test func explainUsesTheRequestLanguage() throws {
        let line = #"{"id": 1, "item": "card.reissue", "date": "2025-02-10", "reason": "expired", "lang": "zh-Hans"}"#
        let r = try FeesBinary.run(["quote", "--tables", Fixtures.exampleTables, "--jsonl", "--explain"], stdin: Array(line.utf8))
        #expect(r.status == 0)
        #expect(r.stdout.contains(#""explanation":{"lang":"zh-Hans","steps":[{"step":"version""#))
        #expect(r.stdout.contains("适用减免「非客户原因换卡免收工本费」"))
        let en = try FeesBinary.run(["quote", "--tables", Fixtures.exampleTables, "--jsonl", "--explain"],
                                    stdin: Array(line.replacingOccurrences(of: "zh-Hans", with: "en").utf8))
        #expect(en.stdout.contains("Waiver applied: \\\"Free replacement when the card failed through no fault of yours\\\""))
    }

    @Test func tablesComeFromTheEnvironmentWhenNotGiven() throws {
        var env = ProcessInfo.processInfo.environment
        env["FEES_TABLES"] = Fixtures.exampleTables
        let r = try FeesBinary.run(["check", "--lang", "en"], environment: env)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("example-bank:"))
    }

    /// "Today" is the local calendar's: the time zone of `TZ` (or the system's), never UTC. UTC+14
    /// and UTC−12 are 26 hours apart, so at any moment their dates differ, by one day or two
    /// (POSIX zone strings: no time-zone database needed).
    @Test func todayIsTheLocalDay() throws {
        func today(in zone: String) throws -> CalendarDate {
            var env = ProcessInfo.processInfo.environment
            env["TZ"] = zone
            env["FEES_SNAPSHOT"] = "off"
            let r = try FeesBinary.run(["quote", "cheque.leaf", "--json", "--tables", SnapshotTests.demo], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            let date = try #require(r.stdout.firstMatch(of: /"date":"([0-9-]{10})"/)?.output.1)
            return try #require(CalendarDate(String(date)))
        }
        let east = try today(in: "AAA-14"), west = try today(in: "BBB+12")
        #expect((1...2).contains(east.dayNumber - west.dayNumber), "\(east) \(west)")
    }

    /// Run in the package, so `./FeeTables` is the demo tables: the messages are in the demo
    /// bank's first language (Chinese) unless the tables named cannot be read (English).
    @Test(arguments: [
        (["frobnicate"], CommandMessage.unknownCommand("frobnicate", nearest: nil), TextLanguage.chinese),
        (["chek"], .unknownCommand("chek", nearest: "check"), .chinese),
        (["check", "--tabels", "x"], .unknownOption("--tabels", nearest: "--tables"), .chinese),
        (["check", "--tables"], .optionNeedsValue(option: "tables", valueName: "DIR"), .chinese),
        (["quote", "--tables", "x"], .giveItemToQuote, .english),
        (["check", "extra"], .unexpectedArgument("extra"), .chinese),
        (["show", "cheque.leaf", "extra", "--lang", "en"], .unexpectedArgument("extra"), .english),
    ])
    func usageErrorsExitTwoWithTheUsageLine(arguments: [String], message: CommandMessage, language: TextLanguage) throws {
        let r = try FeesBinary.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: " + message.text(language) + "\nUsage: fees"), "\(r.stderr)")
    }

    /// Every usage mistake that prints the usage line follows it with the pointer to the command's
    /// help, as the parser's do: the commands' own checks (`--layout display --all-branches`, a
    /// second operand, a bad period or format) print them through the one `usageMistake`.
    @Test(arguments: [
        ["board", "--layout", "display", "--all-branches", "--out", "/tmp/unused-screens", "--date", "2026-11-23"],
        ["board", "--all-branches", "--date", "2026-11-23"],
        ["board", "--depth", "medium"],
        ["items", "card", "extra"],
        ["show"],
        ["versions", "extra"],
        ["check", "extra"],
        ["check", "--date", "tomorrow"],
        ["statement", "--from", "2026-12-31", "--to", "2026-01-01"],
        ["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "pdf"],
        ["impact", "--from-version", "2026-03", "--to-version", "2027-01", "--format", "pdf"],
        ["audit", "--format", "pdf"],
        ["audit", "--from", "2026-12-31", "--to", "2026-01-01"],
        ["notify", "--for", "2027-01", "--format", "pdf"],
        ["merge"],
        ["quote"],
        ["serve", "--threads", "0"],
        // The notices' values, checked once the tables are loaded: a format or layout, large
        // print with a format other than HTML, a display without its directory.
        ["board", "--format", "pdf", "--date", "2026-11-23"],
        ["board", "--layout", "a5", "--date", "2026-11-23"],
        ["board", "--format", "md", "--large-print", "--date", "2026-11-23"],
        ["board", "--layout", "display", "--date", "2026-11-23"],
        ["changes", "--format", "pdf"],
        ["changes", "--layout", "a5"],
        ["changes", "--format", "txt", "--large-print"],
        ["changes", "--layout", "display"],
        ["catalog", "--format", "pdf", "--date", "2026-11-23"],
        ["catalog", "--layout", "a5", "--date", "2026-11-23"],
        ["catalog", "--format", "md", "--large-print", "--date", "2026-11-23"],
        ["catalog", "--layout", "display", "--date", "2026-11-23"],
        // Large print for a report that is not HTML, and a piece that cannot be named.
        ["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json", "--large-print"],
        ["notify", "--for", "2027-01", "--format", "text", "--large-print"],
        ["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--partial", "--piece", "empty"],
        ["impact", "--from-version", "2026-03", "--to-version", "2027-01", "--partial", "--piece", "empty"],
        ["audit", "--partial", "--piece", "tab\tpiece"],
        // Versions the bank does not have, and a first version with nothing before it.
        ["changes", "--to", "2099-01"],
        ["changes", "--to", "2025-01"],
        ["impact", "--from-version", "1999-01", "--to-version", "2027-01"],
        ["impact", "--from-version", "2026-03", "--to-version", "2099-01"],
        ["notify", "--for", "2099-01"],
        ["notify", "--for", "2027-01", "--from-version", "1999-01"],
        ["notify", "--for", "2025-01"],
    ])
    func everyUsageLineIsFollowedByThePointerToTheHelp(arguments: [String]) throws {
        try Self.expectUsageLineAndPointer(arguments)
    }

    /// `fees merge` checks `--large-print` against the partials' kind, once it has read them.
    @Test func mergesLargePrintWithAnotherFormatIsFollowedByThePointer() throws {
        try Self.expectUsageLineAndPointer(["merge", "--format", "json", "--large-print"], stdin: Array(ExitCodeTableTests.partial.utf8))
    }

    /// Exit 2, the usage line and the pointer to the command's help, in Chinese (the demo bank's
    /// first language) and with `--lang en` in English.
    static func expectUsageLineAndPointer(_ arguments: [String], stdin: [UInt8] = []) throws {
        let r = try FeesBinary.run(arguments + ["--tables", TellerSnapshotTests.demoTables], stdin: stdin)
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        #expect(r.stderr.hasPrefix("error: "), "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains("\nUsage: fees \(arguments[0]) "), "\(arguments): \(r.stderr)")
        #expect(r.stderr.hasSuffix("\n参见 'fees \(arguments[0]) --help'。\n"), "\(arguments): \(r.stderr)")
        let en = try FeesBinary.run(arguments + ["--tables", TellerSnapshotTests.demoTables, "--lang", "en"], stdin: stdin)
        #expect(en.status == 2, "\(arguments): \(en.stderr)")
        #expect(en.stderr.contains("\nUsage: fees \(arguments[0]) "), "\(arguments): \(en.stderr)")
        #expect(en.stderr.hasSuffix("\nSee 'fees \(arguments[0]) --help'.\n"), "\(arguments): \(en.stderr)")
    }

    /// At the counter a `--bank` the tables do not hold is the quote error `unknown_bank` (exit 1),
    /// said as the batch says it for a request line, nearest bank included: one home, the calculator.
    @Test func theTellersUnknownBankSuggestsTheNearestBankLikeTheBatch() throws {
        let tables = TellerSnapshotTests.demoTables
        for (lang, language) in [(nil, TextLanguage.chinese), ("en", .english)] {
            let teller = try FeesBinary.run(["quote", "cheque.leaf", "--bank", "demo-bnak", "--date", "2026-11-23", "--tables", tables] + (lang.map { ["--lang", $0] } ?? []))
            let said = QuoteMessage.unknownBank(id: "demo-bnak", nearest: "demo-bank", banks: ["demo-bank"]).text(language)
            #expect(teller.status == 1, "\(teller.stderr)")
            #expect(teller.stderr == "error: unknown_bank: " + said + "\n", "\(teller.stderr)")
            #expect(said.contains(language.didYouMean("demo-bank")) && !language.didYouMean("demo-bank").isEmpty)
            let line = #"{"bank":"demo-bnak","item":"cheque.leaf","date":"2026-11-23""# + (lang.map { #","lang":"\#($0)"}"# } ?? "}") + "\n"
            let batch = try FeesBinary.run(["quote", "--jsonl", "--tables", tables], stdin: Array(line.utf8))
            let answer = try JSONParser.parse(Array(batch.stdoutBytes.dropLast()))
            #expect(answer.string(at: "error.code") == "unknown_bank")
            #expect(answer.string(at: "error.message") == said, "\(batch.stdout)")
        }
    }

    /// A Chinese teller with the demo bank reads the command line's mistakes in Chinese; `--lang en`
    /// gives English. Both texts come from the one catalogue.
    @Test func aUsageMistakeSpeaksTheBanksFirstLanguageElseLang() throws {
        let zh = try FeesBinary.run(["quote", "cheque.leaf", "--slip", "--json", "--tables", TellerSnapshotTests.demoTables])
        let en = try FeesBinary.run(["quote", "cheque.leaf", "--slip", "--json", "--lang", "en", "--tables", TellerSnapshotTests.demoTables])
        #expect(zh.status == 2 && en.status == 2)
        #expect(zh.stderr.hasPrefix("error: --json 和 --slip 只能选一个\n"), "\(zh.stderr)")
        #expect(en.stderr.hasPrefix("error: choose one of --json and --slip\n"), "\(en.stderr)")
        #expect(zh.stderr.hasSuffix("参见 'fees quote --help'。\n") && en.stderr.hasSuffix("See 'fees quote --help'.\n"))
    }

    @Test func helpAndVersion() throws {
        let help = try FeesBinary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("COMMANDS:"))
        let checkHelp = try FeesBinary.run(["check", "--help"])
        #expect(checkHelp.stdout.contains("USAGE: fees check [--tables DIR] [--with DRAFT.json]... [--bank ID] [--date YYYY-MM-DD] [--json]"))
        #expect(checkHelp.stdout.contains("--with DRAFT.json"))
        #expect(checkHelp.stdout.contains("EXAMPLES:"))
        let version = try FeesBinary.run(["--version"])
        #expect(version.stdout.hasPrefix("fees "))
    }
}

/// Options are declared once with when they apply: one that would be ignored, or is given twice,
/// is a usage error (exit 2) that names it; every command's help ends with the one exit-code table.
@Suite struct OptionApplicabilityTests {
    static let tables = TellerSnapshotTests.demoTables

    @Test(arguments: [
        (["quote", "--jsonl", "--slip"], CommandMessage.notWith(option: "slip", flag: "jsonl")),
        (["quote", "--jsonl", "--date", "2026-11-23"], .notWith(option: "date", flag: "jsonl")),
        (["quote", "--jsonl", "--lang", "en"], .notWith(option: "lang", flag: "jsonl")),
        (["quote", "--jsonl", "--amount", "5"], .notWith(option: "amount", flag: "jsonl")),
        (["quote", "cheque.leaf", "--explain"], .onlyWith(option: "explain", flag: "jsonl")),
        (["quote", "cheque.leaf", "--jobs", "2"], .onlyWith(option: "jobs", flag: "jsonl")),
        (["quote", "cheque.leaf", "--slip", "--slip"], .optionTwice(option: "slip")),
        (["quote", "cheque.leaf", "--tier", "gold", "--tier", "gold"], .optionTwice(option: "tier")),
        (["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--piece", "p1"], .onlyWith(option: "piece", flag: "partial")),
        // An HTML layout with another format would be ignored (it was, silently).
        (["board", "--layout", "a4", "--format", "md"], .notWith(option: "layout", flag: "format md")),
        (["board", "--format", "txt", "--layout", "display", "--out", "/tmp/unused-screens"], .notWith(option: "layout", flag: "format txt")),
        (["changes", "--layout", "screen", "--format", "txt"], .notWith(option: "layout", flag: "format txt")),
        (["catalog", "--format", "md", "--layout", "a3"], .notWith(option: "layout", flag: "format md")),
        (["catalog", "--layout", "a4", "--format", "txt", "--lang", "en"], .notWith(option: "layout", flag: "format txt")),
        // `fees check --bank` names the drafts' bank: without --with it would be ignored.
        (["check", "--bank", "demo-bank"], .onlyWith(option: "bank", flag: "with")),
        (["check", "--bank", "demo-bank", "--lang", "en"], .onlyWith(option: "bank", flag: "with")),
    ])
    func anOptionThatWouldBeIgnoredIsAUsageError(arguments: [String], message: CommandMessage) throws {
        let r = try FeesBinary.run(arguments + ["--tables", Self.tables], stdin: Array("{}\n".utf8))
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        // The demo bank's first language, unless the line asks for another with --lang.
        let language: TextLanguage = arguments.contains("--lang") ? .english : .chinese
        #expect(r.stderr.hasPrefix("error: " + message.text(language) + "\n"), "\(arguments): \(r.stderr)")
        #expect(r.stdout.isEmpty, "nothing is answered: \(r.stdout)")
    }

    @Test(arguments: [
        (["board", "--branch", "sh-lujiazui", "--all-branches", "--out", "/tmp/unused-boards"], CommandMessage.chooseOne("branch", "all-branches")),
        (["quote", "cheque.leaf", "--slip", "--json"], .chooseOne("json", "slip")),
        (["statement", "--from", "2026-01-01"], .give(["--to D2"])),
        (["impact", "--to-version", "2027-01"], .give(["--from-version V1"])),
        (["notify"], .give(["--for VERSION"])),
    ])
    func exclusiveAndRequiredOptionsAreDeclaredOnce(arguments: [String], message: CommandMessage) throws {
        let r = try FeesBinary.run(arguments + ["--tables", Self.tables])
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        #expect(r.stderr.hasPrefix("error: " + message.text(.chinese) + "\nUsage: fees "), "\(arguments): \(r.stderr)")
    }

    /// The usage line is generated from the declarations: what is needed bare, the rest in
    /// brackets, a group as alternatives, an option that needs a flag inside the flag's brackets.
    @Test func theUsageLineIsGeneratedFromTheOptions() throws {
        let statement = try FeesBinary.run(["statement", "--help"]).stdout
        #expect(statement.contains("USAGE: fees statement --from D1 --to D2 [--format json|text|html] [--sorted] [--partial [--piece ID]] [--lang TAG]"), "\(statement)")
        #expect(statement.contains("< transactions.jsonl\n"))
        let quote = try FeesBinary.run(["quote", "--help"]).stdout
        #expect(quote.contains("[--json | --slip]") && quote.contains("[--segment S]..."))
        #expect(quote.contains("       fees quote --jsonl [--tables DIR] [--explain] [--jobs N] < requests.jsonl\n"), "\(quote)")
        let board = try FeesBinary.run(["board", "--help"]).stdout
        #expect(board.contains("[--branch ID | --all-branches]"))
    }

    @Test func theOptionsStillWorkWhereTheyApply() throws {
        let line = Array(#"{"bank":"demo-bank","item":"cheque.leaf","date":"2026-11-23"}"#.utf8) + [0x0A]
        let batch = try FeesBinary.run(["quote", "--jsonl", "--explain", "--jobs", "1", "--tables", Self.tables], stdin: line)
        #expect(batch.status == 0 && batch.stdout.contains("\"explanation\""), "\(batch.stderr)")
        let teller = try FeesBinary.run(["quote", "cheque.leaf", "--slip", "--date", "2026-11-23", "--lang", "en", "--tables", Self.tables])
        #expect(teller.status == 0, "\(teller.stderr)")
        let layout = try FeesBinary.run(["catalog", "--layout", "screen", "--format", "html", "--tables", Self.tables])
        #expect(layout.status == 0 && layout.stdout.hasPrefix("<!DOCTYPE html>"), "\(layout.stderr)")
        let markdown = try FeesBinary.run(["catalog", "--format", "md", "--tables", Self.tables])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        let drafts = try FeesBinary.run(["check", "--with", Self.tables + "/demo-bank/2027-01.json", "--bank", "demo-bank", "--tables", Self.tables])
        // The draft repeats a version already in the folder: check errors (1), not a usage mistake.
        #expect(drafts.status == 1 && drafts.stderr.isEmpty, "\(drafts.stderr)")
    }

    @Test func anUnknownVersionIsAUsageErrorInEveryCommand() throws {
        let changes = try FeesBinary.run(["changes", "--to", "2099-01", "--tables", Self.tables])
        let impact = try FeesBinary.run(["impact", "--from-version", "2026-03", "--to-version", "2099-01", "--tables", Self.tables])
        let notify = try FeesBinary.run(["notify", "--for", "2099-01", "--tables", Self.tables])
        for (name, r) in [("changes", changes), ("impact", impact), ("notify", notify)] {
            #expect(r.status == 2, "\(name): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("2099-01"), "\(name): \(r.stderr)")
        }
    }

    @Test func everyHelpEndsWithTheExitCodeTable() throws {
        for command in ["quote", "board", "changes", "catalog", "export", "statement", "impact", "merge", "audit", "notify", "check", "items", "show", "versions",
                        "vocabulary", "serve"] {
            let r = try FeesBinary.run([command, "--help"])
            #expect(r.status == 0, "\(command)")
            #expect(r.stdout.contains("EXIT STATUS:\n  0  done\n  1  some input could not be priced or checked"), "\(command)")
            #expect(r.stdout.contains("  2  a usage mistake") && r.stdout.contains("  3  the output could not be written"), "\(command)")
        }
        #expect(try FeesBinary.run(["--help"]).stdout.contains("EXIT STATUS:"))
    }
}

import Foundation
import Testing
import FeeKit

/// `fees check` speaks `--lang`, else the first bank's first language (zh-Hans for the demo
/// bank), else English; the severity word and the `file:line:column: error: path:` shape stay as
/// editors parse them. The commands that refuse tables that fail their checks say why the same way.
@Suite struct CheckLanguageTests {
    static let demo = TellerSnapshotTests.demoTables

    /// A copy of the demo tables with `edit` applied to the text of one file.
    static func copy(_ file: String = "demo-bank/2026-03.json", _ edit: (String) -> String) throws -> String {
        let dir = NSTemporaryDirectory() + "check-lang-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: demo, toPath: dir)
        let path = dir + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit changed nothing")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        return dir
    }

    /// The demo tables with the first band's `up_to` misspelt `up_too`.
    static func broken() throws -> String {
        try copy { $0.replacingOccurrences(of: #""up_to""#, with: #""up_too""#, options: [], range: $0.range(of: #""up_to""#)) }
    }

    static func cjk(_ s: some StringProtocol) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    /// The part of each problem line before its message: `file:line:column: error: path:`.
    static func places(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").filter { $0.contains(": error: ") }.map { line in
            let afterSeverity = line.range(of: ": error: ")!.upperBound
            return String(line[..<(line[afterSeverity...].range(of: ": ")?.upperBound ?? line.endIndex)])
        }
    }

    @Test func aBrokenCopySpeaksChineseByDefaultAndEnglishWhenAsked() throws {
        let dir = try Self.broken()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let zh = try FeesBinary.run(["check", "--tables", dir, "--date", "2026-11-23"])
        let en = try FeesBinary.run(["check", "--tables", dir, "--date", "2026-11-23", "--lang", "en"])
        #expect(zh.status == 1 && en.status == 1)
        let file = dir + "/demo-bank/2026-03.json"
        #expect(zh.stdout.contains(file + ":") && zh.stdout.contains(": error: items["), "\(zh.stdout)")
        #expect(zh.stdout.contains(".up_too: 未知的键 'up_too'（是否要找 'up_to'？）。未知的键一律按错误处理，以免拼写错误悄悄改变价格\n"), "\(zh.stdout)")
        #expect(en.stdout.contains(".up_too: unknown key 'up_too': did you mean 'up_to'? Unknown keys are errors so that a typo cannot silently change a price.\n"), "\(en.stdout)")
        // Every problem in its language, at the same places, with the same count.
        let zhErrors = zh.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        let enErrors = en.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(!zhErrors.isEmpty && zhErrors.allSatisfy(Self.cjk) && !enErrors.contains(where: Self.cjk))
        #expect(Self.places(zh.stdout) == Self.places(en.stdout))
        #expect(zh.stdout.hasSuffix("\n\(zhErrors.count) 个错误，0 个警告\n"), "\(zh.stdout)")
        #expect(en.stdout.hasSuffix("\n\(enErrors.count) error\(enErrors.count == 1 ? "" : "s"), 0 warnings\n"), "\(en.stdout)")
        // zh-Hans asked for is the default.
        #expect(try FeesBinary.run(["check", "--tables", dir, "--date", "2026-11-23", "--lang", "zh-Hans"]).stdout == zh.stdout)
    }

    @Test func theJSONReportsMessagesAreInTheChosenLanguage() throws {
        let dir = try Self.broken()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let zh = try JSONParser.parse(Array(FeesBinary.run(["check", "--tables", dir, "--date", "2026-11-23", "--json"]).stdoutBytes.dropLast()))
        let en = try JSONParser.parse(Array(FeesBinary.run(["check", "--tables", dir, "--date", "2026-11-23", "--json", "--lang", "en"]).stdoutBytes.dropLast()))
        #expect(zh.string(at: "problems[0].code") == "unknown_key" && en.string(at: "problems[0].code") == "unknown_key")
        #expect(zh.string(at: "problems[0].severity") == "error" && en.string(at: "problems[0].severity") == "error")
        #expect(zh.string(at: "problems[0].message")?.hasPrefix("未知的键 'up_too'") == true, "\(String(describing: zh.string(at: "problems[0].message")))")
        #expect(en.string(at: "problems[0].message")?.hasPrefix("unknown key 'up_too'") == true)
        #expect(zh.string(at: "problems[0].path") == en.string(at: "problems[0].path"))
    }

    @Test func theCleanDemoSaysOkInEitherLanguage() throws {
        let catalogue = try #require(CatalogueLoader.load(directory: Self.demo).catalogue)
        let bank = catalogue.banks[0]
        let codes = Set(bank.versions.flatMap { $0.items.map(\.code) }).count
        let zh = try FeesBinary.run(["check", "--tables", Self.demo, "--date", "2026-11-23"])
        #expect(zh.status == 0)
        #expect(zh.stdout == "demo-bank：\(bank.versions.count) 个版本，共 \(codes) 个服务项目代码，检查通过\n0 个错误，0 个警告\n")
        let en = try FeesBinary.run(["check", "--tables", Self.demo, "--date", "2026-11-23", "--lang", "en"])
        #expect(en.stdout == "demo-bank: \(bank.versions.count) versions, \(codes) item codes: ok\n0 errors, 0 warnings\n")
        // A note keeps its English severity word in a Chinese report.
        let noted = try FeesBinary.run(["check", "--tables", Self.demo, "--date", "2026-12-05"])
        #expect(noted.stdout.contains("/demo-bank/2026-03.json: note: waivers[") && noted.stdout.hasSuffix("0 个错误，0 个警告，1 条提示\n"), "\(noted.stdout)")
    }

    /// The default follows the bank: one that lists English first is checked in English.
    @Test func theDefaultIsTheFirstBanksFirstLanguage() throws {
        let dir = try Self.copy("demo-bank/bank.json") {
            $0.replacingOccurrences(of: "\"zh-Hans\",\n    \"en\"\n  ]", with: "\"en\",\n    \"zh-Hans\"\n  ]")
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let broken = dir + "/demo-bank/2026-03.json"
        let text = try String(contentsOfFile: broken, encoding: .utf8)
        try text.replacingOccurrences(of: #""rounding": "half-up""#, with: #""rounding": "sideways""#).write(toFile: broken, atomically: true, encoding: .utf8)
        let r = try FeesBinary.run(["check", "--tables", dir, "--date", "2026-11-23"])
        #expect(r.status == 1)
        #expect(r.stdout.contains(": error: rounding: 'sideways' is not a rounding mode") && r.stdout.hasSuffix("1 error, 0 warnings\n"), "\(r.stdout)")
        let zh = try FeesBinary.run(["check", "--tables", dir, "--date", "2026-11-23", "--lang", "zh-Hans"])
        #expect(zh.stdout.contains(": error: rounding: 'sideways' 不是舍入方式") && zh.stdout.hasSuffix("1 个错误，0 个警告\n"), "\(zh.stdout)")
    }

    /// Without a bank to ask, English; a language the messages are not written in is a usage error.
    @Test func noBankMeansEnglishAndAnUnknownLanguageIsRefused() throws {
        let missing = NSTemporaryDirectory() + "no-tables-" + UUID().uuidString
        let r = try FeesBinary.run(["check", "--tables", missing])
        #expect(r.status == 2, "tables that cannot be loaded, as for every command")
        #expect(r.stdout == "\(missing): error: no tables directory here; give --tables DIR, the directory that holds one folder per bank\n1 error, 0 warnings\n")
        #expect(try FeesBinary.run(["check", "--tables", missing, "--lang", "zh-CN"]).stdout.hasSuffix("1 个错误，0 个警告\n"))
        for tag in ["fr", "zh-Hans,en"] {
            let refused = try FeesBinary.run(["check", "--tables", Self.demo, "--lang", tag])
            #expect(refused.status == 2 && refused.stdout.isEmpty)
            #expect(refused.stderr.contains("--lang '\(tag)'") && refused.stderr.contains("Usage: fees check"), "\(refused.stderr)")
        }
    }

    /// The commands that refuse broken tables list their problems in `--lang`, else the first
    /// bank's first language (the batch, whose requests carry their own `lang`, in the bank's).
    @Test func otherCommandsListTheProblemsInTheSessionsLanguage() throws {
        let dir = try Self.broken()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let zh = try FeesBinary.run(["quote", "card.reissue", "--tables", dir, "--date", "2026-11-23"])
        #expect(zh.status == 2 && zh.stderr.contains("未知的键 'up_too'"), "\(zh.stderr)")
        let en = try FeesBinary.run(["quote", "card.reissue", "--tables", dir, "--date", "2026-11-23", "--lang", "en"])
        #expect(en.status == 2 && en.stderr.contains("unknown key 'up_too'") && !Self.cjk(en.stderr), "\(en.stderr)")
        let items = try FeesBinary.run(["items", "--tables", dir, "--lang", "en"])
        #expect(items.status == 2 && items.stderr.contains("unknown key 'up_too'"), "\(items.stderr)")
        let batch = try FeesBinary.run(["quote", "--jsonl", "--tables", dir], stdin: Array("{}\n".utf8))
        #expect(batch.status == 2 && batch.stderr.contains("未知的键 'up_too'"), "\(batch.stderr)")
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import FeeKit

/// Boards, announcements, catalogue and export, generated from the demo bank.
@Suite struct PublishingTests {
    static let demo: Catalogue = CatalogueLoader.load(directory: TellerSnapshotTests.demoTables).catalogue!
    static var bank: Bank { demo.banks[0] }
    static let day = CalendarDate("2026-11-23")!

    /// Whether `html` is well-formed XML (XHTML), with the parser's complaint if not.
    static func wellFormed(_ html: String) -> (Bool, String) {
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
        let parser = XMLParser(data: Data(body.utf8))
        let ok = parser.parse()
        return (ok, parser.parserError.map { "\($0)" } ?? "")
    }

    @Test(arguments: ["sh-lujiazui", "sh-xujiahui", "bj-xidan", "gz-tianhe"])
    func everyBranchBoardShowsEverythingInBothLanguages(branchID: String) throws {
        let branch = try #require(Self.bank.profile.branch(branchID))
        let board = try #require(NoticeBoard(bank: Self.bank, date: Self.day, branch: branch))
        let html = board.document.render(.html, layout: .a3)
        let table = board.table
        #expect(Self.wellFormed(html).0, "\(Self.wellFormed(html).1)")
        for item in table.items {
            for t in item.name.translations { #expect(html.contains(HTMLRenderer.escape(t.text)), "\(item.code) \(t.tag)") }
        }
        for w in table.waivers where w.conditions.until.map({ $0 >= Self.day }) ?? true {
            if let branches = w.conditions.branches, !branches.contains(branchID) {
                #expect(!html.contains(HTMLRenderer.escape(w.name.text("en"))), "\(w.id) belongs to other branches")
            } else {
                #expect(html.contains(HTMLRenderer.escape(w.name.text("zh-Hans"))), "\(w.id)")
            }
        }
        #expect(html.contains("95500"))
        #expect(html.contains(table.fingerprintGroups))   // grouped by 16 hex digits, to wrap between groups
        #expect(html.contains(HTMLRenderer.escape(branch.name.text("zh-Hans"))))
        #expect(html.contains(branch.phone ?? "—"))
        // The announced 2027-01 version: its new item and a raised price, old → new.
        #expect(html.contains("已公告的价格调整"))
        #expect(html.contains("加急制卡"))
        #expect(html.contains("每份 30.00 元"))
        #expect(html.contains("重大事项提示"))
        #expect(html.contains("专业术语解释"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/1999/xhtml\""))
    }

    @Test func closedBranchBoardIsNotGeneratedButOldBoardsStayPossible() throws {
        let result = try FeesBinary.run(["board", "--all-branches", "--out", NSTemporaryDirectory() + "boards-" + UUID().uuidString,
                                         "--tables", TellerSnapshotTests.demoTables, "--date", "2026-11-23", "--format", "md"])
        #expect(result.status == 0)
        let files = result.stdout.split(separator: "\n").map { String($0) }
        #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["sh-lujiazui.md", "sh-xujiahui.md", "bj-xidan.md", "gz-tianhe.md"])
        // A note, in the demo bank's first language.
        #expect(result.stderr == "note: " + CommandMessage.branchClosed(branch: "sz-futian", on: "2026-06-30").text(.chinese) + "\n", "\(result.stderr)")
        for f in files {
            let text = try String(contentsOfFile: f, encoding: .utf8)
            #expect(text.hasPrefix("# 示范商业银行 / Demo Commercial Bank\n"))
        }
        let before = try FeesBinary.run(["board", "--branch", "sz-futian", "--tables", TellerSnapshotTests.demoTables, "--date", "2026-05-01", "--format", "txt"])
        #expect(before.status == 0)
        #expect(before.stdout.contains("Shenzhen Futian Branch"))
    }

    /// `--all-branches` whose directory cannot be made, or with a board that cannot be written, is
    /// output that could not be written: exit 3 (it was 1); the other branches' boards are written.
    @Test func allBranchesThatCannotBeWrittenExitThree() throws {
        let base = ["board", "--all-branches", "--tables", TellerSnapshotTests.demoTables, "--date", "2026-11-23", "--format", "md"]
        let dir = NSTemporaryDirectory() + "boards-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Under a regular file no directory can be made, also for root.
        try "x\n".write(toFile: dir + "/file", atomically: true, encoding: .utf8)
        let noDirectory = try FeesBinary.run(base + ["--out", dir + "/file/boards"])
        #expect(noDirectory.status == 3, "\(noDirectory.stderr)")
        // The reason is the system's ("Not a directory"), as every `--out` failure gives it, not
        // Foundation's "The operation could not be completed. (NSCocoaErrorDomain error 512.)".
        let notADirectory = String(cString: strerror(ENOTDIR))
        #expect(noDirectory.stderr == "error: " + CommandMessage.cannotCreate(path: dir + "/file/boards", reason: notADirectory).text(.chinese) + "\n",
                "\(noDirectory.stderr)")
        #expect(!noDirectory.stderr.contains("NSCocoaErrorDomain") && !noDirectory.stderr.contains("could not be completed"))
        #expect(noDirectory.stdout.isEmpty)
        // The regular file itself, and a path under a device, fail for the same reason.
        for out in [dir + "/file", "/dev/null/boards"] {
            let r = try FeesBinary.run(base + ["--out", out, "--lang", "en"])
            #expect(r.status == 3, "\(r.stderr)")
            #expect(r.stderr == "error: " + CommandMessage.cannotCreate(path: out, reason: notADirectory).text(.english) + "\n", "\(r.stderr)")
        }
        // A directory where one board's file goes: that board cannot be written, the others are.
        try FileManager.default.createDirectory(atPath: dir + "/boards/sh-lujiazui.md", withIntermediateDirectories: true)
        let one = try FeesBinary.run(base + ["--out", dir + "/boards"])
        #expect(one.status == 3, "\(one.stderr)")
        #expect(one.stderr.contains("error: " + CommandMessage.outIsDirectory(path: dir + "/boards/sh-lujiazui.md").text(.chinese) + "\n"), "\(one.stderr)")
        #expect(one.stdout.split(separator: "\n").map { URL(fileURLWithPath: String($0)).lastPathComponent } == ["sh-xujiahui.md", "bj-xidan.md", "gz-tianhe.md"])
    }

    @Test func summaryBoardIsShortAndPointsToTheFullList() throws {
        let board = try #require(NoticeBoard(bank: Self.bank, date: Self.day, depth: .summary))
        let text = board.document.render(.txt)
        #expect(board.summaryItems.count == board.table.categories.count)
        let others = board.table.items.count - board.summaryItems.count
        #expect(text.contains("\(others) other fees: see the full list at https://www.demo-bank.example/fees"))
        #expect(text.contains("另有 \(others) 项收费"))
        #expect(text.contains("Announced price changes"))
        #expect(!text.contains("Private banking: no service fees"))   // a tier waiver is not for most customers
        #expect(text.contains("Free replacement when the card failed through no fault of yours"))
        // The short form names the items it shows and leaves out the others.
        for item in board.summaryItems { #expect(text.contains(item.name.text("en")), "\(item.code)") }
        let left = board.table.items.filter { i in !board.summaryItems.contains { $0.code == i.code } }
        #expect(!left.isEmpty)
        #expect(left.contains { !text.contains($0.name.text("en")) })
        let full = try #require(NoticeBoard(bank: Self.bank, date: Self.day)).document.render(.txt)
        #expect(text.count * 3 < full.count)
    }

    @Test func singleLanguageBoard() throws {
        let board = try #require(NoticeBoard(bank: Self.bank, date: Self.day, languages: ["en"]))
        let md = board.document.render(.md)
        #expect(md.hasPrefix("# Demo Commercial Bank\n"))
        #expect(!md.contains("跨行转账"))
        #expect(md.contains("| Transfer to another bank at the counter"))
    }

    @Test func textsFromTheTableAreEscapedEverywhere() throws {
        let hostile = #"<script>alert("x")</script> & 'quotes' “中文”，【括号】"#
        let escapedJSON = hostile.replacingOccurrences(of: "\"", with: "\\\"")
        let version = Fixtures.baseVersion.replacingOccurrences(of: #""en": "Cheque forms""#, with: #""en": "\#(escapedJSON)""#)
        let catalogue = try #require(TempCatalogue.base(version: version).load().catalogue)
        let board = try #require(NoticeBoard(bank: catalogue.banks[0], date: CalendarDate("2025-02-01")!))
        let html = board.document.render(.html)
        #expect(Self.wellFormed(html).0, "\(Self.wellFormed(html).1)")
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; “中文”，【括号】"))
        let md = board.document.render(.md)
        #expect(md.contains(#"\<script\>alert("x")\</script\> & 'quotes' “中文”，【括号】"#))
        let export = try #require(OpenDataExport(bank: catalogue.banks[0], date: CalendarDate("2025-02-01")!)).json
        #expect((try? JSONParser.parse(export)) != nil)
    }

    @Test func changeAnnouncementListsEveryChange() throws {
        let version = try #require(Self.bank.version(id: "2027-01"))
        let announcement = try #require(ChangeAnnouncement(bank: Self.bank, version: version))
        let diff = announcement.diff
        #expect(Set(diff.items.map(\.code)) == ["card.express", "transfer.interbank.counter", "remit.overseas", "document.deposit-certificate", "safebox.rent-small"])
        #expect(diff.items.first { $0.code == "remit.overseas" }?.change == .mixed)
        #expect(diff.items.first { $0.code == "safebox.rent-small" }?.change == .raised)
        #expect(diff.waivers.map(\.id) == ["south-overseas-atm-promo"])
        let html = announcement.document.render(.html)
        #expect(Self.wellFormed(html).0)
        for phrase in ["收费标准调整公告", "Notice of fee changes", "2026-09-15", "2027-01-01", "108 天", "108 days", "上调的收费", "新增的收费项目",
                       "每个·年 300.00 元", "每个·年 360.00 元", "95500", version.fingerprintGroups] {
            #expect(html.contains(phrase), "\(phrase)")
        }
        #expect(ChangeAnnouncement(bank: Self.bank, version: Self.bank.versions[0]) == nil)
        let lowering = try #require(ChangeAnnouncement(bank: Self.bank, version: Self.bank.version(id: "2026-03")!))
        #expect(lowering.diff.items.allSatisfy { $0.change == .lowered })
    }

    @Test func catalogueHasEveryVersion() {
        let catalogue = PriceCatalogue(bank: Self.bank, date: Self.day)
        let html = catalogue.document.render(.html, layout: .screen)
        #expect(Self.wellFormed(html).0)
        for v in Self.bank.versions {
            #expect(html.contains("收费标准 <span class=\"nw\">\(v.version)</span> 版"))
            #expect(html.contains(v.fingerprintGroups))
        }
        #expect(html.contains("已废止") && html.contains("现行") && html.contains("已公告，尚未执行"))
    }

    @Test func exportIsStableOpenData() throws {
        let export = try #require(OpenDataExport(bank: Self.bank, date: Self.day))
        let text = export.json
        #expect(text == OpenDataExport(bank: Self.bank, date: Self.day)!.json)
        let root = try JSONParser.parse(text)
        func string(_ path: String) -> String? { if case .string(let s)? = root.node(at: path)?.value { return s }; return nil }
        #expect(string("format") == "fees-open-data/1")
        #expect(string("version.id") == "2026-03")
        #expect(string("version.fingerprint") == export.table.fingerprint)
        #expect(string("announced_versions[0].id") == "2027-01")
        guard case .array(let items)? = root.node(at: "items")?.value else { Issue.record("no items"); return }
        #expect(items.count == export.table.items.count)
        #expect(string("items[11].code") == "transfer.interbank.counter")
        #expect(string("items[11].fee.bands[1].from") == "10000.01")
        #expect(string("items[11].fee.bands[4].rate") == "0.00002")
        #expect(root.bool(at: "items[0].free") == true)
        #expect(root.bool(at: "items[2].suspended") == true)
        #expect(string("waivers[4].eligibility.tier_at_least") == "gold")
        #expect(string("waivers[4].eligibility.free_uses.per") == "month")
    }

    @Test func outputIsWrittenAtomicallyAndBadPathsAreRefused() throws {
        let dir = NSTemporaryDirectory() + "atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/board.html"
        try "previous board".write(toFile: path, atomically: false, encoding: .utf8)
        // A failing run (no table in effect) leaves the previous board untouched.
        let failed = try FeesBinary.run(["board", "--out", path, "--tables", TellerSnapshotTests.demoTables, "--date", "2020-01-01"])
        #expect(failed.status == 1)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous board")
        let ok = try FeesBinary.run(["board", "--out", path, "--tables", TellerSnapshotTests.demoTables, "--date", "2026-11-23"])
        #expect(ok.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["board.html"])  // no temporary file left
        // A missing directory on the way is made; a path through a file is refused (exit 3).
        let missingDir = try FeesBinary.run(["board", "--out", dir + "/no/such/dir/board.html", "--tables", TellerSnapshotTests.demoTables, "--date", "2026-11-23"])
        #expect(missingDir.status == 0, "\(missingDir.stderr)")
        #expect(try String(contentsOfFile: dir + "/no/such/dir/board.html", encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        let throughFile = try FeesBinary.run(["board", "--out", path + "/board.html", "--tables", TellerSnapshotTests.demoTables, "--date", "2026-11-23"])
        #expect(throughFile.status == 3)
        #expect(throughFile.stderr.hasPrefix("error: 无法写入 '\(path)/board.html'"), "\(throughFile.stderr)")
    }
}

/// `--lang` takes one tag or a list for every notice; the list's order is the order shown.
@Suite struct NoticeLanguageTests {
    @Test(arguments: [["board", "--branch", "sh-lujiazui", "--depth", "summary", "--date", "2026-11-23"], ["changes", "--to", "2027-01"], ["catalog"]])
    func everyNoticeTakesOneLanguageOrAList(command: [String]) throws {
        let bank = PublishingTests.demo.banks[0].profile.name
        for (lang, first) in [("zh-Hans,en", bank.text("zh-Hans") + " / " + bank.text("en")),
                              ("en,zh-Hans", bank.text("en") + " / " + bank.text("zh-Hans")),
                              ("en", bank.text("en"))] {
            let r = try FeesBinary.run(command + ["--format", "txt", "--lang", lang, "--tables", TellerSnapshotTests.demoTables])
            #expect(r.status == 0, "\(command) --lang \(lang): \(r.stderr)")
            #expect(r.stdout.split(separator: "\n").first.map(String.init) == first, "\(command) --lang \(lang)")
        }
        let wrong = try FeesBinary.run(command + ["--lang", "zh-Hans,fr", "--tables", TellerSnapshotTests.demoTables])
        #expect(wrong.status == 2)
        // The first tag asked for, zh-Hans, is the language of the message.
        #expect(wrong.stderr.contains(CommandMessage.notALanguage(tag: "fr", bank: "demo-bank", languages: ["zh-Hans", "en"]).text(.chinese)), "\(wrong.stderr)")
    }
}

import Foundation
import Testing
import FeeKit

/// The structure the notices' print and phone layouts rely on (checked in real Chromium by
/// Scripts/notice-check): captions, header scope, card labels, bands as a table, page feet,
/// large print and branch screens.
@Suite struct NoticeLayoutTests {
    static let bank = PublishingTests.demo.banks[0]
    static let day = CalendarDate("2026-11-23")!

    static func board(_ depth: BoardDepth = .full, languages: [String]? = nil) -> Document {
        NoticeBoard(bank: bank, date: day, branch: bank.profile.branch("sh-lujiazui"), languages: languages, depth: depth)!.document
    }

    @Test func tablesCarryTheirHeadingAsCaptionAndLabelsForCards() {
        let html = Self.board().render(.html, layout: .a4)
        let categories = Self.bank.version(on: Self.day)!.categories
        #expect(html.components(separatedBy: "<caption>").count - 1 >= categories.count)
        #expect(!html.contains("<th>"), "every header cell has its scope")
        #expect(html.contains("<th scope=\"col\">"))
        #expect(html.contains("<td data-label=\"收费标准 / Price\">"))
        // Every text in a language span; item codes marked as not a language, wrapping at separators.
        #expect(html.contains("<span lang=\"zxx\" translate=\"no\" class=\"l3\">transfer.<wbr/>interbank.<wbr/>counter</span>"))
    }

    @Test func bandsAreARangePriceTableWithBoundsThatCannotBeReadTwoWays() {
        let html = Self.board().render(.html, layout: .a4)
        #expect(html.contains("<dl class=\"bands\"><dt>10,000.00 元（含）以下</dt><dd>每笔 5.00 元</dd>"))
        #expect(html.contains("<dt>超过 10,000.00 元 至 100,000.00 元（含）</dt>"))
        #expect(!html.contains("以上至"))
        // Plain formats get the same bands as lines.
        let text = Self.board().render(.txt)
        #expect(text.contains("超过 10,000.00 元 至 100,000.00 元（含）：每笔 10.00 元"))
        #expect(!text.contains("\u{1E}") && !text.contains("\u{1F}"))
    }

    @Test func printedPagesCarryTheirNumberAndTheFingerprint() {
        let table = Self.bank.version(on: Self.day)!
        let zh = Self.board().render(.html, layout: .a4), en = Self.board(languages: ["en", "zh-Hans"]).render(.html, layout: .a4)
        #expect(zh.contains("@page { size: A4 portrait;"))
        #expect(zh.contains("content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\""))
        #expect(en.contains("content: \"Page \" counter(page) \" of \" counter(pages)"))
        #expect(zh.contains(table.pageMark))
        #expect(table.fingerprintGroups.filter { $0 != " " } == table.fingerprint)
        let groups: [Substring] = table.fingerprintGroups.split(separator: " ")
        #expect(groups.count == 4 && groups.first?.count == 7 + 16 && groups.dropFirst().allSatisfy { $0.count == 16 })
        // Type: 16 pt on the A3 poster, 11 pt in the A4 booklet, 1.5× with large print.
        #expect(Self.board(.summary).render(.html, layout: .a3).contains("font-size: 16.0pt"))
        #expect(zh.contains("font-size: 11.0pt"))
        var large = Self.board()
        large.options.largePrint = true
        #expect(large.render(.html, layout: .a4).contains("font-size: 16.5pt"))
    }

    @Test func aBranchScreenIsASetOfPagesThatAdvanceByThemselves() {
        let screens = Self.board().screens(name: { "screen-\($0 + 1).html" })
        #expect(screens.count > 5)
        for (k, s) in screens.enumerated() {
            let html = s.render(.html, layout: .display)
            #expect(html.contains("<meta http-equiv=\"refresh\" content=\"20; url=screen-\((k + 1) % screens.count + 1).html\"/>"))
            #expect(html.contains("第 \(k + 1) / \(screens.count) 屏"))
            #expect(PublishingTests.wellFormed(html).0)
        }
        // Every item of the board is on some screen.
        let all = screens.map { $0.render(.html, layout: .display) }.joined()
        for item in Self.bank.version(on: Self.day)!.items { #expect(all.contains(HTMLRenderer.escape(item.name.text("zh-Hans"))), "\(item.code)") }
    }

    /// Branch screens are filled: a screen of the price list holds as many rows as its room takes,
    /// and a short category shares the screen before it when both fit (the room is an estimate
    /// from the text; notice-check measures the screens in Chromium).
    @Test func branchScreensHoldAsManyRowsAsFit() {
        let screens = Self.board().screens(name: { "screen-\($0 + 1).html" })
        let hidden = Document.displayHiddenColumns["items"]!
        // The price list's tables on each screen, and the estimated height of each one's rows.
        let tables: [[Int]] = screens.map { screen in
            screen.blocks.compactMap { block -> Int? in
                guard case .section(_, let inner) = block, inner.count == 2, case .table("items", let columns, let rows) = inner[1] else { return nil }
                return rows.reduce(0) { $0 + DisplayRoom.height(of: $1, hidden: hidden, shownColumns: columns.count - hidden.count) }
            }
        }
        // Six one-row categories: two screens of three, not six screens of one.
        let row: [DocText] = (0..<7).map { ["c\($0)"] }
        let short = Document(languages: ["en"], title: ["t"], blocks: [.heading(level: 1, ["Bank"])] + (1...6).map { k in
            .section(className: "category", [.heading(level: 2, ["Category \(k)"]), .table(className: "items", columns: (0..<7).map { ["h\($0)"] }, rows: [row])])
        })
        let shared = short.screens(name: { "s\($0).html" })
        let perScreen = (DisplayRoom.rows + DisplayRoom.section) / (DisplayRoom.height(of: row, hidden: hidden, shownColumns: 4) + DisplayRoom.section)
        #expect(perScreen >= 2 && shared.count == (6 + perScreen - 1) / perScreen, "\(shared.count) screens for six short categories")
        for (k, loads) in tables.enumerated() where !loads.isEmpty {
            let used = loads.reduce(0, +) + DisplayRoom.section * (loads.count - 1)
            let room = k == 0 ? DisplayRoom.rows - DisplayRoom.masthead : DisplayRoom.rows
            #expect(used <= room || loads.count == 1, "screen \(k + 1) holds \(used) px of rows in \(room)")
            if k + 1 < tables.count, let next = tables[k + 1].first {
                #expect(used + DisplayRoom.section + next > room, "screen \(k + 2)'s first table would have fit on screen \(k + 1)")
            }
        }
    }

    @Test func theA3PosterIsTheShortFormAndDisplayNeedsADirectory() throws {
        let tables = TellerSnapshotTests.demoTables
        let poster = try FeesBinary.run(["board", "--tables", tables, "--date", "2026-11-23"])
        #expect(poster.stdout.contains("常用服务价格公示（简版）"))
        let booklet = try FeesBinary.run(["board", "--tables", tables, "--date", "2026-11-23", "--layout", "a4"])
        #expect(booklet.stdout.contains("服务价格公示") && !booklet.stdout.contains("（简版）"))
        let noDir = try FeesBinary.run(["board", "--tables", tables, "--date", "2026-11-23", "--layout", "display"])
        #expect(noDir.status == 2)
        // A usage mistake like every other: the message, the usage line of `fees board --help`, the pointer.
        let help = try FeesBinary.run(["board", "--help"]).stdout
        let usage = try #require(help.components(separatedBy: "USAGE: ").dropFirst().first?.components(separatedBy: "\n").first)
        #expect(noDir.stderr == "error: " + CommandMessage.needsOutDirectory(option: "--layout display", per: .screen).text(.chinese) + "\n"
                    + CommandMessage.usage(usage, help: "board", .chinese), "\(noDir.stderr)")
        let dir = NSTemporaryDirectory() + "screens-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try FeesBinary.run(["board", "--tables", tables, "--date", "2026-11-23", "--layout", "display", "--out", dir])
        #expect(r.status == 0, "\(r.stderr)")
        let screens = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(screens.contains("screen-01.html"))
        // What was written, from the catalogue: the bank's first language, else --lang.
        #expect(r.stdout == CommandMessage.screensWritten(count: screens.count, directory: dir, first: "screen-01.html").text(.chinese) + "\n", "\(r.stdout)")
        let en = try FeesBinary.run(["board", "--tables", tables, "--date", "2026-11-23", "--layout", "display", "--lang", "en", "--out", dir + "-en"])
        defer { try? FileManager.default.removeItem(atPath: dir + "-en") }
        let enScreens = try FileManager.default.contentsOfDirectory(atPath: dir + "-en").count
        #expect(en.stdout == CommandMessage.screensWritten(count: enScreens, directory: dir + "-en", first: "screen-01.html").text(.english) + "\n", "\(en.stdout)")
        let txt = try FeesBinary.run(["board", "--tables", tables, "--date", "2026-11-23", "--format", "txt", "--large-print"])
        #expect(txt.status == 2)
    }

    /// The A3 short form in two languages is a poster per language, in the list's order: each sheet
    /// holds one language only (its texts' `lang`), sheets start a new page and carry no page numbers.
    @Test func aBilingualA3PosterIsAPosterPerLanguage() throws {
        let tables = TellerSnapshotTests.demoTables
        for (list, order) in [("zh-Hans,en", ["zh-Hans", "en"]), ("en,zh-Hans", ["en", "zh-Hans"])] {
            let r = try FeesBinary.run(["board", "--tables", tables, "--date", "2026-11-23", "--branch", "sh-lujiazui", "--lang", list])
            #expect(r.status == 0, "\(r.stderr)")
            let sheets = r.stdout.components(separatedBy: "<section class=\"sheet\">").dropFirst()
            #expect(sheets.count == 2, "\(list)")
            for (sheet, tag) in zip(sheets, order) {
                let langs = Set(sheet.components(separatedBy: "<span lang=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) })
                #expect(langs == [tag] || langs == [tag, "zxx"], "\(list): a sheet in \(tag) holds \(langs.sorted())")
                #expect(sheet.contains(tag == "en" ? "Service prices at a glance" : "常用服务价格公示（简版）"))
            }
            #expect(!r.stdout.contains("counter(page)"), "a poster stands alone: no page numbers")
            #expect(PublishingTests.wellFormed(r.stdout).0)
        }
        // One language, the booklet and the screen stay one document in every language given.
        for extra in [["--lang", "en"], ["--layout", "a4"], ["--layout", "screen"], ["--depth", "summary", "--layout", "a4"]] {
            let r = try FeesBinary.run(["board", "--tables", tables, "--date", "2026-11-23"] + extra)
            #expect(r.status == 0 && !r.stdout.contains("class=\"sheet\""), "\(extra)")
        }
    }

    /// The HTML statement takes large print like every notice (1.5× type); other formats refuse it.
    @Test func theStatementComesInLargePrint() throws {
        let tables = TellerSnapshotTests.demoTables
        let line = Array(#"{"customer_ref":"R1","bank":"demo-bank","item":"cheque.leaf","date":"2026-05-02","quantity":2}"#.utf8) + [0x0A]
        let base = ["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--tables", tables]
        let normal = try FeesBinary.run(base + ["--format", "html"], stdin: line)
        let large = try FeesBinary.run(base + ["--format", "html", "--large-print"], stdin: line)
        #expect(normal.status == 0 && large.status == 0, "\(large.stderr)")
        #expect(normal.stdout.contains("font-size: 11.0pt") && !normal.stdout.contains("<body class=\"a4 large\">"))
        #expect(large.stdout.contains("font-size: 16.5pt") && large.stdout.contains("<body class=\"a4 large\">"))
        #expect(PublishingTests.wellFormed(large.stdout).0)
        let text = try FeesBinary.run(base + ["--large-print"], stdin: line)
        #expect(text.status == 2 && text.stderr.contains(CommandMessage.statementLargePrintIsForHTML.text(.chinese)), "\(text.stderr)")
        let partial = try FeesBinary.run(base + ["--format", "html", "--large-print", "--partial"], stdin: line)
        #expect(partial.status == 2 && partial.stderr.contains(CommandMessage.notWith(option: "large-print", flag: "partial").text(.chinese)), "\(partial.stderr)")
    }

    /// The letters telling customers of a raise come in large print too (a senior reads them at
    /// home); the SMS text and JSON Lines refuse the flag.
    @Test func theLettersComeInLargePrint() throws {
        let tables = TellerSnapshotTests.demoTables
        let line = Array(#"{"customer_ref":"R1","bank":"demo-bank","item":"document.deposit-certificate","date":"2026-05-02","quantity":1}"#.utf8) + [0x0A]
        let base = ["notify", "--for", "2027-01", "--tables", tables]
        let normal = try FeesBinary.run(base + ["--format", "html"], stdin: line)
        let large = try FeesBinary.run(base + ["--format", "html", "--large-print"], stdin: line)
        #expect(normal.status == 0 && large.status == 0, "\(large.stderr)")
        #expect(normal.stdout.contains("font-size: 11.0pt") && !normal.stdout.contains("<body class=\"a4 large\">"))
        #expect(large.stdout.contains("font-size: 16.5pt") && large.stdout.contains("<body class=\"a4 large\">"))
        #expect(large.stdout.contains("R1") && large.stdout.contains("30.00 元"))
        let english = try FeesBinary.run(base + ["--format", "html", "--lang", "en"], stdin: line)
        #expect(english.status == 0 && english.stdout.contains("Dear customer") && !english.stdout.contains("尊敬的客户"), "--lang gives the letters' language")
        #expect(normal.stdout.contains("Dear customer") && normal.stdout.contains("尊敬的客户"), "without --lang, every language of the bank")
        let list = try FeesBinary.run(base + ["--format", "html", "--lang", "en,zh-Hans"], stdin: line)
        #expect(list.status == 0 && !list.stdout.contains("lang=\"en,zh-Hans\""), "a list is split into its tags")
        let first = try #require(list.stdout.range(of: "Dear customer")), second = try #require(list.stdout.range(of: "尊敬的客户"))
        #expect(first.lowerBound < second.lowerBound, "the list's order is the order shown")
        #expect(PublishingTests.wellFormed(large.stdout).0)
        for format in ["text", "jsonl"] {
            let refused = try FeesBinary.run(base + ["--format", format, "--large-print"], stdin: line)
            #expect(refused.status == 2 && refused.stderr.contains(CommandMessage.statementLargePrintIsForHTML.text(.chinese)), "\(format): \(refused.stderr)")
        }
    }

    /// Each customer's letter and statement is a part of the run printed on pages of its own: a
    /// named page per customer, so Chromium starts it on a new page and puts the customer's
    /// reference at the foot of each of its pages (a continuation page says whose it is).
    @Test func eachCustomersLetterAndStatementHasPagesOfItsOwn() throws {
        let tables = TellerSnapshotTests.demoTables
        let lines = [("R1", "document.deposit-certificate"), ("R2", "document.deposit-certificate"), ("R2", "cheque.leaf")].map {
            #"{"customer_ref":"\#($0.0)","bank":"demo-bank","item":"\#($0.1)","date":"2026-05-02","quantity":1}"#
        }.joined(separator: "\n") + "\n"
        let runs = [
            ("letter", "客户编号 ", try FeesBinary.run(["notify", "--for", "2027-01", "--tables", tables, "--format", "html", "--lang", "zh-Hans"], stdin: Array(lines.utf8))),
            ("customer", "客户编号 ", try FeesBinary.run(["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--tables", tables, "--format", "html", "--lang", "zh-Hans"], stdin: Array(lines.utf8))),
        ]
        for (kind, label, r) in runs {
            #expect(r.status == 0, "\(kind): \(r.stderr)")
            let parts = r.stdout.components(separatedBy: "<section class=\"part \(kind)\"").dropFirst()
            #expect(parts.count == 2, "\(kind): one part per customer")
            // A part runs to the next part's page rule.
            for (part, ref) in zip(parts.map { $0.components(separatedBy: "<style>")[0] }, ["R1", "R2"]) {
                let name = "part-" + (label + ref).utf8.map { String(format: "%02x", $0) }.joined()
                #expect(part.hasPrefix(" style=\"page: \(name)\">"), "\(kind) \(ref): its own named page")
                #expect(r.stdout.contains("@page \(name) { @bottom-right { content: \"\(label)\(ref)\";"), "\(kind) \(ref): the reference at the foot")
                #expect(part.contains(ref) && !part.contains(ref == "R1" ? "R2" : "R1"), "\(kind) \(ref): the part holds this customer only")
                #expect(part.contains("示范商业银行"), "\(kind) \(ref): the bank's name on every customer's part")
            }
            #expect(PublishingTests.wellFormed(r.stdout).0)
        }
        // The statement's summary is the bank's: a section of its own after the last customer's
        // part, starting a new page, never inside a part.
        let statement = runs[1].2.stdout
        let summary = try #require(statement.range(of: "<section class=\"run-summary\">"))
        let lastPart = try #require(statement.range(of: "<section class=\"part customer\"", options: .backwards))
        #expect(lastPart.upperBound < summary.lowerBound && statement[lastPart.upperBound..<summary.lowerBound].contains("</section>"))
        #expect(statement.contains("section.part, section.run-summary { break-before: page;"))
    }

    /// A part's mark is written into a CSS string: nothing in it ends the string or the style element.
    @Test func aPartsMarkCannotEndItsStyle() {
        let doc = Document(languages: ["en"], title: ["t"], blocks: [.part(className: "letter", mark: "R\"1</style>&\\", [.paragraph(["x"])])])
        let html = doc.render(.html, layout: .a4)
        #expect(html.contains("content: \"R1/style\";"))
        #expect(PublishingTests.wellFormed(html).0)
    }

    /// The full list marks, in each price cell, what an announced version changes: old → new and the
    /// day it applies, in words (not by colour alone); an item the version leaves alone is not marked.
    @Test func theBookletMarksEachPriceAnAnnouncedVersionChanges() {
        let html = Self.board().render(.html, layout: .a4)
        let next = Self.bank.versions.first { $0.version == "2027-01" }!
        let diff = VersionDiff(from: Self.bank.version(on: Self.day)!, to: next)
        #expect(!diff.items.isEmpty)
        let rows = html.components(separatedBy: "<tr>").dropFirst()
        for item in Self.bank.version(on: Self.day)!.items {
            guard let row = rows.first(where: { $0.contains(">\(HTMLRenderer.escape(item.name.text("en")))</span>") && $0.contains("<td data-label") }) else {
                Issue.record("no row for \(item.code)"); continue
            }
            let changed = diff.items.contains { $0.code == item.code }
            #expect(row.contains("▲ 自 <span class=\"nw\">2027-01-01</span> 起调整：") == changed, "\(item.code)")
            #expect(row.contains("▲ From <span class=\"nw\">2027-01-01</span>: ") == changed, "\(item.code)")
        }
        #expect(html.contains("▲ 自 <span class=\"nw\">2027-01-01</span> 起调整：超过 100,000.00 元 至 500,000.00 元（含）：每笔 15.00 元 → 每笔 18.00 元"))
        #expect(html.contains("▲ From <span class=\"nw\">2027-01-01</span>: ¥20.00 per copy → ¥30.00 per copy"))
    }
}

/// The teller's disclosure slip says which band applied and what an announced version changes.
@Suite struct DisclosureSlipTests {
    @Test func theSlipMarksTheBandThatAppliedAndAnnouncedChanges() throws {
        let tables = TellerSnapshotTests.demoTables
        let r = try FeesBinary.run(["quote", "transfer.interbank.counter", "--amount", "50000", "--slip", "--lang", "en", "--date", "2026-11-23", "--tables", tables])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasSuffix("← applies") } == ["  over ¥10,000.00 up to ¥100,000.00 (inclusive): ¥10.00 per transaction  ← applies"])
        let promo = try FeesBinary.run(["quote", "cash.atm.overseas", "--amount", "3000", "--branch", "gz-tianhe", "--slip", "--lang", "en", "--date", "2026-11-23", "--tables", tables])
        #expect(promo.stdout.contains("Announced change: From 2027-01-01 (version 2027-01, announced 2026-09-15) this will cost ¥45.00"), "\(promo.stdout)")
        #expect(!promo.stdout.contains("now to"))
    }

    /// Dates, versions and references stay on one line (a browser breaks after a hyphen before a
    /// digit: `2026-` / `01-01`); a compound word may still break at its hyphen, and ids keep their
    /// break opportunities.
    @Test func datesAndReferencesAreHeldOnOneLine() {
        var out: [UInt8] = []
        HTMLRenderer.appendText("收费明细 2026-01-01 至 2026-12-31 (H-01) government-guided a/b", to: &out, breakable: false)
        #expect(String(decoding: out, as: UTF8.self)
            == "收费明细 <span class=\"nw\">2026-01-01</span> 至 <span class=\"nw\">2026-12-31</span> (<span class=\"nw\">H-01</span>) government-guided a/b")
        out = []
        HTMLRenderer.appendText("demo-bank/2025-01", to: &out, breakable: true)
        #expect(String(decoding: out, as: UTF8.self) == "demo-<wbr/>bank/<wbr/>2025-<wbr/>01")
        out = []
        HTMLRenderer.appendText("A&B 1-2 <x>", to: &out, breakable: false)
        #expect(String(decoding: out, as: UTF8.self) == "A&amp;B <span class=\"nw\">1-2</span> &lt;x&gt;")
    }
}

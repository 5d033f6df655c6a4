import Foundation
import Testing
import FeeKit
import FeeTestSupport

/// The inputs the fuzzers found, and their seed corpus, replayed through the fuzz targets' checks.
@Suite struct FailCasesReplayTests {
    static let repository = URL(fileURLWithPath: Fixtures.root).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let demoBank = PublishingTests.demo.banks[0]

    static func files(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { directory + "/" + $0 }
    }

    static func inputs(_ target: String) -> [String] {
        files(Fixtures.root + "/fail-cases/" + target) + files(repository + "/Fuzz/corpus/" + target)
    }

    @Test func loaderInputsKeepTheirInvariants() {
        let inputs = Self.inputs("loader")
        #expect(!inputs.isEmpty)
        for path in inputs {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            #expect(Invariants.checkTable(bytes, bank: Self.demoBank) == nil, "\(path)")
        }
    }

    @Test func requestInputsKeepTheirInvariants() {
        let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: PublishingTests.demo), explain: false)
        let inputs = Self.inputs("request")
        #expect(!inputs.isEmpty)
        for path in inputs {
            var bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            bytes.removeAll { $0 == 0x0A }
            #expect(Invariants.checkRequestLine(bytes, quoter: quoter) == nil, "\(path)")
        }
    }

    @Test func quoteInputsKeepTheirInvariants() {
        let calculator = FeeCalculator(catalogue: PublishingTests.demo)
        let inputs = Self.inputs("quote")
        #expect(!inputs.isEmpty)
        for path in inputs {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            #expect(Invariants.checkQuote(Invariants.request(from: bytes, bank: Self.demoBank), calculator: calculator) == nil, "\(path)")
        }
    }

    @Test func tellerAmountInputsKeepTheirInvariants() {
        let calculator = FeeCalculator(catalogue: PublishingTests.demo)
        let inputs = Self.inputs("amount")
        #expect(inputs.count >= 10)
        for path in inputs {
            let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            #expect(Invariants.checkTellerAmount(text, calculator: calculator) == nil, "\(path)")
        }
    }

    @Test func partialInputsKeepTheirInvariants() {
        let inputs = Self.inputs("partial")
        #expect(inputs.count >= 2)
        for path in inputs {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            // The seeds are real partials: they must read, or the target fuzzes only the refusals.
            if path.contains("/Fuzz/corpus/") { #expect((try? PartialFile.read(bytes).get()) != nil, "\(path)") }
            #expect(Invariants.checkPartial(bytes, bank: Self.demoBank) == nil, "\(path)")
        }
    }
}

/// Random valid tables and requests from a seeded generator: the calculator's invariants hold.
@Suite struct PropertyTests {
    static func money(_ rng: inout SeededRandom, _ max: Int = 50_000) -> Money { Money(minorUnits: Int128(Int.random(in: 0...max, using: &rng))) }

    static func formula(_ rng: inout SeededRandom, perUnit: Bool) -> SimpleFormula {
        var flat: Money?, rate: Rate?, min: Money?, max: Money?
        if perUnit || Bool.random(using: &rng) { flat = money(&rng, 5_000) }
        if !perUnit && (flat == nil || Bool.random(using: &rng)) { rate = try! Rate(hundredMillionths: Int128(Int.random(in: 0...2_000_000, using: &rng))) }
        if Int.random(in: 0...2, using: &rng) == 0 { min = money(&rng, 3_000) }
        if Int.random(in: 0...2, using: &rng) == 0 { max = Money(minorUnits: (min?.minorUnits ?? 0) + Int128(Int.random(in: 0...20_000, using: &rng))) }
        return try! SimpleFormula(flat: flat, rate: rate, min: min, max: max)   // a part always, and min ≤ max
    }

    static func table(_ rng: inout SeededRandom, effective: CalendarDate, version: String) -> FeeTable {
        let name = try! LocalizedText([("en", "x")])
        let tiers = (0..<Int.random(in: 1...4, using: &rng)).map { try! NamedEntry(id: "t\($0)", name: name) }
        let segments = (0..<Int.random(in: 0...2, using: &rng)).map { try! NamedEntry(id: "s\($0)", name: name) }
        let channels = (0..<Int.random(in: 0...2, using: &rng)).map { try! NamedEntry(id: "c\($0)", name: name) }
        let reasons = (0..<Int.random(in: 0...2, using: &rng)).map { try! Reason(id: "r\($0)", name: name, noFault: $0 == 0) }
        let items: [FeeItem] = (0..<Int.random(in: 1...6, using: &rng)).map { k in
            let fee: FeeFormula
            switch Int.random(in: 0...2, using: &rng) {
            case 0: fee = .simple(formula(&rng, perUnit: true))
            case 1: fee = .simple(formula(&rng, perUnit: false))
            default:
                var edge: Int128 = 0
                var bands: [Band] = []
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    edge += Int128(Int.random(in: 1...5_000_000, using: &rng))
                    bands.append(Band(upTo: Money(minorUnits: edge), formula: formula(&rng, perUnit: false)))
                }
                bands.append(Band(upTo: nil, formula: formula(&rng, perUnit: false)))
                fee = .banded(try! Bands(bands))   // strictly increasing edges and an open last band
            }
            return try! FeeItem(code: "g\(k % 2).i\(k)", category: "c", name: name, unit: name, pricing: .market, fee: fee)
        }
        let waivers: [Waiver] = (0..<Int.random(in: 0...5, using: &rng)).map { k in
            var tierAtLeast: String?, tierList: [String]?, segmentList: [String]?, minAge: Int?, channelList: [String]?
            var noFault = false, freeUses: FreeUses?
            if Int.random(in: 0...3, using: &rng) == 0 { tierAtLeast = tiers.randomElement(using: &rng)!.id }
            if Int.random(in: 0...3, using: &rng) == 0 { tierList = [tiers.randomElement(using: &rng)!.id] }
            if !segments.isEmpty && Int.random(in: 0...3, using: &rng) == 0 { segmentList = [segments.randomElement(using: &rng)!.id] }
            if Int.random(in: 0...3, using: &rng) == 0 { minAge = Int.random(in: 0...90, using: &rng) }
            if !channels.isEmpty && Int.random(in: 0...3, using: &rng) == 0 { channelList = [channels.randomElement(using: &rng)!.id] }
            if !reasons.isEmpty && Int.random(in: 0...4, using: &rng) == 0 { noFault = true }
            if Int.random(in: 0...3, using: &rng) == 0 { freeUses = try! FreeUses(count: Int.random(in: 1...5, using: &rng), period: .month) }
            let c = try! WaiverConditions(tiers: tierList, tierAtLeast: tierAtLeast, segments: segmentList, minAge: minAge,
                                          channels: channelList, noFault: noFault, freeUses: freeUses)
            let effect: WaiverEffect
            switch Int.random(in: 0...2, using: &rng) {
            case 0: effect = .percentOff(try! Percentage(hundredths: Int128(Int.random(in: 1...10_000, using: &rng))))
            case 1: effect = .amountOff(money(&rng, 3_000))
            default: effect = .fixedFee(money(&rng, 3_000))
            }
            let pattern: ItemPattern = Bool.random(using: &rng) ? .all : (Bool.random(using: &rng) ? ItemPattern("g0.*")! : ItemPattern(items.randomElement(using: &rng)!.code)!)
            return try! Waiver(id: "w\(k)", name: name, basis: nil, appliesTo: [pattern], conditions: c, effect: effect)
        }.filter { w in items.contains { w.applies(to: $0.code) } }
        let rounding = RoundingMode.allCases.randomElement(using: &rng)!
        return try! FeeTable(version: version, announcedOn: effective, effectiveFrom: effective, currency: Currency(code: "CNY", minorDigits: 2),
                        rounding: rounding, categories: [NamedEntry(id: "c", name: name)], tiers: tiers, segments: segments,
                        channels: channels, reasons: reasons, items: items, waivers: waivers, glossary: [], fingerprint: "sha256:x", fileName: "x.json")
    }

    static func bank(_ rng: inout SeededRandom) -> Bank {
        let profile = try! BankProfile(id: "p", name: LocalizedText([("en", "P")]), languages: ["en"], noticeDays: 90,
                                       contacts: Contacts(hotline: "1"), branches: [])
        let start = CalendarDate("2025-01-01")!
        return try! Bank(profile: profile, versions: (0..<Int.random(in: 1...3, using: &rng)).map { k in
            table(&rng, effective: start.adding(days: k * 100)!, version: "v\(k)")
        })
    }

    static func request(_ rng: inout SeededRandom, _ bank: Bank) -> QuoteRequest {
        let date = CalendarDate("2024-12-20")!.adding(days: Int.random(in: 0...400, using: &rng))!
        let t = bank.version(on: date) ?? bank.versions[0]
        let item = t.items.randomElement(using: &rng)!
        var r = QuoteRequest(item: item.code, date: date)
        if item.fee.needsAmount || Bool.random(using: &rng) { r.amount = Money(minorUnits: Int128(Int.random(in: 0...20_000_000, using: &rng))).plainText(minorDigits: 2) }
        if !item.fee.needsAmount && Bool.random(using: &rng) { r.quantity = Int.random(in: 1...40, using: &rng) }
        if Bool.random(using: &rng) { r.customer.tier = t.tiers.randomElement(using: &rng)!.id }
        if Bool.random(using: &rng), let s = t.segments.randomElement(using: &rng) { r.customer.segments = [s.id] }
        if Bool.random(using: &rng) { r.customer.age = Int.random(in: 0...100, using: &rng) }
        if Bool.random(using: &rng) { r.channel = t.channels.randomElement(using: &rng)?.id }
        if Bool.random(using: &rng) { r.reason = t.reasons.randomElement(using: &rng)?.id }
        if Bool.random(using: &rng) { r.usesInPeriod = Int.random(in: 0...6, using: &rng) }
        return r
    }

    @Test func invariantsHoldOnRandomTablesAndRequests() throws {
        var rng = SeededRandom(seed: 8)
        var quoted = 0, waived = 0
        for _ in 0..<300 {
            let bank = Self.bank(&rng)
            let calculator = FeeCalculator(catalogue: try Catalogue(banks: [bank]))
            for _ in 0..<40 {
                let r = Self.request(&rng, bank)
                #expect(Invariants.checkQuote(r, calculator: calculator) == nil, "\(r)")
                if case .success(let q) = calculator.quote(r) {
                    quoted += 1
                    if q.applied != nil { waived += 1 }
                    // Without waivers the gross fee is what remains when every waiver is removed.
                    let bare = try! Bank(profile: bank.profile, versions: bank.versions.map { t in
                        try FeeTable(version: t.version, announcedOn: t.announcedOn, effectiveFrom: t.effectiveFrom, currency: t.currency, rounding: t.rounding,
                                 categories: t.categories, tiers: t.tiers, segments: t.segments, channels: t.channels, reasons: t.reasons,
                                 items: t.items, waivers: [], glossary: [], fingerprint: t.fingerprint, fileName: t.fileName)
                    })
                    let plain = try? FeeCalculator(catalogue: Catalogue(banks: [bare])).quote(r).get()
                    #expect(plain?.net == q.gross, "a waiver changed the gross fee")
                    #expect(q.net <= q.gross)
                }
            }
        }
        #expect(quoted > 5_000 && waived > 500, "quoted \(quoted), waived \(waived)")
    }

    @Test func eightThreadsGiveTheSameAnswersAsOne() async throws {
        var rng = SeededRandom(seed: 99)
        let bank = Self.bank(&rng)
        let calculator = FeeCalculator(catalogue: try Catalogue(banks: [bank]))
        let requests = (0..<2_000).map { _ in Self.request(&rng, bank) }
        let single = requests.map { r in (try? calculator.quote(r).get()).map { "\($0.gross.minorUnits)/\($0.net.minorUnits)/\($0.applied?.id ?? "-")" } ?? "error" }
        let parallel = await withTaskGroup(of: (Int, [String]).self) { group in
            for t in 0..<8 {
                group.addTask {
                    (t, requests.map { r in (try? calculator.quote(r).get()).map { "\($0.gross.minorUnits)/\($0.net.minorUnits)/\($0.applied?.id ?? "-")" } ?? "error" })
                }
            }
            var all: [[String]] = Array(repeating: [], count: 8)
            for await (t, answers) in group { all[t] = answers }
            return all
        }
        for answers in parallel { #expect(answers == single) }
    }
}

/// Hostile input: each gets a clear error, nothing crashes or hangs, nothing is lost.
@Suite struct HostileInputTests {
    let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: Fixtures.exampleCatalogue), explain: false)

    func answer(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        quoter.answer(line: bytes, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static let good = #"{"id":"good","item":"cheque.leaf","date":"2025-02-10"}"#

    static var hostileLines: [(String, [UInt8], String)] {
        [
            ("truncated", Array(#"{"id":1,"item":"cheque.le"#.utf8), "invalid_request"),
            ("byte-order mark", [0xEF, 0xBB, 0xBF] + Array(good.utf8), "invalid_request"),
            ("invalid UTF-8", Array(#"{"item":""#.utf8) + [0xC3, 0x28] + Array(#"","date":"2025-02-10"}"#.utf8), "invalid_request"),
            ("NUL byte", Array(#"{"item":"cheque.leaf","date":"2025-02-10""#.utf8) + [0x00] + [0x7D], "invalid_request"),
            ("NUL inside a string", Array(#"{"item":"cheque"#.utf8) + [0x00] + Array(#".leaf","date":"2025-02-10"}"#.utf8), "invalid_request"),
            ("deep nesting", Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8), "invalid_request"),
            ("deep nesting in customer", Array((#"{"item":"cheque.leaf","date":"2025-02-10","customer":"# + String(repeating: "[", count: 5_000)).utf8), "invalid_request"),
            ("1e400 amount", Array(#"{"item":"transfer.other-bank.counter","date":"2025-02-10","amount":1e400}"#.utf8), "invalid_amount"),
            ("-0 quantity", Array(#"{"item":"cheque.leaf","date":"2025-02-10","quantity":-0}"#.utf8), "invalid_quantity"),
            ("money as a number", Array(#"{"item":"transfer.other-bank.counter","date":"2025-02-10","amount":100.5}"#.utf8), "invalid_amount"),
            ("duplicate key", Array(#"{"item":"cheque.leaf","date":"2025-02-10","date":"2025-02-11"}"#.utf8), "invalid_request"),
            ("enormous array", Array((#"{"item":"cheque.leaf","date":"2025-02-10","customer":{"segments":["# + Array(repeating: "\"student\"", count: 90_000).joined(separator: ",") + "]}}").utf8), "ok"),
            ("path-like bank", Array(#"{"bank":"../../etc","item":"cheque.leaf","date":"2025-02-10"}"#.utf8), "unknown_bank"),
            ("path-like item", Array(#"{"item":"../../etc/passwd","date":"2025-02-10"}"#.utf8), "unknown_item"),
            ("control characters in an id", Array(#"{"id":"\u0007\u001b[31m","item":"cheque.leaf","date":"2025-02-10"}"#.utf8), "ok"),
            ("10 MB line", Array((#"{"id":""# + String(repeating: "x", count: 10_000_000) + #"","item":"cheque.leaf","date":"2025-02-10"}"#).utf8), "invalid_request"),
        ]
    }

    @Test func everyHostileLineGetsAClearAnswer() {
        for (name, bytes, expected) in Self.hostileLines {
            let a = answer(bytes)
            #expect(a.hasSuffix("\n") && a.dropLast().contains("\n") == false, "\(name)")
            if expected == "ok" {
                #expect(a.contains(#""ok":true"#), "\(name): \(a.prefix(200))")
            } else {
                #expect(a.contains(#""ok":false,"error":{"code":"\#(expected)""#), "\(name): \(a.prefix(300))")
            }
        }
    }

    @Test func aFileWithBadLinesStillAnswersEveryGoodLine() {
        var input: [UInt8] = []
        for (_, bytes, _) in Self.hostileLines where !bytes.contains(0x0A) {
            input += Array(Self.good.utf8) + [0x0A] + bytes + [0x0D, 0x0A]
        }
        input += Array(Self.good.utf8)  // no final newline
        let result = quoter.answerAll(input)
        let lines = result.output.split(separator: 0x0A)
        #expect(lines.count == Self.hostileLines.count * 2 + 1)
        let goodAnswers = lines.filter { $0.starts(with: Array(#"{"id":"good","ok":true"#.utf8)) }
        #expect(goodAnswers.count == Self.hostileLines.count + 1)
        #expect(result.allOK == false)
    }

    @Test func hostileTablesAreRejectedOrEscaped() {
        let base = Fixtures.baseVersion
        let cases: [(String, String, String)] = [
            ("truncated", String(base.prefix(400)), "json_syntax"),
            // U+FFFF is a noncharacter but valid UTF-8: the file loads (raw invalid bytes are below).
            ("noncharacter U+FFFF", base.replacingOccurrences(of: "Cheque forms", with: "Cheque \u{FFFF}forms"), ""),
            ("NUL", base.replacingOccurrences(of: #""Cheque forms""#, with: "\"Cheque\u{0}forms\""), "json_syntax"),
            ("1e400 money", base.replacingOccurrences(of: #""flat": "0.40""#, with: #""flat": 1e400"#), "money_not_string"),
            ("-0 money", base.replacingOccurrences(of: #""flat": "0.40""#, with: #""flat": "-0""#), "invalid_money"),
            ("path id", base.replacingOccurrences(of: #""version": "2025-01""#, with: #""version": "../../etc""#), "invalid_id"),
            ("deep nesting", base.replacingOccurrences(of: #""reasons": ["#, with: #""reasons": "# + String(repeating: "[", count: 100_000)), "json_syntax"),
        ]
        for (name, text, code) in cases {
            let result = TempCatalogue.base(version: text).load()
            if code.isEmpty {
                #expect(result.catalogue != nil, "\(name): \(result.errors)")
            } else {
                #expect(result.errors.contains { $0.code == code }, "\(name): \(result.errors.map(\.code))")
            }
        }
        // Raw invalid UTF-8 bytes and a CRLF file.
        let bad = TempCatalogue(["example-bank/bank.json": Fixtures.baseBank]).directory
        defer { try? FileManager.default.removeItem(atPath: bad) }
        var bytes = Array(base.utf8)
        bytes.insert(contentsOf: [0xFF, 0xFE], at: bytes.firstIndex(of: UInt8(ascii: "C"))!)
        _ = FileManager.default.createFile(atPath: bad + "/example-bank/2025-01.json", contents: Data(bytes))
        let invalid = CatalogueLoader.load(directory: bad)
        #expect(invalid.errors.map(\.code) == ["json_syntax"])
        #expect(invalid.errors.first?.message.contains("UTF-8") == true)
        let crlf = TempCatalogue.base(version: base.replacingOccurrences(of: "\n", with: "\r\n")).load()
        #expect(crlf.catalogue != nil)
    }

    @Test func tableTextsWithMarkupAndControlCharactersAreEscapedOnEveryOutput() throws {
        let text = #"<img src=x onerror=alert(1)> \u0007 \u001b[31m &amp; \"q\""#
        let version = Fixtures.baseVersion.replacingOccurrences(of: #""en": "Debit card replacement""#, with: #""en": "\#(text)""#)
        let catalogue = try #require(TempCatalogue.base(version: version).load().catalogue)
        let board = try #require(NoticeBoard(bank: catalogue.banks[0], date: CalendarDate("2025-03-01")!))
        let html = board.document.render(.html)
        #expect(!html.contains("<img"))
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(PublishingTests.wellFormed(html).0, "\(PublishingTests.wellFormed(html).1)")
        let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: catalogue), explain: true)
        var out: [UInt8] = []
        quoter.answer(line: Array(#"{"item":"card.reissue","date":"2025-03-01","lang":"en"}"#.utf8), into: &out)
        #expect((try? JSONParser.parse(Array(out.dropLast()))) != nil)
        #expect(!out.contains(0x07) && !out.contains(0x1B))
    }

    @Test func oversizedTableFileIsAnError() {
        let directory = TempCatalogue(["example-bank/bank.json": Fixtures.baseBank]).directory
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let big = Data(repeating: 0x20, count: CatalogueLoader.maxFileBytes + 1)
        _ = FileManager.default.createFile(atPath: directory + "/example-bank/2025-01.json", contents: big)
        #expect(CatalogueLoader.load(directory: directory).errors.map(\.code) == ["file_too_large"])
    }
}

import Foundation
import Testing
import FeeKit

/// The teller's command line on the demo bank, compared with expected output files
/// (`Fixtures/cli/NAME.txt`). Set FEES_UPDATE_SNAPSHOTS=1 to rewrite them after a deliberate change.
@Suite struct TellerSnapshotTests {
    static let demoTables = URL(fileURLWithPath: Fixtures.root).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("FeeTables").path

    static let cases: [(name: String, arguments: [String])] = [
        ("quote-banded-gold-zh", ["quote", "transfer.interbank.counter", "--amount", "5万", "--tier", "gold"]),
        ("quote-banded-gold-en", ["quote", "transfer.interbank.counter", "--amount", "50,000.00", "--tier", "gold", "--lang", "en"]),
        ("quote-prefix-conditional-en", ["quote", "card.re", "--lang", "en"]),
        ("quote-free-uses-zh", ["quote", "cash.atm.other", "--tier", "gold"]),
        ("quote-announced-change-en", ["quote", "remit", "--amount", "20000", "--lang", "en"]),
        ("quote-announced-change-zh", ["quote", "document.deposit-certificate", "--quantity", "2"]),
        ("quote-promotion-en", ["quote", "cash.atm.overseas", "--amount", "3000", "--branch", "gz-tianhe", "--lang", "en"]),
        ("quote-slip-zh", ["quote", "card.reissue", "--reason", "lost", "--tier", "gold", "--slip"]),
        ("quote-slip-en", ["quote", "cash.atm.overseas", "--amount", "3000", "--branch", "gz-tianhe", "--slip", "--lang", "en"]),
        ("quote-suspended-en", ["quote", "account.small-balance", "--lang", "en"]),
        ("error-unknown-item", ["quote", "transfr.interbank"]),
        ("error-ambiguous-item", ["quote", "transfer.atm"]),
        ("error-amount-required-en", ["quote", "transfer.interbank.counter", "--lang", "en"]),
        ("error-bad-amount", ["quote", "transfer.interbank.counter", "--amount", "5 yuan"]),
        ("error-unknown-tier", ["quote", "card.reissue", "--tier", "vip"]),
        ("error-usage", ["quote"]),
        ("error-usage-en", ["quote", "--lang", "en"]),
        ("items-search-en", ["items", "transfer", "--lang", "en"]),
        ("items-search-zh", ["items", "证明"]),
        ("show-zh", ["show", "card.reissue"]),
        ("show-announced-item-en", ["show", "card.express", "--lang", "en"]),
        ("versions-en", ["versions", "--lang", "en"]),
    ]

    @Test(arguments: TellerSnapshotTests.cases.map(\.name))
    func outputMatchesSnapshot(name: String) throws {
        let arguments = Self.cases.first { $0.name == name }!.arguments + ["--tables", Self.demoTables, "--date", "2026-11-23"]
        let r = try FeesBinary.run(arguments)
        let actual = "$ fees \(Self.cases.first { $0.name == name }!.arguments.joined(separator: " "))\nexit: \(r.status)\n--- stdout\n\(r.stdout)--- stderr\n\(r.stderr.replacingOccurrences(of: Self.demoTables, with: "FeeTables"))"
        let path = Fixtures.root + "/cli/\(name).txt"
        if ProcessInfo.processInfo.environment["FEES_UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected)
    }

    /// Every demo item can be quoted from the command line, and the receipt shows the library's fee.
    @Test func everyDemoItemQuotesLikeTheLibrary() throws {
        let catalogue = try #require(CatalogueLoader.load(directory: Self.demoTables).catalogue)
        let calculator = FeeCalculator(catalogue: catalogue)
        let table = try #require(catalogue.banks[0].version(on: CalendarDate("2026-11-23")!))
        for item in table.items {
            var args = ["quote", item.code, "--tables", Self.demoTables, "--date", "2026-11-23", "--lang", "en"]
            var request = QuoteRequest(item: item.code, date: CalendarDate("2026-11-23")!)
            if item.fee.needsAmount { args += ["--amount", "12,345.67"]; request.amount = "12345.67" }
            let r = try FeesBinary.run(args)
            #expect(r.status == 0, "\(item.code): \(r.stderr)")
            let quote = try calculator.quote(request).get()
            #expect(r.stdout.contains("Fee to pay: ¥\(quote.net.groupedText(minorDigits: 2))\n"), "\(item.code)")
        }
    }

    @Test func jsonQuoteHasTheBatchStructureWithExplanationAndAnnouncedChanges() throws {
        let r = try FeesBinary.run(["quote", "remit.overseas", "--amount", "20000", "--json", "--tables", Self.demoTables, "--date", "2026-11-23"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix(#"{"id":null,"ok":true,"bank":"demo-bank","item":"remit.overseas","version":"2026-03","currency":"CNY","gross":"100.00""#))
        #expect(r.stdout.contains(#""explanation":{"lang":"zh-Hans","steps":["#))
        #expect(r.stdout.contains(#""announced_changes":[{"version":"2027-01","announced_on":"2026-09-15","effective_from":"2027-01-01","gross":"120.00","net":"120.00","waiver":null}]"#))
    }
}

@Suite struct TellerInputTests {
    @Test(arguments: [("50000", "50000"), ("50,000.00", "50000.00"), ("5万", "50000"), ("1.5万", "15000"), ("¥3千", "3000"),
                      ("2亿", "200000000"), ("12.34", "12.34"), (" 8,000 元", "8000"), ("0.00001万", "0.1"),
                      ("1,234,567.5", "1234567.5"), ("999", "999"), ("1.500000万", "15000.00"),
                      // Digits as typed: "50.000" keeps its three decimals, for the calculator to refuse in CNY.
                      ("50.000", "50.000"),
                      // Full-width digits and punctuation, as a Chinese input method types them.
                      ("１００", "100"), ("１，０００．５０元", "1000.50"), ("５万", "50000")])
    func acceptsTellerAmounts(text: String, amount: String) {
        #expect(TellerInput.amount(text) == .success(amount))
    }

    @Test(arguments: ["", "abc", "-5", "5 yuan", "万", "1e3", "5万万", ".5", "5.", "5..", "１x"])
    func rejectsNonAmounts(text: String) {
        #expect(TellerInput.amount(text) == .failure(.notAnAmount))
    }

    /// Separators that are not thousands groups before the decimal point are typos, not prices:
    /// refused with the reading that was probably meant.
    @Test(arguments: [("50.000,00", "50,000.00"), ("50,000,0", "50,000.00"), ("5,00", "5.00"), ("50.000.000", "50,000,000.00"),
                      ("1,2345", "12,345.00"), ("5,0000", "50,000.00"), ("1,2345,6789", "123,456,789.00"), ("12,34.5", "1,234.50"),
                      ("3元5", "3.50"), ("12元50", "12.50")])
    func refusesMisplacedSeparatorsWithTheMeantReading(text: String, meant: String) {
        #expect(TellerInput.amount(text) == .failure(.misplacedSeparators(didYouMean: meant)))
    }

    /// A multiplier on a huge number moves the decimal point in the text: no arithmetic, no trap.
    @Test func hugeAmountsWithMultipliersDoNotOverflow() {
        let digits = String(repeating: "9", count: 23)
        #expect(TellerInput.amount(digits + "亿") == .success(digits + "00000000"))
        #expect(TellerInput.amount(String(repeating: "9", count: 200) + "万") == .success(String(repeating: "9", count: 200) + "0000"))
    }

    @Test func resolvesTermsByIdOrUniqueNameInAnyLanguage() {
        let table = Fixtures.exampleCatalogue.banks[0].version(id: "2025-07")!
        let tiers = table.tiers
        for tier in table.tiers {
            #expect(TellerInput.resolve(tier.id, in: tiers) == .found(tier.id))
            for t in tier.name.translations {
                #expect(TellerInput.resolve(t.text, in: tiers) == .found(tier.id), "\(t.text)")
                #expect(TellerInput.resolve(" " + t.text.uppercased(), in: tiers) == .found(tier.id))
            }
        }
        #expect(TellerInput.resolve("no such tier", in: tiers) == .notFound)
    }
}

@Suite struct PriceWordsTests {
    let table = Fixtures.exampleCatalogue.banks[0].version(id: "2025-07")!

    @Test func rendersEachFormulaKindInBothLanguages() {
        let zh = PriceWords(table: table, tag: "zh-Hans"), en = PriceWords(table: table, tag: "en")
        let online = table.item("transfer.other-bank.online")!
        #expect(zh.price(of: online) == ["按金额 0.05% 收取，最低 2.00 元，最高 20.00 元"])
        #expect(en.price(of: online) == ["0.05% of the amount, min ¥2.00, max ¥20.00"])
        let counter = table.item("transfer.other-bank.counter")!
        #expect(en.price(of: counter) == ["up to ¥10,000.00 (inclusive): ¥5.00 per transfer", "over ¥10,000.00 up to ¥100,000.00 (inclusive): ¥10.00 per transfer",
                                          "over ¥100,000.00 up to ¥500,000.00 (inclusive): ¥15.00 per transfer", "over ¥500,000.00 up to ¥1,000,000.00 (inclusive): ¥20.00 per transfer",
                                          "over ¥1,000,000.00: 0.002% of the amount, max ¥200.00"])
        // Bounds that cannot be read two ways: 以上 would include the number, so the bands say 超过 and 含.
        #expect(zh.price(of: counter)[1] == "超过 10,000.00 元 至 100,000.00 元（含）：每笔 10.00 元")
        #expect(zh.price(of: counter).allSatisfy { !$0.contains("以上") })
        #expect(zh.price(of: table.item("statement.print")!) == ["免费"])
        #expect(en.price(of: table.item("statement.print")!) == ["Free"])
        #expect(zh.price(of: table.item("remit.overseas")!) == ["每笔 80.00 元 加金额的 0.1%"])
        #expect(en.price(of: table.item("card.annual")!).first == "Currently waived (Debit card annual fee suspended)")
        #expect(zh.price(of: table.item("card.annual")!).first == "暂免（借记卡年费暂免收取）")
    }
}

@Suite struct TimelineTests {
    let bank = Fixtures.exampleCatalogue.banks[0]

    @Test func statusOnADay() {
        let day = CalendarDate("2025-06-25")!
        #expect(bank.versions.map { bank.status(of: $0, on: day) } == [.superseded, .inEffect, .announced])
        #expect(bank.versions.map { bank.status(of: $0, on: CalendarDate("2025-06-01")!) } == [.superseded, .inEffect, .scheduled])
    }

    @Test func priceHistoryNamesEveryChangeExactly() {
        #expect(bank.priceHistory(of: "cash.atm.other-bank").map(\.change) == [.new, .raised, .unchanged])
        // 2025-01 keeps the formula but switches to half-even rounding, which is lower on ties: exactly "lowered".
        #expect(bank.priceHistory(of: "transfer.other-bank.online").map(\.change) == [.new, .lowered, .lowered])
        #expect(bank.priceHistory(of: "cheque.leaf").map(\.change) == [.new, .unchanged, .unchanged])
        #expect(bank.priceHistory(of: "statement.electronic").map(\.change) == [.new])
        #expect(bank.priceHistory(of: "account.sms").map { $0.table.version } == ["2025-01", "2025-07"])
    }

    @Test func announcedChangesQuoteTheSameRequestLater() throws {
        let calculator = FeeCalculator(catalogue: Fixtures.exampleCatalogue)
        let request = QuoteRequest(item: "transfer.other-bank.online", date: CalendarDate("2025-06-25")!, amount: "100000")
        let now = try calculator.quote(request).get()
        let changes = bank.announcedChanges(for: request, current: now, calculator: calculator)
        #expect(changes.map(\.table.version) == ["2025-07"])
        #expect((try? changes.first?.quote.get())?.net == Money(minorUnits: 2_000))
        let small = QuoteRequest(item: "transfer.other-bank.online", date: CalendarDate("2025-06-25")!, amount: "100")
        #expect(bank.announcedChanges(for: small, current: try calculator.quote(small).get(), calculator: calculator).isEmpty)
    }
}

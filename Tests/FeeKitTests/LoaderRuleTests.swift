import Foundation
import Testing
import FeeKit

/// Every rule of spec §1 and §5, one broken catalogue each, built from the valid base of
/// spec/examples/invalid by one textual change.
@Suite struct LoaderRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let file: String  // "version" or "bank"
        let from: String
        let to: String
        let code: String
        let path: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown top-level key", file: "version", from: #""currency": "CNY","#, to: #""currency": "CNY", "curency": "CNY","#, code: "unknown_key", path: "curency"),
        Case(name: "wrong format", file: "version", from: #""format": "fee-table/1""#, to: #""format": "fee-table/2""#, code: "unsupported_format", path: "format"),
        Case(name: "missing version", file: "version", from: #""version": "2025-01","#, to: "", code: "missing_key", path: "version"),
        Case(name: "invalid version id", file: "version", from: #""version": "2025-01""#, to: #""version": "../2025""#, code: "invalid_id", path: "version"),
        Case(name: "upper-case id", file: "version", from: #"{"id": "cheque", "#, to: #"{"id": "Cheque", "#, code: "invalid_id", path: "categories[1].id"),
        Case(name: "invalid date", file: "version", from: #""effective_from": "2025-01-01""#, to: #""effective_from": "2025-02-30""#, code: "invalid_date", path: "effective_from"),
        Case(name: "announced after effective", file: "version", from: #""announced_on": "2024-10-01""#, to: #""announced_on": "2025-01-02""#, code: "dates_order", path: "announced_on"),
        Case(name: "bad currency", file: "version", from: #""currency": "CNY""#, to: #""currency": "cny""#, code: "invalid_currency", path: "currency"),
        Case(name: "unknown currency without minor units", file: "version", from: #""currency": "CNY""#, to: #""currency": "XYZ""#, code: "missing_key", path: "minor_units"),
        Case(name: "minor units out of range", file: "version", from: #""currency": "CNY","#, to: #""currency": "CNY", "minor_units": 5,"#, code: "number_out_of_range", path: "minor_units"),
        Case(name: "bad rounding", file: "version", from: #""rounding": "half-up""#, to: #""rounding": "bankers""#, code: "unknown_rounding", path: "rounding"),
        Case(name: "duplicate category", file: "version", from: #"{"id": "cheque", "#, to: #"{"id": "transfer", "#, code: "duplicate_id", path: "categories[1].id"),
        Case(name: "undeclared category", file: "version", from: #""category": "cheque""#, to: #""category": "cheques""#, code: "undeclared_id", path: "items[1].category"),
        Case(name: "duplicate item code", file: "version", from: #""code": "cheque.leaf""#, to: #""code": "card.reissue""#, code: "duplicate_id", path: "items[2].code"),
        Case(name: "bad pricing", file: "version", from: #""pricing": "government-set""#, to: #""pricing": "government""#, code: "unknown_pricing", path: "items[1].pricing"),
        Case(name: "too many fraction digits", file: "version", from: #""flat": "0.40""#, to: #""flat": "0.401""#, code: "invalid_money", path: "items[1].fee.flat"),
        Case(name: "negative money", file: "version", from: #""flat": "0.40""#, to: #""flat": "-0.40""#, code: "invalid_money", path: "items[1].fee.flat"),
        Case(name: "money with separator", file: "version", from: #""max": "25""#, to: #""max": "1,000""#, code: "invalid_money", path: "items[0].fee.max"),
        Case(name: "money too large", file: "version", from: #""max": "25""#, to: #""max": "1000000000000000""#, code: "invalid_money", path: "items[0].fee.max"),
        Case(name: "rate as number", file: "version", from: #""rate": "0.0005""#, to: #""rate": 0.0005"#, code: "money_not_string", path: "items[0].fee.rate"),
        Case(name: "rate above one", file: "version", from: #""rate": "0.0005""#, to: #""rate": "1.5""#, code: "invalid_rate", path: "items[0].fee.rate"),
        Case(name: "rate with nine digits", file: "version", from: #""rate": "0.0005""#, to: #""rate": "0.000500001""#, code: "invalid_rate", path: "items[0].fee.rate"),
        Case(name: "min above max", file: "version", from: #""min": "2", "max": "25""#, to: #""min": "30", "max": "25""#, code: "min_above_max", path: "items[0].fee.max"),
        Case(name: "formula without flat or rate", file: "version", from: #""fee": {"flat": "5"}"#, to: #""fee": {"max": "5"}"#, code: "formula_empty", path: "items[2].fee"),
        Case(name: "up_to outside bands", file: "version", from: #""fee": {"flat": "5"}"#, to: #""fee": {"flat": "5", "up_to": "10"}"#, code: "unknown_key", path: "items[2].fee.up_to"),
        Case(name: "bands mixed with flat", file: "version", from: #""fee": {"flat": "5"}"#, to: #""fee": {"flat": "5", "bands": [{"flat": "1"}]}"#, code: "mixed_formula", path: "items[2].fee.flat"),
        Case(name: "last band with up_to", file: "version", from: #""fee": {"flat": "5"}"#, to: #""fee": {"bands": [{"up_to": "10", "flat": "1"}, {"up_to": "20", "flat": "2"}]}"#, code: "band_open_end", path: "items[2].fee.bands[1].up_to"),
        Case(name: "band without up_to", file: "version", from: #""fee": {"flat": "5"}"#, to: #""fee": {"bands": [{"flat": "1"}, {"flat": "2"}]}"#, code: "missing_key", path: "items[2].fee.bands[0].up_to"),
        Case(name: "up_to not increasing", file: "version", from: #""fee": {"flat": "5"}"#, to: #""fee": {"bands": [{"up_to": "20", "flat": "1"}, {"up_to": "20", "flat": "2"}, {"flat": "3"}]}"#, code: "band_order", path: "items[2].fee.bands[1].up_to"),
        Case(name: "nested bands", file: "version", from: #""fee": {"flat": "5"}"#, to: #""fee": {"bands": [{"up_to": "20", "flat": "1"}, {"bands": [], "flat": "3"}]}"#, code: "nested_bands", path: "items[2].fee.bands[1].bands"),
        Case(name: "empty bands", file: "version", from: #""fee": {"flat": "5"}"#, to: #""fee": {"bands": []}"#, code: "no_bands", path: "items[2].fee.bands"),
        Case(name: "duplicate waiver id", file: "version", from: #""id": "no-fault-reissue""#, to: #""id": "gold-transfers-half""#, code: "duplicate_id", path: "waivers[2].id"),
        Case(name: "pattern matches nothing", file: "version", from: #""applies_to": ["card.reissue"]"#, to: #""applies_to": ["card.reisue"]"#, code: "pattern_matches_nothing", path: "waivers[2].applies_to[0]"),
        Case(name: "prefix pattern does not match the prefix itself", file: "version", from: #""applies_to": ["card.reissue"]"#, to: #""applies_to": ["card.reissue.*"]"#, code: "pattern_matches_nothing", path: "waivers[2].applies_to[0]"),
        Case(name: "star inside pattern", file: "version", from: #""applies_to": ["card.reissue"]"#, to: #""applies_to": ["card.*.x"]"#, code: "invalid_pattern", path: "waivers[2].applies_to[0]"),
        Case(name: "two effects", file: "version", from: #""percent_off": "100""#, to: #""percent_off": "100", "fee": "0""#, code: "several_effects", path: "waivers[2].fee"),
        Case(name: "no effect", file: "version", from: "},\n      \"percent_off\": \"100\"", to: "}", code: "missing_key", path: "waivers[2]"),
        Case(name: "percent as number", file: "version", from: #""percent_off": "50""#, to: #""percent_off": 50"#, code: "money_not_string", path: "waivers[0].percent_off"),
        Case(name: "percent above 100", file: "version", from: #""percent_off": "50""#, to: #""percent_off": "150""#, code: "invalid_percent", path: "waivers[0].percent_off"),
        Case(name: "percent zero", file: "version", from: #""percent_off": "50""#, to: #""percent_off": "0""#, code: "invalid_percent", path: "waivers[0].percent_off"),
        Case(name: "undeclared tier", file: "version", from: #""tiers": ["gold"]"#, to: #""tiers": ["platinum"]"#, code: "undeclared_id", path: "waivers[0].when.tiers[0]"),
        Case(name: "undeclared tier_at_least", file: "version", from: #""tiers": ["gold"]"#, to: #""tier_at_least": "vip""#, code: "undeclared_id", path: "waivers[0].when.tier_at_least"),
        Case(name: "undeclared segment", file: "version", from: #""tiers": ["gold"]"#, to: #""segments": ["student"]"#, code: "undeclared_id", path: "waivers[0].when.segments[0]"),
        Case(name: "undeclared channel", file: "version", from: #""tiers": ["gold"]"#, to: #""channels": ["mobile"]"#, code: "undeclared_id", path: "waivers[0].when.channels[0]"),
        Case(name: "undeclared reason", file: "version", from: #""tiers": ["gold"]"#, to: #""reasons": ["stolen"]"#, code: "undeclared_id", path: "waivers[0].when.reasons[0]"),
        Case(name: "empty condition list", file: "version", from: #""tiers": ["gold"]"#, to: #""tiers": []"#, code: "empty_condition", path: "waivers[0].when.tiers"),
        Case(name: "no_fault false", file: "version", from: #""no_fault": true}"#, to: #""no_fault": false}"#, code: "no_fault_false", path: "waivers[2].when.no_fault"),
        Case(name: "min_age as string", file: "version", from: #""tiers": ["gold"]"#, to: #""min_age": "60""#, code: "wrong_type", path: "waivers[0].when.min_age"),
        Case(name: "min_age out of range", file: "version", from: #""tiers": ["gold"]"#, to: #""min_age": 200"#, code: "number_out_of_range", path: "waivers[0].when.min_age"),
        Case(name: "from after until", file: "version", from: #""from": "2025-01-06""#, to: #""from": "2025-01-13""#, code: "dates_order", path: "waivers[1].when.until"),
        Case(name: "bad free_uses period", file: "version", from: #""tiers": ["gold"]"#, to: #""free_uses": {"count": 3, "per": "week"}"#, code: "unknown_period", path: "waivers[0].when.free_uses.per"),
        Case(name: "free_uses count zero", file: "version", from: #""tiers": ["gold"]"#, to: #""free_uses": {"count": 0, "per": "month"}"#, code: "number_out_of_range", path: "waivers[0].when.free_uses.count"),
        Case(name: "unknown condition", file: "version", from: #""tiers": ["gold"]"#, to: #""tier": ["gold"]"#, code: "unknown_key", path: "waivers[0].when.tier"),
        Case(name: "empty text", file: "version", from: #""en": "Cheque forms""#, to: #""en": "  ""#, code: "empty_text", path: "items[1].name.en"),
        Case(name: "text not an object", file: "version", from: #""unit": {"zh-Hans": "张", "en": "card"}"#, to: #""unit": "card""#, code: "wrong_type", path: "items[2].unit"),
        Case(name: "no tiers", file: "version", from: #""tiers": ["#, to: #""tiers": [], "x": ["#, code: "unknown_key", path: "x"),
        Case(name: "not JSON", file: "version", from: #""items": ["#, to: #""items": [,"#, code: "json_syntax", path: ""),
        Case(name: "reason no_fault not boolean", file: "version", from: #""no_fault": true},"#, to: #""no_fault": "yes"},"#, code: "wrong_type", path: "reasons[0].no_fault"),
        Case(name: "bank id differs from directory", file: "bank", from: #""id": "example-bank""#, to: #""id": "other-bank""#, code: "bank_id_mismatch", path: "id"),
        Case(name: "bank missing hotline", file: "bank", from: #""hotline": "+86 21 5555 0100","#, to: "", code: "missing_key", path: "contacts.hotline"),
        Case(name: "bank languages empty", file: "bank", from: #""languages": ["zh-Hans", "en"]"#, to: #""languages": []"#, code: "no_languages", path: "languages"),
        Case(name: "bank notice_days negative", file: "bank", from: #""notice_days": 90"#, to: #""notice_days": -1"#, code: "number_out_of_range", path: "notice_days"),
        Case(name: "duplicate branch", file: "bank", from: #""id": "bj-xidan""#, to: #""id": "sh-lujiazui""#, code: "duplicate_id", path: "branches[1].id"),
        Case(name: "branch closed_on invalid", file: "bank", from: #""id": "bj-xidan","#, to: #""id": "bj-xidan", "closed_on": "2025-13-01","#, code: "invalid_date", path: "branches[1].closed_on"),
        Case(name: "bank format", file: "bank", from: #""format": "fee-bank/1""#, to: #""format": "fee-bank""#, code: "unsupported_format", path: "format"),
    ]

    @Test(arguments: LoaderRuleTests.cases)
    func rejectsWithCodeAndPath(c: Case) {
        let base = c.file == "version" ? Fixtures.baseVersion : Fixtures.baseBank
        #expect(base.contains(c.from), "mutation source not found: \(c.from)")
        let mutated = base.replacingOccurrences(of: c.from, with: c.to)
        let catalogue = c.file == "version" ? TempCatalogue.base(version: mutated) : TempCatalogue.base(bank: mutated)
        let result = catalogue.load()
        #expect(result.catalogue == nil)
        let match = result.errors.first { $0.code == c.code && $0.path == c.path }
        #expect(match != nil, "expected \(c.code) at \(c.path), got \(result.errors.map { "\($0.code) at \($0.path)" })")
        #expect(match?.file.hasSuffix(c.file == "version" ? "example-bank/2025-01.json" : "example-bank/bank.json") == true)
    }

    @Test func baseCatalogueIsValid() {
        let result = TempCatalogue.base().load()
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.catalogue != nil)
    }

    @Test func reportsEveryProblemOfAFileNotJustTheFirst() {
        let mutated = Fixtures.baseVersion
            .replacingOccurrences(of: #""max": "25""#, with: #""maxx": "25""#)
            .replacingOccurrences(of: #""flat": "0.40""#, with: #""flat": 0.4"#)
            .replacingOccurrences(of: #""category": "card""#, with: #""category": "cards""#)
        let result = TempCatalogue.base(version: mutated).load()
        #expect(Set(result.errors.map(\.code)) == ["unknown_key", "money_not_string", "undeclared_id"])
    }

    @Test func undeclaredLanguageIsAWarning() {
        let mutated = Fixtures.baseVersion.replacingOccurrences(of: #""en": "Cheque forms""#, with: #""en": "Cheque forms", "fr": "Chèques""#)
        let result = TempCatalogue.base(version: mutated).load()
        #expect(result.errors.isEmpty)
        #expect(result.warnings.map(\.code) == ["undeclared_language"])
        #expect(result.catalogue != nil)
    }

    @Test func duplicateVersionsAndDatesAreRejected() {
        let sameID = TempCatalogue.base(extra: ["example-bank/copy.json": Fixtures.laterVersion(announced: "2025-06-01", effective: "2025-07-01", id: "2025-01")]).load()
        #expect(sameID.errors.map(\.code) == ["duplicate_version"])
        let sameDate = TempCatalogue.base(extra: ["example-bank/copy.json": Fixtures.laterVersion(announced: "2024-10-01", effective: "2025-01-01", id: "2025-01b")]).load()
        #expect(sameDate.errors.map(\.code) == ["duplicate_effective_from"])
    }

    @Test func directoryProblems() {
        #expect(CatalogueLoader.load(directory: "/nonexistent/tables").errors.map(\.code) == ["missing_directory"])
        #expect(TempCatalogue(["README.txt": "x"]).load().errors.map(\.code) == ["no_banks"])
        #expect(TempCatalogue(["example-bank/2025-01.json": Fixtures.baseVersion]).load().errors.map(\.code) == ["missing_bank_file"])
        #expect(TempCatalogue(["example-bank/bank.json": Fixtures.baseBank]).load().errors.map(\.code) == ["no_versions"])
        #expect(TempCatalogue(["Bad Bank/bank.json": Fixtures.baseBank, "Bad Bank/v.json": Fixtures.baseVersion]).load().errors.map(\.code).contains("invalid_id"))
    }
}

/// The notice-period rule of spec §5 with exact raise detection.
@Suite struct NoticeRuleTests {
    private func check(_ later: String) -> CatalogueLoadResult {
        TempCatalogue.base(extra: ["example-bank/2025-07.json": later]).load()
    }

    private let short = (announced: "2025-06-01", effective: "2025-07-01")  // 30 days

    @Test func unchangedCopyNeedsNoNotice() {
        #expect(check(Fixtures.laterVersion(announced: short.announced, effective: short.effective)).problems.isEmpty)
    }

    @Test func loweringTakesEffectAtOnce() {
        let lower = Fixtures.laterVersion(announced: "2025-07-01", effective: "2025-07-01")
            .replacingOccurrences(of: #""flat": "5""#, with: #""flat": "4""#)
            .replacingOccurrences(of: #""flat": "0.40", "max": "10""#, with: #""flat": "0.40", "max": "8""#)
        #expect(check(lower).problems.isEmpty)
    }

    @Test func raiseWithExactlyTheNoticePeriodPasses() {
        let raise = Fixtures.laterVersion(announced: "2025-04-02", effective: "2025-07-01")
            .replacingOccurrences(of: #""flat": "5""#, with: #""flat": "8""#)
        #expect(check(raise).errors.isEmpty)
        let oneDayShort = Fixtures.laterVersion(announced: "2025-04-03", effective: "2025-07-01")
            .replacingOccurrences(of: #""flat": "5""#, with: #""flat": "8""#)
        #expect(check(oneDayShort).errors.map(\.code) == ["notice_period"])
    }

    @Test(arguments: [
        (#""min": "2", "max": "25""#, #""min": "3", "max": "25""#, "items[0].fee"),
        (#""min": "2", "max": "25""#, #""min": "2", "max": "26""#, "items[0].fee"),
        (#""rate": "0.0005""#, #""rate": "0.00051""#, "items[0].fee"),
        (#""fee": {"rate": "0.0005", "min": "2", "max": "25"}"#,
         #""fee": {"bands": [{"up_to": "1000", "rate": "0.0005", "min": "2"}, {"up_to": "5000", "flat": "2.51"}, {"rate": "0.0005", "min": "2", "max": "25"}]}"#,
         "items[0].fee"),
        (#""percent_off": "50""#, #""percent_off": "40""#, "waivers[0].percent_off"),
        (#""percent_off": "100""#, #""amount_off": "4""#, "waivers[2]"),
        (#""rounding": "half-up""#, #""rounding": "up""#, "items[0].fee"),
        (#""currency": "CNY""#, #""currency": "HKD""#, "currency"),
    ])
    func raiseWithoutNoticeIsFound(from: String, to: String, path: String) {
        let later = Fixtures.laterVersion(announced: short.announced, effective: short.effective).replacingOccurrences(of: from, with: to)
        #expect(later.contains(to))
        let errors = check(later).errors
        #expect(errors.map(\.code) == ["notice_period"], "\(errors)")
        #expect(errors.first?.path == path)
        #expect(errors.first?.file.hasSuffix("example-bank/2025-07.json") == true)
    }

    @Test func raisedWaiverFeeNeedsNoticeUnlessThePromotionEnded() {
        let open = #""when": {"branches": ["bj-xidan"]}"#
        let window = #""when": {"branches": ["bj-xidan"], "from": "2025-01-06", "until": "2025-01-12"}"#
        let base = Fixtures.baseVersion.replacingOccurrences(of: window, with: open)
        let later = Fixtures.laterVersion(announced: short.announced, effective: short.effective)
            .replacingOccurrences(of: window, with: open).replacingOccurrences(of: #""fee": "0""#, with: #""fee": "1""#)
        #expect(later.contains(#""fee": "1""#) && base.contains(open))
        let errors = TempCatalogue.base(version: base, extra: ["example-bank/2025-07.json": later]).load().errors
        #expect(errors.map(\.code) == ["notice_period"])
        #expect(errors.first?.path == "waivers[1].fee")
        let ended = Fixtures.laterVersion(announced: short.announced, effective: short.effective)
            .replacingOccurrences(of: #""fee": "0""#, with: #""fee": "1""#)
        #expect(check(ended).errors.isEmpty)
    }

    @Test func newNonFreeItemNeedsNoticeButNewFreeItemDoesNot() {
        let newItem = #"""
            {"code": "statement.copy", "category": "card", "name": {"zh-Hans": "对账单", "en": "Statement"}, "unit": {"zh-Hans": "份", "en": "copy"}, "pricing": "market", "fee": FEE},
            {
              "code": "card.reissue",
        """#
        func later(_ fee: String) -> String {
            Fixtures.laterVersion(announced: short.announced, effective: short.effective)
                .replacingOccurrences(of: "    {\n      \"code\": \"card.reissue\",", with: newItem.replacingOccurrences(of: "FEE", with: fee))
        }
        #expect(later("x").contains("statement.copy"))
        let paid = check(later(#"{"flat": "1"}"#)).errors
        #expect(paid.map(\.code) == ["notice_period"])
        #expect(paid.first?.path == "items[2]")
        #expect(check(later(#"{"rate": "0"}"#)).errors.isEmpty)
        #expect(check(later(#"{"rate": "0.01", "max": "0"}"#)).errors.isEmpty)
    }

    @Test func removedWaiverIsARaiseUnlessItsPromotionEnded() {
        let waiver = #"""
            {
              "id": "gold-transfers-half",
              "name": {"zh-Hans": "金卡客户转账五折", "en": "Gold: transfers at half price"},
              "applies_to": ["transfer.*"],
              "when": {"tiers": ["gold"]},
              "percent_off": "50"
            },

        """#
        let without = Fixtures.laterVersion(announced: short.announced, effective: short.effective).replacingOccurrences(of: waiver, with: "")
        #expect(!without.contains("gold-transfers-half"))
        let errors = check(without).errors
        #expect(errors.map(\.code) == ["notice_period"])
        #expect(errors.first?.path == "waivers")
        #expect(errors.first?.message.contains("gold-transfers-half") == true)
        // The Xidan opening week ended on 2025-01-12, before 2025-07-01: it may go.
        let promo = #"""
            {
              "id": "xidan-opening-week",
              "name": {"zh-Hans": "西单支行开业周转账免费", "en": "Xidan branch opening week: free transfers"},
              "applies_to": ["transfer.*"],
              "when": {"branches": ["bj-xidan"], "from": "2025-01-06", "until": "2025-01-12"},
              "fee": "0"
            },

        """#
        let ended = Fixtures.laterVersion(announced: short.announced, effective: short.effective).replacingOccurrences(of: promo, with: "")
        #expect(!ended.contains("xidan-opening-week"))
        #expect(check(ended).problems.isEmpty)
    }

    @Test func changedWaiverConditionsAreAWarning() {
        let narrowed = Fixtures.laterVersion(announced: short.announced, effective: short.effective)
            .replacingOccurrences(of: #""from": "2025-01-06""#, with: #""from": "2025-01-07""#)
        #expect(narrowed != Fixtures.laterVersion(announced: short.announced, effective: short.effective))
        let result = check(narrowed)
        #expect(result.errors.isEmpty)
        #expect(result.warnings.map(\.code) == ["waiver_conditions_changed"])
        #expect(result.warnings.first?.path == "waivers[1]")
    }

    @Test func demoTablesPassAndTellTheirStory() {
        let result = CatalogueLoader.load(directory: Fixtures.root + "/../../../FeeTables")
        #expect(result.problems.isEmpty, "\(result.problems)")
        let bank = result.catalogue?.bank("demo-bank")
        #expect(bank?.versions.map(\.version) == ["2025-01", "2026-03", "2027-01"])
        #expect((bank?.versions.last?.items.count ?? 0) >= 30)
        #expect(Set(bank?.versions.last?.items.map(\.category) ?? []).count >= 6)
        #expect((bank?.versions.last?.effectiveFrom ?? CalendarDate("2000-01-01")!) > CalendarDate("2026-12-31")!)
    }
}


/// Every rule has its own stable code, documented in one catalogue.
@Suite struct ProblemCodeTests {
    /// Docs/PROBLEM-CODES.md lists exactly the codes of `ProblemCode`, each once.
    @Test func everyCodeIsDocumentedOnce() throws {
        let doc = try String(contentsOfFile: FailCasesReplayTests.repository + "/Docs/PROBLEM-CODES.md", encoding: .utf8)
        let documented = doc.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
        }
        #expect(Set(documented).count == documented.count, "a code documented twice")
        #expect(Set(documented) == Set(ProblemCode.allCases.map(\.rawValue)))
        #expect(Set(ProblemCode.allCases.map(\.rawValue)).count == ProblemCode.allCases.count)
    }

    /// The rules that once shared `invalid_value` now tell themselves apart.
    @Test func noRuleIsReportedAsAGenericInvalidValue() {
        #expect(!ProblemCode.allCases.map(\.rawValue).contains("invalid_value"))
        let codes = Set(LoaderRuleTests.cases.map(\.code))
        #expect(codes.isSubset(of: Set(ProblemCode.allCases.map(\.rawValue))))
        #expect(codes.count >= 30)   // the loader-rule cases exercise most rules by their own code
    }
}

import Testing
import FeeKit

/// Every public model initializer rejects invalid input with the flaw that names the rule; the
/// loader reports the same rules from the same functions (`LoaderRuleTests`).
@Suite struct ModelInvariantTests {
    static let en = try! LocalizedText([("en", "x")])
    static func money(_ v: Int128) -> Money { Money(minorUnits: v) }

    @Test func rateIsBetweenZeroAndOne() throws {
        #expect(throws: Rate.Flaw.negative(hundredMillionths: -1)) { try Rate(hundredMillionths: -1) }
        #expect(throws: Rate.Flaw.aboveOne(hundredMillionths: 100_000_001)) { try Rate(hundredMillionths: 100_000_001) }
        #expect(try Rate(hundredMillionths: 100_000_000).fractionText == "1")
        #expect(try Rate(hundredMillionths: 0) == .zero)
    }

    @Test func percentageIsAboveZeroAndAtMostHundred() throws {
        #expect(throws: Percentage.Flaw.notPositive(hundredths: 0)) { try Percentage(hundredths: 0) }
        #expect(throws: Percentage.Flaw.aboveHundred(hundredths: 10_001)) { try Percentage(hundredths: 10_001) }
        #expect(try Percentage(hundredths: 10_000) == .full)
    }

    @Test func simpleFormulaNeedsAPartAndMinNotAboveMax() throws {
        #expect(throws: SimpleFormula.Flaw.noPart) { try SimpleFormula() }
        #expect(throws: SimpleFormula.Flaw.noPart) { try SimpleFormula(min: Self.money(1)) }
        #expect(throws: SimpleFormula.Flaw.minAboveMax(min: Self.money(5), max: Self.money(4))) {
            try SimpleFormula(flat: Self.money(1), min: Self.money(5), max: Self.money(4))
        }
        #expect(try SimpleFormula(flat: .zero) == .free)
        #expect(SimpleFormula.flaws(hasFlat: false, hasRate: false, min: Self.money(2), max: Self.money(1)).count == 2)
    }

    @Test func bandsCannotBeEmpty() {
        #expect(throws: Bands.Flaw.empty) { try Bands([]) }
    }

    @Test func freeUsesCountIsInRange() {
        #expect(throws: FreeUses.Flaw.countOutOfRange(0)) { try FreeUses(count: 0, period: .month) }
        #expect(throws: FreeUses.Flaw.countOutOfRange(1_000_001)) { try FreeUses(count: 1_000_001, period: .year) }
    }

    @Test func waiverConditionsRejectEmptyListsAgesAndClosedWindows() throws {
        #expect(throws: WaiverConditions.Flaw.emptyList(.tiers)) { try WaiverConditions(tiers: []) }
        #expect(throws: WaiverConditions.Flaw.emptyList(.branches)) { try WaiverConditions(branches: []) }
        #expect(throws: WaiverConditions.Flaw.minAgeOutOfRange(151)) { try WaiverConditions(minAge: 151) }
        let from = try #require(CalendarDate("2026-02-01")), until = try #require(CalendarDate("2026-01-31"))
        #expect(throws: WaiverConditions.Flaw.untilBeforeFrom(from: from, until: until)) { try WaiverConditions(from: from, until: until) }
        #expect(try WaiverConditions(tiers: ["gold"]).isEmpty == false)
    }

    @Test func waiverNeedsAnIdAndAPattern() throws {
        let effect = WaiverEffect.percentOff(.full)
        #expect(throws: Waiver.Flaw.invalidID("Bad Id")) { try Waiver(id: "Bad Id", name: Self.en, appliesTo: [.all], effect: effect) }
        #expect(throws: Waiver.Flaw.noPatterns) { try Waiver(id: "w", name: Self.en, appliesTo: [], effect: effect) }
        #expect(try Waiver(id: "w", name: Self.en, appliesTo: [.all], effect: effect).isUnconditionalFullWaiver)
    }

    @Test func itemPatternIsBuiltOnlyFromValidText() {
        for bad in ["", "*.x", "a.*.*", "A.b", ".*", "a*"] { #expect(ItemPattern(bad) == nil, "\(bad)") }
        #expect(ItemPattern("card.*")?.matches("card.reissue") == true)
        #expect(ItemPattern("card.*")?.matches("card") == false)
        #expect(ItemPattern("card.*")?.matches("card.") == false)
        #expect(ItemPattern("card.*")?.matches("cards.reissue") == false)
        #expect(ItemPattern("card.*")?.description == "card.*")
        // Compared as text, not bytes, where a combining mark joins the dot: "card.\u{301}" has
        // no "." character of its own, so it does not start with "card.".
        #expect(ItemPattern("card.*")?.matches("card.\u{301}x") == false)
        #expect(ItemPattern("card.*")?.matches("card.x\u{301}") == true)
    }

    @Test func itemNeedsAValidCodeAndARefThatSaysSomething() throws {
        let fee = FeeFormula.simple(.free)
        #expect(throws: FeeItem.Flaw.invalidCode("Card")) { try FeeItem(code: "Card", category: "c", name: Self.en, unit: Self.en, pricing: .market, fee: fee) }
        #expect(throws: FeeItem.Flaw.blankRef) { try FeeItem(code: "card", ref: " \u{3000}", category: "c", name: Self.en, unit: Self.en, pricing: .market, fee: fee) }
    }

    @Test func currencyHasAnIsoShapeAndFewMinorDigits() {
        #expect(throws: Currency.Flaw.invalidCode("cny")) { try Currency(code: "cny", minorDigits: 2) }
        #expect(throws: Currency.Flaw.minorDigitsOutOfRange(5)) { try Currency(code: "CNY", minorDigits: 5) }
    }

    @Test func localizedTextHasTextsInDistinctLanguages() {
        #expect(throws: LocalizedText.Flaw.empty) { try LocalizedText([]) }
        #expect(throws: LocalizedText.Flaw.repeatedTag("en")) { try LocalizedText([("en", "a"), ("en", "b")]) }
        #expect(throws: LocalizedText.Flaw.blankText(tag: "zh-Hans")) { try LocalizedText([("zh-Hans", "\u{3000}")]) }
    }

    @Test func declaredIdsFollowTheIdRule() {
        #expect(throws: NamedEntry.Flaw.invalidID("Gold")) { try NamedEntry(id: "Gold", name: Self.en) }
        #expect(throws: NamedEntry.Flaw.invalidID("-x")) { try Reason(id: "-x", name: Self.en) }
        #expect(throws: Branch.Flaw.invalidID("sh/001")) { try Branch(id: "sh/001", name: Self.en, address: Self.en) }
        #expect(throws: Branch.Flaw.blankPhone) { try Branch(id: "sh-001", name: Self.en, address: Self.en, phone: "") }
        #expect(throws: Contacts.Flaw.blank("hotline")) { try Contacts(hotline: " ") }
        #expect(throws: Contacts.Flaw.blank("website")) { try Contacts(hotline: "95588", website: "") }
    }

    @Test func bankProfileRejectsIdsLanguagesNoticeAndRepeatedBranches() throws {
        let contacts = try Contacts(hotline: "95588")
        func profile(id: String = "b", languages: [String] = ["en"], noticeDays: Int = 90, branches: [Branch] = []) throws(BankProfile.Flaw) -> BankProfile {
            try BankProfile(id: id, name: Self.en, languages: languages, noticeDays: noticeDays, contacts: contacts, branches: branches)
        }
        #expect(throws: BankProfile.Flaw.invalidID("B")) { try profile(id: "B") }
        #expect(throws: BankProfile.Flaw.noLanguages) { try profile(languages: []) }
        #expect(throws: BankProfile.Flaw.invalidLanguageTag("zh_Hans")) { try profile(languages: ["zh_Hans"]) }
        #expect(throws: BankProfile.Flaw.repeatedLanguage("en")) { try profile(languages: ["en", "en"]) }
        #expect(throws: BankProfile.Flaw.noticeDaysOutOfRange(-1)) { try profile(noticeDays: -1) }
        let branch = try Branch(id: "sh-001", name: Self.en, address: Self.en)
        #expect(throws: BankProfile.Flaw.repeatedBranch("sh-001")) { try profile(branches: [branch, branch]) }
    }

    static func table(version: String = "v1", announcedOn: String = "2026-01-01", effectiveFrom: String = "2026-01-01", categories: [String] = ["c"],
                      tiers: [String] = ["std"], items: [FeeItem], waivers: [Waiver] = []) throws -> FeeTable {
        try FeeTable(version: version, announcedOn: CalendarDate(announcedOn)!, effectiveFrom: CalendarDate(effectiveFrom)!,
                     currency: Currency(code: "CNY", minorDigits: 2), rounding: .halfUp,
                     categories: categories.map { try NamedEntry(id: $0, name: en) }, tiers: tiers.map { try NamedEntry(id: $0, name: en) },
                     segments: [], channels: [], reasons: [], items: items, waivers: waivers, glossary: [],
                     fingerprint: "sha256:x", fileName: "v1.json")
    }

    @Test func feeTableRejectsWhatSpansItsValues() throws {
        let item = try FeeItem(code: "card.reissue", category: "c", name: Self.en, unit: Self.en, pricing: .market, fee: .simple(.free))
        let other = try FeeItem(code: "cheque", category: "nope", name: Self.en, unit: Self.en, pricing: .market, fee: .simple(.free))
        func flaw(_ make: () throws -> FeeTable) -> FeeTable.Flaw? {
            do { _ = try make(); return nil } catch let f as FeeTable.Flaw { return f } catch { return nil }
        }
        #expect(flaw { try Self.table(version: "V1", items: [item]) } == .invalidVersion("V1"))
        #expect(flaw { try Self.table(announcedOn: "2026-01-02", items: [item]) }
                == .announcedAfterEffective(announcedOn: CalendarDate("2026-01-02")!, effectiveFrom: CalendarDate("2026-01-01")!))
        #expect(flaw { try Self.table(tiers: [], items: [item]) } == .noTiers)
        #expect(flaw { try Self.table(tiers: ["std", "std"], items: [item]) } == .repeatedID(list: "tiers", id: "std"))
        #expect(flaw { try Self.table(items: [item, item]) } == .repeatedID(list: "items", id: "card.reissue"))
        #expect(flaw { try Self.table(items: [item, other]) } == .undeclaredCategory(item: "cheque", category: "nope"))
        let stray = try Waiver(id: "w", name: Self.en, appliesTo: [#require(ItemPattern("transfer.*"))], effect: .percentOff(.full))
        #expect(flaw { try Self.table(items: [item], waivers: [stray]) } == .patternMatchesNothing(waiver: "w", pattern: ItemPattern("transfer.*")!))
        let gold = try Waiver(id: "g", name: Self.en, appliesTo: [.all], conditions: WaiverConditions(tierAtLeast: "gold"), effect: .percentOff(.full))
        #expect(flaw { try Self.table(items: [item], waivers: [gold]) } == .undeclaredID(waiver: "g", list: "tiers", id: "gold"))
        #expect(flaw { try Self.table(tiers: ["std", "gold"], items: [item], waivers: [gold]) } == nil)
    }

    @Test func bankRejectsRepeatedVersionsAndDays() throws {
        let item = try FeeItem(code: "card", category: "c", name: Self.en, unit: Self.en, pricing: .market, fee: .simple(.free))
        let v1 = try Self.table(items: [item])
        let profile = try BankProfile(id: "b", name: Self.en, languages: ["en"], contacts: Contacts(hotline: "1"))
        #expect(throws: Bank.Flaw.repeatedVersion(index: 1, first: 0)) { try Bank(profile: profile, versions: [v1, v1]) }
        #expect(Bank.flaws([v1, v1]) == [.repeatedVersion(index: 1, first: 0), .repeatedEffectiveFrom(index: 1, first: 0)])
        // Two versions that take effect on one day: the initializer refuses them too.
        let v2 = try Self.table(version: "v2", items: [item])
        #expect(throws: Bank.Flaw.repeatedEffectiveFrom(index: 1, first: 0)) { try Bank(profile: profile, versions: [v1, v2]) }
        // Each repeat names the first version in list order on its day, whatever the list's order of days.
        let later = try Self.table(version: "v3", effectiveFrom: "2026-06-01", items: [item])
        let again = try Self.table(version: "v4", effectiveFrom: "2026-06-01", items: [item])
        let v5 = try Self.table(version: "v5", items: [item])
        #expect(Bank.flaws([later, v1, again, v2, v5]) == [.repeatedEffectiveFrom(index: 2, first: 0), .repeatedEffectiveFrom(index: 3, first: 1),
                                                           .repeatedEffectiveFrom(index: 4, first: 1)])
        #expect(Bank.flaws([later, v1]).isEmpty)
    }

    /// A date is built only when it exists, from its parts as from its text or its day number.
    @Test func calendarDateRejectsDaysThatDoNotExist() {
        for (y, m, d) in [(2025, 2, 29), (2024, 2, 30), (2025, 4, 31), (2025, 13, 1), (2025, 0, 1), (2025, 1, 0), (0, 1, 1), (10_000, 1, 1), (-1, 1, 1), (2025, 1, 32)] {
            #expect(CalendarDate(year: y, month: m, day: d) == nil, "\(y)-\(m)-\(d)")
        }
        #expect(CalendarDate(year: 2024, month: 2, day: 29)?.description == "2024-02-29")
        let last = CalendarDate(year: 9999, month: 12, day: 31)!
        #expect(CalendarDate(dayNumber: last.dayNumber) == last)
        #expect(CalendarDate(dayNumber: last.dayNumber + 1) == nil)
        #expect(CalendarDate(dayNumber: CalendarDate(year: 1, month: 1, day: 1)!.dayNumber - 1) == nil)
        #expect(last.adding(days: 1) == nil)
    }

    @Test func catalogueRejectsTwoBanksWithOneID() throws {
        let item = try FeeItem(code: "card", category: "c", name: Self.en, unit: Self.en, pricing: .market, fee: .simple(.free))
        let profile = try BankProfile(id: "b", name: Self.en, languages: ["en"], contacts: Contacts(hotline: "1"))
        let other = try BankProfile(id: "a", name: Self.en, languages: ["en"], contacts: Contacts(hotline: "1"))
        let bank = try Bank(profile: profile, versions: [Self.table(items: [item])])
        let second = try Bank(profile: other, versions: [Self.table(items: [item])])
        #expect(throws: Catalogue.Flaw.repeatedBank(index: 2, first: 0)) { try Catalogue(banks: [bank, second, bank]) }
        #expect(try Catalogue(banks: [bank, second]).banks.map(\.id) == ["a", "b"])
    }
}

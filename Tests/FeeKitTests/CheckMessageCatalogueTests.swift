import Foundation
import Testing
import FeeKit

/// The `fees check` problems' messages are written once per language: every message of the
/// catalogue has its Chinese and its English text, and each says the same facts.
@Suite struct CheckMessageCatalogueTests {
    static let waiverName = try! LocalizedText([("zh-Hans", "广州天河支行境外 ATM 取款五折"), ("en", "Half price on ATM withdrawals abroad")])
    static let day = CalendarDate("2026-12-31")!

    /// One message of every case.
    static let samples: [CheckMessage] = [
        .byteOrderMark,
        .notJSON(detail: "unexpected end of input inside an object"),
        .wrongType(wanted: .object, found: .array),
        .unknownKey(key: "up_too", nearest: "up_to", allowed: ["up_to", "flat", "rate"]),
        .keyRepeated(key: "rounding", times: 3),
        .nullValue(key: "ref"),
        .missingKey(key: "unit"),
        .unreadable(.item),
        .emptyText,
        .invalidId(text: "Bad Code", kind: .itemCode),
        .invalidDate(text: "2026-02-30"),
        .numberOutOfRange(literal: "100000", range: 0...36500),
        .moneyNotDecimal(text: "-1"),
        .moneyTooManyDigits(text: "1.234", digits: 2),
        .moneyTooLarge(text: "99999999999999999999"),
        .rateNotDecimal(text: "abc"),
        .rateAboveOne(text: "1.5"),
        .percentNotDecimal(text: "half"),
        .percentOutOfRange(text: "150"),
        .tooManyFractionDigits(text: "0.123456789", limit: 8),
        .numberNotString(literal: "5", figure: .money),
        .languageTwice(tag: "zh-Hans"),
        .nullText(tag: "zh-Hans"),
        .undeclaredLanguage(tag: "fr", languages: ["zh-Hans", "en"]),
        .missingLanguages(missing: ["en"], languages: ["zh-Hans", "en"]),
        .unsupportedFormat(found: "fee-table/2", expected: "fee-table/1"),
        .bankIdMismatch(id: "other-bank", directory: "demo-bank"),
        .duplicateBranch(id: "sh-lujiazui"),
        .noLanguages,
        .invalidLanguageTag(tag: "not_a_tag"),
        .languageListedTwice(tag: "zh-Hans"),
        .announcedAfterEffective(announcedOn: CalendarDate("2026-03-05")!, effectiveFrom: CalendarDate("2026-03-01")!),
        .unknownRounding(text: "sideways"),
        .noTiers,
        .duplicateItemCode(code: "card.reissue"),
        .noItems,
        .duplicateWaiver(id: "gold-transfers-half"),
        .invalidCurrency(code: "cny"),
        .unknownMinorUnits(code: "XYZ"),
        .declaredTwice(.tier, id: "standard"),
        .undeclared(.tier, id: "gld", nearest: "gold"),
        .unknownPricing(text: "free"),
        .mixedFormula(key: "flat"),
        .nestedBands,
        .noBands,
        .lastBandBounded,
        .bandsNotIncreasing(upTo: "0.01", previous: "10000.00"),
        .bandWithoutUpTo,
        .formulaEmpty,
        .maxBelowMin(max: "2.00", min: "5.00"),
        .noPatterns,
        .invalidPattern(text: "a*b"),
        .patternMatchesNothing(pattern: "card.reisue", nearest: "card.reissue"),
        .noEffect,
        .severalEffects(keys: ["percent_off", "amount_off"]),
        .emptyCondition(.tier),
        .noFaultFalse,
        .untilBeforeFrom(from: CalendarDate("2026-05-01")!, until: CalendarDate("2026-04-01")!),
        .unknownPeriod(text: "week"),
        .noTablesDirectory,
        .tablesDirectoryUnreadable(reason: "Permission denied"),
        .draftNeedsBank(banks: 2),
        .noBankForDraft(bank: "nope-bank", directory: "FeeTables", nearest: "demo-bank"),
        .noBankFolders,
        .versionFileIsDirectory,
        .fileTooLarge(bytes: 20_000_000, limit: 16_777_216),
        .fileUnreadable,
        .noBankFile,
        .noVersionFiles,
        .tablesKeptChanging,
        .duplicateVersion(version: "2026-03", otherFile: "FeeTables/demo-bank/2026-03.json"),
        .duplicateEffectiveFrom(date: CalendarDate("2026-03-01")!, otherFile: "FeeTables/demo-bank/2026-03.json"),
        .waiverConditionsChanged(id: "small-balance-suspended", version: "2026-03"),
        .raiseShortNotice(.newItem(code: "card.express"), version: "2027-01", notice: 31, required: 90,
                          announceBy: CalendarDate("2026-10-03")!, effectiveAt: CalendarDate("2027-03-01")!),
        .raiseLearnedLate(.newItem(code: "card.express"), version: "2027-01", announcedOn: CalendarDate("2025-12-01")!,
                          effectiveFrom: CalendarDate("2026-04-01")!, previous: "2026-03", previousAnnouncedOn: CalendarDate("2026-02-20")!,
                          notice: 40, required: 90, effectiveAt: CalendarDate("2026-05-21")!),
        .waiverEnding(id: "south-overseas-atm-promo", name: waiverName, ends: day, daysLeft: 26, why: .until(day)),
    ]

    /// Every value of the cases' nested facts: each kind of value wanted, declared id, id, part,
    /// figure, raise and ending, and the optional facts left out.
    static let variants: [CheckMessage] = {
        var v: [CheckMessage] = []
        let wanted: [CheckMessage.Wanted] = [.object, .array, .string, .bool, .wholeNumber, .figure(.money), .figure(.rate),
                                             .figure(.percentage), .localizedText(language: "zh-Hans")]
        for w in wanted { for k in [JSONKind.string, .number, .bool, .null, .object, .array] { v.append(.wrongType(wanted: w, found: k)) } }
        let declared: [CheckMessage.Declared] = [.category, .tier, .segment, .channel, .reason, .branch]
        for d in declared {
            v += [.declaredTwice(d, id: "standard"), .undeclared(d, id: "gld", nearest: nil), .undeclared(d, id: "gld", nearest: "gold"),
                  .emptyCondition(d), .invalidId(text: "X Y", kind: .declared(d)), .unreadable(.declared(d))]
        }
        for k in [CheckMessage.IDKind.version, .bank, .itemCode, .waiver] { v.append(.invalidId(text: "X Y", kind: k)) }
        for p in [CheckMessage.Part.item, .waiver, .glossaryEntry, .table, .bankProfile] { v.append(.unreadable(p)) }
        for f in [CheckMessage.Figure.money, .rate, .percentage] { v.append(.numberNotString(literal: "0.5", figure: f)) }
        v += [.unknownKey(key: "zzz", nearest: nil, allowed: ["code", "ref"]), .noBankForDraft(bank: "x", directory: "FeeTables", nearest: nil),
              .patternMatchesNothing(pattern: "zz.nothing", nearest: nil), .moneyTooManyDigits(text: "1.23", digits: 1),
              .waiverEnding(id: "kiosk-first-free", name: waiverName, ends: day, daysLeft: 1, why: .droppedBy(version: "2027-01", from: CalendarDate("2027-01-01")!))]
        let raises: [CheckMessage.Raise] = [
            .currency(from: "CNY", fromDigits: 2, to: "USD", toDigits: 2),
            .fee(item: "transfer.interbank.counter", from: "15.00", to: "18.00", at: .amount("100,000.01")),
            .fee(item: "safebox.rent-small", from: "300.00", to: "360.00", at: .units(1)),
            .fee(item: "safebox.rent-small", from: "300.00", to: "360.00", at: .units(26)),
            .newItem(code: "card.express"),
            .waiverRemoved(id: "gold-atm-5-free", version: "2026-03"),
            .percentOffFalls(id: "gold-transfers-half", from: "50", to: "1"),
            .amountOffFalls(id: "senior-counter-transfer", from: "5.00", to: "0.01"),
            .waiverFeeRises(id: "student-certificate", from: "5.00", to: "999.00"),
            .effectKindChanges(id: "no-fault-card-reissue"),
        ]
        for r in raises {
            v += [.raiseShortNotice(r, version: "2027-01", notice: 1, required: 90, announceBy: nil, effectiveAt: nil),
                  .raiseLearnedLate(r, version: "2027-01", announcedOn: CalendarDate("2025-12-01")!, effectiveFrom: CalendarDate("2026-04-01")!,
                                    previous: "2026-03", previousAnnouncedOn: CalendarDate("2026-02-20")!, notice: 40, required: 90, effectiveAt: nil)]
        }
        return v
    }()

    /// The case's name: the switch lists every case, so a new one must be named (and sampled).
    static func name(_ m: CheckMessage) -> String {
        switch m {
        case .byteOrderMark: return "byteOrderMark"
        case .notJSON: return "notJSON"
        case .wrongType: return "wrongType"
        case .unknownKey: return "unknownKey"
        case .keyRepeated: return "keyRepeated"
        case .nullValue: return "nullValue"
        case .missingKey: return "missingKey"
        case .unreadable: return "unreadable"
        case .emptyText: return "emptyText"
        case .invalidId: return "invalidId"
        case .invalidDate: return "invalidDate"
        case .numberOutOfRange: return "numberOutOfRange"
        case .moneyNotDecimal: return "moneyNotDecimal"
        case .moneyTooManyDigits: return "moneyTooManyDigits"
        case .moneyTooLarge: return "moneyTooLarge"
        case .rateNotDecimal: return "rateNotDecimal"
        case .rateAboveOne: return "rateAboveOne"
        case .percentNotDecimal: return "percentNotDecimal"
        case .percentOutOfRange: return "percentOutOfRange"
        case .tooManyFractionDigits: return "tooManyFractionDigits"
        case .numberNotString: return "numberNotString"
        case .languageTwice: return "languageTwice"
        case .nullText: return "nullText"
        case .undeclaredLanguage: return "undeclaredLanguage"
        case .missingLanguages: return "missingLanguages"
        case .unsupportedFormat: return "unsupportedFormat"
        case .bankIdMismatch: return "bankIdMismatch"
        case .duplicateBranch: return "duplicateBranch"
        case .noLanguages: return "noLanguages"
        case .invalidLanguageTag: return "invalidLanguageTag"
        case .languageListedTwice: return "languageListedTwice"
        case .announcedAfterEffective: return "announcedAfterEffective"
        case .unknownRounding: return "unknownRounding"
        case .noTiers: return "noTiers"
        case .duplicateItemCode: return "duplicateItemCode"
        case .noItems: return "noItems"
        case .duplicateWaiver: return "duplicateWaiver"
        case .invalidCurrency: return "invalidCurrency"
        case .unknownMinorUnits: return "unknownMinorUnits"
        case .declaredTwice: return "declaredTwice"
        case .undeclared: return "undeclared"
        case .unknownPricing: return "unknownPricing"
        case .mixedFormula: return "mixedFormula"
        case .nestedBands: return "nestedBands"
        case .noBands: return "noBands"
        case .lastBandBounded: return "lastBandBounded"
        case .bandsNotIncreasing: return "bandsNotIncreasing"
        case .bandWithoutUpTo: return "bandWithoutUpTo"
        case .formulaEmpty: return "formulaEmpty"
        case .maxBelowMin: return "maxBelowMin"
        case .noPatterns: return "noPatterns"
        case .invalidPattern: return "invalidPattern"
        case .patternMatchesNothing: return "patternMatchesNothing"
        case .noEffect: return "noEffect"
        case .severalEffects: return "severalEffects"
        case .emptyCondition: return "emptyCondition"
        case .noFaultFalse: return "noFaultFalse"
        case .untilBeforeFrom: return "untilBeforeFrom"
        case .unknownPeriod: return "unknownPeriod"
        case .noTablesDirectory: return "noTablesDirectory"
        case .tablesDirectoryUnreadable: return "tablesDirectoryUnreadable"
        case .draftNeedsBank: return "draftNeedsBank"
        case .noBankForDraft: return "noBankForDraft"
        case .noBankFolders: return "noBankFolders"
        case .versionFileIsDirectory: return "versionFileIsDirectory"
        case .fileTooLarge: return "fileTooLarge"
        case .fileUnreadable: return "fileUnreadable"
        case .noBankFile: return "noBankFile"
        case .noVersionFiles: return "noVersionFiles"
        case .tablesKeptChanging: return "tablesKeptChanging"
        case .duplicateVersion: return "duplicateVersion"
        case .duplicateEffectiveFrom: return "duplicateEffectiveFrom"
        case .waiverConditionsChanged: return "waiverConditionsChanged"
        case .raiseShortNotice: return "raiseShortNotice"
        case .raiseLearnedLate: return "raiseLearnedLate"
        case .waiverEnding: return "waiverEnding"
        }
    }

    /// The ASCII digits of a text, sorted: the numbers it names, whatever the word order.
    static func digits(_ s: String) -> [Character] { s.filter { $0.isASCII && $0.isNumber }.sorted() }

    static func cjk(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    /// The ids and keys the text quotes ('card.reisue'): a quote opens after a space, '(' or the
    /// start and closes before anything but a letter, so the apostrophes of "bank's" and
    /// "days' notice" are not quotes.
    static func quoted(_ s: String) -> [String] {
        let c = Array(s)
        var out: [String] = []
        var i = 0
        while i < c.count {
            if c[i] == "'", i == 0 || !(c[i - 1].isLetter || c[i - 1].isNumber),
               let end = c[(i + 1)...].firstIndex(of: "'"), end + 1 == c.count || !c[end + 1].isLetter {
                out.append(String(c[(i + 1)..<end]))
                i = end + 1
            } else {
                i += 1
            }
        }
        return out
    }

    @Test func everyMessageIsWrittenInBothLanguages() {
        #expect(Set(Self.samples.map(Self.name)).count == Self.samples.count, "one sample per case")
        #expect(Self.samples.count == 76, "every case has a sample")
        for m in Self.samples + Self.variants {
            let zh = m.text(.chinese), en = m.text(.english)
            #expect(Self.cjk(zh), "\(Self.name(m)) in Chinese: \(zh)")
            #expect(!Self.cjk(en), "\(Self.name(m)) in English: \(en)")
            #expect(zh != en)
            // The same facts in both: every id the English quotes is in the Chinese, as are the digits.
            for id in Self.quoted(en) where !id.contains(" ") {
                #expect(zh.contains("'\(id)'"), "\(Self.name(m)): '\(id)' missing in \(zh)")
            }
            #expect(Self.digits(en) == Self.digits(zh), "\(Self.name(m)): the numbers differ: \(en) / \(zh)")
            // Chinese punctuation in the Chinese: no ASCII colon or semicolon after a Chinese character.
            for (a, b) in zip(zh, zh.dropFirst()) where Self.cjk(String(a)) {
                #expect(b != ";" && b != ":" && b != "," && b != "(", "\(Self.name(m)): ASCII punctuation in \(zh)")
            }
        }
    }

    @Test func theQuotedIdsAreFoundAndApostrophesAreNot() {
        #expect(Self.quoted("the bank's id 'demo-bank' and 31 days' notice of 'x.y'") == ["demo-bank", "x.y"])
        #expect(Self.quoted("use 'prefix.*' or '*' alone (did you mean 'gold'?)") == ["prefix.*", "*", "gold"])
    }

    /// The lines that end the report, in both languages with the same counts.
    @Test(arguments: [CheckSummary.bank(id: "demo-bank", versions: 3, itemCodes: 36), .bank(id: "one", versions: 1, itemCodes: 1),
                      .counts(errors: 0, warnings: 0, notes: 0), .counts(errors: 1, warnings: 1, notes: 1), .counts(errors: 2, warnings: 3, notes: 4)])
    func theSummaryIsWrittenInBothLanguages(line: CheckSummary) {
        let zh = line.text(.chinese), en = line.text(.english)
        #expect(Self.cjk(zh) && !Self.cjk(en), "\(zh) / \(en)")
        #expect(Self.digits(en) == Self.digits(zh), "\(zh) / \(en)")
    }

    /// The English is the text `fees check` has always printed; the Chinese uses full-width punctuation.
    @Test func theWordsAreTheOnesCheckPrints() {
        #expect(CheckSummary.counts(errors: 1, warnings: 0, notes: 2).text(.english) == "1 error, 0 warnings, 2 notes")
        #expect(CheckSummary.counts(errors: 1, warnings: 0, notes: 2).text(.chinese) == "1 个错误，0 个警告，2 条提示")
        #expect(CheckSummary.counts(errors: 0, warnings: 2, notes: 0).text(.chinese) == "0 个错误，2 个警告")
        #expect(CheckSummary.bank(id: "demo-bank", versions: 1, itemCodes: 36).text(.english) == "demo-bank: 1 version, 36 item codes: ok")
        let typo = CheckMessage.unknownKey(key: "maxx", nearest: "max", allowed: [])
        #expect(typo.text(.english) == "unknown key 'maxx': did you mean 'max'? Unknown keys are errors so that a typo cannot silently change a price.")
        #expect(typo.text(.chinese) == "未知的键 'maxx'（是否要找 'max'？）。未知的键一律按错误处理，以免拼写错误悄悄改变价格")
        // A waiver's name is the one of the message's language.
        let ending = CheckMessage.waiverEnding(id: "promo", name: Self.waiverName, ends: Self.day, daysLeft: 26, why: .until(Self.day))
        #expect(ending.text(.english).contains("(Half price on ATM withdrawals abroad)"))
        #expect(ending.text(.chinese).contains("（广州天河支行境外 ATM 取款五折）"))
    }

    /// A problem speaks the language it is told (`in(_:)`), English until then; its code, place
    /// and severity word do not change.
    @Test func aProblemSpeaksTheLanguageItIsTold() {
        let p = Problem(severity: .error, rule: .unknownKey, file: "t/b/2026-03.json", path: "items[0].fee.maxx",
                        position: nil, detail: .unknownKey(key: "maxx", nearest: "max", allowed: []))
        #expect(p.language == .english && p.message == p.detail.text(.english))
        let zh = p.in(.chinese)
        #expect(zh.message == p.detail.text(.chinese) && zh.code == p.code && zh.rule == p.rule)
        #expect(zh.description == "t/b/2026-03.json: error: items[0].fee.maxx: " + p.detail.text(.chinese))
        #expect(zh.in(.english) == p)
        #expect(CatalogueProblems(problems: [p]).in(.chinese).problems == [zh])
    }

    /// A load's problems are English until told otherwise; its default language is the first
    /// bank's first language, read even from a bank that fails its checks, else English.
    @Test func aLoadsDefaultLanguageIsTheFirstBanksFirst() {
        let broken = TempCatalogue.base(version: Fixtures.baseVersion.replacingOccurrences(of: "\"max\"", with: "\"maxx\"")).load()
        #expect(broken.catalogue == nil && !broken.errors.isEmpty)
        #expect(broken.defaultLanguage == .chinese, "the base bank lists zh-Hans first")
        #expect(broken.errors.allSatisfy { $0.language == .english && !Self.cjk($0.message) })
        #expect(broken.in(.chinese).errors.allSatisfy { $0.language == .chinese && Self.cjk($0.message) })
        let english = TempCatalogue.base(bank: Fixtures.baseBank.replacingOccurrences(of: #""zh-Hans", "en""#, with: #""en", "zh-Hans""#)).load()
        #expect(english.bankLanguages == ["en", "zh-Hans"] && english.defaultLanguage == .english)
        let noBank = CatalogueLoader.load(directory: "/nonexistent-" + UUID().uuidString)
        #expect(noBank.bankLanguages.isEmpty && noBank.defaultLanguage == .english)
        // A bank.json with one malformed tag still names its first language.
        let badTag = TempCatalogue.base(bank: Fixtures.baseBank.replacingOccurrences(of: #""zh-Hans", "en""#, with: #""zh-Hans", "en", "not a tag""#)).load()
        #expect(badTag.catalogue == nil && badTag.defaultLanguage == .chinese)
    }
}

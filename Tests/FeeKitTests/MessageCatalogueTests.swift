import Foundation
import Testing
import FeeKit

/// The quote errors' messages are written once per language: every message of the catalogue has
/// its Chinese and its English text, and each says the same facts.
@Suite struct MessageCatalogueTests {
    /// One message of every case but the decoder's (not yet in the catalogue).
    static let samples: [QuoteMessage] = [
        .unknownBank(id: "nope", nearest: "demo-bank", banks: ["demo-bank"]),
        .severalBanks(banks: ["a", "b"], option: "--bank"),
        .noSuchVersion(bank: "demo-bank", version: "2099-01", versions: ["2025-01", "2026-03"]),
        .noTableInEffect(bank: "demo-bank", date: "2020-01-01", firstVersion: "2025-01", firstEffective: "2025-01-01"),
        .unknownItem(code: "card.reisue", version: "2026-03", bank: "demo-bank", closest: ["card.reissue"]),
        .amountNotDecimal(text: "-5"),
        .amountTooManyDigits(text: "1.234", digits: 2, currency: "CNY"),
        .amountTooLarge(text: "1e20", largest: "999,999,999,999,999.99"),
        .amountRequired(item: "transfer.interbank.counter", atCounter: false),
        .quantityOnAmountItem(item: "transfer.interbank.counter"),
        .undeclared(kind: .tier, id: "gld", version: "2026-03", nearest: "gold", declared: ["standard", "gold"]),
        .unknownBranch(id: "sh-pudong", bank: "demo-bank", nearest: "sh-lujiazui", branches: ["sh-lujiazui"]),
        .quantityOutOfRange(0),
        .ageOutOfRange(151),
        .usesNegative(-1),
        .lineTooLong(bytes: 2_000_000, limit: 1_048_576),
        .invalidDate(text: "2026-02-30"),
        .notAnAmount(text: "abc"),
        .ambiguousAmount(text: "5,00", meant: "500"),
        .notWholeNumber(field: "--quantity", text: "2.5", what: .quantity),
        .transactionLineTooLong(bytes: 2_000_000, limit: 1_048_576),
        .notSortedByCustomer(customer: "c-0002", after: "c-0010"),
        .customerInterleaved(customer: "c-0002", date: "2026-03-01", counted: "2026-03-05"),
        .chargedNotMoney(text: "15.001", currency: "CNY", digits: 2),
        .itemRemoved(item: "cheque.leaf", version: "2026-03"),
    ]

    /// One of every request problem (the decoder's), each key and type named.
    static let problems: [RequestProblem] = [
        .notAnObject(found: .array), .notAnObject(found: nil), .notJSON(column: 3, detail: "expected a value"), .notJSON(column: nil, detail: "x"),
        .keyTwice(key: "item", inCustomer: false), .keyTwice(key: "tier", inCustomer: true),
        .unknownKey(key: "itme", nearest: "item", inCustomer: false), .unknownKey(key: "teir", nearest: "tier", inCustomer: true),
        .usesCounted, .segmentsHold(found: .number), .amountIsNumber(literal: "5.00"),
    ] + [RequestProblem.RequiredKey.customerRef, .charged, .item, .date].map(RequestProblem.missing)
      + [RequestProblem.WholeNumberKey.seq, .quantity, .uses, .age].map(RequestProblem.notWholeNumber)
      + [RequestProblem.WantedType.string, .stringID, .stringOrNumber, .bankCode, .date, .money, .decimal, .object, .languageTag, .segmentIDs].flatMap { w in
          [JSONKind.string, .number, .bool, .null, .object, .array].map { RequestProblem.wrongType(key: "item", wanted: w, found: $0) }
      }

    /// The case's name: the switch lists every case, so a new one must be named (and sampled).
    static func name(_ m: QuoteMessage) -> String {
        switch m {
        case .unknownBank: return "unknownBank"
        case .severalBanks: return "severalBanks"
        case .noSuchVersion: return "noSuchVersion"
        case .noTableInEffect: return "noTableInEffect"
        case .unknownItem: return "unknownItem"
        case .amountNotDecimal: return "amountNotDecimal"
        case .amountTooManyDigits: return "amountTooManyDigits"
        case .amountTooLarge: return "amountTooLarge"
        case .amountRequired: return "amountRequired"
        case .quantityOnAmountItem: return "quantityOnAmountItem"
        case .undeclared: return "undeclared"
        case .unknownBranch: return "unknownBranch"
        case .quantityOutOfRange: return "quantityOutOfRange"
        case .ageOutOfRange: return "ageOutOfRange"
        case .usesNegative: return "usesNegative"
        case .lineTooLong: return "lineTooLong"
        case .invalidDate: return "invalidDate"
        case .notAnAmount: return "notAnAmount"
        case .ambiguousAmount: return "ambiguousAmount"
        case .notWholeNumber: return "notWholeNumber"
        case .request: return "request"
        case .transactionLineTooLong: return "transactionLineTooLong"
        case .notSortedByCustomer: return "notSortedByCustomer"
        case .customerInterleaved: return "customerInterleaved"
        case .chargedNotMoney: return "chargedNotMoney"
        case .itemRemoved: return "itemRemoved"
        }
    }

    @Test func everyMessageIsWrittenInBothLanguages() {
        #expect(Set(Self.samples.map(Self.name)).count == Self.samples.count, "one sample per case")
        #expect(Self.samples.count == 25, "every case but the decoder's has a sample")
        func cjk(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        for m in Self.samples + Self.problems.map(QuoteMessage.request) {
            let zh = m.text(.chinese), en = m.text(.english)
            #expect(cjk(zh), "\(Self.name(m)) in Chinese: \(zh)")
            #expect(!cjk(en.replacingOccurrences(of: "5万", with: "")), "\(Self.name(m)) in English: \(en)")
            // The same facts in both: every id the English quotes ('card.reisue') is in the Chinese.
            for quoted in en.split(separator: "'").enumerated().filter({ $0.offset % 2 == 1 }).map(\.element) where quoted.count >= 4 && !quoted.contains(" ") {
                #expect(zh.contains(quoted), "\(Self.name(m)): '\(quoted)' missing in \(zh)")
            }
        }
    }

    /// A quote error speaks the language it is told: the request's `lang`, else the bank's first.
    @Test func anErrorSpeaksTheRequestsLanguageElseTheBanks() {
        let calculator = FeeCalculator(catalogue: PublishingTests.demo)
        let date = PublishingTests.demo.banks[0].versions.last!.effectiveFrom
        for (lang, expected) in [(nil, TextLanguage.chinese), ("en", .english), ("zh-Hans", .chinese)] {
            let r = QuoteRequest(item: "card.reisue", date: date, lang: lang)
            guard case .failure(let e) = calculator.quote(r) else { Issue.record("quoted"); continue }
            #expect(e.language == expected && e.message == e.detail.text(expected), "\(lang ?? "none"): \(e.message)")
        }
    }

    /// A line the decoder refuses still speaks its own `lang`, else its bank's first language;
    /// a line too broken to say either speaks the first bank's (the demo bank's Chinese).
    @Test func aLineTheDecoderRefusesSpeaksItsOwnLanguage() throws {
        let calculator = FeeCalculator(catalogue: PublishingTests.demo)
        let quoter = BatchQuoter(calculator: calculator, explain: false)
        let expected = QuoteError(.invalidQuantity, .request(.notWholeNumber(.quantity)))
        let cases: [(line: String, language: TextLanguage)] = [
            (#"{"item":"card.reissue","date":"2026-03-05","quantity":"x","lang":"en"}"#, .english),
            (#"{"lang":"en","item":"card.reissue","date":"2026-03-05","quantity":2.5}"#, .english),
            (#"{"item":"card.reissue","date":"2026-03-05","quantity":"x","lang":"zh-Hans"}"#, .chinese),
            (#"{"item":"card.reissue","date":"2026-03-05","quantity":"x"}"#, .chinese),
            (#"{"item":"card.reissue","date":"2026-03-05","quantity":"x","lang":7}"#, .chinese),
        ]
        for c in cases {
            var out: [UInt8] = []
            #expect(!quoter.answer(line: Array(c.line.utf8), into: &out))
            let answer = try JSONParser.parse(Array(out.dropLast()))
            #expect(answer.string(at: "error.code") == "invalid_quantity", "\(c.line)")
            #expect(answer.string(at: "error.message") == expected.in(c.language).message, "\(c.line)")
        }
        // Not an object: nothing says a language, so the first bank's first language.
        var out: [UInt8] = []
        _ = quoter.answer(line: Array(#"["lang","en"]"#.utf8), into: &out)
        let answer = try JSONParser.parse(Array(out.dropLast()))
        #expect(answer.string(at: "error.message") == QuoteError(.invalidRequest, .request(.notAnObject(found: .array))).in(.chinese).message)
    }

    /// One message of every case of the command line's catalogue (several where a case has forms).
    static let commandSamples: [CommandMessage] = [
        .unknownOption("--tabels", nearest: "--tables"), .unknownOption("-x", nearest: nil),
        .optionNeedsValue(option: "tables", valueName: "DIR"), .optionTwice(option: "slip"), .optionTakesNoValue(option: "json"),
        .chooseOne("json", "slip"), .onlyWith(option: "explain", flag: "jsonl"), .notWith(option: "slip", flag: "jsonl"),
        .give(["--from-version", "--to-version"]), .unexpectedArgument("extra"), .giveItem, .giveItemToQuote, .noItemWithBatch,
        .wholeNumber(option: "--jobs", from: 1, to: 256), .seconds(option: "--idle-timeout"), .watchSeconds,
        .cannotOpenLog(path: "/var/log/fees.jsonl", reason: "Permission denied"), .unknownCommand("chek", nearest: "check"),
        .notADate(option: "--date", text: "2026-02-30"), .mustBeOneOf(option: "--format", values: ["html", "md", "txt"]),
        .unknownFormat("pdf"), .notALanguage(tag: "fr", bank: "demo-bank", languages: ["zh-Hans", "en"]),
        .langNeedsOne(languages: ["zh-Hans", "en"]), .notAMessageLanguage(tag: "fr"), .needsOutDirectory(option: "--layout display", per: .screen),
        .needsOutDirectory(option: "--all-branches", per: .branch), .largePrintIsForHTML(format: "txt"), .statementLargePrintIsForHTML,
        .branchOrAllBranches, .displayIsOneBranchInHTML(leaveOut: ["--format txt", "--all-branches"]), .cannotCreate(path: "/boards", reason: "Permission denied"),
        .firstVersionHasNothingBefore(version: "2025-01"), .invalidPiece(piece: "", reserved: "-"), .givePeriod,
        .partial(.noPartials), .server(.noPort("8080")), .branchClosed(branch: "sz-futian", on: "2026-06-30"),
        .screensWritten(count: 29, directory: "screens", first: "screen-01.html"), .screensWritten(count: 1, directory: "out/screens", first: "screen-01.html"), .periodOrder(from: "2026-12-31", to: "2026-01-01"), .giveAnnouncedVersion,
        .fromVersionNeeded(target: "2025-01", from: "2024-01"), .matchesSeveral(option: "tier", text: "Gold", ids: ["gold", "gold-plus"]),
        .itemMatchesSeveral(text: "transfer.atm", list: "  transfer.atm.same-city"), .noItem(text: "cheque.lef", version: "2026-03", closest: nil),
        .noItem(text: "cheque.lef", version: "2026-03", closest: "  cheque.leaf"),
        .tablesFailChecks(directory: "FeeTables", errors: 2, withDrafts: [], nothing: .quoted),
        .tablesFailChecks(directory: "FeeTables", errors: 1, withDrafts: [], nothing: .served),
        .tablesFailChecks(directory: "FeeTables", errors: nil, withDrafts: ["drafts/2027-07.json"], nothing: nil),
        .outIsDanglingLink(path: "out/x.html"), .outIsDirectory(path: "out"), .outIsNotRegularFile(path: "/dev/null"),
        .outCannotCreate(path: "out/x.html", reason: "No such file or directory", directory: "out"),
        .outCannotWrite(path: "out/x.html", reason: "No space left on device"), .outCannotReplace(path: "out/x.html", reason: "Permission denied"),
        .outNameLeaves(name: "../x", directory: "boards"), .outNameResolvesOutside(name: "x", directory: "boards"),
        .cannotWriteAnswers(reason: "No space left on device"), .cannotWriteOutput(reason: "No space left on device"),
        .customerSumsOverflow,
        .unpricedLine(id: "t-1", code: "invalid_quantity", message: "…"), .unpricedLine(id: "", code: "invalid_quantity", message: "…"),
        .quote(code: "unknown_branch", .unknownBranch(id: "sh-pudong", bank: "demo-bank", nearest: nil, branches: ["sh-lujiazui"])),
        .usage(.noSuchVersion(bank: "demo-bank", version: "2099-01", versions: ["2025-01"])),
    ]

    /// The case's name: the switch lists every case, so a new one must be named (and sampled).
    static func name(_ m: CommandMessage) -> String {
        switch m {
        case .unknownOption: return "unknownOption"
        case .optionNeedsValue: return "optionNeedsValue"
        case .optionTwice: return "optionTwice"
        case .optionTakesNoValue: return "optionTakesNoValue"
        case .chooseOne: return "chooseOne"
        case .onlyWith: return "onlyWith"
        case .notWith: return "notWith"
        case .give: return "give"
        case .unexpectedArgument: return "unexpectedArgument"
        case .giveItem: return "giveItem"
        case .giveItemToQuote: return "giveItemToQuote"
        case .noItemWithBatch: return "noItemWithBatch"
        case .wholeNumber: return "wholeNumber"
        case .seconds: return "seconds"
        case .watchSeconds: return "watchSeconds"
        case .cannotOpenLog: return "cannotOpenLog"
        case .unknownCommand: return "unknownCommand"
        case .notADate: return "notADate"
        case .mustBeOneOf: return "mustBeOneOf"
        case .unknownFormat: return "unknownFormat"
        case .notALanguage: return "notALanguage"
        case .langNeedsOne: return "langNeedsOne"
        case .notAMessageLanguage: return "notAMessageLanguage"
        case .needsOutDirectory: return "needsOutDirectory"
        case .largePrintIsForHTML: return "largePrintIsForHTML"
        case .statementLargePrintIsForHTML: return "statementLargePrintIsForHTML"
        case .branchOrAllBranches: return "branchOrAllBranches"
        case .displayIsOneBranchInHTML: return "displayIsOneBranchInHTML"
        case .cannotCreate: return "cannotCreate"
        case .firstVersionHasNothingBefore: return "firstVersionHasNothingBefore"
        case .invalidPiece: return "invalidPiece"
        case .givePeriod: return "givePeriod"
        case .periodOrder: return "periodOrder"
        case .giveAnnouncedVersion: return "giveAnnouncedVersion"
        case .fromVersionNeeded: return "fromVersionNeeded"
        case .matchesSeveral: return "matchesSeveral"
        case .itemMatchesSeveral: return "itemMatchesSeveral"
        case .noItem: return "noItem"
        case .tablesFailChecks: return "tablesFailChecks"
        case .outIsDanglingLink: return "outIsDanglingLink"
        case .outIsDirectory: return "outIsDirectory"
        case .outIsNotRegularFile: return "outIsNotRegularFile"
        case .outCannotCreate: return "outCannotCreate"
        case .outCannotWrite: return "outCannotWrite"
        case .outCannotReplace: return "outCannotReplace"
        case .outNameLeaves: return "outNameLeaves"
        case .outNameResolvesOutside: return "outNameResolvesOutside"
        case .cannotWriteAnswers: return "cannotWriteAnswers"
        case .cannotWriteOutput: return "cannotWriteOutput"
        case .customerSumsOverflow: return "customerSumsOverflow"
        case .unpricedLine: return "unpricedLine"
        case .quote: return "quote"
        case .usage: return "usage"
        case .partial: return "partial"
        case .server: return "server"
        case .branchClosed: return "branchClosed"
        case .screensWritten: return "screensWritten"
        }
    }

    /// One message in both languages: Chinese words in its Chinese and none in its English, and
    /// the same facts in each: every id or value the English quotes, and every word of it that
    /// `isFact` picks (options, numbers, paths: a trailing colon is the sentence's, not the fact's).
    static func expectBothLanguages(_ name: String, zh: String, en: String, isFact: (Substring) -> Bool,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        func cjk(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        #expect(cjk(zh), "\(name) in Chinese: \(zh)", sourceLocation: sourceLocation)
        #expect(!cjk(en), "\(name) in English: \(en)", sourceLocation: sourceLocation)
        // A quoted fact is 'x' with no space inside, so a possessive ("header's 'to'") hides none.
        for quoted in en.matches(of: /'([^' ]+)'/).map(\.output.1) {
            #expect(zh.contains(quoted), "\(name): '\(quoted)' missing in \(zh)", sourceLocation: sourceLocation)
        }
        for word in en.split(whereSeparator: { " '(),;…".contains($0) }) where isFact(word) {
            let fact = word.hasSuffix(":") && !word.hasSuffix("::") ? word.dropLast() : word
            #expect(zh.contains(fact), "\(name): \(fact) missing in \(zh)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyCommandLineMessageIsWrittenInBothLanguages() {
        #expect(Set(Self.commandSamples.map(Self.name)).count == 57, "every case has a sample")
        for m in Self.commandSamples {
            // Options, and the numbers and paths a message names (a count of screens, their directory).
            Self.expectBothLanguages(Self.name(m), zh: m.text(.chinese), en: m.text(.english)) {
                $0.hasPrefix("--") || $0.allSatisfy(\.isNumber) || $0.contains("/")
            }
        }
        #expect(CommandMessage.usage("fees quote ITEM", help: "quote", .chinese) == "Usage: fees quote ITEM\n参见 'fees quote --help'。\n")
        #expect(CommandMessage.usage("fees <command>", help: "", .english) == "Usage: fees <command>\nSee 'fees --help'.\n")
    }

    /// One message of every case of the partials' catalogue (several where a case has forms).
    static let partialSamples: [PartialMessage] = [
        .cannotRead(path: "parts/a.partial", reason: "No such file or directory"), .headerNotJSON(detail: "unexpected end at byte 12"),
        .headerNotAnObject, .notStartingWithHeader, .olderFormat(found: "fees-partial/1", current: "fees-partial/2"),
        .headerLacksKindBankOrTables, .headerLacks(key: "from_version"), .headerValueNotAString(key: "to"),
        .fingerprintNotAString(version: "2026-03"), .linesAfterTrailer, .trailerUnreadable, .checksumMismatch, .lineTooLong, .empty,
        .noTrailer, .periodNotDates, .customersOutOfOrder(customer: "R1", after: "R2"), .lineNotJSON, .unreadableLine(.statement),
        .unreadableLine(.impact), .impactLineNamesNothing, .auditCountsUnreadable, .auditCountsMissing, .unreadableFinding,
        .findingInconsistent, .unreadableMissingFact, .sumsOverflow(.statement), .sumsOverflow(.impact), .noPartials,
        .customerInTwo(customer: "K1", first: .file("a.partial"), second: .file("b.partial")),
        .customerInTwo(customer: "K1", first: nil, second: .standardInput(part: 2)),
        .kindsDiffer(first: .file("a.partial"), .statement, other: .standardInput(part: nil), .audit),
        .scopesDiffer(first: .file("a.partial"), .period(from: "2026-01-01", to: "2026-12-31"), other: .file("b.partial"), .period(from: nil, to: "2026-12-31")),
        .scopesDiffer(first: .file("a.partial"), .versions(from: "2026-03", to: "2027-01"), other: .file("b.partial"), .versions(from: "2025-01", to: "2027-01")),
        .banksDiffer(first: .file("a.partial"), bank: "demo-bank", other: .file("b.partial"), otherBank: "other-bank"),
        .tablesDiffer(first: .file("a.partial"), other: .file("b.partial"), .fingerprints(version: "2026-03", "sha256:0123456789ab", "sha256:ba9876543210")),
        .otherTables(.missingFromFirst(version: "2027-01")), .otherTables(.missingFromSecond(version: "2027-01")),
        .otherBank(partials: "demo-bank", given: "other-bank"), .pieceNamedTwice(.file("a.partial"), piece: "task-7"),
        .givenTwice(.file("a.partial")), .pieceInTwo(first: .file("merged.partial"), second: .file("a.partial"), piece: "task-7"),
        .changedBetweenReads(.file("a.partial")), .overflow(counts: true), .overflow(counts: false),
        .about(.file("a.partial"), .noTrailer),
    ]

    /// The case's name: the switch lists every case, so a new one must be named (and sampled).
    static func name(_ m: PartialMessage) -> String {
        switch m {
        case .cannotRead: return "cannotRead"
        case .headerNotJSON: return "headerNotJSON"
        case .headerNotAnObject: return "headerNotAnObject"
        case .notStartingWithHeader: return "notStartingWithHeader"
        case .olderFormat: return "olderFormat"
        case .headerLacksKindBankOrTables: return "headerLacksKindBankOrTables"
        case .headerLacks: return "headerLacks"
        case .headerValueNotAString: return "headerValueNotAString"
        case .fingerprintNotAString: return "fingerprintNotAString"
        case .linesAfterTrailer: return "linesAfterTrailer"
        case .trailerUnreadable: return "trailerUnreadable"
        case .checksumMismatch: return "checksumMismatch"
        case .lineTooLong: return "lineTooLong"
        case .empty: return "empty"
        case .noTrailer: return "noTrailer"
        case .periodNotDates: return "periodNotDates"
        case .customersOutOfOrder: return "customersOutOfOrder"
        case .lineNotJSON: return "lineNotJSON"
        case .unreadableLine: return "unreadableLine"
        case .impactLineNamesNothing: return "impactLineNamesNothing"
        case .auditCountsUnreadable: return "auditCountsUnreadable"
        case .auditCountsMissing: return "auditCountsMissing"
        case .unreadableFinding: return "unreadableFinding"
        case .findingInconsistent: return "findingInconsistent"
        case .unreadableMissingFact: return "unreadableMissingFact"
        case .sumsOverflow: return "sumsOverflow"
        case .noPartials: return "noPartials"
        case .customerInTwo: return "customerInTwo"
        case .kindsDiffer: return "kindsDiffer"
        case .scopesDiffer: return "scopesDiffer"
        case .banksDiffer: return "banksDiffer"
        case .tablesDiffer: return "tablesDiffer"
        case .otherBank: return "otherBank"
        case .otherTables: return "otherTables"
        case .pieceNamedTwice: return "pieceNamedTwice"
        case .givenTwice: return "givenTwice"
        case .pieceInTwo: return "pieceInTwo"
        case .changedBetweenReads: return "changedBetweenReads"
        case .overflow: return "overflow"
        case .about: return "about"
        }
    }

    /// Every refusal of partials in both languages, with the same paths, refs, pieces, versions
    /// and dates in each; standard input is named in words of the message's language.
    @Test func everyPartialsMessageIsWrittenInBothLanguages() {
        #expect(Set(Self.partialSamples.map(Self.name)).count == 40, "every case has a sample")
        for m in Self.partialSamples {
            Self.expectBothLanguages(Self.name(m), zh: m.text(.chinese), en: m.text(.english)) {
                $0.contains(where: \.isNumber) || $0.hasSuffix(".partial") || $0.hasPrefix("--")
            }
        }
        #expect(PartialMessage.about(.standardInput(part: 2), .empty).text(.english) == "standard input (partial 2): it is empty")
        #expect(PartialMessage.about(.standardInput(part: 2), .empty).text(.chinese) == "标准输入（第 2 个分片文件）：文件为空")
    }

    /// One message of every case of the server's catalogue (several where a case has forms).
    static let serverSamples: [ServerMessage] = [
        .notABracketedAddress("[::1]8080"), .noPort("nope"), .notAPort("70000"), .notAnIPAddress("999.1.1.1"),
        .cannotOpenSocket(reason: "Too many open files"), .cannotBind(address: "127.0.0.1:8080", reason: "Address already in use"),
        .cannotListen(address: "/run/fees.sock", reason: "Permission denied"), .socketPathTooLong(path: "/tmp/x.sock", most: 107),
        .notASocket(path: "/etc/passwd"), .socketInUse(path: "/run/fees.sock"), .threads(most: 256), .cannotStartThread(loop: 1),
        .started(threads: 1, directory: "FeeTables", generation: 1, warnings: 0), .started(threads: 4, directory: "FeeTables", generation: 3, warnings: 2),
        .reloaded(.signal, generation: 2), .reloadFailed(.fileChange, errors: 1, generation: 2), .reloadFailed(.signal, errors: 3, generation: 5),
        .stopping(signal: "SIGTERM"), .stopped,
    ]

    /// The case's name: the switch lists every case, so a new one must be named (and sampled).
    static func name(_ m: ServerMessage) -> String {
        switch m {
        case .notABracketedAddress: return "notABracketedAddress"
        case .noPort: return "noPort"
        case .notAPort: return "notAPort"
        case .notAnIPAddress: return "notAnIPAddress"
        case .cannotOpenSocket: return "cannotOpenSocket"
        case .cannotBind: return "cannotBind"
        case .cannotListen: return "cannotListen"
        case .socketPathTooLong: return "socketPathTooLong"
        case .notASocket: return "notASocket"
        case .socketInUse: return "socketInUse"
        case .threads: return "threads"
        case .cannotStartThread: return "cannotStartThread"
        case .started: return "started"
        case .reloaded: return "reloaded"
        case .reloadFailed: return "reloadFailed"
        case .stopping: return "stopping"
        case .stopped: return "stopped"
        }
    }

    /// Every message of `fees serve` to its operator in both languages, with the same addresses,
    /// paths, options and numbers; a status line starts with `fees serve:` in either.
    @Test func everyServerMessageIsWrittenInBothLanguages() {
        #expect(Set(Self.serverSamples.map(Self.name)).count == 17, "every case has a sample")
        for m in Self.serverSamples {
            let zh = m.text(.chinese), en = m.text(.english)
            #expect(en.hasPrefix("fees serve: ") == zh.hasPrefix("fees serve: "), "\(Self.name(m))")
            Self.expectBothLanguages(Self.name(m), zh: zh, en: en) {
                $0.contains(where: \.isNumber) || $0.hasPrefix("--") || $0.hasPrefix("/") || $0.hasPrefix("SIG")
            }
        }
        #expect(ServerMessage.started(threads: 1, directory: "T", generation: 1, warnings: 1).text(.english) == "fees serve: 1 thread, tables 'T' (generation 1, 1 warning); SIGHUP reloads, SIGTERM stops")
    }

    /// One message of every case of the service's refusals (several where a case has forms).
    static let serviceSamples: [ServiceMessage] = [
        .badQuery, .unknownParameter(name: "colour", allowed: ["bank", "date"]), .unknownParameter(name: "colour", allowed: []),
        .repeatedParameter(name: "date"), .invalidDate(text: "2026-02-30"),
        .unknownLanguage(tag: "fr", bank: "demo-bank", languages: ["zh-Hans", "en"]), .unknownPage,
        .unknownVersion(version: "2099-01", versions: ["2025-01", "2026-03"]), .firstVersion(version: "2025-01"),
        .unknownBranch(id: "sh-pudong", branches: ["sh-lujiazui", "sz-futian"]),
        .noTableInEffect(bank: "demo-bank", date: "2020-01-01", firstVersion: "2025-01", firstEffective: "2025-01-01"),
        .noTableInEffect(bank: "demo-bank", date: "2020-01-01", firstVersion: nil, firstEffective: nil),
        .unknownItem(code: "card.reisue", bank: "demo-bank", closest: ["card.reissue"]), .unknownItem(code: "zzz", bank: "demo-bank", closest: []),
        .quote(.unknownBank(id: "demo-bnak", nearest: "demo-bank", banks: ["demo-bank"])),
        .quote(.severalBanks(banks: ["a-bank", "b-bank"], option: "bank=ID")),
    ]

    /// The case's name: the switch lists every case, so a new one must be named (and sampled).
    static func name(_ m: ServiceMessage) -> String {
        switch m {
        case .badQuery: return "badQuery"
        case .unknownParameter: return "unknownParameter"
        case .repeatedParameter: return "repeatedParameter"
        case .invalidDate: return "invalidDate"
        case .unknownLanguage: return "unknownLanguage"
        case .unknownPage: return "unknownPage"
        case .unknownVersion: return "unknownVersion"
        case .firstVersion: return "firstVersion"
        case .unknownBranch: return "unknownBranch"
        case .noTableInEffect: return "noTableInEffect"
        case .unknownItem: return "unknownItem"
        case .quote: return "quote"
        }
    }

    /// Every refusal of the service's routes and pages in both languages, with the same
    /// parameters, ids, versions, dates and language tags in each.
    @Test func everyServiceMessageIsWrittenInBothLanguages() {
        #expect(Set(Self.serviceSamples.map(Self.name)).count == 12, "every case has a sample")
        for m in Self.serviceSamples {
            Self.expectBothLanguages(Self.name(m), zh: m.text(.chinese), en: m.text(.english)) {
                $0.contains(where: \.isNumber) || $0.contains("=") || ($0.contains("-") && !$0.hasPrefix("%"))
            }
        }
        #expect(ServiceMessage.quote(.severalBanks(banks: ["a", "b"], option: "bank=ID")).text(.english) == "the tables hold several banks (a, b): give bank=ID")
        #expect(ServiceMessage.unknownLanguage(tag: "fr", bank: "b", languages: ["zh-Hans", "en"]).text(.chinese) == "'fr' 不是 b 的语言；请用 zh-Hans 或 en")
    }

    /// The language of messages written before the tables load is the one the loader would
    /// give: the first bank's first valid language, also when its list starts with a mistake.
    @Test func theLanguageBeforeLoadingIsTheLoadersLanguage() throws {
        #expect(CatalogueLoader.firstLanguage(directory: TellerSnapshotTests.demoTables) == "zh-Hans")
        let dir = NSTemporaryDirectory() + "first-language-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/a-bank", withIntermediateDirectories: true)
        let demo = try String(contentsOfFile: TellerSnapshotTests.demoTables + "/demo-bank/bank.json", encoding: .utf8)
        let broken = demo.replacingOccurrences(of: #""id": "demo-bank""#, with: #""id": "a-bank""#)
            .replacingOccurrences(of: "\"languages\": [\n    \"zh-Hans\",", with: "\"languages\": [\n    7,")
        #expect(broken.contains("\"languages\": [\n    7,") && broken.contains("\"a-bank\""), "the demo bank.json changed shape")
        try broken.write(toFile: dir + "/a-bank/bank.json", atomically: true, encoding: .utf8)
        let loaded = CatalogueLoader.load(directory: dir)
        #expect(loaded.catalogue == nil)
        #expect(CatalogueLoader.firstLanguage(directory: dir) == "en")
        #expect(loaded.defaultLanguage == .english)
        #expect(CatalogueLoader.firstLanguage(directory: dir + "/none") == nil)
    }
}

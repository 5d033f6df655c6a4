#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import FeeKit
import FeeServer

/// A failure the command reports and exits with.
struct CommandFailure: Error {
    let message: String
    let status: Int32

    /// A usage mistake of `command`: exit 2, the message followed by the command's usage line and
    /// the pointer to its help, as the parser's mistakes are printed.
    static func usage(_ m: CommandMessage, of command: any Command.Type, in language: TextLanguage = CommandLanguage.current) -> CommandFailure {
        let text = "error: " + m.text(language) + "\n" + CommandMessage.usage(command.usage, help: command.name, language)
        return CommandFailure(message: String(text.dropLast()), status: ExitCode.usage)   // `run` ends the line
    }

    /// A quote error: exit 1 with its code and message.
    static func quote(_ e: QuoteError) -> CommandFailure {
        CommandFailure(message: "error: \(e.code.rawValue): \(e.message)", status: ExitCode.failure)
    }
}

/// What the teller commands share: the loaded tables, the bank, the day and the language.
struct Session {
    let catalogue: Catalogue
    let bank: Bank
    let date: CalendarDate
    let tag: String
    /// Every language `--lang` named, each one of the bank's (the bank's first when not given).
    let tags: [String]

    static let bankOption = OptionSpec(name: "bank", valueName: "ID", help: "The bank, when the tables hold several.")
    static let dateOption = OptionSpec(name: "date", valueName: "YYYY-MM-DD", help: "The day (default: today in the local calendar).")
    static let langOption = OptionSpec(name: "lang", valueName: "TAG", help: "The language: zh-Hans or en (default: the bank's first).")

    /// Loads the tables and settles bank, date and language for `command`, or says what is wrong.
    /// A `--bank` the tables do not hold and a `--date` that is not a day are usage mistakes (exit
    /// 2, with the command's usage line), except at the counter: with `teller` (`fees quote ITEM`)
    /// they are fields of the request being priced, and their quote errors (`unknown_bank`,
    /// `invalid_date`) exit 1. With `teller` (one quote on one day) a snapshot of tables that
    /// passed their checks may also stand in for checking them again, and only the versions the
    /// day needs are read (`CatalogueSnapshot`).
    static func open(_ args: Arguments, for command: any Command.Type, teller: Bool = false) -> Result<Session, CommandFailure> {
        let directory = tablesDirectory(args)
        let draftFiles = drafts(args)
        let loaded = teller && draftFiles.isEmpty
            ? CatalogueSnapshot.loadForTeller(directory: directory, on: args.value("date").map { CalendarDate($0) } ?? today())
            : CatalogueLoader.load(directory: directory, drafts: draftFiles)
        // Problems and errors before the bank is settled speak `--lang`, else the first bank's first language.
        let early = CommandLanguage.asked(args) ?? loaded.defaultLanguage
        guard let catalogue = loaded.catalogue else {
            let problems = loaded.errors.map { $0.in(early).description }.joined(separator: "\n")
            let failed = CommandFailure(.tablesFailChecks(directory: directory, errors: nil, withDrafts: args.all("with"), nothing: nil), status: ExitCode.usage, in: early)
            return .failure(CommandFailure(message: problems + "\n" + failed.message, status: ExitCode.usage))
        }
        let bank: Bank
        if let id = args.value("bank") {
            guard let b = catalogue.bank(id) else {
                // Said as the calculator says it for a request line, nearest bank included.
                let unknown = FeeCalculator(catalogue: catalogue).unknownBank(id)
                if teller { return .failure(.quote(unknown.in(early))) }
                return .failure(.usage(.usage(unknown.detail), of: command, in: early))
            }
            bank = b
        } else if catalogue.banks.count == 1 {
            bank = catalogue.banks[0]
        } else {
            return .failure(.usage(.usage(.severalBanks(banks: catalogue.banks.map(\.id), option: "--bank")), of: command, in: early))
        }
        let date: CalendarDate
        if let text = args.value("date") {
            guard let d = CalendarDate(text) else {
                let language = CommandLanguage.asked(args) ?? TextLanguage(tag: bank.profile.languages[0])
                if teller { return .failure(.quote(QuoteError(.invalidDate, .invalidDate(text: text), language: language))) }
                return .failure(.usage(.notADate(option: "--date", text: text), of: command, in: language))
            }
            date = d
        } else {
            date = today()
        }
        // One tag, or a list for the notices (`zh-Hans,en`): every one must be the bank's; the
        // first is the language of the session's own texts.
        let tags = args.value("lang").map(CommandLanguage.tags) ?? [bank.profile.languages[0]]
        for tag in tags where !bank.profile.languages.contains(tag) {
            return .failure(.usage(.notALanguage(tag: tag, bank: bank.id, languages: bank.profile.languages), of: command, in: early))
        }
        guard let tag = tags.first else {
            return .failure(.usage(.langNeedsOne(languages: bank.profile.languages), of: command, in: early))
        }
        return .success(Session(catalogue: catalogue, bank: bank, date: date, tag: tag, tags: tags))
    }

    /// The language of the session's own texts and messages.
    var language: TextLanguage { TextLanguage(tag: tag) }

    /// The version in effect on the session's day.
    func table() -> Result<FeeTable, CommandFailure> {
        guard let t = bank.version(on: date) else {
            return .failure(.quote(QuoteError(.noTableInEffect, .noTableInEffect(bank, on: date), language: language)))
        }
        return .success(t)
    }

    /// Resolves what the teller typed to one item of `table`.
    func item(_ text: String, in table: FeeTable) -> Result<FeeItem, CommandFailure> {
        switch ItemLookup.resolve(text, in: table) {
        case .found(let item):
            return .success(item)
        case .ambiguous(let items):
            let list = items.map { "  \($0.code)  \($0.name.text(tag))" }.joined(separator: "\n")
            return .failure(CommandFailure(.itemMatchesSeveral(text: text, list: list), status: ExitCode.failure, in: language))
        case .notFound(let suggestions):
            let closest = suggestions.isEmpty ? nil
                : suggestions.map { "  \($0.code)  \($0.name.translations.map(\.text).joined(separator: " / "))" }.joined(separator: "\n")
            return .failure(CommandFailure(.noItem(text: text, version: table.version, closest: closest), status: ExitCode.failure, in: language))
        }
    }

    /// Today in the local calendar (the system's time zone, or `TZ`): the only place the CLI
    /// reads the clock, through the one reading of the server's (`WallClock.today`; Foundation's
    /// `TimeZone.current` would need the internationalization library, and say UTC without it).
    static func today() -> CalendarDate { WallClock.today() }
}

extension Result where Failure == CommandFailure {
    /// Prints the failure and returns its status, or runs `body` with the value.
    func run(_ body: (Success) -> Int32) -> Int32 {
        switch self {
        case .success(let v): return body(v)
        case .failure(let f):
            Console.err(f.message + "\n")
            return f.status
        }
    }
}

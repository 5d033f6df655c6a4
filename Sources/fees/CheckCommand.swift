import FeeKit

/// `fees check`: validates a tables directory (spec §5).
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Check every bank's tables: format, ids, languages, bands, and the notice period for raised fees."
    static let options = [
        tablesOption,
        draftOption,
        // --bank only says whose the drafts are (every bank is checked): without --with it would be ignored.
        OptionSpec(name: "bank", valueName: "ID", help: "With --with: the bank the drafts belong to, when the tables hold several.").only(with: "with"),
        OptionSpec(name: "date", valueName: "YYYY-MM-DD", help: "The day for notes on waivers that end within 30 days (default: today)."),
        OptionSpec(name: "json", valueName: nil, help: "Print the report as one JSON object."),
        OptionSpec(name: "lang", valueName: "TAG", help: "The language of the messages: zh-Hans or en (default: the first bank's first language, else en)."),
    ]
    static let examples = [
        "fees check --tables FeeTables",
        "fees check --with drafts/2027-07.json",
        "fees check --tables FeeTables --json",
        "fees check --lang en",
    ]

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        let asked: TextLanguage?
        switch args.value("lang") {
        case nil: asked = nil
        case let tag?:
            guard let language = CommandLanguage.messageLanguage(tag) else {
                return usageMistake(.notAMessageLanguage(tag: tag))
            }
            asked = language
        }
        let directory = tablesDirectory(args)
        var result = CatalogueLoader.load(directory: directory, drafts: drafts(args))
        // `--lang`, else the first bank's first language (even a bank that failed its checks), else English.
        let language = asked ?? result.defaultLanguage
        var date = Session.today()
        if let text = args.value("date") {
            guard let d = CalendarDate(text) else {
                return usageMistake(.notADate(option: "--date", text: text), in: language)
            }
            date = d
        }
        if let catalogue = result.catalogue {
            result.problems += CatalogueChecker.endingWaivers(in: catalogue, directory: directory, files: result.versionFiles, on: date)
        }
        result = result.in(language)
        let errors = result.errors.count, warnings = result.warnings.count, notes = result.notes.count
        if args.flag("json") {
            var w = JSONWriter()
            w.beginObject()
            w.field("ok", errors == 0)
            w.field("errors", errors)
            w.field("warnings", warnings)
            w.field("notes", notes)
            w.key("banks")
            w.beginArray()
            for bank in result.catalogue?.banks ?? [] {
                w.beginObject()
                w.field("id", bank.id)
                w.key("versions")
                w.beginArray()
                for v in bank.versions { w.string(v.version) }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.key("problems")
            w.beginArray()
            for p in result.problems { p.write(to: &w) }
            w.endArray()
            w.endObject()
            Console.out(w.text + "\n")
        } else {
            for p in result.problems { Console.out(p.description + "\n") }
            if let catalogue = result.catalogue {
                for bank in catalogue.banks {
                    let items = Set(bank.versions.flatMap { $0.items.map(\.code) }).count
                    Console.out(CheckSummary.bank(id: bank.id, versions: bank.versions.count, itemCodes: items).text(language) + "\n")
                }
            }
            Console.out(CheckSummary.counts(errors: errors, warnings: warnings, notes: notes).text(language) + "\n")
        }
        // Tables that cannot be loaded (no tables directory there, one that cannot be listed, one
        // that holds no bank), drafts whose bank `--bank` does not name, and a `--with` draft that
        // is not there (or cannot be read) are what they are for every command: exit 2, the check
        // asked for was not made. The problems keep their codes and messages above.
        let drafts = Set(args.all("with"))
        if result.problems.contains(where: { Self.stopsTheCheck.contains($0.rule) || ($0.rule == .unreadableFile && drafts.contains($0.file)) }) {
            return ExitCode.usage
        }
        return errors == 0 ? ExitCode.success : ExitCode.failure
    }

    /// The problems that mean the check asked for could not be made, not that something checked
    /// is wrong: exit 2, like any command's unloadable tables or usage mistake. (So is
    /// `unreadable_file` when the file is a `--with` draft, a file the command line names.)
    static let stopsTheCheck: Set<ProblemCode> = [.missingDirectory, .noBanks, .unknownDraftBank]
}

/// `--with DRAFT.json`: version files read as if they were in their bank's folder.
let draftOption = OptionSpec(name: "with", valueName: "DRAFT.json",
                             help: "A draft version file, checked as if it were in its bank's folder (repeatable; --bank names the bank when there are several).",
                             repeatable: true)

/// The drafts of `--with`, keyed by `--bank` (or "" for the only bank).
func drafts(_ args: Arguments) -> [String: [String]] {
    let files = args.all("with")
    return files.isEmpty ? [:] : [args.value("bank") ?? "": files]
}

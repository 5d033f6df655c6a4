#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import FeeKit

/// Options the publishing commands share.
enum PublishOptions {
    static let format = OptionSpec(name: "format", valueName: "html|md|txt", help: "Output format (default: html).")
    /// HTML's: refused with `--format md` or `--format txt`, where it would be ignored.
    static let layout = OptionSpec(name: "layout", valueName: "a3|a4|screen|display", help: "HTML layout: A3 poster (default), A4 booklet, screen (website and phones), or display (a branch's 1920 × 1080 screen: --out DIR gets one page per screen).")
        .not(when: "format", is: "md", "txt")
    static let largePrint = OptionSpec(name: "large-print", valueName: nil, help: "Type at 1.5× the layout's (适老化 large print).")
    static let langs = OptionSpec(name: "lang", valueName: "TAGS", help: "Languages, comma-separated (default: all of the bank's, e.g. zh-Hans,en).")
    static let out = OptionSpec(name: "out", valueName: "PATH", help: "Write to this file (atomically) instead of standard output.")

    /// The format, layout and languages of `command`'s notice; a bad format or layout, and large
    /// print with a format other than HTML, are usage mistakes (exit 2, with the usage line).
    static func parse(_ args: Arguments, session: Session, for command: any Command.Type) -> Result<(DocumentFormat, PageLayout, [String]), CommandFailure> {
        if args.flag("large-print") && (args.value("format") ?? "html") != "html" {
            return .failure(.usage(.largePrintIsForHTML(format: args.value("format") ?? ""), of: command, in: session.language))
        }
        guard let format = DocumentFormat(rawValue: args.value("format") ?? "html") else {
            return .failure(.usage(.mustBeOneOf(option: "--format", values: ["html", "md", "txt"]), of: command, in: session.language))
        }
        guard let layout = PageLayout(rawValue: args.value("layout") ?? "a3") else {
            return .failure(.usage(.mustBeOneOf(option: "--layout", values: ["a3", "a4", "screen", "display"]), of: command, in: session.language))
        }
        // `--lang` as the session checked it; a notice without one is in every language of the bank.
        let languages = args.value("lang") == nil ? session.bank.profile.languages : session.tags
        return .success((format, layout, languages))
    }

    /// The document rendered as the options ask (large print).
    static func render(_ d: Document, _ format: DocumentFormat, _ layout: PageLayout, _ args: Arguments) -> String {
        var d = d
        d.options.largePrint = args.flag("large-print")
        return d.render(format, layout: layout)
    }

    /// A branch display: the document's screens as DIR/screen-01.html …, each advancing to the next.
    /// What it says is in `language` (the session's: `--lang`, else the bank's first). Without
    /// `--out DIR` it is a usage mistake of `command`.
    static func writeScreens(_ d: Document, _ args: Arguments, for command: any Command.Type, in language: TextLanguage) -> Int32 {
        guard let directory = args.value("out") else {
            return command.usageMistake(.needsOutDirectory(option: "--layout display", per: .screen), in: language)
        }
        func name(_ k: Int) -> String { "screen-" + (k < 9 ? "0" : "") + "\(k + 1).html" }
        var d = d
        d.options.largePrint = args.flag("large-print")
        let screens = d.screens(name: name)
        for (k, screen) in screens.enumerated() {
            do throws(OutputFile.Failure) {
                try OutputFile.write(screen.render(.html, layout: .display), to: OutputFile.file(in: directory, name: name(k)))
            } catch {
                Console.err("error: \(error.message)\n")
                return ExitCode.output
            }
        }
        Console.out(CommandMessage.screensWritten(count: screens.count, directory: directory, first: name(0)).text(language) + "\n")
        return ExitCode.success
    }

    static func emit(_ text: String, to path: String?) -> Int32 {
        do throws(OutputFile.Failure) {
            try OutputFile.write(text, to: path)
            return ExitCode.success
        } catch {
            Console.err("error: \(error.message)\n")
            return ExitCode.output
        }
    }
}

/// `fees board`: the branch notice board for the version in effect on a day.
enum BoardCommand: Command {
    static let name = "board"
    static let summary = "Generate the branch notice board (服务价格公示) for the version in effect on a day."
    static let options = [
        Session.dateOption,
        OptionSpec(name: "branch", valueName: "ID", help: "The branch whose board to print (its name, address, phone and local promotions).").oneOf("branches"),
        OptionSpec(name: "all-branches", valueName: nil, help: "One board per open branch, written as ID.FORMAT under --out DIR.").oneOf("branches"),
        PublishOptions.langs, PublishOptions.format,
        OptionSpec(name: "depth", valueName: "full|summary", help: "Everything, or the one-page short form of the fees customers meet most (default: summary for the A3 poster, full otherwise)."),
        PublishOptions.layout, PublishOptions.largePrint, PublishOptions.out, tablesOption, Session.bankOption,
    ]
    static let examples = [
        "fees board --branch sh-lujiazui --out lujiazui.html",
        "fees board --all-branches --format html --out boards/",
        "fees board --depth summary --lang en --format txt",
        "fees board --layout a4 --large-print --out booklet.html",
        "fees board --branch sh-lujiazui --layout display --out screens/",
    ]

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        if args.flag("all-branches") && args.value("branch") != nil {
            return usageMistake(.branchOrAllBranches)
        }
        // The A3 poster is the short form on one page; the full list is the A4 booklet and the screens.
        let poster = (args.value("layout") ?? "a3") == "a3" && (args.value("format") ?? "html") == "html"
        guard let depth = BoardDepth(rawValue: args.value("depth") ?? (poster ? "summary" : "full")) else {
            return usageMistake(.mustBeOneOf(option: "--depth", values: ["full", "summary"]))
        }
        return Session.open(args, for: self).flatMap { s in PublishOptions.parse(args, session: s, for: self).map { (s, $0) } }.run { session, options in
            let (format, layout, languages) = options
            // `--layout` with `--format md|txt` is refused by the parser (PublishOptions.layout).
            if layout == .display && args.flag("all-branches") {
                return usageMistake(.displayIsOneBranchInHTML(leaveOut: ["--all-branches"]), in: session.language)
            }
            guard let template = NoticeBoard(bank: session.bank, date: session.date, languages: languages, depth: depth) else {
                Console.fail(.quote(code: "no_table_in_effect", .noTableInEffect(session.bank, on: session.date)), in: session.language)
                return ExitCode.failure
            }
            // The bilingual A3 poster is a poster per language (NoticeBoard.printsPosterPerLanguage).
            let templates = template.printsPosterPerLanguage(on: layout, format: format) ? template.perLanguage : [template]
            let shared = templates.map { $0.prerendered($0.shared, format: format, layout: layout) }
            func board(_ branch: Branch?) -> String? {
                let documents = zip(templates, shared).map { $0.document(for: branch, shared: $1) }
                return PublishOptions.render(documents.count == 1 ? documents[0] : .sheets(documents, format: format, layout: layout), format, layout, args)
            }
            if args.flag("all-branches") {
                guard let directory = args.value("out") else {
                    return usageMistake(.needsOutDirectory(option: "--all-branches", per: .branch), in: session.language)
                }
                do throws(OutputFile.Failure) {
                    try OutputFile.makeDirectory(directory)
                } catch {
                    // The output cannot be written: exit 3, as for any `--out` that cannot be created.
                    Console.err("error: \(error.message)\n")
                    return ExitCode.output
                }
                var status = ExitCode.success
                for branch in session.bank.profile.branches {
                    if let closed = branch.closedOn, closed <= session.date {
                        Console.err("note: " + CommandMessage.branchClosed(branch: branch.id, on: "\(closed)").text(session.language) + "\n")
                        continue
                    }
                    do throws(OutputFile.Failure) {
                        let path = try OutputFile.file(in: directory, name: "\(branch.id).\(format.fileExtension)")
                        try OutputFile.write(board(branch) ?? "", to: path)
                        Console.out(path + "\n")
                    } catch {
                        Console.err("error: \(error.message)\n")
                        status = ExitCode.output   // the other branches' boards are still written
                    }
                }
                return status
            }
            var branch: Branch?
            if let id = args.value("branch") {
                guard let b = session.bank.profile.branch(id) else {
                    let ids = session.bank.profile.branches.map(\.id)
                    Console.fail(.quote(code: "unknown_branch", .unknownBranch(id: id, bank: session.bank.id, nearest: closestMatches(to: id, in: ids, limit: 1).first, branches: ids)), in: session.language)
                    return ExitCode.failure
                }
                branch = b
            }
            if layout == .display { return PublishOptions.writeScreens(template.document(for: branch, shared: template.shared), args, for: self, in: session.language) }
            return PublishOptions.emit(board(branch) ?? "", to: args.value("out"))
        }
    }
}

/// `fees changes`: the change announcement of a version against the one before.
enum ChangesCommand: Command {
    static let name = "changes"
    static let summary = "Generate the change announcement (调价公告) of a version against the one before."
    static let options = [
        OptionSpec(name: "to", valueName: "VERSION", help: "The version to announce (default: the latest)."),
        PublishOptions.langs, PublishOptions.format, PublishOptions.layout, PublishOptions.largePrint, PublishOptions.out, tablesOption, Session.bankOption, draftOption,
    ]
    static let examples = ["fees changes --to 2027-01 --out announcement.html", "fees changes --format md --lang en"]

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        return Session.open(args, for: self).flatMap { s in PublishOptions.parse(args, session: s, for: self).map { (s, $0) } }.run { session, options in
            let (format, layout, languages) = options
            let bank = session.bank
            guard let version = args.value("to").map({ bank.version(id: $0) }) ?? bank.versions.last else {
                return usageMistake(.usage(.noSuchVersion(bank: bank.id, version: args.value("to") ?? "", versions: bank.versions.map(\.version))), in: session.language)
            }
            guard let announcement = ChangeAnnouncement(bank: bank, version: version, languages: languages) else {
                return usageMistake(.firstVersionHasNothingBefore(version: version.version), in: session.language)
            }
            if layout == .display { return PublishOptions.writeScreens(announcement.document, args, for: self, in: session.language) }
            return PublishOptions.emit(PublishOptions.render(announcement.document, format, layout, args), to: args.value("out"))
        }
    }
}

/// `fees catalog`: every version's prices, for the website.
enum CatalogCommand: Command {
    static let name = "catalog"
    static let summary = "Generate the full price catalogue: every version, its status, items, waivers and changes."
    static let options = [Session.dateOption, PublishOptions.langs, PublishOptions.format, PublishOptions.layout, PublishOptions.largePrint, PublishOptions.out, tablesOption, Session.bankOption]
    static let examples = ["fees catalog --layout screen --out catalogue.html", "fees catalog --format md --lang en"]

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        return Session.open(args, for: self).flatMap { s in PublishOptions.parse(args, session: s, for: self).map { (s, $0) } }.run { session, options in
            let (format, layout, languages) = options
            let catalogue = PriceCatalogue(bank: session.bank, date: session.date, languages: languages)
            if layout == .display { return PublishOptions.writeScreens(catalogue.document, args, for: self, in: session.language) }
            return PublishOptions.emit(PublishOptions.render(catalogue.document, format, layout, args), to: args.value("out"))
        }
    }
}

/// `fees export`: the version in effect as open-data JSON.
enum ExportCommand: Command {
    static let name = "export"
    static let summary = "Export the version in effect as stable, documented open-data JSON."
    static let options = [Session.dateOption, PublishOptions.out, tablesOption, Session.bankOption]
    static let examples = ["fees export --out demo-bank.json", "fees export --date 2027-01-01"]

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        return Session.open(args, for: self).run { session in
            guard let export = OpenDataExport(bank: session.bank, date: session.date) else {
                Console.fail(.quote(code: "no_table_in_effect", .noTableInEffect(session.bank, on: session.date)), in: session.language)
                return ExitCode.failure
            }
            return PublishOptions.emit(export.json, to: args.value("out"))
        }
    }
}

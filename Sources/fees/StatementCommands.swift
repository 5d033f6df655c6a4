#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import FeeKit

/// Options shared by statement, impact and merge.
enum AggregateOptions {
    static let partial = OptionSpec(name: "partial", valueName: nil, help: "Write a mergeable partial aggregate (the map step) instead of the report.")
    static let lang = OptionSpec(name: "lang", valueName: "TAG", help: "The report's language (default: the bank's first).")

    /// Streams standard input's lines into `body`.
    /// Standard input's transaction lines, each customer's in the order the data defines
    /// (date, then seq): see `TransactionOrder`.
    static func readLines(audit: Bool = false, sorted: Bool = false, _ body: (OrderedTransaction) -> Void, ended: (String) -> Void = { _ in }) {
        var order = TransactionOrder(audit: audit, sorted: sorted)
        LineReader.forEachLine(fd: 0, { order.add(transactionLine($0), body, ended: ended) })
        order.finish(body, ended: ended)
    }

    /// A usable `--piece`: not empty, not the name of a piece that holds nothing, printable.
    /// Another is a usage mistake of `command` (exit 2, with its usage line).
    static func pieceProblem(_ args: Arguments, of command: any Command.Type) -> Int32? {
        guard let p = args.value("piece") else { return nil }
        if p.isEmpty || p == PartialWriter.emptyPiece || p.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return command.usageMistake(.invalidPiece(piece: p, reserved: PartialWriter.emptyPiece))
        }
        return nil
    }

    static let largePrint = OptionSpec(name: "large-print", valueName: nil, help: "With --format html: type at 1.5× (适老化 large print).").not(with: "partial")

    /// Large print is for HTML (statements, letters): a usage mistake of `command` (exit 2, with
    /// its usage line) with any other format.
    static func largePrintProblem(_ args: Arguments, format: String, of command: any Command.Type,
                                  in language: TextLanguage = CommandLanguage.current) -> Int32? {
        guard args.flag("large-print"), format != "html" else { return nil }
        return command.usageMistake(.statementLargePrintIsForHTML, in: language)
    }

    static let piece = OptionSpec(name: "piece", valueName: "ID", help: "With --partial: the piece's name in the partial's trailer (default: from its checksum).").only(with: "partial")
    static let sorted = OptionSpec(name: "sorted", valueName: nil, help: "The input is sorted by customer_ref (byte order, as a shuffle gives it): each customer is written as soon as the next starts, so memory stays flat.")

    /// Streams output through the one atomic writer (`OutputFile`). `body` returns why it had to
    /// stop part way, if it did: the output is then abandoned (with `--out` the previous file stays
    /// as it was), the reason printed, and the exit status `abandonedStatus` (1 for input that could
    /// not be priced; `fees merge` gives 2, a refusal of its partials).
    static func stream(to path: String?, abandonedStatus: Int32 = ExitCode.failure, _ body: ((String) -> Void) -> String?) -> Int32 {
        var abandoned: String?
        do throws(OutputFile.Failure) {
            try OutputFile.stream(to: path) { emit throws(OutputFile.Failure) in
                abandoned = withoutActuallyEscaping(emit) { emit in body { emit(Array($0.utf8)) } }
                if let abandoned { throw OutputFile.Failure(message: abandoned) }
            }
            return ExitCode.success
        } catch {
            Console.err("error: \(error.message)\n")
            return abandoned == nil ? ExitCode.output : abandonedStatus
        }
    }

    static func statementOutput(_ a: StatementAggregate, session: Session, format: String) -> String? {
        let kind = format == "text" ? "txt" : format
        guard ["json", "txt", "html"].contains(kind) else { return nil }
        var out = ""
        StatementReport(aggregate: a, bank: session.bank, tag: session.tag).stream(kind) { out += $0 }
        return out
    }

    static func auditOutput(_ a: AuditAggregate, session: Session, format: String) -> String? {
        let report = AuditReport(aggregate: a, bank: session.bank, tag: session.tag)
        switch format {
        case "json": return report.json
        case "jsonl": return report.jsonLines
        case "csv": return report.csv
        case "html": return report.html
        case "text", "txt": return report.text
        default: return nil
        }
    }

    static func impactOutput(_ a: ImpactAggregate, session: Session, format: String) -> String? {
        let report = ImpactReport(aggregate: a, bank: session.bank, tag: session.tag)
        switch format {
        case "json": return report.json
        case "text", "txt": return report.text
        default: return nil
        }
    }
}

/// `fees statement`: per-customer statements of fees for a period.
enum StatementCommand: Command {
    static let name = "statement"
    static let summary = "Statements of fees per customer for a period, from transactions (JSON Lines with customer_ref)."
    static let input: String? = "transactions.jsonl"
    static let options = [
        OptionSpec(name: "from", valueName: "D1", help: "The first day of the period.").needed,
        OptionSpec(name: "to", valueName: "D2", help: "The last day of the period.").needed,
        OptionSpec(name: "format", valueName: "json|text|html", help: "Report format (default: text)."),
        AggregateOptions.sorted, AggregateOptions.partial, AggregateOptions.piece, AggregateOptions.lang, AggregateOptions.largePrint, PublishOptions.out, tablesOption, Session.bankOption,
    ]
    static let examples = [
        "fees statement --from 2026-01-01 --to 2026-12-31 < transactions.jsonl",
        "fees statement --from 2026-01-01 --to 2026-12-31 --sorted --partial --piece part-00003 < piece-3.jsonl > piece-3.partial",
    ]

    static func run(_ args: Arguments) -> Int32 {
        guard let from = args.value("from").flatMap(CalendarDate.init), let to = args.value("to").flatMap(CalendarDate.init), from <= to else {
            return usageMistake(.givePeriod)
        }
        if let bad = AggregateOptions.pieceProblem(args, of: self) { return bad }
        let format = args.value("format") ?? "text"
        let kind = format == "text" ? "txt" : format
        let partial = args.flag("partial")
        guard partial || ["json", "txt", "html"].contains(kind) else {
            return usageMistake(.mustBeOneOf(option: "--format", values: ["json", "text", "html"]))
        }
        if let bad = AggregateOptions.largePrintProblem(args, format: kind, of: self) { return bad }
        return Session.open(args, for: self).run { session in
            let calculator = FeeCalculator(catalogue: session.catalogue)
            let header = PartialHeader(kind: .statement, bank: session.bank, scope: [("from", "\(from)"), ("to", "\(to)")])
            var aggregate = StatementAggregate(from: from, to: to)
            var counter = UsageCounter()
            let sorted = args.flag("sorted")
            let status = AggregateOptions.stream(to: args.value("out")) { emit in
                var report = StatementReport.Writer(bank: session.bank, tag: session.tag, from: from, to: to, format: kind)
                report.largePrint = args.flag("large-print")
                var piece = StatementPartialWriter(header: header) { if partial { emit($0) } }
                if !partial { report.begin(emit) }
                func write(_ ref: String, _ lines: [StatementLine]) {
                    if partial { piece.customer(ref, lines, emit) } else { report.customer(ref, lines, emit) }
                }
                // Sorted input: each customer is written, and forgotten, as soon as the next starts.
                AggregateOptions.readLines(sorted: sorted, { aggregate.add($0, calculator: calculator, counter: &counter) }, ended: { ref in
                    if let lines = aggregate.takeCustomer(ref) { write(ref, lines) }
                    counter = UsageCounter()
                })
                for ref in aggregate.customerRefs { write(ref, aggregate.lines(of: ref)) }
                if aggregate.overflowed { return CommandMessage.customerSumsOverflow.text(session.language) }
                if partial {
                    piece.finish(errors: aggregate.errors, outside: aggregate.outside, piece: args.value("piece"), emit)
                } else {
                    report.finish(aggregate.summary, emit)
                }
                return nil
            }
            if status != ExitCode.success { return status }
            // A map step (--partial) carries unpriced lines as data (they appear in the merged
            // report) and exits 0 once its partial is written, as engines expect.
            if partial { return status }
            return status == ExitCode.success && !aggregate.errors.isEmpty ? ExitCode.failure : status
        }
    }
}

/// `fees impact`: reprices transactions under two versions.
enum ImpactCommand: Command {
    static let name = "impact"
    static let summary = "Reprice transactions under two versions: revenue change, who pays more or less, drivers."
    static let input: String? = "transactions.jsonl"
    static let options = [
        OptionSpec(name: "from-version", valueName: "V1", help: "The version customers pay now.").needed,
        OptionSpec(name: "to-version", valueName: "V2", help: "The version to assess.").needed,
        OptionSpec(name: "format", valueName: "text|json", help: "Report format (default: text)."),
        AggregateOptions.partial, AggregateOptions.piece, AggregateOptions.lang, PublishOptions.out, tablesOption, Session.bankOption, draftOption,
    ]
    static let examples = [
        "fees impact --from-version 2026-03 --to-version 2027-01 < transactions.jsonl",
        "fees impact --from-version 2026-03 --to-version 2027-01 --format json --partial < piece-1.jsonl > piece-1.partial",
    ]

    static func run(_ args: Arguments) -> Int32 {
        guard let v1 = args.value("from-version"), let v2 = args.value("to-version") else {
            return usageMistake(.give(["--from-version", "--to-version"]))
        }
        if let bad = AggregateOptions.pieceProblem(args, of: self) { return bad }
        let format = args.value("format") ?? "text"
        return Session.open(args, for: self).run { session in
            for v in [v1, v2] where session.bank.version(id: v) == nil {
                return usageMistake(.usage(.noSuchVersion(bank: session.bank.id, version: v, versions: session.bank.versions.map(\.version))), in: session.language)
            }
            let calculator = FeeCalculator(catalogue: session.catalogue)
            var aggregate = ImpactAggregate(fromVersion: v1, toVersion: v2)
            var counter = UsageCounter()
            AggregateOptions.readLines { aggregate.add($0, calculator: calculator, counter: &counter) }
            let header = PartialHeader(kind: .impact, bank: session.bank, scope: [("from_version", v1), ("to_version", v2)])
            let text = args.flag("partial") ? PartialFile.write(aggregate, header: header, piece: args.value("piece"))
                                            : AggregateOptions.impactOutput(aggregate, session: session, format: format)
            guard let text else {
                return usageMistake(.mustBeOneOf(option: "--format", values: ["text", "json"]), in: session.language)
            }
            let status = PublishOptions.emit(text, to: args.value("out"))
            if args.flag("partial") { return status }   // the map step: unpriced lines are data
            return status == ExitCode.success && !aggregate.errors.isEmpty ? ExitCode.failure : status
        }
    }
}

/// `fees merge`: combines partials (the reduce step) into the report one run would give.
enum MergeCommand: Command {
    static let name = "merge"
    static let summary = "Merge the partials of statement, impact or audit --partial, in any order, into the report; refuse partials that are cut short, altered, given twice, split a customer or were priced with other tables."
    static let operands = "[FILE]..."
    static let options = [
        OptionSpec(name: "format", valueName: "json|text|html", help: "Report format (default: text)."),
        OptionSpec(name: "partial", valueName: nil, help: "Write the merged partial instead of the report (a merge tree: merge of merges)."),
        AggregateOptions.lang, AggregateOptions.largePrint, PublishOptions.out, tablesOption, Session.bankOption, draftOption,
    ]
    static let examples = ["fees merge parts/*.partial", "cat parts/*.partial | fees merge --format json", "fees merge --partial rack-1/*.partial > rack-1.partial"]

    static func run(_ args: Arguments) -> Int32 {
        var sources: [PartialSource] = []
        if args.positionals.isEmpty {
            switch PartialSource.standardInput() {
            case .success(let parts): sources = parts
            case .failure(let f):
                Console.fail(.partial(f.reason))
                return ExitCode.usage
            }
        }
        for path in args.positionals {
            switch PartialSource.file(path) {
            case .success(let s): sources.append(s)
            case .failure(let f):
                Console.fail(.partial(f.reason))
                return ExitCode.usage
            }
        }
        let format = args.value("format") ?? "text"
        return Session.open(args, for: self).run { session in
            if args.positionals.isEmpty, sources.count == 1, sources[0].isEmpty {
                return usageMistake(.partial(.noPartials), in: session.language)
            }
            let checked: PartialMerge.Checked
            switch PartialMerge.check(sources, bank: session.bank) {
            case .success(let c): checked = c
            case .failure(let f):
                // Refused: the partials cannot make a report together; nothing is written.
                Console.fail(.partial(f.reason), in: session.language)
                return ExitCode.usage
            }
            let partial = args.flag("partial")
            if checked.header.kind == .statement {
                let kind = format == "text" ? "txt" : format
                guard partial || ["json", "txt", "html"].contains(kind) else {
                    return usageMistake(.unknownFormat(format), in: session.language)
                }
                if let bad = AggregateOptions.largePrintProblem(args, format: kind, of: self, in: session.language) { return bad }
                guard let (from, to) = checked.header.period else {
                    Console.fail(.partial(.about(sources[0].name, .periodNotDates)), in: session.language)
                    return ExitCode.usage
                }
                var result: Result<StatementSummary, PartialFile.Failure>?
                // A merge that must stop part way refuses its partials: exit 2, like the check's refusals.
                let status = AggregateOptions.stream(to: args.value("out"), abandonedStatus: ExitCode.usage) { emit in
                    var report = StatementReport.Writer(bank: session.bank, tag: session.tag, from: from, to: to, format: kind)
                    report.largePrint = args.flag("large-print")
                    var piece = StatementPartialWriter(header: checked.header) { if partial { emit($0) } }
                    if !partial { report.begin(emit) }
                    let merged = PartialMerge.statements(checked) { ref, lines in
                        if partial { piece.customer(ref, lines, emit) } else { report.customer(ref, lines, emit) }
                    }
                    result = merged
                    let summary: StatementSummary
                    switch merged {
                    case .success(let s): summary = s
                    case .failure(let f): return CommandMessage.partial(f.reason).text(session.language)
                    }
                    if partial {
                        piece.finish(errors: summary.errors, outside: summary.outside, piece: nil, pieces: checked.pieces, emit)
                    } else {
                        report.finish(summary, emit)
                    }
                    return nil
                }
                switch result {
                case .failure?, nil:
                    return status   // abandoned (or never merged): the reason is printed, the previous --out file kept
                case .success(let summary):
                    // Like one run: unpriced lines in the merged report make the exit status 1.
                    return status == ExitCode.success && !partial && !summary.errors.isEmpty ? ExitCode.failure : status
                }
            }
            let merged: PartialFile.Contents
            switch PartialMerge.whole(checked) {
            case .success(let m): merged = m
            case .failure(let f):
                // Refused while merging (an unreadable line, say): exit 2 like any refusal; nothing is written.
                Console.fail(.partial(f.reason), in: session.language)
                return ExitCode.usage
            }
            let text: String?
            switch merged {
            case .impact(let a):
                if a.overflowed { Console.fail(.partial(.overflow(counts: false)), in: session.language); return ExitCode.usage }
                text = partial ? PartialFile.write(a, header: checked.header, pieces: checked.pieces) : AggregateOptions.impactOutput(a, session: session, format: format)
            case .audit(let a):
                if a.overflowed { Console.fail(.partial(.overflow(counts: true)), in: session.language); return ExitCode.usage }
                text = partial ? PartialFile.write(a, header: checked.header, pieces: checked.pieces) : AggregateOptions.auditOutput(a, session: session, format: format)
            case .statement:
                text = nil
            }
            guard let text else {
                return usageMistake(.unknownFormat(format), in: session.language)
            }
            let status = PublishOptions.emit(text, to: args.value("out"))
            guard status == ExitCode.success, !partial else { return status }
            // The merged report exits as one run would.
            if case .audit(let a) = merged, a.mustRefund || !a.errors.isEmpty { return ExitCode.failure }
            if case .impact(let a) = merged, !a.errors.isEmpty { return ExitCode.failure }
            return status
        }
    }
}

/// `fees audit`: reprice posted charges and list every one that is not what the tables say.
enum AuditCommand: Command {
    static let name = "audit"
    static let summary = "Audit posted charges against the tables: overcharges with their cause and refund, unlisted items, undercharges."
    static let input: String? = "charges.jsonl"
    static let options = [
        OptionSpec(name: "from", valueName: "D1", help: "Audit charges dated on or after this day."),
        OptionSpec(name: "to", valueName: "D2", help: "Audit charges dated on or before this day."),
        OptionSpec(name: "format", valueName: "text|json|jsonl|csv|html", help: "The summary as text (default), JSON or HTML; one line per finding (jsonl); or CSV."),
        AggregateOptions.partial, AggregateOptions.piece, AggregateOptions.lang, PublishOptions.out, tablesOption, Session.bankOption,
    ]
    static let examples = ["fees audit < charges.jsonl", "fees audit --from 2026-01-01 --to 2026-12-31 --format jsonl > findings.jsonl"]

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        if let bad = AggregateOptions.pieceProblem(args, of: self) { return bad }
        func day(_ name: String) -> Result<CalendarDate?, CommandFailure> {
            guard let text = args.value(name) else { return .success(nil) }
            guard let d = CalendarDate(text) else { return .failure(.usage(.notADate(option: "--\(name)", text: text), of: self)) }
            return .success(d)
        }
        let format = args.value("format") ?? "text"
        guard ["text", "json", "jsonl", "csv", "html"].contains(format) else {
            return usageMistake(.mustBeOneOf(option: "--format", values: ["text", "json", "jsonl", "csv", "html"]))
        }
        return Session.open(args, for: self).flatMap { s in day("from").flatMap { f in day("to").map { (s, f, $0) } } }.run { session, from, to in
            if let from, let to, from > to {
                return usageMistake(.periodOrder(from: "\(from)", to: "\(to)"), in: session.language)
            }
            let calculator = FeeCalculator(catalogue: session.catalogue)
            var aggregate = AuditAggregate(from: from, to: to)
            var counter = UsageCounter()
            AggregateOptions.readLines(audit: true) { aggregate.add($0, calculator: calculator, counter: &counter) }
            for e in aggregate.errors { Console.fail(.unpricedLine(id: e.id, code: e.code, message: e.message), in: session.language) }
            // A map step (--partial) writes every finding and error as data and exits 0 when written.
            if args.flag("partial") {
                let header = PartialHeader(kind: .audit, bank: session.bank, scope: [("from", from.map { "\($0)" }), ("to", to.map { "\($0)" })])
                return PublishOptions.emit(PartialFile.write(aggregate, header: header, piece: args.value("piece")), to: args.value("out"))
            }
            let status = PublishOptions.emit(AggregateOptions.auditOutput(aggregate, session: session, format: format) ?? "", to: args.value("out"))
            guard status == ExitCode.success else { return status }
            return aggregate.mustRefund || !aggregate.errors.isEmpty ? ExitCode.failure : ExitCode.success
        }
    }
}

/// `fees notify`: the notices customers must get before an announced version takes effect.
enum NotifyCommand: Command {
    static let name = "notify"
    static let summary = "The SMS and letter each customer must get before an announced version raises their fees or ends their discount."
    static let input: String? = "transactions.jsonl"
    static let options = [
        OptionSpec(name: "for", valueName: "VERSION", help: "The announced version customers must be told of.").needed,
        OptionSpec(name: "from-version", valueName: "V", help: "The version they pay now (default: the one in effect just before)."),
        OptionSpec(name: "format", valueName: "jsonl|text|html", help: "One JSON line per customer (default), the SMS texts, or the letters (HTML, one per page)."),
        OptionSpec(name: "lang", valueName: "TAG", help: "The SMS texts' and letters' language (default: the SMS in the bank's first, the letters in all of the bank's)."), AggregateOptions.largePrint, PublishOptions.out, tablesOption, Session.bankOption, draftOption,
    ]
    static let examples = ["fees notify --for 2027-01 < transactions.jsonl", "fees notify --for 2027-01 --format html --out letters.html < transactions.jsonl",
                           "fees notify --for 2027-01 --format html --large-print --out letters.html < transactions.jsonl"]

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        guard let target = args.value("for") else {
            return usageMistake(.giveAnnouncedVersion)
        }
        let format = args.value("format") ?? "jsonl"
        guard ["jsonl", "text", "html"].contains(format) else {
            return usageMistake(.mustBeOneOf(option: "--format", values: ["jsonl", "text", "html"]))
        }
        if let bad = AggregateOptions.largePrintProblem(args, format: format, of: self) { return bad }
        return Session.open(args, for: self).run { session in
            let versions = session.bank.versions
            guard let to = versions.firstIndex(where: { $0.version == target }) else {
                return usageMistake(.usage(.noSuchVersion(bank: session.bank.id, version: target, versions: versions.map(\.version))), in: session.language)
            }
            let from = args.value("from-version") ?? (to > 0 ? versions[to - 1].version : "")
            guard versions.contains(where: { $0.version == from }) else {
                return usageMistake(.fromVersionNeeded(target: target, from: from), in: session.language)
            }
            let calculator = FeeCalculator(catalogue: session.catalogue)
            var notices = ChangeNotices(fromVersion: from, toVersion: target)
            var counter = UsageCounter()
            AggregateOptions.readLines { notices.add($0, calculator: calculator, counter: &counter) }
            for e in notices.errors { Console.fail(.unpricedLine(id: e.id, code: e.code, message: e.message), in: session.language) }
            let texts = ChangeNoticeTexts(notices: notices, bank: session.bank)
            let output: String
            switch format {
            case "text":
                output = notices.customers.keys.sorted().map { "\($0): \(texts.sms(notices.customers[$0]!, tag: session.tag))" }.joined(separator: "\n") + "\n"
            case "html":
                // In the language asked for, else in every language of the bank (one bilingual letter).
                var letters = texts.letters(in: args.value("lang").map(CommandLanguage.tags))
                letters.options.largePrint = args.flag("large-print")
                output = letters.render(.html, layout: .a4)
            default:
                output = texts.jsonLines
            }
            let status = PublishOptions.emit(output, to: args.value("out"))
            return status == ExitCode.success && !notices.errors.isEmpty ? ExitCode.failure : status
        }
    }
}

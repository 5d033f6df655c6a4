#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
import FeeKit

/// `fees quote`: the teller's quote of one service, or the JSON Lines batch of spec §4 (`--jsonl`).
enum QuoteCommand: Command {
    static let name = "quote"
    static let summary = "Quote a fee for a customer, with waivers and announced changes; or answer JSON Lines (--jsonl)."
    /// Two forms: the teller's quote of one item, and the batch.
    static var usage: String {
        Usage.line(name, operands: "ITEM", options: options.filter { $0.name != "jsonl" && $0.onlyWith != "jsonl" }) + "\n       "
            + Usage.line(name, operands: "--jsonl", options: options.filter { $0.name != "jsonl" && !$0.notWith.contains("jsonl") }, input: "requests.jsonl")
    }
    /// The teller's options, which the batch does not take (each request line carries its own).
    static let tellerOptions = [
        OptionSpec(name: "amount", valueName: "A", help: "The transaction amount: 50000, 50,000.00 or 5万."),
        OptionSpec(name: "quantity", valueName: "N", help: "How many units (cheques, copies, cards); default 1."),
        OptionSpec(name: "tier", valueName: "T", help: "The customer's tier (default: the table's first tier)."),
        OptionSpec(name: "segment", valueName: "S", help: "A customer segment such as senior or student; repeat for several.", repeatable: true),
        OptionSpec(name: "age", valueName: "N", help: "The customer's age in years.", supplies: .age),
        OptionSpec(name: "channel", valueName: "C", help: "Where the service is used: counter, atm, mobile …", supplies: .channel),
        OptionSpec(name: "reason", valueName: "R", help: "Why the service is needed, e.g. expired or lost for a new card.", supplies: .reason),
        OptionSpec(name: "uses", valueName: "N", help: "The customer's earlier uses of this service in the current period.", supplies: .uses),
        OptionSpec(name: "branch", valueName: "B", help: "The branch id.", supplies: .branch),
        Session.dateOption,
        Session.langOption,
        OptionSpec(name: "json", valueName: nil, help: "Print the quote with its explanation as JSON (the batch answer structure).").oneOf("output"),
        OptionSpec(name: "slip", valueName: nil, help: "Print the disclosure slip the customer keeps.").oneOf("output"),
        Session.bankOption,
    ].map { $0.not(with: "jsonl") }
    /// The teller's option that gives `fact` (declared once, above, with what it supplies).
    static func flag(for fact: RequestFact) -> String {
        tellerOptions.first { $0.supplies == fact }.map { "--" + $0.name } ?? fact.rawValue
    }

    static let options = tellerOptions + [
        tablesOption,
        OptionSpec(name: "jsonl", valueName: nil, help: "Batch mode: read JSON Lines requests on standard input, answer each line."),
        OptionSpec(name: "explain", valueName: nil, help: "With --jsonl: add the explanation of every step to each answer.").only(with: "jsonl"),
        OptionSpec(name: "jobs", valueName: "N", help: "With --jsonl: quote on N threads, answers still in input order (default: all cores).").only(with: "jsonl"),
    ]
    static let examples = [
        "fees quote transfer.interbank.counter --amount 5万 --tier gold --date 2026-11-23",
        "fees quote card.reissue --reason expired --lang en --slip",
        "fees quote --tables FeeTables --jsonl --explain < requests.jsonl > answers.jsonl",
    ]

    static func run(_ args: Arguments) -> Int32 {
        if args.flag("jsonl") {
            guard args.positionals.isEmpty else { return usageError(.noItemWithBatch) }
            return batch(args)
        }
        guard args.positionals.count == 1 else {
            return usageError(args.positionals.isEmpty ? .giveItemToQuote : .unexpectedArgument(args.positionals[1]))
        }
        return Session.open(args, for: self, teller: true).run { session in session.table().run { table in
            teller(args, session: session, table: table)
        } }
    }

    static func usageError(_ message: CommandMessage) -> Int32 { usageMistake(message) }

    /// Builds the request from the options; option values with their own error code get it.
    static func request(_ args: Arguments, session: Session, item: FeeItem) -> Result<QuoteRequest, CommandFailure> {
        var r = QuoteRequest(bank: session.bank.id, item: item.code, date: session.date, lang: session.tag)
        if let e = TellerInput.readTyped(into: &r, { args.value($0) }, field: { "--" + $0 }) { return .failure(.quote(e)) }
        // Tier, segments, channel, reason and branch by id or by a unique name in any language.
        func term(_ option: String, _ text: String?, _ terms: [NamedEntry]) -> Result<String?, CommandFailure> {
            guard let text else { return .success(nil) }
            switch TellerInput.resolve(text, in: terms) {
            case .found(let id): return .success(id)
            case .notFound: return .success(text)  // the calculator names the unknown id and lists the declared ones
            case .ambiguous(let ids):
                return .failure(CommandFailure(.matchesSeveral(option: option, text: text, ids: ids), status: ExitCode.failure, in: session.language))
            }
        }
        guard let table = session.bank.version(on: session.date) else { return .success(r) }
        let branches = session.bank.profile.branches.map(NamedEntry.init)
        let reasons = table.reasons.map(NamedEntry.init)
        do throws(CommandFailure) {
            r.customer.tier = try term("tier", args.value("tier"), table.tiers).get()
            var segments: [String] = []
            for text in args.all("segment") { segments.append(try term("segment", text, table.segments).get() ?? text) }
            r.customer.segments = segments
            r.channel = try term("channel", args.value("channel"), table.channels).get()
            r.reason = try term("reason", args.value("reason"), reasons).get()
            r.branch = try term("branch", args.value("branch"), branches).get()
        } catch {
            return .failure(error)
        }
        return .success(r)
    }

    static func teller(_ args: Arguments, session: Session, table: FeeTable) -> Int32 {
        let calculator = FeeCalculator(catalogue: session.catalogue)
        return session.item(args.positionals[0], in: table)
            .flatMap { request(args, session: session, item: $0) }
            .flatMap { r in
                calculator.quote(r).mapError { e in
                    // At the counter the amount is an option, not a JSON key.
                    e.code == .amountRequired
                        ? CommandFailure.quote(QuoteError(.amountRequired, .amountRequired(item: r.item, atCounter: true), language: session.language))
                        : CommandFailure.quote(e)
                }
            }
            .run { quote in
                let announced = session.bank.announcedChanges(for: quote.request, current: quote, calculator: calculator)
                if args.flag("json") {
                    var changes = JSONWriter()
                    changes.beginArray()
                    for change in announced { change.write(to: &changes) }
                    changes.endArray()
                    var line: [UInt8] = []
                    AnswerEncoder(catalogue: session.catalogue).appendAnswer(
                        rawID: nil, result: .success(quote),
                        explanation: Explanation(quote: quote, tag: session.tag, branches: session.bank.profile.branches),
                        extra: Array(",\"announced_changes\":".utf8) + changes.bytes, to: &line)
                    Console.outBytes(line)
                } else if args.flag("slip") {
                    Console.out(DisclosureSlip(quote: quote, bank: session.bank.profile, announced: announced, tag: session.tag).text)
                } else {
                    Console.out(QuoteReceipt(quote: quote, bank: session.bank.profile, announced: announced, tag: session.tag, ask: flag(for:)).text)
                }
                return ExitCode.success
            }
    }

    static func batch(_ args: Arguments) -> Int32 {
        let directory = tablesDirectory(args)
        let loaded = CatalogueLoader.load(directory: directory)
        guard let catalogue = loaded.catalogue else {
            // The requests carry their own `lang`; the tables' problems speak the first bank's first language.
            for p in loaded.errors { Console.err(p.in(loaded.defaultLanguage).description + "\n") }
            Console.fail(.tablesFailChecks(directory: directory, errors: loaded.errors.count, withDrafts: [], nothing: .quoted), in: loaded.defaultLanguage)
            return ExitCode.usage
        }
        let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: catalogue), explain: args.flag("explain"))
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        if let text = args.value("jobs") {
            guard let n = Int(text), n >= 1, n <= 256 else { return usageError(.wholeNumber(option: "--jobs", from: 1, to: 256)) }
            jobs = n
        }
        // Each worker gets its own copy of the tables: shared objects would make every quote bump
        // the same reference counts from several cores, which costs more than it saves.
        var quoters = [quoter]
        for _ in 1..<max(jobs, 1) {
            guard let copy = CatalogueLoader.load(directory: directory).catalogue else { break }
            quoters.append(BatchQuoter(calculator: FeeCalculator(catalogue: copy), explain: quoter.explain))
        }
        switch BatchEngine(quoters: quoters).run(input: 0, output: 1) {
        case .allQuoted: return ExitCode.success
        case .someErrors: return ExitCode.failure
        // The reader went away (EPIPE, as with `head`): quietly, with the status the run had.
        case .outputClosed(let someErrors): return someErrors ? ExitCode.failure : ExitCode.success
        case .outputFailed(let code):
            Console.fail(.cannotWriteAnswers(reason: String(cString: strerror(code))))
            return ExitCode.output
        }
    }
}

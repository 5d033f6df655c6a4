#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FeeKit

/// Exit codes, one table for every command (shown in every `--help` and in the README).
enum ExitCode {
    /// Done.
    static let success: Int32 = 0
    /// Some input could not be priced or checked; every line is still answered or listed.
    static let failure: Int32 = 1
    /// A usage mistake, tables that cannot be loaded, partials that cannot be merged, or an address
    /// `fees serve` cannot listen on: nothing was done.
    static let usage: Int32 = 2
    /// The output could not be written (a full disk, say); what was written is incomplete.
    static let output: Int32 = 3

    /// Every code and what it means, as `--help` prints it.
    static let table: [(code: Int32, meaning: String)] = [
        (success, "done"),
        (failure, "some input could not be priced or checked (every line is still answered or listed)"),
        (usage, "a usage mistake, tables that cannot be loaded, partials that fees merge refuses,\n     or an address that fees serve cannot listen on (nothing was done)"),
        (output, "the output could not be written, e.g. a full disk (what was written is incomplete);\n     a reader that stops early (EPIPE, as with head) ends the output quietly, with the status the command had"),
    ]

    /// The table as help text.
    static var help: String {
        "EXIT STATUS:\n" + table.map { "  \($0.code)  \($0.meaning)\n" }.joined()
    }
}

/// One subcommand of `fees`: its name, help text and what it runs.
protocol Command: SendableMetatype {
    static var name: String { get }
    static var summary: String { get }
    /// The usage line: generated from `operands`, `options` and `input` unless a command says more.
    static var usage: String { get }
    /// What comes after the command name besides options: `ITEM`, `[QUERY]`, `[FILE]...`.
    static var operands: String { get }
    /// What standard input holds, for the usage line (`transactions.jsonl`).
    static var input: String? { get }
    static var options: [OptionSpec] { get }
    static var examples: [String] { get }
    static func run(_ args: Arguments) -> Int32
}

extension Command {
    static var operands: String { "" }
    static var input: String? { nil }
    static var usage: String { Usage.line(name, operands: operands, options: options, input: input) }
}

extension Command {
    static var help: String {
        var s = "\(summary)\n\nUSAGE: \(usage)\n\nOPTIONS:\n"
        let all = options + [OptionSpec(name: "help", valueName: nil, help: "Show this help.")]
        let labels = all.map { "--\($0.name)" + ($0.valueName.map { " \($0)" } ?? "") }
        let width = labels.map(\.count).max() ?? 0
        for (label, o) in zip(labels, all) {
            s += "  " + label + String(repeating: " ", count: width - label.count + 2) + o.help + "\n"
        }
        if !examples.isEmpty {
            s += "\nEXAMPLES:\n" + examples.map { "  \($0)\n" }.joined()
        }
        return s + "\n" + ExitCode.help
    }

    /// Parses the arguments and runs, turning usage mistakes into exit code 2.
    static func main(_ raw: [String]) -> Int32 {
        if raw.contains("--help") || raw.contains("-h") {
            Console.out(help)
            return ExitCode.success
        }
        do {
            let args = try Arguments.parse(raw, options: options)
            return run(args)
        } catch {
            return usageMistake(error.message)
        }
    }
}

extension Command {
    /// A usage mistake: `error: …`, the usage line and the pointer to this command's help (`See
    /// 'fees board --help'.`), as every usage mistake prints them; exit code 2.
    static func usageMistake(_ message: CommandMessage, in language: TextLanguage = CommandLanguage.current) -> Int32 {
        Console.fail(message, usage: usage, help: name, in: language)
        return ExitCode.usage
    }

    /// Exit code 2 with the usage line when positional arguments are given to a command that takes none.
    static func refusePositionals(_ args: Arguments) -> Int32? {
        guard let first = args.positionals.first else { return nil }
        return usageMistake(.unexpectedArgument(first))
    }
}

/// Where the tables are: `--tables`, else `$FEES_TABLES`, else `./FeeTables`.
func tablesDirectory(_ args: Arguments) -> String {
    tablesDirectory(given: args.value("tables"))
}

/// `given` (the value of `--tables`), else `$FEES_TABLES`, else `./FeeTables`.
func tablesDirectory(given: String?) -> String {
    if let dir = given { return dir }
    if let env = getenv("FEES_TABLES"), let dir = String(validatingCString: env), !dir.isEmpty { return dir }
    return "FeeTables"
}

let tablesOption = OptionSpec(name: "tables", valueName: "DIR",
                              help: "The tables directory, holding one folder per bank (default: $FEES_TABLES, else ./FeeTables).")

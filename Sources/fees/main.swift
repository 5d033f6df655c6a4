#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FeeKit

/// The `fees` command: dispatches to a subcommand and exits with its code.
enum Fees {
    static let version = "0.1.0"
    /// A subcommand as the dispatcher sees it.
    struct Entry: Sendable {
        let name: String
        let summary: String
        let main: @Sendable ([String]) -> Int32

        init<C: Command>(_ command: C.Type) {
            name = C.name
            summary = C.summary
            main = { C.main($0) }
        }
    }

    static let commands: [Entry] = [
        Entry(QuoteCommand.self), Entry(ItemsCommand.self), Entry(ShowCommand.self), Entry(VersionsCommand.self), Entry(VocabularyCommand.self),
        Entry(BoardCommand.self), Entry(ChangesCommand.self), Entry(CatalogCommand.self), Entry(ExportCommand.self),
        Entry(StatementCommand.self), Entry(ImpactCommand.self), Entry(MergeCommand.self), Entry(AuditCommand.self), Entry(NotifyCommand.self),
        Entry(CheckCommand.self), Entry(ServeCommand.self),
    ]

    static var help: String {
        var s = "fees: publish and compute bank service fees from versioned fee tables.\n\nUSAGE: fees <command> [options]\n\nCOMMANDS:\n"
        let width = commands.map { $0.name.count }.max() ?? 0
        for c in commands { s += "  \(c.name)" + String(repeating: " ", count: width - c.name.count + 2) + c.summary + "\n" }
        s += "\nOPTIONS:\n  --help     Show this help.\n  --version  Show the version.\n"
        s += "\nRun 'fees <command> --help' for a command's options and examples.\n"
        return s + "\n" + ExitCode.help
    }

    static func run(_ argv: [String]) -> Int32 {
        guard let first = argv.first else {
            Console.err(help)
            return ExitCode.usage
        }
        switch first {
        case "--help", "-h", "help":
            Console.out(help)
            return ExitCode.success
        case "--version":
            Console.out("fees \(version)\n")
            return ExitCode.success
        default:
            if let command = commands.first(where: { $0.name == first }) {
                return command.main(Array(argv.dropFirst()))
            }
            let nearest = closestMatches(to: first, in: commands.map { $0.name }, limit: 1).first
            Console.fail(.unknownCommand(first, nearest: nearest), usage: "fees <command> [options]", help: "")
            return ExitCode.usage
        }
    }
}

// Ignore SIGPIPE so that a closed reader shows as EPIPE, which ends the output quietly.
signal(SIGPIPE, SIG_IGN)
var status = Fees.run(Array(CommandLine.arguments.dropFirst()))
if let failure = Console.outputFailure, failure != EPIPE, status != ExitCode.output {
    Console.fail(.cannotWriteOutput(reason: String(cString: strerror(failure))))
    status = ExitCode.output
}
exit(status)

import FeeKit

/// The language of the command line's own messages (usage mistakes, refusals): `--lang` (its
/// first tag) when the arguments give it, else the first bank's first language in the tables
/// (`--tables`, else `$FEES_TABLES`, else `./FeeTables`), else English. Read from the arguments
/// once, the first time a message is written.
enum CommandLanguage {
    static let current: TextLanguage = resolve(Array(CommandLine.arguments.dropFirst()))

    /// The language `argv` asks for, by the rule above.
    static func resolve(_ argv: [String]) -> TextLanguage {
        if let tag = value("lang", in: argv)?.split(separator: ",").first {
            return TextLanguage(tag: String(String(tag).trimmingSpaces))
        }
        return TextLanguage(tag: CatalogueLoader.firstLanguage(directory: tablesDirectory(given: value("tables", in: argv))) ?? "en")
    }

    /// The value of `--name V` or `--name=V` in `argv`, read loosely: the message may be about
    /// the arguments themselves, so they cannot be parsed first.
    private static func value(_ name: String, in argv: [String]) -> String? {
        for (k, arg) in argv.enumerated() {
            if arg == "--" { return nil }
            if arg == "--\(name)", k + 1 < argv.count { return argv[k + 1] }
            if arg.hasPrefix("--\(name)=") { return String(arg.dropFirst(name.count + 3)) }
        }
        return nil
    }
}

extension Console {
    /// `error: <message>`, in the command line's language, and the usage line when given.
    static func fail(_ message: CommandMessage, usage: String? = nil, help command: String? = nil, in language: TextLanguage = CommandLanguage.current) {
        var s = "error: " + message.text(language) + "\n"
        if let usage { s += CommandMessage.usage(usage, help: command, language) }
        err(s)
    }
}

extension CommandFailure {
    /// A usage mistake or refusal in the command line's language.
    init(_ message: CommandMessage, status: Int32, in language: TextLanguage = CommandLanguage.current) {
        self.init(message: "error: " + message.text(language), status: status)
    }
}

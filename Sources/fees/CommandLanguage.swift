import FeeKit

/// The language of the command line's own messages (usage mistakes, refusals): `--lang` (its
/// first tag) when the arguments give it, else the first bank's first language in the tables
/// (`--tables`, else `$FEES_TABLES`, else `./FeeTables`), else English. Read from the arguments
/// once, the first time a message is written.
enum CommandLanguage {
    static let current: TextLanguage = resolve(Array(CommandLine.arguments.dropFirst()))

    /// The language `argv` asks for, by the rule above.
    static func resolve(_ argv: [String]) -> TextLanguage {
        if let tag = value("lang", in: argv).flatMap(firstTag) { return TextLanguage(tag: tag) }
        return TextLanguage(tag: CatalogueLoader.firstLanguage(directory: tablesDirectory(given: value("tables", in: argv))) ?? "en")
    }

    /// The language of the messages `--lang` asks for (its first tag), nil when it is not given:
    /// the commands that load tables fall back on the loaded tables' first language.
    static func asked(_ args: Arguments) -> TextLanguage? {
        args.value("lang").flatMap(firstTag).map(TextLanguage.init(tag:))
    }

    /// The tags of a `--lang` value, in order and trimmed: `zh-Hans` and `en` of `zh-Hans, en`
    /// (the one reading of the option, for the session's languages and for message languages).
    static func tags(_ value: String) -> [String] {
        value.split(separator: ",").map { String(String($0).trimmingSpaces) }
    }

    /// The first tag of a `--lang` value: `zh-Hans` of `zh-Hans, en`.
    static func firstTag(_ value: String) -> String? {
        tags(value).first
    }

    /// The language of `--lang TAG` where only the messages' languages make sense (`fees check`,
    /// `fees serve`): any `zh` or `en` tag (`zh-Hans`, `zh-CN`, `en-GB`), nil for another or for
    /// a list (`zh-Hans,en`).
    static func messageLanguage(_ tag: String) -> TextLanguage? {
        guard tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        switch tag.split(separator: "-", maxSplits: 1).first.map(String.init) ?? tag {
        case "zh": return .chinese
        case "en": return .english
        default: return nil
        }
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

import FeeKit

/// A command-line option a command accepts, declared once: its name, value, help, and when it
/// applies (the parser refuses it where it would be ignored).
struct OptionSpec {
    let name: String
    let valueName: String?
    let help: String
    var repeatable = false
    /// The option this one needs: `--explain` means something only with `--jsonl`, `fees check
    /// --bank` only with `--with` (the drafts' bank).
    var onlyWith: String? = nil
    /// Flags this option does not go with: `--slip` is the teller's, not the batch's.
    var notWith: [String] = []
    /// Values of another option this one does not go with: `--layout` is HTML's, so it does not
    /// go with `--format md` or `--format txt`.
    var notWithValues: [(option: String, values: [String])] = []
    /// Options of one group exclude each other (`--json | --slip`).
    var group: String? = nil
    /// The request fact this option gives, when a waiver's condition may need it: the receipt's
    /// hint for a waiver that could apply names this option (`--reason expired|defect`).
    var supplies: RequestFact? = nil
    /// The command cannot run without it.
    var required = false

    var takesValue: Bool { valueName != nil }

    /// This option, applying only with `option` (a flag, or an option with a value).
    func only(with option: String) -> OptionSpec {
        var o = self
        o.onlyWith = option
        return o
    }

    /// This option, one of the exclusive `group`.
    func oneOf(_ group: String) -> OptionSpec {
        var o = self
        o.group = group
        return o
    }

    /// This option, which the command needs.
    var needed: OptionSpec {
        var o = self
        o.required = true
        return o
    }

    /// This option, refused together with any of `flags`.
    func not(with flags: String...) -> OptionSpec {
        var o = self
        o.notWith += flags
        return o
    }

    /// This option, refused when `option` is given any of `values` (`--layout` when `--format` is md).
    func not(when option: String, is values: String...) -> OptionSpec {
        var o = self
        o.notWithValues.append((option, values))
        return o
    }
}

/// A usage mistake: printed with the command's usage line, exit code 2.
struct UsageError: Error {
    let message: CommandMessage
}

/// The parsed arguments of one command: options by name, flags and positionals.
struct Arguments {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// Parses `--name value`, `--name=value`, flags and positionals; `--` ends options.
    static func parse(_ args: [String], options: [OptionSpec]) throws(UsageError) -> Arguments {
        var result = Arguments()
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if onlyPositionals || !arg.hasPrefix("--") || arg == "-" {
                if arg.hasPrefix("-") && arg != "-" && !onlyPositionals && Int(arg) == nil {
                    throw UsageError(message: .unknownOption(arg, nearest: nil))
                }
                result.positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            var name = String(arg.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                let nearest = closestMatches(to: name, in: options.map(\.name), limit: 1).first.map { "--\($0)" }
                throw UsageError(message: .unknownOption("--\(name)", nearest: nearest))
            }
            if spec.takesValue {
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard i < args.count else { throw UsageError(message: .optionNeedsValue(option: name, valueName: spec.valueName ?? "VALUE")) }
                    value = args[i]
                    i += 1
                }
                if !spec.repeatable, result.values[name] != nil {
                    throw UsageError(message: .optionTwice(option: name))
                }
                result.values[name, default: []].append(value)
            } else {
                if inline != nil { throw UsageError(message: .optionTakesNoValue(option: name)) }
                if result.flags.contains(name) { throw UsageError(message: .optionTwice(option: name)) }
                result.flags.insert(name)
            }
        }
        // An option that would be ignored is a mistake the user should hear of.
        func given(_ spec: OptionSpec) -> Bool { result.values[spec.name] != nil || result.flags.contains(spec.name) }
        for spec in options where given(spec) {
            if let group = spec.group, let other = options.first(where: { $0.group == group && $0.name != spec.name && given($0) }) {
                let (a, b) = options.firstIndex { $0.name == spec.name }! < options.firstIndex { $0.name == other.name }! ? (spec, other) : (other, spec)
                throw UsageError(message: .chooseOne(a.name, b.name))
            }
            if let needed = spec.onlyWith, !result.flags.contains(needed), result.values[needed] == nil {
                throw UsageError(message: .onlyWith(option: spec.name, flag: needed))
            }
            if let clash = spec.notWith.first(where: { result.flags.contains($0) }) {
                throw UsageError(message: .notWith(option: spec.name, flag: clash))
            }
            for (option, values) in spec.notWithValues {
                if let value = result.values[option]?.last, values.contains(value) {
                    throw UsageError(message: .notWith(option: spec.name, flag: "\(option) \(value)"))
                }
            }
        }
        if let missing = options.first(where: { $0.required && !given($0) }) {
            throw UsageError(message: .give(["--\(missing.name)" + (missing.valueName.map { " \($0)" } ?? "")]))
        }
        return result
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
}


/// The usage line, generated from the options as declared: required options bare, the rest in
/// brackets, an exclusive group as `[--a X | --b]`, an option that needs a flag inside the flag's
/// brackets (`[--partial [--piece ID]]`; one that needs an option with a value stands after it),
/// a repeatable one followed by `...`.
enum Usage {
    static func line(_ command: String, operands: String = "", options: [OptionSpec], input: String? = nil) -> String {
        func word(_ o: OptionSpec) -> String { "--\(o.name)" + (o.valueName.map { " \($0)" } ?? "") }
        let flagNames = Set(options.filter { !$0.takesValue }.map(\.name))
        var parts = ["fees", command] + (operands.isEmpty ? [] : [operands])
        var done: Set<String> = []
        for o in options where !done.contains(o.name) {
            if let needed = o.onlyWith, flagNames.contains(needed) { continue }   // shown inside its flag's brackets
            var text: String
            if let group = o.group {
                let members = options.filter { $0.group == group }
                members.forEach { done.insert($0.name) }
                text = members.map(word).joined(separator: " | ")
            } else {
                done.insert(o.name)
                text = word(o)
                let inner = o.takesValue ? [] : options.filter { $0.onlyWith == o.name }
                if !inner.isEmpty { text += " " + inner.map { "[\(word($0))]" }.joined(separator: " ") }
            }
            parts.append(o.required ? text : "[\(text)]" + (o.repeatable ? "..." : ""))
        }
        if let input { parts.append("< \(input)") }
        return parts.joined(separator: " ")
    }
}

import FeeJSON
import FeeWords

/// How serious a catalogue problem is: errors stop the catalogue from loading, warnings do not.
public enum Severity: String, Sendable, Hashable {
    /// Wrong: the catalogue does not load.
    case error
    /// Worth a look, not wrong: the catalogue loads.
    case warning
    /// Something to act on that is not wrong: a promotion that ends soon.
    case note
}

/// One thing wrong with a catalogue, with where it is and what to do about it (spec §5), in the
/// language the problem was told to speak (`in(_:)`; English until then).
public struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// Whether the problem stops the catalogue from loading.
    public var severity: Severity
    /// The rule that found the problem (Docs/PROBLEM-CODES.md).
    public var rule: ProblemCode
    /// The rule's stable machine-readable code, such as `unknown_key` or `notice_period`.
    public var code: String { rule.rawValue }
    /// The file as the user named it (`FeeTables/demo-bank/2025-04.json`).
    public var file: String
    /// The JSON path inside the file (`items[3].fee.bands[1].up_to`); empty for the whole file.
    public var path: String
    /// The line and column in the file, when known.
    public var position: SourcePosition?
    /// What is wrong and what to do about it, in words of either language (`CheckMessage.text`).
    public var detail: CheckMessage
    /// The language `message` and `description` are in.
    public private(set) var language: TextLanguage

    /// A problem found by `rule` at `path` of `file`.
    public init(severity: Severity, rule: ProblemCode, file: String, path: String,
                position: SourcePosition?, detail: CheckMessage, language: TextLanguage = .english) {
        self.severity = severity
        self.rule = rule
        self.file = file
        self.path = path
        self.position = position
        self.detail = detail
        self.language = language
    }

    /// What is wrong and what to do about it, in the problem's language.
    public var message: String { detail.text(language) }

    /// The same problem, its message in `language`.
    public func `in`(_ language: TextLanguage) -> Problem {
        var p = self
        p.language = language
        return p
    }

    /// `file:line:column: error: path: message`, the form compilers and editors understand; the
    /// severity word stays English in every language (editors parse it).
    public var description: String {
        var s = file
        if let p = position { s += ":\(p.line):\(p.column)" }
        s += ": \(severity.rawValue): "
        if !path.isEmpty { s += "\(path): " }
        s += message
        return s
    }
}

/// Problems found while loading or checking a catalogue; the catalogue fails when any is an error.
public struct CatalogueProblems: Error, Sendable {
    /// Every problem, in the order found.
    public var problems: [Problem]

    /// The problems of one load.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// The problems that stop the catalogue from loading.
    public var errors: [Problem] { problems.filter { $0.severity == .error } }
    /// The problems worth fixing that do not stop it.
    public var warnings: [Problem] { problems.filter { $0.severity == .warning } }

    /// The same problems, their messages in `language`.
    public func `in`(_ language: TextLanguage) -> CatalogueProblems {
        CatalogueProblems(problems: problems.map { $0.in(language) })
    }
}

/// JSON paths as the spec writes them: `items[3].fee.bands[1].up_to`.
package enum JSONPath {
    package static func key(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    package static func index(_ path: String, _ index: Int) -> String {
        path + "[\(index)]"
    }
}

import Testing

/// Every public declaration of the library targets (`Sources/Fee…`), and every case of a public
/// enum, says what it is in a `///` line directly above it, attributes between allowed: the source
/// is the reference that Docs/PUBLIC-API.md maps, and a new public name cannot arrive without its
/// line. The map names every public type.
@Suite struct DocLineTests {
    /// Modifiers Swift lets a declaration write before its access level (`final public class`).
    static let modifiersBeforeAccess: Set<Substring> = ["final", "nonisolated", "override", "indirect", "convenience", "required"]

    /// `line` without its leading blanks and attributes (`@inlinable`, `@inline(__always)`,
    /// `@available(*, deprecated, message: "…")`).
    static func droppingAttributes(_ line: Substring) -> Substring {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        while rest.first == "@" {
            var end = rest.index(after: rest.startIndex)
            while end < rest.endIndex, rest[end].isLetter || rest[end].isNumber || rest[end] == "_" { end = rest.index(after: end) }
            if end < rest.endIndex, rest[end] == "(" {
                var depth = 0
                repeat {
                    if rest[end] == "(" { depth += 1 } else if rest[end] == ")" { depth -= 1 }
                    end = rest.index(after: end)
                } while depth > 0 && end < rest.endIndex
            }
            rest = rest[end...].drop { $0 == " " || $0 == "\t" }
        }
        return rest
    }

    /// The public declarations of a Swift file by line number (from 1), and whether a `///` line is
    /// directly above each, skipping lines that hold only attributes. The last line of a `///`
    /// block is the one above, so a block of any length counts; a blank line or a `//` comment in
    /// between does not. `public import` is not a declaration; lines inside a `"""` string are not code.
    static func publicDeclarations(_ text: String) -> [(line: Int, documented: Bool)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [(line: Int, documented: Bool)] = []
        var inString = false
        for (i, line) in lines.enumerated() {
            let opensOrCloses = line.ranges(of: "\"\"\"").count % 2 == 1
            defer { if opensOrCloses { inString.toggle() } }
            if inString { continue }
            guard isPublic(line), declarationWords(line).dropFirst().first != "import" else { continue }
            found.append((i + 1, hasDocLine(above: i, in: lines)))
        }
        return found
    }

    /// The words of `line` after its attributes and the modifiers written before the access level.
    static func declarationWords(_ line: Substring) -> ArraySlice<Substring> {
        var words = droppingAttributes(line).split(separator: " ")[...]
        while let first = words.first, modifiersBeforeAccess.contains(first) { words = words.dropFirst() }
        return words
    }

    static func isPublic(_ line: Substring) -> Bool { declarationWords(line).first == "public" }

    /// Whether the line above line `i` (from 0), skipping lines that hold only attributes, is a `///` line.
    static func hasDocLine(above i: Int, in lines: [Substring]) -> Bool {
        func trimmed(_ i: Int) -> Substring { lines[i].drop { $0 == " " || $0 == "\t" } }
        func onlyAttributes(_ i: Int) -> Bool {
            trimmed(i).hasPrefix("@") && { $0.isEmpty || $0.hasPrefix("//") && !$0.hasPrefix("///") }(droppingAttributes(lines[i]))
        }
        var above = i - 1
        while above >= 0, onlyAttributes(above) { above -= 1 }
        return above >= 0 && trimmed(above).hasPrefix("///")
    }

    /// The cases of the public enums of a Swift file by line number (from 1), and whether a `///`
    /// line is directly above each (as for `publicDeclarations`; one line may declare several
    /// cases). An enum's body runs from its `public … enum … {` line to the `}` at the enum's own
    /// indentation; its cases are the lines that start with `case` (or `indirect case`) at the
    /// indentation of its first member, so a nested type's cases and a `switch`'s are not its
    /// own. A public enum whose line does not end with `{` is listed as undocumented: its cases
    /// cannot be read. Lines inside a `"""` string are not code.
    static func publicEnumCases(_ text: String) -> [(line: Int, documented: Bool)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [(line: Int, documented: Bool)] = []
        var inString = false
        var open: [(indent: Int, members: Int?)] = []
        for (i, line) in lines.enumerated() {
            let opensOrCloses = line.ranges(of: "\"\"\"").count % 2 == 1
            defer { if opensOrCloses { inString.toggle() } }
            if inString { continue }
            let code = line.drop { $0 == " " }
            if code.isEmpty { continue }
            let indent = line.count - code.count
            while let enclosing = open.last, indent < enclosing.indent || indent == enclosing.indent && code.hasPrefix("}") {
                open.removeLast()
            }
            if let enclosing = open.last {
                let members = enclosing.members ?? indent
                open[open.count - 1].members = members
                let words = droppingAttributes(line).split(separator: " ")
                if indent == members, words.first == "case" || words.starts(with: ["indirect", "case"]) {
                    found.append((i + 1, hasDocLine(above: i, in: lines)))
                }
            }
            let words = declarationWords(line)
            guard words.first == "public", words.dropFirst().prefix(2).contains("enum") else { continue }
            if code.hasSuffix("{") { open.append((indent, nil)) } else { found.append((i + 1, false)) }
        }
        return found
    }

    @Test func docLinesAreFoundAboveAttributesAndBlocks() {
        let quotes = "\"\"\""
        let text = [
            "/// One line.",                                   // 1
            "public struct A {",                               // 2 documented
            "    /// Two lines,",                              // 3
            "    /// the second directly above.",              // 4
            "    @inlinable @inline(__always)",                // 5
            "    @discardableResult",                          // 6
            "    public func f() -> Int { 1 }",                // 7 documented
            "    @inlinable public var g: Int { 1 }",          // 8 not
            "    // A plain comment is not a doc line.",       // 9
            "    public var h: Int",                           // 10 not
            "    /// A blank line breaks it.",                 // 11
            "",                                                // 12
            "    public init() {}",                            // 13 not
            "    public private(set) var i = 0",               // 14 not
            "    let s = " + quotes,                           // 15
            "    public words in a string",                    // 16 skipped
            "    " + quotes,                                   // 17
            "    /// Attributes on their own line, one with arguments.",
            "    @available(*, deprecated, message: \"(old)\")",
            "    public static let j = 1",                     // 20 documented
            "}",
            "public import Foo",                               // 22 skipped
            "final public class B {}",                         // 23 not
            "let notPublic = 1",
        ].joined(separator: "\n")
        let found = Self.publicDeclarations(text)
        #expect(found.map(\.line) == [2, 7, 8, 10, 13, 14, 20, 23])
        #expect(found.filter { !$0.documented }.map(\.line) == [8, 10, 13, 14, 23])
    }

    /// The library targets (`.target(` of Package.swift, `Sources/Fee…`): not the executables,
    /// the system library or the tests.
    static func libraryTargets() throws -> [String] {
        try LayoutTests.declaredTargets().filter { $0.kind == "target" && $0.name.hasPrefix("Fee") }.map(\.name).sorted()
    }

    /// Records an issue for each place `find` returns in a library target's sources that has no
    /// `///` line, and returns how many places were looked at.
    static func undocumented(_ what: String, _ find: (String) -> [(line: Int, documented: Bool)]) throws -> Int {
        var checked = 0
        for target in try libraryTargets() {
            for file in try LayoutTests.sources(of: target) {
                for place in find(file.text) {
                    checked += 1
                    if !place.documented { Issue.record("Sources/\(file.path):\(place.line): \(what) without a /// line above it") }
                }
            }
        }
        return checked
    }

    @Test func everyPublicDeclarationHasADocLine() throws {
        let checked = try Self.undocumented("a public declaration", Self.publicDeclarations)
        #expect(checked > 500, "only \(checked) public declarations were found: the reader or the targets changed")
    }

    @Test func enumCasesAreFoundAtTheirEnumsMemberIndentation() {
        let quotes = "\"\"\""
        let text = [
            "/// An enum.",                                    // 1
            "public enum E: String {",                         // 2
            "    /// Documented.",                             // 3
            "    case a",                                      // 4 documented
            "    case b, c = \"see\"",                         // 5 not
            "    /// Attributes between.",                     // 6
            "    @available(*, deprecated)",                   // 7
            "    case d",                                      // 8 documented
            "    /// Nested.",                                 // 9
            "    public indirect enum N: Sendable {",          // 10
            "        case n(Int)",                             // 11 not
            "        /// Documented.",                         // 12
            "        indirect case m(N)",                      // 13 documented
            "    }",                                           // 14
            "    enum Private { case p }",                     // 15
            "    case e",                                      // 16 not: after the nested enum
            "    /// A method's switch is not a case list.",   // 17
            "    public var x: Int {",                         // 18
            "        switch self {",                           // 19
            "        case .a: return 1",                       // 20
            "        default: return 0",                       // 21
            "        }",                                       // 22
            "    }",                                           // 23
            "    static let s = " + quotes,                    // 24
            "    case words in a string",                      // 25 skipped
            "    " + quotes,                                   // 26
            "}",                                               // 27
            "enum Internal {",                                 // 28
            "    case i",                                      // 29 not public: skipped
            "}",                                               // 30
            "/// One line.",                                   // 31
            "public enum OneLine { case o }",                  // 32 not: cases on the enum's line
        ].joined(separator: "\n")
        let found = Self.publicEnumCases(text)
        #expect(found.map(\.line) == [4, 5, 8, 11, 13, 16, 32])
        #expect(found.filter { !$0.documented }.map(\.line) == [5, 11, 16, 32])
    }

    /// Each case of a public enum says what it is in a `///` line above it: an enum's cases are
    /// its values, as much its public API as its members.
    @Test func everyCaseOfAPublicEnumHasADocLine() throws {
        let checked = try Self.undocumented("a case of a public enum", Self.publicEnumCases)
        #expect(checked > 300, "only \(checked) cases of public enums were found: the reader or the targets changed")
    }

    /// The public types a Swift file declares (`public struct`, `final class`, `indirect enum`,
    /// `protocol`, `actor`, `typealias`), by name, nested ones by their own name.
    static func publicTypeNames(_ text: String) -> [String] {
        let kinds: Set<Substring> = ["struct", "class", "enum", "protocol", "actor", "typealias"]
        var names: [String] = []
        var inString = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let opensOrCloses = line.ranges(of: "\"\"\"").count % 2 == 1
            defer { if opensOrCloses { inString.toggle() } }
            if inString { continue }
            var words = declarationWords(line)
            guard words.first == "public" else { continue }
            words = words.dropFirst().drop { $0 == "final" || $0 == "indirect" }
            guard let kind = words.first, kinds.contains(kind), let name = words.dropFirst().first else { continue }
            names.append(String(name.prefix { $0.isLetter || $0.isNumber || $0 == "_" }))
        }
        return names
    }

    @Test func publicTypesAreReadByName() {
        let text = "public struct A: Sendable {\n    public indirect enum B<T> {\n  final public class C {}\n    public typealias D = A\npublic func e() {}\nstruct F {}"
        #expect(Self.publicTypeNames(text) == ["A", "B", "C", "D"])
    }

    /// Docs/PUBLIC-API.md, the map of the public API, names every public type of the library
    /// targets (a nested type by its own name, as `PartialHeader` (`Kind`, …) does).
    @Test func everyPublicTypeIsNamedInThePublicAPIPage() throws {
        let page = try LayoutTests.read("Docs/PUBLIC-API.md")
        func isIdentifier(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        func names(_ name: String) -> Bool {
            page.ranges(of: name).contains { range in
                (range.lowerBound == page.startIndex || !isIdentifier(page[page.index(before: range.lowerBound)]))
                    && (range.upperBound == page.endIndex || !isIdentifier(page[range.upperBound]))
            }
        }
        var checked = 0
        for target in try Self.libraryTargets() {
            for file in try LayoutTests.sources(of: target) {
                for name in Self.publicTypeNames(file.text) {
                    checked += 1
                    if !names(name) { Issue.record("Sources/\(file.path): the public type \(name) is not named in Docs/PUBLIC-API.md") }
                }
            }
        }
        #expect(checked > 150, "only \(checked) public types were found: the reader or the targets changed")
    }
}

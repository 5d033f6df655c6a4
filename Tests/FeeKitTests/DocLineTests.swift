import Testing

/// Every public declaration of the library targets (`Sources/Fee…`) says what it is in a `///` line
/// directly above it, attributes between allowed: the source is the reference that
/// Docs/PUBLIC-API.md maps, and a new public name cannot arrive without its line.
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
        func trimmed(_ i: Int) -> Substring { lines[i].drop { $0 == " " || $0 == "\t" } }
        func onlyAttributes(_ i: Int) -> Bool {
            trimmed(i).hasPrefix("@") && { $0.isEmpty || $0.hasPrefix("//") && !$0.hasPrefix("///") }(droppingAttributes(lines[i]))
        }
        var found: [(line: Int, documented: Bool)] = []
        var inString = false
        for (i, line) in lines.enumerated() {
            let opensOrCloses = line.ranges(of: "\"\"\"").count % 2 == 1
            defer { if opensOrCloses { inString.toggle() } }
            if inString { continue }
            var words = droppingAttributes(line).split(separator: " ")[...]
            while let first = words.first, modifiersBeforeAccess.contains(first) { words = words.dropFirst() }
            guard words.first == "public", words.dropFirst().first != "import" else { continue }
            var above = i - 1
            while above >= 0, onlyAttributes(above) { above -= 1 }
            found.append((i + 1, above >= 0 && trimmed(above).hasPrefix("///")))
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

    @Test func everyPublicDeclarationHasADocLine() throws {
        var checked = 0
        for target in try LayoutTests.declaredGraph().keys.sorted() where target.hasPrefix("Fee") {
            for file in try LayoutTests.sources(of: target) {
                let path = "Sources/" + file.path
                for declaration in Self.publicDeclarations(file.text) {
                    checked += 1
                    if declaration.documented { continue }
                    Issue.record("\(path):\(declaration.line): a public declaration without a /// line above it")
                }
            }
        }
        #expect(checked > 500, "only \(checked) public declarations were found: the reader or the targets changed")
    }
}

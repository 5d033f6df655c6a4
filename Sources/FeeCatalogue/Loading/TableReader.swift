import FeeValues
import FeeJSON

/// A value of the file being read: its place on the tape, its type and where it starts.
struct Node {
    let index: Int
    let kind: JSONKind
    let offset: Int
}

/// The members of one JSON object after closed-object checks: unknown and duplicate keys are
/// already reported, and a duplicated key is absent so that neither of its values is used.
/// Held inline (at most 16 allowed keys), so reading an object allocates nothing.
struct Fields {
    let path: String
    let offset: Int
    /// The allowed keys, and per key the tape entry of its value (-1 absent, -2 duplicated).
    private let allowed: [StaticString]
    private let slots: SIMD16<Int32>
    private let kinds: SIMD16<UInt8>
    private let offsets: SIMD16<Int32>

    init(path: String, offset: Int, allowed: [StaticString], slots: SIMD16<Int32>, kinds: SIMD16<UInt8>, offsets: SIMD16<Int32>) {
        self.path = path
        self.offset = offset
        self.allowed = allowed
        self.slots = slots
        self.kinds = kinds
        self.offsets = offsets
    }

    @inline(__always)
    private func slot(_ key: StaticString) -> Int? {
        for k in allowed.indices where allowed[k].utf8Start == key.utf8Start { return k }
        for k in allowed.indices where allowed[k].utf8CodeUnitCount == key.utf8CodeUnitCount
            && memcmpBytes(allowed[k].utf8Start, key.utf8Start, key.utf8CodeUnitCount) { return k }
        return nil
    }

    /// The value under `key`, nil when absent, null or duplicated.
    subscript(key: StaticString) -> Node? {
        guard let k = slot(key), slots[k] >= 0, kinds[k] != JSONKind.null.rawValue else { return nil }
        return Node(index: Int(slots[k]), kind: JSONKind(rawValue: kinds[k])!, offset: Int(offsets[k]))
    }

    /// Whether the key is present at all (even as null or duplicated).
    func has(_ key: StaticString) -> Bool { slot(key).map { slots[$0] != -1 } ?? false }

    /// Whether the key is given more than once.
    func isDuplicated(_ key: StaticString) -> Bool { slot(key).map { slots[$0] == -2 } ?? false }

    func childPath(_ key: StaticString) -> String { JSONPath.key(path, key.text) }
}

extension StaticString {
    /// The literal as a `String` (without the generic description machinery).
    var text: String { withUTF8Buffer { String(decoding: $0, as: UTF8.self) } }
}

/// Reads one JSON file of a catalogue into model values, collecting every problem with its
/// file, JSON path and line:column instead of stopping at the first. It reads the file's flat
/// tape in place: keys are compared as bytes, and a `String` is made only for a value kept.
package struct TableReader {
    let file: String
    let bytes: [UInt8]
    /// The bank's languages: every localized text must have them all.
    var languages: [String]
    package var problems: [Problem] = []
    /// The number of errors reported so far; with `unlessReported` it lets a caller prove that an
    /// object it could not read was reported.
    package private(set) var errorCount = 0
    /// The parsed file, once `parse()` succeeded.
    private(set) var tape: JSONTape?

    package init(file: String, bytes: [UInt8], languages: [String]) {
        self.file = file
        self.bytes = bytes
        self.languages = languages
    }

    /// The parsed file as a generic tree, for checks that walk any JSON (the fuzz invariants).
    package var root: JSONNode? { tape == nil ? nil : try? JSONParser.parse(bytes) }

    package var hasErrors: Bool { errorCount > 0 }

    package mutating func report(_ rule: ProblemCode, _ path: String, at offset: Int?, _ message: String,
                         severity: Severity = .error) {
        let position = offset.map { SourcePosition(offset: $0, in: bytes) }
        problems.append(Problem(severity: severity, rule: rule, file: file, path: path,
                                position: position, message: message))
        if severity == .error { errorCount += 1 }
    }

    /// Parses the file; reports a syntax error (or byte-order mark) and returns nil when it is not JSON.
    mutating func parse() -> Node? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            report(.byteOrderMark, "", at: nil,
                   "the file starts with a UTF-8 byte-order mark (EF BB BF), which the format forbids; save it as UTF-8 without BOM")
            return nil
        }
        do {
            let t = try JSONParser.tape(bytes)
            tape = t
            return node(0)
        } catch {
            report(.jsonSyntax, "", at: error.offset, "not valid JSON: \(error.message)")
            return nil
        }
    }

    // MARK: The tape

    @inline(__always)
    func node(_ i: Int) -> Node {
        let e = tape!.entries[i]
        return Node(index: i, kind: e.kind, offset: e.offset)
    }

    /// The text of a string node.
    func text(_ node: Node) -> String { tape!.string(node.index) }

    /// The value of the first member `key` of an object node, if any (null included).
    func member(_ node: Node, _ key: StaticString) -> Node? {
        guard node.kind == .object, let tape else { return nil }
        var found: Int?
        tape.forEachChild(node.index) { j in if found == nil && tape.keyEquals(j, key) { found = j } }
        return found.map(self.node)
    }

    /// The elements of an array node.
    func elements(_ node: Node) -> [Node] {
        guard node.kind == .array, let tape else { return [] }
        return tape.children(node.index).map(self.node)
    }

    // MARK: Objects

    /// Checks that `node` is an object with only `allowed` keys, no key twice and every `required` key.
    mutating func object(_ node: Node, _ path: String, allowed: [StaticString], required: [StaticString] = []) -> Fields? {
        guard node.kind == .object, let tape else {
            report(.wrongType, path, at: node.offset, "expected an object, found \(node.kind.typeName)")
            return nil
        }
        precondition(allowed.count <= 16, "an object reader allows at most 16 keys")
        var slots = SIMD16<Int32>(repeating: -1)
        var kinds = SIMD16<UInt8>(repeating: JSONKind.null.rawValue)
        var offsets = SIMD16<Int32>(repeating: 0)
        var seen = SIMD16<Int32>(repeating: 0)   // occurrences of each allowed key
        @inline(__always) func allowedIndex(_ j: Int) -> Int {
            for a in allowed.indices where tape.keyEquals(j, allowed[a]) { return a }
            return -1
        }
        tape.forEachChild(node.index) { j in
            let k = allowedIndex(j)
            if k >= 0 { seen[k] += 1 }
        }
        let end = tape[node.index].next
        var j = node.index + 1
        while j < end {
            let entry = tape[j]
            let k = allowedIndex(j)
            func childPath() -> String { JSONPath.key(path, tape.key(j)) }   // made only for a report
            if k < 0 {
                let key = tape.key(j)
                let names = allowed.map(\.text)
                var message = "unknown key '\(key)'"
                if let guess = closestMatches(to: key, in: names, limit: 1).first {
                    message += ": did you mean '\(guess)'?"
                } else {
                    message += "; allowed keys here: \(names.joined(separator: ", "))"
                }
                message += " Unknown keys are errors so that a typo cannot silently change a price."
                report(.unknownKey, childPath(), at: entry.keyOffset, message)
            } else if seen[k] > 1 {
                // A repeated key: reported once, at its first occurrence.
                if slots[k] != -2 {
                    report(.duplicateKey, childPath(), at: entry.keyOffset,
                           "the key '\(tape.key(j))' appears \(seen[k]) times in one object; JSON readers disagree on which value wins, so keep exactly one")
                    slots[k] = -2
                }
            } else {
                if entry.kind == .null {
                    // Spec §6: in a table file null is never "absent"; a reader that took it so would
                    // silently drop the item, band or waiver that holds it.
                    report(.nullValue, childPath(), at: entry.offset,
                           "'\(tape.key(j))' is null, which is not a value in a table file; give a value, or leave the key out if it is optional")
                }
                slots[k] = Int32(j)
                kinds[k] = entry.kind.rawValue
                offsets[k] = Int32(entry.offset)
            }
            j = entry.next
        }
        let fields = Fields(path: path, offset: node.offset, allowed: allowed, slots: slots, kinds: kinds, offsets: offsets)
        for key in required where !fields.has(key) {
            report(.missingKey, JSONPath.key(path, key.text), at: node.offset, "the required key '\(key.text)' is missing")
        }
        return fields
    }

    /// `value`, or, when it is nil and no error was reported since `errorsBefore`, a reported
    /// problem: the loader's invariant that no object of a file is dropped without one.
    package mutating func unlessReported<T>(_ value: T?, since errorsBefore: Int, _ path: @autoclosure () -> String, at offset: Int, what: String) -> T? {
        if value == nil && errorCount == errorsBefore {
            report(.unreadable, path(), at: offset,
                   "this \(what) could not be read although no rule named why; nothing is quoted from a table that drops part of its file. Please report this with the file")
        }
        return value
    }

    /// The elements of an array with their paths; reports a non-array.
    mutating func array(_ node: Node, _ path: String) -> [(node: Node, path: String)]? {
        guard node.kind == .array else {
            report(.wrongType, path, at: node.offset, "expected an array, found \(node.kind.typeName)")
            return nil
        }
        return elements(node).enumerated().map { (node: $1, path: JSONPath.index(path, $0)) }
    }

    // MARK: Scalars

    mutating func string(_ node: Node, _ path: @autoclosure () -> String) -> String? {
        guard node.kind == .string else {
            report(.wrongType, path(), at: node.offset, "expected a string, found \(node.kind.typeName)")
            return nil
        }
        return text(node)
    }

    mutating func nonEmptyString(_ node: Node, _ path: @autoclosure () -> String) -> String? {
        guard let s = string(node, path()) else { return nil }
        if s.isBlankText {
            report(.emptyText, path(), at: node.offset, "the text is empty; write what customers should read")
            return nil
        }
        return s
    }

    mutating func id(_ node: Node, _ path: @autoclosure () -> String, what: String = "id") -> String? {
        guard let s = string(node, path()) else { return nil }
        guard CatalogueID.isValid(s) else {
            report(.invalidId, path(), at: node.offset,
                   "'\(s)' is not a valid \(what): use 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit")
            return nil
        }
        return s
    }

    mutating func date(_ node: Node, _ path: @autoclosure () -> String) -> CalendarDate? {
        guard let s = string(node, path()) else { return nil }
        guard let d = CalendarDate(s) else {
            report(.invalidDate, path(), at: node.offset, "'\(s)' is not a date: write an existing day as YYYY-MM-DD")
            return nil
        }
        return d
    }

    mutating func bool(_ node: Node, _ path: @autoclosure () -> String) -> Bool? {
        guard node.kind == .bool else {
            report(.wrongType, path(), at: node.offset, "expected true or false, found \(node.kind.typeName)")
            return nil
        }
        return bytes[node.offset] == UInt8(ascii: "t")
    }

    /// A JSON integer literal within `range`.
    mutating func integer(_ node: Node, _ path: @autoclosure () -> String, range: ClosedRange<Int>) -> Int? {
        guard node.kind == .number else {
            report(.wrongType, path(), at: node.offset, "expected a whole number, found \(node.kind.typeName)")
            return nil
        }
        let literal = tape!.literal(node.index)
        guard let v = Int(literal), range.contains(v) else {
            report(.numberOutOfRange, path(), at: node.offset,
                   "\(literal) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return v
    }

    /// A money string with at most `minorDigits` fractional digits (spec §1.3.1, §6).
    mutating func money(_ node: Node, _ path: @autoclosure () -> String, minorDigits: Int) -> Money? {
        guard node.kind == .string else {
            moneyNotString(node, path(), example: "\"5.00\"", what: "money")
            return nil
        }
        let s = text(node)
        switch Money.parse(s, minorDigits: minorDigits) {
        case .success(let m): return m
        case .failure(.notDecimal):
            report(.invalidMoney, path(), at: node.offset,
                   "'\(s)' is not a money amount: write digits with an optional '.' and fraction, no sign, spaces or separators (\"1234.50\")")
        case .failure(.tooManyFractionDigits(let allowed)):
            report(.invalidMoney, path(), at: node.offset,
                   "'\(s)' has more than \(allowed) fractional digit\(allowed == 1 ? "" : "s"), the currency's minor units")
        case .failure(.tooLarge):
            report(.invalidMoney, path(), at: node.offset,
                   "'\(s)' is too large: amounts must be below 10^15 major and 10^17 minor units")
        }
        return nil
    }

    /// A rate string `0 ≤ rate ≤ 1` with at most 8 fractional digits.
    mutating func rate(_ node: Node, _ path: @autoclosure () -> String) -> Rate? {
        guard node.kind == .string else {
            moneyNotString(node, path(), example: "\"0.005\"", what: "a rate")
            return nil
        }
        let s = text(node)
        switch Rate.parse(s) {
        case .success(let r): return r
        case .failure(.notDecimal):
            report(.invalidRate, path(), at: node.offset, "'\(s)' is not a rate: write a decimal fraction such as \"0.005\" for 0.5 %")
        case .failure(.tooManyFractionDigits):
            report(.invalidRate, path(), at: node.offset, "'\(s)' has more than 8 fractional digits")
        case .failure(.tooLarge):
            report(.invalidRate, path(), at: node.offset, "'\(s)' is above 1: a rate is a fraction of the amount (\"0.005\" is 0.5 %)")
        }
        return nil
    }

    /// A percentage string `0 < p ≤ 100` with at most 2 fractional digits.
    mutating func percentage(_ node: Node, _ path: @autoclosure () -> String) -> Percentage? {
        guard node.kind == .string else {
            moneyNotString(node, path(), example: "\"50\"", what: "a percentage")
            return nil
        }
        let s = text(node)
        switch Percentage.parse(s) {
        case .success(let p): return p
        case .failure(.notDecimal):
            report(.invalidPercent, path(), at: node.offset, "'\(s)' is not a percentage: write digits such as \"50\" or \"12.5\"")
        case .failure(.tooManyFractionDigits):
            report(.invalidPercent, path(), at: node.offset, "'\(s)' has more than 2 fractional digits")
        case .failure(.tooLarge):
            report(.invalidPercent, path(), at: node.offset, "'\(s)' is not above 0 and at most 100")
        }
        return nil
    }

    private mutating func moneyNotString(_ node: Node, _ path: @autoclosure () -> String, example: String, what: String) {
        if node.kind == .number {
            let literal = tape!.literal(node.index)
            report(.moneyNotString, path(), at: node.offset,
                   "\(literal) is a JSON number; \(what) must be a JSON string such as \(example), so that no binary float ever touches a price")
        } else {
            report(.wrongType, path(), at: node.offset, "expected \(what) as a string such as \(example), found \(node.kind.typeName)")
        }
    }

    // MARK: Localized text

    /// A localized text: an object mapping each of the bank's languages to a non-empty string.
    mutating func localized(_ node: Node, _ path: @autoclosure () -> String) -> LocalizedText? {
        guard node.kind == .object else {
            report(.wrongType, path(), at: node.offset,
                   "expected a localized text such as {\"\(languages.first ?? "zh-Hans")\": \"…\"}, found \(node.kind.typeName)")
            return nil
        }
        var translations: [(tag: String, text: String)] = []
        var ok = true
        var seen: [String] = []   // a handful of languages: a list beats hashing
        let tape = self.tape!
        translations.reserveCapacity(tape[node.index].count)
        seen.reserveCapacity(tape[node.index].count)
        let end = tape[node.index].next
        var j = node.index + 1
        while j < end {
            let entry = tape[j]
            let m = (key: tape.key(j), keyOffset: entry.keyOffset, value: Node(index: j, kind: entry.kind, offset: entry.offset))
            j = entry.next
            func childPath() -> String { JSONPath.key(path(), m.key) }   // made only for a report
            if LocalizedText.flaw(adding: m.key, to: seen) != nil {
                report(.duplicateKey, childPath(), at: m.keyOffset, "the language '\(m.key)' appears twice; keep exactly one")
                ok = false
                continue
            }
            seen.append(m.key)
            if m.value.kind == .null {
                report(.nullValue, childPath(), at: m.value.offset,
                       "the '\(m.key)' text is null, which is not a value in a table file; write the text customers read")
                ok = false
                continue
            }
            guard let text = nonEmptyString(m.value, childPath()) else { ok = false; continue }
            if !languages.isEmpty && !languages.contains(m.key) {
                report(.undeclaredLanguage, childPath(), at: m.keyOffset,
                       "the language '\(m.key)' is not one of the bank's languages (\(languages.joined(separator: ", "))); it will not be published",
                       severity: .warning)
            }
            translations.append((m.key, text))
        }
        let missing = languages.filter { !seen.contains($0) }
        if !missing.isEmpty {
            report(.missingLanguage, path(), at: node.offset,
                   "the text lacks \(missing.map { "'\($0)'" }.joined(separator: ", ")); every text must be given in all of the bank's languages (\(languages.joined(separator: ", ")))")
            ok = false
        }
        guard ok else { return nil }
        // Publish in the bank's language order (most texts are already in it).
        if translations.count == languages.count && zip(translations, languages).allSatisfy({ $0.tag == $1 }) {
            return try? LocalizedText(translations)
        }
        let ordered = languages.compactMap { tag in translations.first { $0.tag == tag } }
            + translations.filter { !languages.contains($0.tag) }
        return try? LocalizedText(ordered)
    }

    /// A localized text under `key`, if present.
    mutating func optionalLocalized(_ fields: Fields, _ key: StaticString) -> LocalizedText? {
        fields[key].flatMap { localized($0, fields.childPath(key)) }
    }
}

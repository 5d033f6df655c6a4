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
/// A class, immutable once made: the readers' paths for reports capture it in many closures per
/// object, and a copy of the struct it was (a path, a key list and three vectors) cost more than
/// the one allocation per object.
final class Fields {
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
    /// In bank.json: the well-formed tags `languages` lists, in order, even when another is not
    /// (the language of the problems' words when none is asked for).
    var listedLanguages: [String] = []
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

    package mutating func report(_ rule: ProblemCode, _ path: String, at offset: Int?, _ message: CheckMessage,
                                 severity: Severity = .error) {
        let position = offset.map { SourcePosition(offset: $0, in: bytes) }
        problems.append(Problem(severity: severity, rule: rule, file: file, path: path,
                                position: position, detail: message))
        if severity == .error { errorCount += 1 }
    }

    /// Parses the file; reports a syntax error (or byte-order mark) and returns nil when it is not JSON.
    mutating func parse() -> Node? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            report(.byteOrderMark, "", at: nil, .byteOrderMark)
            return nil
        }
        do {
            let t = try JSONParser.tape(bytes)
            tape = t
            return node(0)
        } catch {
            report(.jsonSyntax, "", at: error.offset, .notJSON(detail: error.message))
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
            report(.wrongType, path, at: node.offset, .wrongType(wanted: .object, found: node.kind))
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
                report(.unknownKey, childPath(), at: entry.keyOffset,
                       .unknownKey(key: key, nearest: closestMatches(to: key, in: names, limit: 1).first, allowed: names))
            } else if seen[k] > 1 {
                // A repeated key: reported once, at its first occurrence.
                if slots[k] != -2 {
                    report(.duplicateKey, childPath(), at: entry.keyOffset, .keyRepeated(key: tape.key(j), times: Int(seen[k])))
                    slots[k] = -2
                }
            } else {
                if entry.kind == .null {
                    // Spec §6: in a table file null is never "absent"; a reader that took it so would
                    // silently drop the item, band or waiver that holds it.
                    report(.nullValue, childPath(), at: entry.offset, .nullValue(key: tape.key(j)))
                }
                slots[k] = Int32(j)
                kinds[k] = entry.kind.rawValue
                offsets[k] = Int32(entry.offset)
            }
            j = entry.next
        }
        let fields = Fields(path: path, offset: node.offset, allowed: allowed, slots: slots, kinds: kinds, offsets: offsets)
        for key in required where !fields.has(key) {
            report(.missingKey, JSONPath.key(path, key.text), at: node.offset, .missingKey(key: key.text))
        }
        return fields
    }

    /// `value`, or, when it is nil and no error was reported since `errorsBefore`, a reported
    /// problem: the loader's invariant that no object of a file is dropped without one.
    package mutating func unlessReported<T>(_ value: T?, since errorsBefore: Int, _ path: @autoclosure () -> String, at offset: Int,
                                            what: CheckMessage.Part) -> T? {
        if value == nil && errorCount == errorsBefore {
            report(.unreadable, path(), at: offset, .unreadable(what))
        }
        return value
    }

    /// The elements of an array with their paths; reports a non-array.
    mutating func array(_ node: Node, _ path: String) -> [(node: Node, path: String)]? {
        guard node.kind == .array else {
            report(.wrongType, path, at: node.offset, .wrongType(wanted: .array, found: node.kind))
            return nil
        }
        return elements(node).enumerated().map { (node: $1, path: JSONPath.index(path, $0)) }
    }

    // MARK: Scalars

    mutating func string(_ node: Node, _ path: @autoclosure () -> String) -> String? {
        guard node.kind == .string else {
            report(.wrongType, path(), at: node.offset, .wrongType(wanted: .string, found: node.kind))
            return nil
        }
        return text(node)
    }

    mutating func nonEmptyString(_ node: Node, _ path: @autoclosure () -> String) -> String? {
        guard let s = string(node, path()) else { return nil }
        if s.isBlankText {
            report(.emptyText, path(), at: node.offset, .emptyText)
            return nil
        }
        return s
    }

    mutating func id(_ node: Node, _ path: @autoclosure () -> String, what: CheckMessage.IDKind) -> String? {
        guard let s = string(node, path()) else { return nil }
        guard CatalogueID.isValid(s) else {
            report(.invalidId, path(), at: node.offset, .invalidId(text: s, kind: what))
            return nil
        }
        return s
    }

    mutating func date(_ node: Node, _ path: @autoclosure () -> String) -> CalendarDate? {
        guard let s = string(node, path()) else { return nil }
        guard let d = CalendarDate(s) else {
            report(.invalidDate, path(), at: node.offset, .invalidDate(text: s))
            return nil
        }
        return d
    }

    mutating func bool(_ node: Node, _ path: @autoclosure () -> String) -> Bool? {
        guard node.kind == .bool else {
            report(.wrongType, path(), at: node.offset, .wrongType(wanted: .bool, found: node.kind))
            return nil
        }
        return bytes[node.offset] == UInt8(ascii: "t")
    }

    /// A JSON integer literal within `range`.
    mutating func integer(_ node: Node, _ path: @autoclosure () -> String, range: ClosedRange<Int>) -> Int? {
        guard node.kind == .number else {
            report(.wrongType, path(), at: node.offset, .wrongType(wanted: .wholeNumber, found: node.kind))
            return nil
        }
        let literal = tape!.literal(node.index)
        guard let v = Int(literal), range.contains(v) else {
            report(.numberOutOfRange, path(), at: node.offset, .numberOutOfRange(literal: literal, range: range))
            return nil
        }
        return v
    }

    /// A money string with at most `minorDigits` fractional digits (spec §1.3.1, §6).
    mutating func money(_ node: Node, _ path: @autoclosure () -> String, minorDigits: Int) -> Money? {
        guard node.kind == .string else {
            moneyNotString(node, path(), .money)
            return nil
        }
        let s = text(node)
        switch Money.parse(s, minorDigits: minorDigits) {
        case .success(let m): return m
        case .failure(.notDecimal):
            report(.invalidMoney, path(), at: node.offset, .moneyNotDecimal(text: s))
        case .failure(.tooManyFractionDigits(let allowed)):
            report(.invalidMoney, path(), at: node.offset, .moneyTooManyDigits(text: s, digits: allowed))
        case .failure(.tooLarge):
            report(.invalidMoney, path(), at: node.offset, .moneyTooLarge(text: s))
        }
        return nil
    }

    /// A rate string `0 ≤ rate ≤ 1` with at most 8 fractional digits.
    mutating func rate(_ node: Node, _ path: @autoclosure () -> String) -> Rate? {
        guard node.kind == .string else {
            moneyNotString(node, path(), .rate)
            return nil
        }
        let s = text(node)
        switch Rate.parse(s) {
        case .success(let r): return r
        case .failure(.notDecimal):
            report(.invalidRate, path(), at: node.offset, .rateNotDecimal(text: s))
        case .failure(.tooManyFractionDigits):
            report(.invalidRate, path(), at: node.offset, .tooManyFractionDigits(text: s, limit: 8))
        case .failure(.tooLarge):
            report(.invalidRate, path(), at: node.offset, .rateAboveOne(text: s))
        }
        return nil
    }

    /// A percentage string `0 < p ≤ 100` with at most 2 fractional digits.
    mutating func percentage(_ node: Node, _ path: @autoclosure () -> String) -> Percentage? {
        guard node.kind == .string else {
            moneyNotString(node, path(), .percentage)
            return nil
        }
        let s = text(node)
        switch Percentage.parse(s) {
        case .success(let p): return p
        case .failure(.notDecimal):
            report(.invalidPercent, path(), at: node.offset, .percentNotDecimal(text: s))
        case .failure(.tooManyFractionDigits):
            report(.invalidPercent, path(), at: node.offset, .tooManyFractionDigits(text: s, limit: 2))
        case .failure(.tooLarge):
            report(.invalidPercent, path(), at: node.offset, .percentOutOfRange(text: s))
        }
        return nil
    }

    private mutating func moneyNotString(_ node: Node, _ path: @autoclosure () -> String, _ figure: CheckMessage.Figure) {
        if node.kind == .number {
            report(.moneyNotString, path(), at: node.offset, .numberNotString(literal: tape!.literal(node.index), figure: figure))
        } else {
            report(.wrongType, path(), at: node.offset, .wrongType(wanted: .figure(figure), found: node.kind))
        }
    }

    // MARK: Localized text

    /// A localized text: an object mapping each of the bank's languages to a non-empty string.
    mutating func localized(_ node: Node, _ path: @autoclosure () -> String) -> LocalizedText? {
        guard node.kind == .object else {
            report(.wrongType, path(), at: node.offset, .wrongType(wanted: .localizedText(language: languages.first ?? "zh-Hans"), found: node.kind))
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
                report(.duplicateKey, childPath(), at: m.keyOffset, .languageTwice(tag: m.key))
                ok = false
                continue
            }
            seen.append(m.key)
            if m.value.kind == .null {
                report(.nullValue, childPath(), at: m.value.offset, .nullText(tag: m.key))
                ok = false
                continue
            }
            guard let text = nonEmptyString(m.value, childPath()) else { ok = false; continue }
            if !languages.isEmpty && !languages.contains(m.key) {
                report(.undeclaredLanguage, childPath(), at: m.keyOffset, .undeclaredLanguage(tag: m.key, languages: languages), severity: .warning)
            }
            translations.append((m.key, text))
        }
        let missing = languages.filter { !seen.contains($0) }
        if !missing.isEmpty {
            report(.missingLanguage, path(), at: node.offset, .missingLanguages(missing: missing, languages: languages))
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

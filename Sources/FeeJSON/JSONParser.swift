import FeeValues

/// A strict RFC 8259 JSON parser that records byte offsets and keeps number literals and
/// duplicate keys, so that loaders can say exactly where a fee table is wrong.
///
/// It rejects a byte-order mark, invalid UTF-8, unescaped control characters, lone surrogate
/// escapes, trailing content and nesting deeper than `maxDepth`.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted; deeper input is an error, not a crash.
    public static let defaultMaxDepth = 256

    @usableFromInline package let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline package var index = 0
    private let maxDepth: Int

    /// A parser over `bytes` used as a cursor (the request decoder walks a line with it, so that
    /// requests and tables share one JSON grammar and one set of syntax messages).
    package init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses one complete JSON text.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) -> JSONNode {
        let result: Result<JSONNode, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                return .success(JSONTape.node(try parser.parseDocument(), 0, in: buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses one complete JSON text held in a string.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) -> JSONNode {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    /// Parses one complete JSON text into its flat tape (the table loader reads it in place).
    package static func tape(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) -> JSONTape {
        let result: Result<[JSONTapeEntry], JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return JSONTape(bytes: bytes, entries: try result.get())
    }

    private mutating func parseDocument() throws(JSONSyntaxError) -> [JSONTapeEntry] {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw JSONSyntaxError(
                message: "the text starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM",
                offset: 0)
        }
        var tape: [JSONTapeEntry] = []
        tape.reserveCapacity(bytes.count / 16)
        skipWhitespace()
        try walk(depth: 0, into: &tape, record: true)
        skipWhitespace()
        if index < bytes.count {
            throw error("unexpected \(describeByte(at: index)) after the end of the JSON value")
        }
        return tape
    }

    /// Moves the cursor past one byte already checked.
    @inlinable package mutating func advance() { index += 1 }

    /// Moves past `byte`, or throws.
    mutating func expectByte(_ byte: UInt8) throws(JSONSyntaxError) {
        guard index < bytes.count, bytes[index] == byte else {
            throw error("unexpected \(describeByte(at: index)): expected '\(Character(Unicode.Scalar(byte)))'")
        }
        index += 1
    }

    package func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, offset: offset ?? index)
    }

    package func describeByte(at i: Int) -> String {
        guard i < bytes.count else { return "end of input" }
        let b = bytes[i]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + hexByte(b)
    }

    @inlinable @inline(__always)
    package mutating func skipWhitespace() {
        var i = index
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { break }
            i += 1
        }
        index = i
    }

    /// Validates the value at the cursor and moves past it, building nothing: the request
    /// decoder skips values it does not use this way, with every rule and message of the one walk.
    package mutating func skipValue(depth: Int) throws(JSONSyntaxError) -> JSONKind {
        var tape: [JSONTapeEntry] = []
        return try walk(depth: depth, into: &tape, record: false)
    }

    /// Walks one value at the cursor, validating it; with `record` it appends the value and
    /// everything inside it to `tape` in document order (the member's key as given).
    @discardableResult
    mutating func walk(depth: Int, into tape: inout [JSONTapeEntry], record: Bool,
                       key: (offset: Int, end: Int, escaped: Bool) = (-1, -1, false)) throws(JSONSyntaxError) -> JSONKind {
        guard index < bytes.count else { throw error("unexpected end of input: a value is missing") }
        let start = index
        let kind: JSONKind
        var escaped = false
        var slot = 0
        switch bytes[index] {
        case UInt8(ascii: "{"):
            kind = .object
            if record { slot = tape.count; tape.append(JSONTapeEntry(kind: .object, offset: start, key: key)) }
            let count = try walkObject(depth: depth + 1, into: &tape, record: record)
            if record { tape[slot].count = count; tape[slot].next = tape.count; tape[slot].end = index }
            return kind
        case UInt8(ascii: "["):
            kind = .array
            if record { slot = tape.count; tape.append(JSONTapeEntry(kind: .array, offset: start, key: key)) }
            let count = try walkArray(depth: depth + 1, into: &tape, record: record)
            if record { tape[slot].count = count; tape[slot].next = tape.count; tape[slot].end = index }
            return kind
        case UInt8(ascii: "\""):
            kind = .string
            escaped = try skipString().escaped
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            kind = .number
            _ = try numberToken()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            kind = .bool
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            kind = .bool
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            kind = .null
        default:
            throw error("unexpected \(describeByte(at: index)): expected a JSON value")
        }
        if record {
            var entry = JSONTapeEntry(kind: kind, offset: start, key: key)
            entry.end = index
            entry.escaped = escaped
            entry.next = tape.count + 1
            tape.append(entry)
        }
        return kind
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let start = index
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { word -> Bool in
            guard start + count <= bytes.count else { return false }
            for k in 0..<count where bytes[start + k] != word[k] { return false }
            return true
        }
        guard matches else { throw error("invalid literal: expected '\(literal)'", at: start) }
        index += count
    }

    /// The members of an object at the cursor; returns how many.
    private mutating func walkObject(depth: Int, into tape: inout [JSONTapeEntry], record: Bool) throws(JSONSyntaxError) -> Int {
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1  // {
        var count = 0
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return count
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeByte(at: index)): expected a key in double quotes")
            }
            let keyOffset = index
            let keyEscaped = try skipString().escaped
            let keyEnd = index
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeByte(at: index)): expected ':' after key \"\(decodeString(at: keyOffset))\"")
            }
            index += 1
            skipWhitespace()
            try walk(depth: depth, into: &tape, record: record, key: (keyOffset, keyEnd, keyEscaped))
            count += 1
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return count }
            throw error("unexpected \(describeByte(at: index)): expected ',' or '}' in an object")
        }
    }

    /// The elements of an array at the cursor; returns how many.
    private mutating func walkArray(depth: Int, into tape: inout [JSONTapeEntry], record: Bool) throws(JSONSyntaxError) -> Int {
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1  // [
        var count = 0
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return count
        }
        while true {
            skipWhitespace()
            try walk(depth: depth, into: &tape, record: record)
            count += 1
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return count }
            throw error("unexpected \(describeByte(at: index)): expected ',' or ']' in an array")
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let range = try numberToken()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Validates a number at the cursor and returns its bytes' range, without making a `String`.
    package mutating func numberToken() throws(JSONSyntaxError) -> Range<Int> {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: a digit must follow '-'") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("invalid number: leading zeros are not allowed", at: start) }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: a digit must follow '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: a digit must follow the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return start..<index
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// A string at the cursor, validated: the range of its contents, and its decoded text when
    /// it holds escapes (without escapes the bytes are the text, and no `String` is made).
    mutating func stringToken() throws(JSONSyntaxError) -> (contents: Range<Int>, decoded: String?) {
        let open = index
        let (contents, escaped) = try skipString()
        guard escaped else { return (contents, nil) }
        index = open
        let text = try parseString()
        return (contents, text)
    }

    /// Validates a string at the cursor without making a `String`: the range of its contents and
    /// whether it holds escapes (then `decodeString(at:)` gives its text).
    package mutating func skipString() throws(JSONSyntaxError) -> (contents: Range<Int>, escaped: Bool) {
        let open = index
        let contentStart = index + 1
        let base = bytes.baseAddress!
        let n = bytes.count
        var i = contentStart
        // Printable ASCII without escapes, eight bytes at a time: a word with no quote, no
        // backslash, no control character and no byte ≥ 0x80 is skipped whole.
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            let x = WordScan.load(raw, i)
            let special = WordScan.equal(x, 0x22) | WordScan.equal(x, 0x5C) | WordScan.below(x, 0x20) | WordScan.nonASCII(x)
            if special != 0 { i += WordScan.first(special); break }
            i += 8
        }
        // The rest byte by byte: the common case ends here at the closing quote.
        while i < n {
            let b = base[i]
            if b == UInt8(ascii: "\"") {
                index = i + 1
                return (contentStart..<i, false)
            }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { break }
            i += 1
        }
        index = i
        while index < n {
            let b = base[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return (contentStart..<(index - 1), false)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("control character 0x\(hexByte(b)) inside a string: escape it") }
            if b >= 0x80 { try skipUTF8Scalar() } else { index += 1 }
        }
        guard index < n else { throw error("unterminated string", at: open) }
        index = open
        _ = try parseString()
        return (contentStart..<(index - 1), true)
    }

    /// The text of a string whose opening quote is at `offset` (already validated).
    package func decodeString(at offset: Int) -> String {
        var p = JSONParser(bytes: bytes, maxDepth: maxDepth)
        p.index = offset
        return (try? p.parseString()) ?? ""
    }

    /// Parses a string starting at its opening quote; validates UTF-8 and escapes.
    package mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        let contentStart = index
        // Fast path: no escapes.
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<index]), as: UTF8.self)
                index += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("control character 0x\(hexByte(b)) inside a string: escape it") }
            if b >= 0x80 { try skipUTF8Scalar() } else { index += 1 }
        }
        guard index < bytes.count else { throw error("unterminated string", at: open) }
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[contentStart..<index]))
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw error("control character 0x\(hexByte(b)) inside a string: escape it") }
            if b == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try parseUnicodeEscape()
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: index - 2)
                }
                continue
            }
            let scalarStart = index
            if b >= 0x80 { try skipUTF8Scalar() } else { index += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[scalarStart..<index]))
        }
        throw error("unterminated string", at: open)
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("invalid hex digit in a \\u escape")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let start = index - 2
        let high = try parseHex4()
        if high >= 0xD800 && high <= 0xDBFF {
            guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw error("lone surrogate \\u escape: a high surrogate must be followed by a low one", at: start)
            }
            index += 2
            let low = try parseHex4()
            guard low >= 0xDC00 && low <= 0xDFFF else {
                throw error("invalid surrogate pair in a \\u escape", at: start)
            }
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            return Unicode.Scalar(value)!
        }
        if high >= 0xDC00 && high <= 0xDFFF {
            throw error("lone surrogate \\u escape: a low surrogate without a high one", at: start)
        }
        return Unicode.Scalar(high)!
    }

    /// Advances over one multi-byte UTF-8 scalar, rejecting malformed, overlong and surrogate encodings.
    private mutating func skipUTF8Scalar() throws(JSONSyntaxError) {
        let b0 = bytes[index]
        let length: Int
        let minValue: UInt32
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F); minValue = 0x80
        case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F); minValue = 0x800
        case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07); minValue = 0x10000
        default: throw error("invalid UTF-8 byte 0x\(hexByte(b0)); the file must be UTF-8")
        }
        guard index + length <= bytes.count else { throw error("truncated UTF-8 sequence; the file must be UTF-8") }
        for k in 1..<length {
            let c = bytes[index + k]
            guard c & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence; the file must be UTF-8") }
            value = value << 6 | UInt32(c & 0x3F)
        }
        if value < minValue || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) {
            throw error("invalid UTF-8 sequence; the file must be UTF-8")
        }
        index += length
    }
}

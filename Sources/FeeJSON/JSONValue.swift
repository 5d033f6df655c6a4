/// A place in a source text: 1-based line and column (the column counts Unicode scalars).
public struct SourcePosition: Sendable, Hashable {
    /// The line, counted from 1; CR LF and LF each end one.
    public var line: Int
    /// The column, counted from 1 in Unicode scalars, not bytes.
    public var column: Int

    /// The position at `line` and `column`, both counted from 1 (not checked).
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The line and column of a byte offset in UTF-8 text; CR LF and LF each end a line.
    public init(offset: Int, in bytes: [UInt8]) {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        var i = 0
        while i < end {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        var column = 1
        for j in lineStart..<end where bytes[j] & 0xC0 != 0x80 { column += 1 }
        self.init(line: line, column: column)
    }
}

/// A parsed JSON value that keeps what a fee table needs and generic parsers lose:
/// number literals as written, duplicate keys, and where every value stands.
public indirect enum JSONValue: Sendable {
    /// The members in source order, duplicate keys kept.
    case object([JSONMember])
    /// The elements in order, each with its position.
    case array([JSONNode])
    /// The text with its escapes decoded.
    case string(String)
    /// A number exactly as written in the source (`1.50`, `-0`, `1e400`).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// The literal `null`.
    case null

    /// A short name of the value's JSON type, for error messages.
    public var typeName: String { kind.typeName }

    /// The value's JSON type.
    public var kind: JSONKind {
        switch self {
        case .object: return .object
        case .array: return .array
        case .string: return .string
        case .number: return .number
        case .bool: return .bool
        case .null: return .null
        }
    }
}

/// The six JSON types, with the names error messages use for them.
public enum JSONKind: UInt8, Sendable {
    /// A string, a number, `true` or `false`, `null`, an object, an array.
    case string, number, bool, null, object, array

    /// "an object", "a string", …, for messages such as "must be a string, not an object".
    public var typeName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

/// A JSON value with its position in the source.
public struct JSONNode: Sendable {
    /// The value itself.
    public var value: JSONValue
    /// Byte offset of the value's first byte in the source.
    public var offset: Int
    /// Byte offset just past the value's last byte, so callers can echo it exactly as written.
    public var end: Int

    /// A value that spans the bytes `offset..<end` of its source.
    public init(value: JSONValue, offset: Int, end: Int) {
        self.value = value
        self.offset = offset
        self.end = end
    }
}

/// One `"key": value` pair of an object, in source order; duplicates are kept so callers can reject them.
public struct JSONMember: Sendable {
    /// The key with its escapes decoded.
    public var key: String
    /// Byte offset of the key's opening quote.
    public var keyOffset: Int
    /// The member's value, with its position.
    public var value: JSONNode

    /// The member `key` whose opening quote is at byte `keyOffset`, with its value.
    public init(key: String, keyOffset: Int, value: JSONNode) {
        self.key = key
        self.keyOffset = keyOffset
        self.value = value
    }
}

/// Why a text is not JSON, and where.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// What is wrong, such as "unexpected end of input: a value is missing".
    public var message: String
    /// Byte offset where the text stops being JSON.
    public var offset: Int

    /// The error `message` at byte `offset` of the source.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
}

/// The one decoder of request lines (spec §2, §4, §6), for the batch, `fees serve` and the
/// transaction lines of statements: a single walk over the line's bytes with the JSON reader's
/// cursor (one grammar, one set of syntax messages), with no tree and no `String` for keys or for
/// values without escapes. Every shape the spec allows is decoded here: any key order, white space,
/// `\u` escapes, non-ASCII text, `null` for absent.
///
/// Which error a line gets when it has several (documented in Docs/DECISIONS.md, tested pair by
/// pair): (1) not JSON, (2) not an object, (3) in transaction mode a missing or empty
/// `customer_ref`, then a `uses_in_period` key, (4) the first unknown or repeated key in line
/// order, (5) the fields in this order: `id` type, `bank` type, `item` missing or type, `date`
/// missing, type or value, `amount` type, `quantity` type and range, `channel`, `reason` and
/// `branch` types, `uses_in_period` type and range, `customer` (type; then its members in line
/// order: unknown or repeated key, `tier` type, `segments` type, `age` type and range), `lang`
/// type. Errors that need the tables come after, from the calculator.
enum RequestDecoder {
    enum Mode { case batch, transaction }

    /// A decoded line: the id's literal token, and the request or its error.
    struct Decoded {
        /// The id's bytes exactly as written (nil: absent, null, or the line is not an object).
        var rawID: Range<Int>?
        /// Transaction mode: the id's literal text for error reports ("" when absent), and the customer.
        var idText = ""
        var customerRef = ""
        var result: Result<QuoteRequest, QuoteError>
    }

    static let requestKeys = ["id", "bank", "item", "date", "amount", "quantity", "channel", "reason", "branch",
                              "uses_in_period", "customer", "lang"]
    static let customerKeys = ["tier", "segments", "age"]

    /// The keys of a request line, and `customer_ref` of a transaction line.
    enum Key: Int, CaseIterable {
        case id, bank, item, date, amount, quantity, channel, reason, branch, uses, customer, lang, customerRef
    }

    /// One JSON value of the line: where it is, what it is, and its text when it is an escaped string.
    struct Token {
        enum Kind { case string, number, bool, null, object, array }
        var kind: Kind
        var range: Range<Int>
        /// For a string: the contents' range (without quotes) and, when it has escapes, the text.
        var contents: Range<Int> = 0..<0
        var decoded: String?

        var typeName: String {
            switch kind {
            case .object: return "an object"
            case .array: return "an array"
            case .string: return "a string"
            case .number: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            }
        }
    }

    /// A member of `customer`, in line order.
    struct CustomerMember {
        var key: String
        var value: Token
        var segments: [Token] = []
    }

    private struct Failure: Error { let error: JSONSyntaxError }

    static func decode(_ line: UnsafeBufferPointer<UInt8>, mode: Mode) -> Decoded {
        var cursor = JSONParser(bytes: line, maxDepth: 64)
        var fields = [Token?](repeating: nil, count: Key.allCases.count)
        var keyError: QuoteError?
        var customer: [CustomerMember]?
        var customerTokenKind: Token.Kind?
        var sawUses = false

        func text(_ t: Token) -> String {
            t.decoded ?? String(decoding: UnsafeBufferPointer(rebasing: line[t.contents]), as: UTF8.self)
        }

        // Pass 1: the whole line, validated as JSON, with the first occurrence of each key kept.
        do throws(JSONSyntaxError) {
            if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
                throw JSONSyntaxError(message: "the text starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM", offset: 0)
            }
            cursor.skipWhitespace()
            guard cursor.index < line.count, line[cursor.index] == UInt8(ascii: "{") else {
                let node = try cursor.parseValue(depth: 0)
                try end(&cursor)
                let message = mode == .batch ? "the line is \(node.value.typeName), not a JSON object" : "the line is not a JSON object"
                return Decoded(rawID: nil, result: .failure(QuoteError(.invalidRequest, message)))
            }
            try members(&cursor, depth: 1) { cursor, key, _ throws(JSONSyntaxError) in
                let slot = Self.key(key, in: line)
                let value = try token(&cursor, depth: 1, line: line)
                guard let slot, mode == .transaction || slot != .customerRef else {
                    if keyError == nil {
                        let name = key.decoded ?? String(decoding: UnsafeBufferPointer(rebasing: line[key.contents]), as: UTF8.self)
                        let hint = closestMatches(to: name, in: requestKeys, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
                        keyError = QuoteError(.invalidRequest, "unknown key '\(name)'\(hint): a misspelt key must not silently change a price")
                    }
                    return
                }
                if slot == .uses { sawUses = true }
                if fields[slot.rawValue] != nil {
                    if keyError == nil {
                        let name = slot == .customerRef ? "customer_ref" : requestKeys[slot.rawValue]
                        keyError = QuoteError(.invalidRequest, "the key '\(name)' appears twice; give it once")
                    }
                    return
                }
                fields[slot.rawValue] = value.token
                if slot == .customer {
                    customerTokenKind = value.token.kind
                    customer = value.customer
                }
            }
            try end(&cursor)
        } catch {
            if mode == .transaction {
                return Decoded(rawID: nil, result: .failure(QuoteError(.invalidRequest, "the line is not JSON: \(error.message)")))
            }
            let column = SourcePosition(offset: error.offset, in: Array(line)).column
            return Decoded(rawID: nil, result: .failure(QuoteError(.invalidRequest, "the line is not JSON (column \(column)): \(error.message)")))
        }

        var decoded = Decoded(rawID: nil, result: .failure(QuoteError(.invalidRequest, "")))
        if let id = fields[Key.id.rawValue] {
            decoded.idText = String(decoding: UnsafeBufferPointer(rebasing: line[id.range]), as: UTF8.self)
            if id.kind != .null { decoded.rawID = id.range }
        }
        func fail(_ code: QuoteErrorCode, _ message: String) -> Decoded {
            decoded.result = .failure(QuoteError(code, message))
            return decoded
        }
        if mode == .transaction {
            guard let ref = fields[Key.customerRef.rawValue], ref.kind == .string, !text(ref).isEmpty else {
                return fail(.invalidRequest, "\"customer_ref\" is missing: give each transaction the customer's opaque reference")
            }
            decoded.customerRef = text(ref)
            if sawUses { return fail(.invalidRequest, "\"uses_in_period\" is counted by the tool in statement and impact mode; remove it") }
        }
        if let keyError { decoded.result = .failure(keyError); return decoded }

        // Pass 2: the fields in the documented order; null is absent.
        func field(_ k: Key) -> Token? {
            guard let t = fields[k.rawValue], t.kind != .null else { return nil }
            return t
        }
        if let id = field(.id), id.kind != .string, id.kind != .number {
            return fail(.invalidRequest, "\"id\" must be a string or a number, not \(id.typeName)")
        }
        var bank: String?
        if let n = field(.bank) {
            guard n.kind == .string else { return fail(.invalidRequest, "\"bank\" must be a string, not \(n.typeName)") }
            bank = text(n)
        }
        guard let itemToken = field(.item) else { return fail(.invalidRequest, "\"item\" is missing: give the item code, such as \"card.reissue\"") }
        guard itemToken.kind == .string else { return fail(.invalidRequest, "\"item\" must be a string, not \(itemToken.typeName)") }
        guard let dateToken = field(.date) else { return fail(.invalidRequest, "\"date\" is missing: give the transaction date as YYYY-MM-DD") }
        guard dateToken.kind == .string else { return fail(.invalidDate, "\"date\" must be a string YYYY-MM-DD, not \(dateToken.typeName)") }
        let parsedDate = dateToken.decoded.flatMap(CalendarDate.init) ?? (dateToken.decoded == nil ? CalendarDate(utf8: UnsafeBufferPointer(rebasing: line[dateToken.contents])) : nil)
        guard let date = parsedDate else { return fail(.invalidDate, "'\(text(dateToken))' is not a date: give an existing day as YYYY-MM-DD") }
        var request = QuoteRequest(bank: bank, item: text(itemToken), date: date)
        if let n = field(.amount) {
            guard n.kind == .string else {
                let literal = String(decoding: UnsafeBufferPointer(rebasing: line[n.range]), as: UTF8.self)
                if n.kind == .number { return fail(.invalidAmount, "amount \(literal) is a JSON number; money is always a string such as \"\(literal)\"") }
                return fail(.invalidAmount, "\"amount\" must be a decimal string such as \"500.00\", not \(n.typeName)")
            }
            request.amount = text(n)
        }
        if let n = field(.quantity) {
            guard let q = integer(n, line) else { return fail(.invalidQuantity, "\"quantity\" must be a whole number (a JSON integer) from 1 to 1,000,000") }
            guard (1...FeeCalculator.maxQuantity).contains(q) else { return fail(.invalidQuantity, "quantity \(q) is out of range: give a whole number from 1 to 1,000,000") }
            request.quantity = q
        }
        for (key, name) in [(Key.channel, "channel"), (.reason, "reason"), (.branch, "branch")] {
            guard let n = field(key) else { continue }
            guard n.kind == .string else { return fail(.invalidRequest, "\"\(name)\" must be a string id, not \(n.typeName)") }
            switch key {
            case .channel: request.channel = text(n)
            case .reason: request.reason = text(n)
            default: request.branch = text(n)
            }
        }
        if let n = field(.uses) {
            guard let u = integer(n, line), u >= 0 else { return fail(.invalidUses, "\"uses_in_period\" must be a whole number (a JSON integer), 0 or more") }
            request.usesInPeriod = u
        }
        if field(.customer) != nil {
            guard customerTokenKind == .object, let members = customer else {
                return fail(.invalidRequest, "\"customer\" must be an object, not \(fields[Key.customer.rawValue]!.typeName)")
            }
            var seen: Set<String> = []
            for m in members {
                guard customerKeys.contains(m.key) else {
                    let hint = closestMatches(to: m.key, in: customerKeys, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
                    return fail(.invalidRequest, "unknown customer key '\(m.key)'\(hint); a customer is described by tier, segments and age only")
                }
                guard seen.insert(m.key).inserted else { return fail(.invalidRequest, "the customer key '\(m.key)' appears twice; give it once") }
                if m.value.kind == .null { continue }
                switch m.key {
                case "tier":
                    guard m.value.kind == .string else { return fail(.invalidRequest, "\"customer.tier\" must be a string id, not \(m.value.typeName)") }
                    request.customer.tier = text(m.value)
                case "segments":
                    guard m.value.kind == .array else {
                        return fail(.invalidRequest, "\"customer.segments\" must be an array of segment ids, not \(m.value.typeName)")
                    }
                    for e in m.segments {
                        guard e.kind == .string else { return fail(.invalidRequest, "\"customer.segments\" must hold strings, not \(e.typeName)") }
                        request.customer.segments.append(text(e))
                    }
                default:
                    guard let age = integer(m.value, line), (0...150).contains(age) else {
                        return fail(.invalidAge, "\"customer.age\" must be a whole number (a JSON integer) from 0 to 150")
                    }
                    request.customer.age = age
                }
            }
        }
        if let n = field(.lang) {
            guard n.kind == .string else { return fail(.invalidRequest, "\"lang\" must be a language tag string, not \(n.typeName)") }
            request.lang = text(n)
        }
        decoded.result = .success(request)
        return decoded
    }

    /// Nothing but white space may follow the value.
    private static func end(_ cursor: inout JSONParser) throws(JSONSyntaxError) {
        cursor.skipWhitespace()
        if cursor.index < cursor.bytes.count {
            throw cursor.error("unexpected \(cursor.describeByte(at: cursor.index)) after the end of the JSON value")
        }
    }

    /// Walks the members of the object at the cursor, calling `body` with each key; `body` reads the value.
    private static func members(_ cursor: inout JSONParser, depth: Int,
                                _ body: (inout JSONParser, (contents: Range<Int>, decoded: String?), Range<Int>) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        let b = cursor.bytes
        if depth > 64 { throw cursor.error("nesting deeper than 64 levels") }
        _ = try cursor.expectByte(UInt8(ascii: "{"))
        cursor.skipWhitespace()
        if cursor.index < b.count, b[cursor.index] == UInt8(ascii: "}") { cursor.advance(); return }
        while true {
            cursor.skipWhitespace()
            guard cursor.index < b.count else { throw cursor.error("unexpected end of input inside an object") }
            guard b[cursor.index] == UInt8(ascii: "\"") else {
                throw cursor.error("unexpected \(cursor.describeByte(at: cursor.index)): expected a key in double quotes")
            }
            let keyStart = cursor.index
            let key = try cursor.stringToken()
            cursor.skipWhitespace()
            guard cursor.index < b.count, b[cursor.index] == UInt8(ascii: ":") else {
                let name = key.decoded ?? String(decoding: UnsafeBufferPointer(rebasing: b[key.contents]), as: UTF8.self)
                throw cursor.error("unexpected \(cursor.describeByte(at: cursor.index)): expected ':' after key \"\(name)\"")
            }
            cursor.advance()
            cursor.skipWhitespace()
            try body(&cursor, key, keyStart..<cursor.index)
            cursor.skipWhitespace()
            guard cursor.index < b.count else { throw cursor.error("unexpected end of input inside an object") }
            if b[cursor.index] == UInt8(ascii: ",") { cursor.advance(); continue }
            if b[cursor.index] == UInt8(ascii: "}") { cursor.advance(); return }
            throw cursor.error("unexpected \(cursor.describeByte(at: cursor.index)): expected ',' or '}' in an object")
        }
    }

    /// The value at the cursor as a token; for an object, its members as a customer's.
    private static func token(_ cursor: inout JSONParser, depth: Int, line: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> (token: Token, customer: [CustomerMember]?) {
        let start = cursor.index
        guard start < line.count else { throw cursor.error("unexpected end of input: a value is missing") }
        switch line[start] {
        case UInt8(ascii: "\""):
            let s = try cursor.stringToken()
            return (Token(kind: .string, range: start..<cursor.index, contents: s.contents, decoded: s.decoded), nil)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let r = try cursor.numberToken()
            return (Token(kind: .number, range: r), nil)
        case UInt8(ascii: "{"):
            var members: [CustomerMember] = []
            try Self.members(&cursor, depth: depth + 1) { cursor, key, _ throws(JSONSyntaxError) in
                let name = key.decoded ?? String(decoding: UnsafeBufferPointer(rebasing: line[key.contents]), as: UTF8.self)
                let valueStart = cursor.index
                if valueStart < line.count, line[valueStart] == UInt8(ascii: "["), name == "segments" {
                    let elements = try array(&cursor, depth: depth + 1, line: line)
                    members.append(CustomerMember(key: name, value: Token(kind: .array, range: valueStart..<cursor.index), segments: elements))
                } else {
                    let v = try token(&cursor, depth: depth + 1, line: line)
                    members.append(CustomerMember(key: name, value: v.token))
                }
            }
            return (Token(kind: .object, range: start..<cursor.index), members)
        case UInt8(ascii: "["):
            _ = try cursor.parseValue(depth: depth)
            return (Token(kind: .array, range: start..<cursor.index), nil)
        default:
            let node = try cursor.parseValue(depth: depth)
            let kind: Token.Kind
            switch node.value {
            case .bool: kind = .bool
            case .null: kind = .null
            default: kind = .null
            }
            return (Token(kind: kind, range: start..<cursor.index), nil)
        }
    }

    /// The elements of the array at the cursor, as tokens.
    private static func array(_ cursor: inout JSONParser, depth: Int, line: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> [Token] {
        if depth + 1 > 64 { throw cursor.error("nesting deeper than 64 levels") }
        _ = try cursor.expectByte(UInt8(ascii: "["))
        var elements: [Token] = []
        cursor.skipWhitespace()
        if cursor.index < line.count, line[cursor.index] == UInt8(ascii: "]") { cursor.advance(); return elements }
        while true {
            cursor.skipWhitespace()
            elements.append(try token(&cursor, depth: depth + 1, line: line).token)
            cursor.skipWhitespace()
            guard cursor.index < line.count else { throw cursor.error("unexpected end of input inside an array") }
            if line[cursor.index] == UInt8(ascii: ",") { cursor.advance(); continue }
            if line[cursor.index] == UInt8(ascii: "]") { cursor.advance(); return elements }
            throw cursor.error("unexpected \(cursor.describeByte(at: cursor.index)): expected ',' or ']' in an array")
        }
    }

    /// The value of a JSON integer literal (no fraction, no exponent) that fits in an Int.
    static func integer(_ t: Token, _ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard t.kind == .number else { return nil }
        var v = 0
        var i = t.range.lowerBound
        let negative = line[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < t.range.upperBound {
            let c = line[i]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int(c - 0x30)) : m.addingReportingOverflow(Int(c - 0x30))
            if o1 || o2 { return nil }
            v = a
            i += 1
        }
        return v
    }

    /// The key slot of a key, told apart by length and first byte, then confirmed byte for byte.
    static func key(_ key: (contents: Range<Int>, decoded: String?), in line: UnsafeBufferPointer<UInt8>) -> Key? {
        if let text = key.decoded {
            if text == "customer_ref" { return .customerRef }
            return requestKeys.firstIndex(of: text).flatMap { Key(rawValue: $0) }
        }
        let r = key.contents
        let n = r.count
        guard n >= 2 else { return nil }
        let (candidate, word): (Key, StaticString)
        switch (n, line[r.lowerBound]) {
        case (2, 0x69): (candidate, word) = (.id, "id")
        case (4, 0x62): (candidate, word) = (.bank, "bank")
        case (4, 0x69): (candidate, word) = (.item, "item")
        case (4, 0x64): (candidate, word) = (.date, "date")
        case (4, 0x6C): (candidate, word) = (.lang, "lang")
        case (6, 0x61): (candidate, word) = (.amount, "amount")
        case (6, 0x72): (candidate, word) = (.reason, "reason")
        case (6, 0x62): (candidate, word) = (.branch, "branch")
        case (7, 0x63): (candidate, word) = (.channel, "channel")
        case (8, 0x71): (candidate, word) = (.quantity, "quantity")
        case (8, 0x63): (candidate, word) = (.customer, "customer")
        case (12, 0x63): (candidate, word) = (.customerRef, "customer_ref")
        case (14, 0x75): (candidate, word) = (.uses, "uses_in_period")
        default: return nil
        }
        let matches = word.withUTF8Buffer { w in
            for k in 0..<n where line[r.lowerBound + k] != w[k] { return false }
            return true
        }
        return matches ? candidate : nil
    }
}

import FeeValues
import FeeJSON
import FeeWords

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
package enum RequestDecoder {
    package enum Mode {
        case batch
        /// A transaction of statements and impact: `customer_ref` required, `uses_in_period` refused.
        case transaction
        /// A posted charge of `fees audit`: a transaction plus `charged`.
        case audit
    }

    /// What a transaction or audit line holds beyond its request.
    struct TransactionFields {
        /// The id's literal text for error reports ("" when absent), and the customer.
        var idText = ""
        var customerRef = ""
        /// Audit mode: the money actually taken, as written (validated by the audit).
        var charged: String?
        /// Audit mode: the bank's own code for the charge, when it gave one.
        var bankItem: String?
        /// The bank's posting sequence, which orders same-day lines.
        var seq: Int?
        /// A line that fails: its `lang` and `bank` as texts (`Decoded.speaker`).
        var speakerLang: String?
        var speakerBank: String?
    }

    /// A decoded line: the id's literal token, and the request or its error.
    package struct DecodedLine<Request> {
        /// The id's bytes exactly as written (nil: absent, null, or the line is not an object).
        var rawID: Range<Int>?
        /// Transaction and audit modes only (nil in the batch: no `String` for a request line).
        var transaction: TransactionFields?
        package var result: Result<Request, QuoteError>

        init(rawID: Range<Int>?, transaction: TransactionFields? = nil, result: Result<Request, QuoteError>) {
            self.rawID = rawID
            self.transaction = transaction
            self.result = result
        }

        /// Transaction mode: the id's literal text for error reports ("" when absent), and the customer.
        package var idText: String { transaction?.idText ?? "" }
        package var customerRef: String { transaction?.customerRef ?? "" }
        /// Audit mode: the money actually taken, as written (validated by the audit).
        package var charged: String? { transaction?.charged }
        /// Audit mode: the bank's own code for the charge, when it gave one.
        package var bankItem: String? { transaction?.bankItem }
        /// Transaction and audit modes: the bank's posting sequence, which orders same-day lines.
        package var seq: Int? { transaction?.seq }
    }

    /// A line decoded into a request with its own strings, for code that keeps it.
    package typealias Decoded = DecodedLine<QuoteRequest>

    /// Decodes a line into a request that owns its strings (transactions, audits), through the
    /// one decoder (`decode(_:mode:into:facts:)`).
    package static func decode(_ line: UnsafeBufferPointer<UInt8>, mode: Mode) -> Decoded {
        var request = RequestView(line: line)
        var facts = LineFacts()
        let error = decode(line, mode: mode, into: &request, facts: &facts)
        var owned = Decoded(rawID: facts.rawID, transaction: facts.transaction, result: error.map { .failure($0) } ?? .success(request.request()))
        if error != nil, owned.transaction != nil {
            let speaker = facts.speaker(in: line)
            owned.transaction?.speakerLang = speaker.langTag
            owned.transaction?.speakerBank = speaker.bank?.text(in: line)
        }
        return owned
    }

    static let requestKeys = ["id", "bank", "item", "date", "amount", "quantity", "channel", "reason", "branch",
                              "uses_in_period", "customer", "lang"]
    static let customerKeys = ["tier", "segments", "age"]
    /// The nearest key for each misspelt key seen, remembered: a batch with a misspelt key usually
    /// repeats it on every line, and an error line must not cost many times an ok one.
    static let keySuggestions = SuggestionMemo()
    static let customerKeySuggestions = SuggestionMemo()

    /// The keys of a request line, and `customer_ref` of a transaction line.
    enum Key: Int, CaseIterable {
        case id, bank, item, date, amount, quantity, channel, reason, branch, uses, customer, lang, customerRef, charged, bankItem, seq
    }

    /// One JSON value of the line: where it is and what it is (plain data: no `String`, no
    /// reference counting). A string's text is made only when a field needs it.
    struct Token {
        typealias Kind = JSONKind
        var kind: Kind
        /// Whether a string's contents hold escapes.
        var escaped = false
        private var startOffset: Int32
        private var endOffset: Int32

        /// A value from `start` to `end`; a string's contents are then `start + 1 ..< end - 1`
        /// (between its quotes), so they need no fields of their own: a token is 12 bytes.
        init(kind: Kind, start: Int, end: Int, escaped: Bool = false) {
            self.kind = kind
            startOffset = Int32(truncatingIfNeeded: start)
            endOffset = Int32(truncatingIfNeeded: end)
            self.escaped = escaped
        }

        var start: Int { Int(startOffset) }
        var end: Int { Int(endOffset) }
        /// A string's contents (without quotes).
        var contents: Range<Int> { (Int(startOffset) + 1)..<(Int(endOffset) - 1) }

        var typeName: String { kind.typeName }
    }

    /// What a `customer` object held, judged member by member in line order as it was read.
    struct CustomerFacts {
        var tier: Token?
        var segments: Token?
        var age: Int?
        /// The first member that fails, in line order.
        var failure: QuoteError?
    }

    /// What a line says besides its request: its id, a transaction's fields, and for a line that
    /// fails, its `lang` and `bank` when they are strings (what its error's language is told from).
    package struct LineFacts {
        /// The id's bytes exactly as written (nil: absent, null, or the line is not an object).
        var rawID: Range<Int>?
        /// Transaction and audit modes only (nil in the batch: no `String` for a request line).
        var transaction: TransactionFields?
        var langToken: Token?
        var bankToken: Token?

        /// Nothing known yet.
        package init() {}

        /// A line that failed, as a request holding only its `lang` and `bank` (when they are
        /// strings): the calculator's `messageLanguage` reads from it which language the error speaks.
        package func speaker(in line: UnsafeBufferPointer<UInt8>) -> RequestView {
            var view = RequestView(line: line)
            view.lang = langToken.map(StringSpan.init)
            view.bank = bankToken.map(StringSpan.init)
            return view
        }
    }

    /// The decoder itself: fills `request` (made for `line`) and `facts` in one walk over the
    /// line, and returns the line's error, or nil when it is a request. The batch calls it with
    /// its own request and facts, so nothing the walk finds is copied on its way to the calculator.
    package static func decode(_ line: UnsafeBufferPointer<UInt8>, mode: Mode, into request: inout RequestView, facts: inout LineFacts) -> QuoteError? {
        var cursor = JSONParser(bytes: line, maxDepth: 64)
        var fields = Fields()
        var keyError: QuoteError?
        var customer = CustomerFacts()
        var sawUses = false


        // Pass 1: the whole line, validated as JSON, with the first occurrence of each key kept.
        do throws(JSONSyntaxError) {
            if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
                throw JSONSyntaxError(message: "the text starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM", offset: 0)
            }
            cursor.skipWhitespace()
            guard cursor.index < line.count, line[cursor.index] == UInt8(ascii: "{") else {
                let kind = try cursor.skipValue(depth: 0)
                try end(&cursor)
                return QuoteError(.invalidRequest, .notAnObject(found: mode == .batch ? kind : nil))
            }
            cursor.advance()
            cursor.skipWhitespace()
            var more = !(cursor.index < line.count && line[cursor.index] == UInt8(ascii: "}"))
            if !more { cursor.advance() }
            while more {
                let key = try memberKey(&cursor)
                let slot = Self.key(key, in: line)
                let value: Token
                if slot == .customer, cursor.index < line.count, line[cursor.index] == UInt8(ascii: "{"), fields[.customer] == nil {
                    let start = cursor.index
                    try customerObject(&cursor, line: line, into: &customer)
                    value = Token(kind: .object, start: start, end: cursor.index)
                } else {
                    value = try token(&cursor, depth: 1, line: line)
                }
                if let slot, (slot != .customerRef && slot != .seq) || mode != .batch, (slot != .charged && slot != .bankItem) || mode == .audit {
                    if slot == .uses { sawUses = true }
                    if fields[slot] != nil {
                        if keyError == nil {
                            let name = slot == .customerRef ? "customer_ref" : slot == .charged ? "charged" : slot == .bankItem ? "bank_item" : slot == .seq ? "seq" : requestKeys[slot.rawValue]
                            keyError = QuoteError(.invalidRequest, .keyTwice(key: name, inCustomer: false))
                        }
                    } else {
                        fields[slot] = value
                    }
                } else if keyError == nil {
                    let name = key.escaped ? cursor.decodeString(at: key.contents.lowerBound - 1) : String(decoding: UnsafeBufferPointer(rebasing: line[key.contents]), as: UTF8.self)
                    let nearest = keySuggestions.suggestions(for: name) { closestMatches(to: name, in: requestKeys, limit: 1) }.first
                    keyError = QuoteError(.invalidRequest, .unknownKey(key: name, nearest: nearest, inCustomer: false))
                }
                more = try memberEnd(&cursor)
            }
            try end(&cursor)
        } catch {
            if mode != .batch {
                return QuoteError(.invalidRequest, .notJSON(column: nil, detail: error.message))
            }
            let column = SourcePosition(offset: error.offset, in: Array(line)).column
            return QuoteError(.invalidRequest, .notJSON(column: column, detail: error.message))
        }

        // Filled in below: a failure, or the request (no error value is made for a line that prices).
        if mode != .batch { facts.transaction = TransactionFields() }
        if let id = fields[.id] {
            if mode != .batch { facts.transaction?.idText = String(decoding: UnsafeBufferPointer(rebasing: line[id.start..<id.end]), as: UTF8.self) }
            if id.kind != .null { facts.rawID = id.start..<id.end }
        }
        if mode != .batch {
            guard let ref = fields[.customerRef], ref.kind == .string, !Self.text(line, ref).isEmpty else {
                return Self.fail(&facts, &fields, .invalidRequest, .missing(.customerRef))
            }
            facts.transaction?.customerRef = Self.text(line, ref)
            if sawUses { return Self.fail(&facts, &fields, .invalidRequest, .usesCounted) }
            if let s = fields.present(.seq) {
                guard let v = integer(s, line) else { return Self.fail(&facts, &fields, .invalidRequest, .notWholeNumber(.seq)) }
                facts.transaction?.seq = v
            }
        }
        if mode == .audit {
            guard let c = fields.present(.charged) else {
                return Self.fail(&facts, &fields, .invalidRequest, .missing(.charged))
            }
            guard c.kind == .string else {
                return Self.fail(&facts, &fields, .invalidAmount, .wrongType(key: "charged", wanted: .money, found: c.kind))
            }
            facts.transaction?.charged = Self.text(line, c)
            if let b = fields.present(.bankItem) {
                guard b.kind == .string else { return Self.fail(&facts, &fields, .invalidRequest, .wrongType(key: "bank_item", wanted: .bankCode, found: b.kind)) }
                facts.transaction?.bankItem = Self.text(line, b)
                // A charge under the bank's own code only: audited as that code (not on the list).
                if fields.present(.item) == nil { fields[.item] = b }
            }
        }
        if let keyError { return Self.fail(&facts, &fields, keyError) }

        // Pass 2: the fields in the documented order; null is absent.
        if let id = fields.present(.id), id.kind != .string, id.kind != .number {
            return Self.fail(&facts, &fields, .invalidRequest, .wrongType(key: "id", wanted: .stringOrNumber, found: id.kind))
        }
        if let n = fields.present(.bank) {
            guard n.kind == .string else { return Self.fail(&facts, &fields, .invalidRequest, .wrongType(key: "bank", wanted: .string, found: n.kind)) }
            request.bank = StringSpan(n)
        }
        guard let itemToken = fields.present(.item) else { return Self.fail(&facts, &fields, .invalidRequest, .missing(.item)) }
        guard itemToken.kind == .string else { return Self.fail(&facts, &fields, .invalidRequest, .wrongType(key: "item", wanted: .string, found: itemToken.kind)) }
        guard let dateToken = fields.present(.date) else { return Self.fail(&facts, &fields, .invalidRequest, .missing(.date)) }
        guard dateToken.kind == .string else { return Self.fail(&facts, &fields, .invalidDate, .wrongType(key: "date", wanted: .date, found: dateToken.kind)) }
        let parsedDate = dateToken.escaped ? CalendarDate(Self.text(line, dateToken)) : CalendarDate(utf8: UnsafeBufferPointer(rebasing: line[dateToken.contents]))
        guard let date = parsedDate else { return Self.fail(&facts, &fields, .invalidDate, .invalidDate(text: Self.text(line, dateToken))) }
        request.item = StringSpan(itemToken)
        request.date = date
        if let n = fields.present(.amount) {
            guard n.kind == .string else {
                let literal = String(decoding: UnsafeBufferPointer(rebasing: line[n.start..<n.end]), as: UTF8.self)
                if n.kind == .number { return Self.fail(&facts, &fields, .invalidAmount, .amountIsNumber(literal: literal)) }
                return Self.fail(&facts, &fields, .invalidAmount, .wrongType(key: "amount", wanted: .decimal, found: n.kind))
            }
            request.amount = StringSpan(n)
        }
        if let n = fields.present(.quantity) {
            guard let q = integer(n, line) else { return Self.fail(&facts, &fields, .invalidQuantity, .notWholeNumber(.quantity)) }
            guard RequestLimits.quantity.contains(q) else { return Self.fail(&facts, &fields, RequestLimits.quantityError(q)) }
            request.quantity = q
        }
        if let n = fields.present(.channel) {
            guard n.kind == .string else { return Self.fail(&facts, &fields, .invalidRequest, .wrongType(key: "channel", wanted: .stringID, found: n.kind)) }
            request.channel = StringSpan(n)
        }
        if let n = fields.present(.reason) {
            guard n.kind == .string else { return Self.fail(&facts, &fields, .invalidRequest, .wrongType(key: "reason", wanted: .stringID, found: n.kind)) }
            request.reason = StringSpan(n)
        }
        if let n = fields.present(.branch) {
            guard n.kind == .string else { return Self.fail(&facts, &fields, .invalidRequest, .wrongType(key: "branch", wanted: .stringID, found: n.kind)) }
            request.branch = StringSpan(n)
        }
        if let n = fields.present(.uses) {
            guard let u = integer(n, line), RequestLimits.uses.contains(u) else { return Self.fail(&facts, &fields, .invalidUses, .notWholeNumber(.uses)) }
            request.usesInPeriod = u
        }
        if let c = fields.present(.customer) {
            guard c.kind == .object else { return Self.fail(&facts, &fields, .invalidRequest, .wrongType(key: "customer", wanted: .object, found: c.kind)) }
            if let failure = customer.failure { return Self.fail(&facts, &fields, failure) }
            if let t = customer.tier { request.tier = StringSpan(t) }
            request.segments = customer.segments
            request.age = customer.age
        }
        if let n = fields.present(.lang) {
            guard n.kind == .string else { return Self.fail(&facts, &fields, .invalidRequest, .wrongType(key: "lang", wanted: .languageTag, found: n.kind)) }
            request.lang = StringSpan(n)
        }
        return nil
    }

    /// The first occurrence of each key, held inline (no allocation per line).
    struct Fields {
        private var slots: (Token?, Token?, Token?, Token?, Token?, Token?, Token?, Token?, Token?, Token?, Token?, Token?, Token?, Token?, Token?, Token?) =
            (nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)

        /// The key's value unless absent or null (null is absent in a request, spec §4).
        mutating func present(_ key: Key) -> Token? {
            guard let t = self[key], t.kind != .null else { return nil }
            return t
        }

        subscript(_ key: Key) -> Token? {
            mutating get {
                // A homogeneous tuple is laid out at the element's stride, like an array.
                withUnsafeMutableBytes(of: &slots) { $0.baseAddress!.assumingMemoryBound(to: Token?.self)[key.rawValue] }
            }
            set {
                withUnsafeMutableBytes(of: &slots) { $0.baseAddress!.assumingMemoryBound(to: Token?.self)[key.rawValue] = newValue }
            }
        }
    }

    /// The line fails with `error`; what it says of its language (`lang`, `bank`) is kept, so
    /// that the error speaks it.
    private static func fail(_ facts: inout LineFacts, _ fields: inout Fields, _ error: QuoteError) -> QuoteError {
        if let t = fields.present(.lang), t.kind == .string { facts.langToken = t }
        if let t = fields.present(.bank), t.kind == .string { facts.bankToken = t }
        return error
    }

    private static func fail(_ facts: inout LineFacts, _ fields: inout Fields, _ code: QuoteErrorCode, _ message: QuoteMessage) -> QuoteError {
        fail(&facts, &fields, QuoteError(code, message))
    }

    private static func fail(_ facts: inout LineFacts, _ fields: inout Fields, _ code: QuoteErrorCode, _ problem: RequestProblem) -> QuoteError {
        fail(&facts, &fields, code, .request(problem))
    }

    /// A string token's text: its bytes, or decoded when it holds escapes.
    @inline(__always)
    static func text(_ line: UnsafeBufferPointer<UInt8>, _ t: Token) -> String {
        StringSpan(t).text(in: line)
    }

    /// Nothing but white space may follow the value.
    private static func end(_ cursor: inout JSONParser) throws(JSONSyntaxError) {
        cursor.skipWhitespace()
        if cursor.index < cursor.bytes.count {
            throw cursor.error("unexpected \(cursor.describeByte(at: cursor.index)) after the end of the JSON value")
        }
    }

    /// A member's key and its colon; the cursor is left at the value.
    @inline(__always)
    private static func memberKey(_ cursor: inout JSONParser) throws(JSONSyntaxError) -> (contents: Range<Int>, escaped: Bool) {
        let b = cursor.bytes
        cursor.skipWhitespace()
        guard cursor.index < b.count else { throw cursor.error("unexpected end of input inside an object") }
        guard b[cursor.index] == UInt8(ascii: "\"") else {
            throw cursor.error("unexpected \(cursor.describeByte(at: cursor.index)): expected a key in double quotes")
        }
        let keyStart = cursor.index
        let key = try cursor.skipString()
        cursor.skipWhitespace()
        guard cursor.index < b.count, b[cursor.index] == UInt8(ascii: ":") else {
            let name = key.escaped ? cursor.decodeString(at: keyStart) : String(decoding: UnsafeBufferPointer(rebasing: b[key.contents]), as: UTF8.self)
            throw cursor.error("unexpected \(cursor.describeByte(at: cursor.index)): expected ':' after key \"\(name)\"")
        }
        cursor.advance()
        cursor.skipWhitespace()
        return key
    }

    /// After a member's value: true when another member follows, false at the closing brace.
    @inline(__always)
    private static func memberEnd(_ cursor: inout JSONParser) throws(JSONSyntaxError) -> Bool {
        let b = cursor.bytes
        cursor.skipWhitespace()
        guard cursor.index < b.count else { throw cursor.error("unexpected end of input inside an object") }
        if b[cursor.index] == UInt8(ascii: ",") { cursor.advance(); return true }
        if b[cursor.index] == UInt8(ascii: "}") { cursor.advance(); return false }
        throw cursor.error("unexpected \(cursor.describeByte(at: cursor.index)): expected ',' or '}' in an object")
    }

    /// The `customer` object at the cursor, judged member by member in line order (spec §2).
    private static func customerObject(_ cursor: inout JSONParser, line: UnsafeBufferPointer<UInt8>, into facts: inout CustomerFacts) throws(JSONSyntaxError) {
        var seen = (tier: false, segments: false, age: false)
        cursor.advance()  // {
        cursor.skipWhitespace()
        if cursor.index < line.count, line[cursor.index] == UInt8(ascii: "}") { cursor.advance(); return }
        var more = true
        while more {
            let key = try memberKey(&cursor)
            let name: String? = key.escaped ? cursor.decodeString(at: key.contents.lowerBound - 1) : nil
            let which: Int  // 0 tier, 1 segments, 2 age, 3 unknown
            if let name {
                which = name == "tier" ? 0 : name == "segments" ? 1 : name == "age" ? 2 : 3
            } else {
                which = customerKey(line, key.contents)
            }
            let value = try token(&cursor, depth: 2, line: line)
            var failure: QuoteError?
            switch which {
            case 0:
                if seen.tier { failure = QuoteError(.invalidRequest, .keyTwice(key: "tier", inCustomer: true)) }
                seen.tier = true
                if failure == nil, value.kind != .null {
                    if value.kind == .string { facts.tier = value } else { failure = QuoteError(.invalidRequest, .wrongType(key: "customer.tier", wanted: .stringID, found: value.kind)) }
                }
            case 1:
                if seen.segments { failure = QuoteError(.invalidRequest, .keyTwice(key: "segments", inCustomer: true)) }
                seen.segments = true
                if failure == nil, value.kind == .array {
                    if let bad = firstNonString(in: value, line: line) {
                        failure = QuoteError(.invalidRequest, .segmentsHold(found: bad))
                    } else {
                        facts.segments = value
                    }
                } else if failure == nil, value.kind != .null {
                    failure = QuoteError(.invalidRequest, .wrongType(key: "customer.segments", wanted: .segmentIDs, found: value.kind))
                }
            case 2:
                if seen.age { failure = QuoteError(.invalidRequest, .keyTwice(key: "age", inCustomer: true)) }
                seen.age = true
                if failure == nil, value.kind != .null {
                    if let age = integer(value, line), RequestLimits.age.contains(age) {
                        facts.age = age
                    } else {
                        failure = QuoteError(.invalidAge, .notWholeNumber(.age))
                    }
                }
            default:
                let text = name ?? String(decoding: UnsafeBufferPointer(rebasing: line[key.contents]), as: UTF8.self)
                let nearest = customerKeySuggestions.suggestions(for: text) { closestMatches(to: text, in: customerKeys, limit: 1) }.first
                failure = QuoteError(.invalidRequest, .unknownKey(key: text, nearest: nearest, inCustomer: true))
            }
            // The first failing member in line order decides; later ones are only read for syntax.
            if facts.failure == nil, let failure { facts.failure = failure }
            more = try memberEnd(&cursor)
        }
    }

    /// The value at the cursor as a token (nested values validated and skipped).
    @inline(__always)
    private static func token(_ cursor: inout JSONParser, depth: Int, line: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> Token {
        let start = cursor.index
        guard start < line.count else { throw cursor.error("unexpected end of input: a value is missing") }
        switch line[start] {
        case UInt8(ascii: "\""):
            let s = try cursor.skipString()
            return Token(kind: .string, start: start, end: cursor.index, escaped: s.escaped)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let r = try cursor.numberToken()
            return Token(kind: .number, start: r.lowerBound, end: r.upperBound)
        default:
            let kind = try cursor.skipValue(depth: depth)
            return Token(kind: kind, start: start, end: cursor.index)
        }
    }

    /// The type of the first element of an array token that is not a string, or nil.
    private static func firstNonString(in array: Token, line: UnsafeBufferPointer<UInt8>) -> JSONKind? {
        var bad: JSONKind?
        forEachElement(of: array, line: line) { t in if bad == nil && t.kind != .string { bad = t.kind } }
        return bad
    }

    /// The strings of an array token already validated.
    static func strings(in array: Token, line: UnsafeBufferPointer<UInt8>) -> [String] {
        var out: [String] = []
        forEachElement(of: array, line: line) { out.append(StringSpan($0).text(in: line)) }
        return out
    }

    /// Calls `body` with each element of an array token that was already validated.
    static func forEachElement(of array: Token, line: UnsafeBufferPointer<UInt8>, _ body: (Token) -> Void) {
        var cursor = JSONParser(bytes: UnsafeBufferPointer(rebasing: line[0..<array.end]), maxDepth: 64)
        cursor.index = array.start + 1
        cursor.skipWhitespace()
        if cursor.index < array.end, line[cursor.index] == UInt8(ascii: "]") { return }
        while cursor.index < array.end {
            cursor.skipWhitespace()
            guard let t = try? token(&cursor, depth: 3, line: line) else { return }
            body(t)
            cursor.skipWhitespace()
            guard cursor.index < array.end, line[cursor.index] == UInt8(ascii: ",") else { return }
            cursor.advance()
        }
    }

    /// Whether the bytes in `r` are exactly `word`.
    @inline(__always)
    static func equals(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ word: StaticString) -> Bool {
        guard word.utf8CodeUnitCount == r.count else { return false }
        return word.withUTF8Buffer { w in
            for k in 0..<r.count where line[r.lowerBound + k] != w[k] { return false }
            return true
        }
    }

    /// The value of a JSON integer literal (no fraction, no exponent) that fits in an Int.
    static func integer(_ t: Token, _ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard t.kind == .number else { return nil }
        var v = 0
        var i = t.start
        let negative = line[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < t.end {
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

    /// The first `r.count` (at most 16) bytes at `r` as two little-endian words, zero beyond `r`:
    /// a key is then told apart by comparing integers.
    @inline(__always)
    static func words(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (UInt64, UInt64) {
        let n = r.count
        let base = line.baseAddress!
        if r.lowerBound + 16 <= line.count {
            let raw = UnsafeRawPointer(base + r.lowerBound)
            var lo = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            var hi = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if n < 8 {
                lo &= (1 &<< UInt64(8 * n)) &- 1
                hi = 0
            } else {
                hi &= (1 &<< UInt64(8 * (n - 8))) &- 1
            }
            return (lo, hi)
        }
        var lo: UInt64 = 0, hi: UInt64 = 0
        for k in 0..<n {
            let b = UInt64(base[r.lowerBound + k])
            if k < 8 { lo |= b &<< UInt64(8 * k) } else { hi |= b &<< UInt64(8 * (k - 8)) }
        }
        return (lo, hi)
    }

    /// The key slot of a key, told apart by its length and its bytes as words.
    @inline(__always)
    static func key(_ key: (contents: Range<Int>, escaped: Bool), in line: UnsafeBufferPointer<UInt8>) -> Key? {
        if key.escaped { return escapedKey(at: key.contents.lowerBound - 1, in: line) }
        let r = key.contents
        let n = r.count
        guard n >= 2 && n <= 16 else { return nil }
        let (lo, hi) = words(line, r)
        switch n {
        case 2: return lo == 0x6469 ? .id : nil                                     // id
        case 3: return lo == 0x716573 ? .seq : nil                                  // seq
        case 4:
            switch lo {
            case 0x6b6e6162: return .bank
            case 0x6d657469: return .item
            case 0x65746164: return .date
            case 0x676e616c: return .lang
            default: return nil
            }
        case 6:
            switch lo {
            case 0x746e756f6d61: return .amount
            case 0x6e6f73616572: return .reason
            case 0x68636e617262: return .branch
            default: return nil
            }
        case 7:
            switch lo {
            case 0x64656772616863: return .charged
            case 0x6c656e6e616863: return .channel
            default: return nil
            }
        case 8:
            switch lo {
            case 0x797469746e617571: return .quantity
            case 0x72656d6f74737563: return .customer
            default: return nil
            }
        case 9: return lo == 0x6574695f6b6e6162 && hi == 0x6d ? .bankItem : nil    // bank_item
        case 12: return lo == 0x72656d6f74737563 && hi == 0x6665725f ? .customerRef : nil  // customer_ref
        case 14: return lo == 0x5f6e695f73657375 && hi == 0x646f69726570 ? .uses : nil     // uses_in_period
        default: return nil
        }
    }

    /// The key slot of a key written with escapes (rare: its text is decoded first).
    @inline(never)
    static func escapedKey(at quote: Int, in line: UnsafeBufferPointer<UInt8>) -> Key? {
        let text = JSONParser(bytes: line, maxDepth: 64).decodeString(at: quote)
        if text == "customer_ref" { return .customerRef }
        if text == "charged" { return .charged }
        if text == "bank_item" { return .bankItem }
        if text == "seq" { return .seq }
        return requestKeys.firstIndex(of: text).flatMap { Key(rawValue: $0) }
    }

    /// The member of a `customer` object a plain key names: 0 tier, 1 segments, 2 age, 3 unknown.
    @inline(__always)
    static func customerKey(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int {
        switch r.count {
        case 3: return words(line, r).0 == 0x656761 ? 2 : 3               // age
        case 4: return words(line, r).0 == 0x72656974 ? 0 : 3             // tier
        case 8: return words(line, r).0 == 0x73746e656d676573 ? 1 : 3     // segments
        default: return 3
        }
    }
}

extension RequestDecoder.DecodedLine where Request == QuoteRequest {
    /// The line's error, if it failed, speaking the line's `lang`, else its bank's first language
    /// (the first bank's when the line says neither).
    package func error(speaking calculator: FeeCalculator) -> QuoteError? {
        guard case .failure(let e) = result else { return nil }
        return e.in(calculator.messageLanguage(of: speaker))
    }

    /// A line that failed, as a request holding only its `lang` and `bank` (what the calculator's
    /// `messageLanguage` reads).
    var speaker: QuoteRequest {
        QuoteRequest(bank: transaction?.speakerBank, item: "", date: CalendarDate(year: 1970, month: 1, day: 1)!, lang: transaction?.speakerLang)
    }
}

import FeeValues
import FeeJSON

/// A JSON string of a request line: where its contents are, and whether they hold escapes (then
/// its text is decoded from the opening quote at `start`).
struct StringSpan: Sendable {
    /// The opening quote and the offset just past the closing one: the contents are between.
    let start: Int32
    let end: Int32
    let escaped: Bool

    init(_ t: RequestDecoder.Token) {
        start = Int32(t.start)
        end = Int32(t.end)
        escaped = t.escaped
    }

    /// The contents' bytes, valid when `escaped` is false.
    @inline(__always)
    func bytes(in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[(Int(start) + 1)..<(Int(end) - 1)])
    }

    /// The decoded text.
    func text(in line: UnsafeBufferPointer<UInt8>) -> String {
        if escaped { return JSONParser(bytes: line, maxDepth: 64).decodeString(at: Int(start)) }
        return String(decoding: bytes(in: line), as: UTF8.self)
    }
}

/// A request as the decoder leaves it: validated field by field (spec §2: quantity 1…1,000,000,
/// age 0…150, uses 0 or more hold by construction), its texts still bytes of the line. Only
/// valid while the line's buffer is; `request()` makes a `QuoteRequest` that owns its strings.
package struct RequestView: QuoteInput {
    let line: UnsafeBufferPointer<UInt8>
    var bank: StringSpan?
    var item: StringSpan?
    var date = CalendarDate(year: 1970, month: 1, day: 1)!
    var amount: StringSpan?
    var quantity = 1
    var channel: StringSpan?
    var reason: StringSpan?
    var branch: StringSpan?
    var usesInPeriod: Int?
    var tier: StringSpan?
    /// The `segments` array, already checked to hold strings only.
    var segments: RequestDecoder.Token?
    var age: Int?
    var lang: StringSpan?

    package init(line: UnsafeBufferPointer<UInt8>) {
        self.line = line
    }

    @inline(__always)
    private func span(_ f: RequestField) -> StringSpan? {
        switch f {
        case .bank: return bank
        case .item: return item
        case .tier: return tier
        case .channel: return channel
        case .reason: return reason
        case .branch: return branch
        }
    }

    @inline(__always)
    func lookup(_ f: RequestField, in index: IdentifierIndex) -> IDLookup {
        guard let s = span(f) else { return .absent }
        return find(s, in: index)
    }

    /// A string of the line looked up: by its bytes, or by its decoded text when it holds escapes.
    @inline(__always)
    private func find(_ s: StringSpan, in index: IdentifierIndex) -> IDLookup {
        if !s.escaped, let k = index.index(of: s.bytes(in: line)) { return .found(k) }
        let text = s.text(in: line)
        if s.escaped, let k = index.index(of: text) { return .found(k) }
        return .unknown(text)
    }

    func text(_ f: RequestField) -> String? { span(f)?.text(in: line) }

    func segments(in index: IdentifierIndex) -> Result<IndexMask, UnknownID> {
        var m = IndexMask()
        guard let segments else { return .success(m) }
        var unknown: String?
        RequestDecoder.forEachElement(of: segments, line: line) { t in
            guard unknown == nil else { return }
            switch find(StringSpan(t), in: index) {
            case .found(let k): m.insert(k)
            case .unknown(let text): unknown = text
            case .absent: break
            }
        }
        if let unknown { return .failure(UnknownID(text: unknown)) }
        return .success(m)
    }

    @inline(__always)
    func amount(minorDigits: Int) -> Result<Money, DecimalTextError>? {
        guard let amount else { return nil }
        if amount.escaped { return Money.parse(amount.text(in: line), minorDigits: minorDigits) }
        return Money.parse(utf8: amount.bytes(in: line), minorDigits: minorDigits)
    }

    var amountText: String? { amount?.text(in: line) }
    var langTag: String? { lang?.text(in: line) }

    /// The same request with its own strings.
    func request() -> QuoteRequest {
        QuoteRequest(bank: bank?.text(in: line), item: item?.text(in: line) ?? "", date: date, amount: amountText,
                     quantity: quantity, channel: channel?.text(in: line), reason: reason?.text(in: line),
                     branch: branch?.text(in: line), usesInPeriod: usesInPeriod,
                     customer: Customer(tier: tier?.text(in: line), segments: segments.map { RequestDecoder.strings(in: $0, line: line) } ?? [], age: age),
                     lang: lang?.text(in: line))
    }
}

import FeeValues

/// Builds compact JSON text byte by byte: keys in the order written, strings escaped, no locale.
public struct JSONWriter: Sendable {
    /// The JSON written so far, as UTF-8.
    public var bytes: [UInt8] { out.bytes }
    private var out = ByteBuffer()
    /// Whether the value being written at each open level follows another (so needs a comma):
    /// bit `k` for level `k` (0 is the document), deeper levels in `deeper`. No allocation for the
    /// usual depths.
    private var commas: UInt64 = 0
    private var depth = 0
    private var deeper: [Bool] = []

    /// An empty writer: the first value written is the document.
    public init() {}

    /// Calls `body` with the JSON written so far, in place (no copy into an array).
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { out.withBytes(body) }

    /// The JSON written so far, as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    private var needsComma: Bool {
        get { depth < 64 ? commas & (1 << UInt64(depth)) != 0 : deeper[depth - 64] }
        set {
            if depth < 64 {
                if newValue { commas |= 1 << UInt64(depth) } else { commas &= ~(1 << UInt64(depth)) }
            } else {
                deeper[depth - 64] = newValue
            }
        }
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { out.put(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        out.put(bracket)
        depth += 1
        if depth >= 64 { deeper.append(false) } else { needsComma = false }
    }

    private mutating func close(_ bracket: UInt8) {
        if depth >= 64 { deeper.removeLast() }
        depth -= 1
        out.put(bracket)
    }

    /// Opens an object; write `key`/value pairs, or `field`s, then `endObject`.
    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    /// Closes the innermost object opened by `beginObject`.
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    /// Opens an array; its elements are the values written until `endArray`.
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    /// Closes the innermost array opened by `beginArray`.
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"key":`; the next value written belongs to it.
    public mutating func key(_ k: String) {
        separate()
        JSONWriter.quote(k, into: &out)
        out.put(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes `"key":` for a key the code spells (ASCII without quotes, backslashes or control
    /// characters, so nothing to escape: written as it is).
    public mutating func key(literal k: StaticString) {
        assert(JSONWriter.needsNoEscape(k), "a literal key must need no escape")
        // `,"key":` in one reservation.
        let comma = needsComma ? 1 : 0
        let n = k.utf8CodeUnitCount
        out.put(atMost: comma + n + 3) { p in
            if comma == 1 { p[0] = UInt8(ascii: ",") }
            p[comma] = UInt8(ascii: "\"")
            (p + comma + 1).update(from: k.utf8Start, count: n)
            p[comma + n + 1] = UInt8(ascii: "\"")
            p[comma + n + 2] = UInt8(ascii: ":")
            return comma + n + 3
        }
        needsComma = false
    }

    /// Writes a string the code spells (ASCII without quotes, backslashes or control characters):
    /// written as it is.
    public mutating func string(literal text: StaticString) {
        assert(JSONWriter.needsNoEscape(text), "a literal string must need no escape")
        separate()
        out.put(quoted: text.bytes)
    }

    /// Writes an amount as a string with exactly `minorDigits` fraction digits (`"1234.50"`), as
    /// `Money.plainText` spells it, without making the text.
    public mutating func money(_ m: Money, minorDigits: Int) {
        separate()
        out.put(atMost: DecimalText.maxLength(scale: minorDigits) + 2) { p in
            p[0] = UInt8(ascii: "\"")
            let n = DecimalText.write(m.minorUnits, scale: minorDigits, grouping: false, trimmed: false, into: p + 1)
            p[n + 1] = UInt8(ascii: "\"")
            return n + 2
        }
    }

    /// Writes a date as a `YYYY-MM-DD` string, without making the text.
    public mutating func date(_ d: CalendarDate) {
        separate()
        out.put(atMost: 12) { p in
            p[0] = UInt8(ascii: "\"")
            d.write(into: p + 1)
            p[11] = UInt8(ascii: "\"")
            return 12
        }
    }

    /// Writes `s` as a quoted, escaped JSON string.
    public mutating func string(_ s: String) { separate(); JSONWriter.quote(s, into: &out) }
    /// Writes `s` as a string, or `null` when it is nil.
    public mutating func optionalString(_ s: String?) { if let s { string(s) } else { null() } }
    /// Writes `v` as a JSON integer.
    public mutating func int(_ v: Int) {
        separate()
        // Digits from the last, into a small buffer: no `String` per number.
        var magnitude = v.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var k = 20
            repeat {
                k -= 1
                digits[k] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if v < 0 { out.put(UInt8(ascii: "-")) }
            out.put(UnsafeBufferPointer(rebasing: digits[k..<20]))
        }
    }
    /// Writes `true` or `false`.
    public mutating func bool(_ v: Bool) { separate(); append(v ? "true" : "false") }
    /// Writes `null`.
    public mutating func null() { separate(); append("null") }
    /// Writes already-valid JSON text as the next value (a request id echoed as written).
    public mutating func raw(_ json: [UInt8]) { separate(); json.withUnsafeBufferPointer { out.put($0) } }

    @inline(__always)
    private mutating func append(_ text: StaticString) {
        out.put(text)
    }

    /// Writes `"k":` and `v` as a string.
    public mutating func field(_ k: String, _ v: String) { key(k); string(v) }
    /// Writes `"k":` and `v` as a string, or `null` when it is nil (the key is always written).
    public mutating func field(_ k: String, _ v: String?) { key(k); optionalString(v) }
    /// Writes `"k":` and `v` as an integer.
    public mutating func field(_ k: String, _ v: Int) { key(k); int(v) }
    /// Writes `"k":` and `v` as `true` or `false`.
    public mutating func field(_ k: String, _ v: Bool) { key(k); bool(v) }

    /// Whether a literal is printable ASCII without a quote or a backslash (checked in debug builds).
    static func needsNoEscape(_ text: StaticString) -> Bool {
        text.bytes.allSatisfy {
            $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
        }
    }

    /// Appends `s` as a JSON string: quotes, backslashes and control characters escaped; other text as UTF-8.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        quote(s, into: &out)
    }

    /// The one escaping rule of the project's JSON output (`appendQuoted`), into any byte sink.
    @inline(__always)
    package static func quote<Sink: ByteSink>(_ s: String, into out: inout Sink) {
        var text = s
        text.withUTF8 { u in
            let n = u.count
            let raw = UnsafeRawPointer(u.baseAddress)
            // The usual string needs no escape: found by one scan, written in one piece.
            var i = 0
            if let raw {
                while i + 8 <= n {
                    let x = WordScan.load(raw, i)
                    if WordScan.equal(x, 0x22) | WordScan.equal(x, 0x5C) | WordScan.equal(x, 0x7F) | WordScan.below(x, 0x20) != 0 { break }
                    i += 8
                }
            }
            while i < n {
                let b = u[i]
                if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F { break }
                i += 1
            }
            if i == n { out.put(quoted: u); return }
            out.put(UInt8(ascii: "\""))
            // Runs of bytes that need no escape are copied whole.
            var start = 0
            while i < n {
                // Eight bytes at a time while none is a quote, a backslash, a control character or DEL.
                if let raw, i + 8 <= n {
                    let x = WordScan.load(raw, i)
                    let special = WordScan.equal(x, 0x22) | WordScan.equal(x, 0x5C) | WordScan.equal(x, 0x7F) | WordScan.below(x, 0x20)
                    if special == 0 { i += 8; continue }
                    i += WordScan.first(special)
                }
                let b = u[i]
                i += 1
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F else { continue }
                let i = i - 1
                out.put(UnsafeBufferPointer(rebasing: u[start..<i]))
                start = i + 1
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.put(UInt8(ascii: "\\")); out.put(b)
                case 0x0A: out.put(UInt8(ascii: "\\")); out.put(UInt8(ascii: "n"))
                case 0x0D: out.put(UInt8(ascii: "\\")); out.put(UInt8(ascii: "r"))
                case 0x09: out.put(UInt8(ascii: "\\")); out.put(UInt8(ascii: "t"))
                default:
                    for c in "\\u00\(hexByte(b))".utf8 { out.put(c) }
                }
            }
            out.put(UnsafeBufferPointer(rebasing: u[start..<u.count]))
            out.put(UInt8(ascii: "\""))
        }
    }

    /// `s` as a quoted JSON string.
    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

import FeeValues

/// Builds compact JSON text byte by byte: keys in the order written, strings escaped, no locale.
public struct JSONWriter: Sendable {
    /// The JSON written so far, as UTF-8.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    /// An empty writer: the first value written is the document.
    public init() {}

    /// The JSON written so far, as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    /// Opens an object; write `key`/value pairs, or `field`s, then `endObject`.
    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    /// Closes the innermost object opened by `beginObject`.
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    /// Opens an array; its elements are the values written until `endArray`.
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    /// Closes the innermost array opened by `beginArray`.
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"key":`; the next value written belongs to it.
    public mutating func key(_ k: String) {
        separate()
        JSONWriter.appendQuoted(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    /// Writes `s` as a quoted, escaped JSON string.
    public mutating func string(_ s: String) { separate(); JSONWriter.appendQuoted(s, to: &bytes) }
    /// Writes `s` as a string, or `null` when it is nil.
    public mutating func optionalString(_ s: String?) { if let s { string(s) } else { null() } }
    /// Writes `v` as a JSON integer.
    public mutating func int(_ v: Int) { separate(); bytes.append(contentsOf: Array(String(v).utf8)) }
    /// Writes `true` or `false`.
    public mutating func bool(_ v: Bool) { separate(); bytes.append(contentsOf: Array((v ? "true" : "false").utf8)) }
    /// Writes `null`.
    public mutating func null() { separate(); bytes.append(contentsOf: Array("null".utf8)) }
    /// Writes already-valid JSON text as the next value (a request id echoed as written).
    public mutating func raw(_ json: [UInt8]) { separate(); bytes.append(contentsOf: json) }

    /// Writes `"k":` and `v` as a string.
    public mutating func field(_ k: String, _ v: String) { key(k); string(v) }
    /// Writes `"k":` and `v` as a string, or `null` when it is nil (the key is always written).
    public mutating func field(_ k: String, _ v: String?) { key(k); optionalString(v) }
    /// Writes `"k":` and `v` as an integer.
    public mutating func field(_ k: String, _ v: Int) { key(k); int(v) }
    /// Writes `"k":` and `v` as `true` or `false`.
    public mutating func field(_ k: String, _ v: Bool) { key(k); bool(v) }

    /// Appends `s` as a JSON string: quotes, backslashes and control characters escaped; other text as UTF-8.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { u in
            // Runs of bytes that need no escape are copied whole.
            var start = 0
            var i = 0
            let n = u.count
            let raw = UnsafeRawPointer(u.baseAddress)
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
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                start = i + 1
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(b)
                case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
                default:
                    out.append(contentsOf: Array("\\u00".utf8))
                    out.append(contentsOf: Array(hexByte(b).utf8))
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<u.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `s` as a quoted JSON string.
    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

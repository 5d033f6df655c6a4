/// Answers JSON Lines quote requests (spec §4): one answer line per request line, each depending
/// on that line and the tables alone.
public struct BatchQuoter: Sendable {
    public let calculator: FeeCalculator
    /// Whether answers carry `"explanation"`.
    public let explain: Bool

    public init(calculator: FeeCalculator, explain: Bool) {
        self.calculator = calculator
        self.explain = explain
    }

    /// Appends the answer to one request line (without its newline) to `out`, newline included.
    /// Returns whether the line was quoted (false for an error answer).
    @discardableResult
    public func answer(line: [UInt8], into out: inout [UInt8]) -> Bool {
        let decoded = BatchRequestDecoder.decode(line)
        var w = JSONWriter()
        w.beginObject()
        w.key("id")
        if let raw = decoded.rawID { w.raw(raw) } else { w.null() }
        let ok: Bool
        switch decoded.request.flatMap(calculator.quote) {
        case .success(let q):
            ok = true
            Self.writeQuote(q, to: &w)
            if explain {
                w.key("explanation")
                Explanation(quote: q, calculator: calculator).write(to: &w)
            }
        case .failure(let e):
            ok = false
            w.field("ok", false)
            w.key("error")
            w.beginObject()
            w.field("code", e.code.rawValue)
            w.field("message", e.message)
            w.endObject()
        }
        w.endObject()
        out.append(contentsOf: w.bytes)
        out.append(0x0A)
        return ok
    }

    /// The fields of an ok answer after `id`, in the order of spec §4.
    public static func writeQuote(_ q: Quote, to w: inout JSONWriter) {
        let digits = q.currency.minorDigits
        w.field("ok", true)
        w.field("bank", q.bank)
        w.field("item", q.item.code)
        w.field("version", q.version.version)
        w.field("currency", q.currency.code)
        w.field("gross", q.gross.plainText(minorDigits: digits))
        w.field("discount", q.discount.plainText(minorDigits: digits))
        w.field("net", q.net.plainText(minorDigits: digits))
        w.field("waiver", q.applied?.id)
        w.key("eligible")
        w.beginArray()
        for e in q.eligible { w.string(e.id) }
        w.endArray()
        w.field("fingerprint", q.fingerprint)
    }

    /// Answers a whole JSON Lines text: blank lines are skipped, CR before LF is tolerated.
    /// Returns the answers and whether every line was quoted.
    public func answerAll(_ input: [UInt8]) -> (output: [UInt8], allOK: Bool) {
        var out: [UInt8] = []
        var allOK = true
        var start = 0
        while start < input.count {
            var end = start
            while end < input.count && input[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > start && input[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = Array(input[start..<lineEnd])
            if !Self.isBlank(line) {
                if !answer(line: line, into: &out) { allOK = false }
            }
            start = end + 1
        }
        return (out, allOK)
    }

    /// Whether a line holds only spaces and tabs.
    public static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}

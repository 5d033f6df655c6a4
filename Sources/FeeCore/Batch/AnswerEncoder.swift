import FeeValues
import FeeJSON

/// The one encoder of answer lines (spec §4) for the batch, `fees quote --json`, and any later
/// service: bytes straight into a buffer, money digits without `String`, and the constant parts of
/// each version (bank, version, currency, fingerprint, item codes, waiver ids) escaped once.
public struct AnswerEncoder: Sendable {
    /// Every version's constant bytes, in the order of the catalogue (and its `QuotePlan`).
    private let pieces: AnswerPieces

    /// An encoder with the constant parts of every version of `catalogue` rendered once.
    public init(catalogue: Catalogue) {
        pieces = AnswerPieces(catalogue.banks.map { ($0.id, $0.versions) })
    }

    private static let explanationKey: StaticString = ",\"explanation\":"
    private static let errorStart: StaticString = ",\"ok\":false,\"error\":{\"code\":"
    private static let messageKey: StaticString = ",\"message\":"

    /// Appends one whole answer line, newline included: `id` as written (or null), then the quote's
    /// fields in the order of spec §4, its explanation when given, any `extra` members (already
    /// encoded, each starting with a comma), or the error.
    public func appendAnswer(rawID: UnsafeBufferPointer<UInt8>?, result: Result<Quote, QuoteError>,
                             explanation: Explanation? = nil, extra: [UInt8] = [], to out: inout [UInt8]) {
        switch result {
        case .success(let q):
            // The constants of the quote's version: rendered once when the quote comes from the
            // catalogue this encoder was built for, else on the spot, the same way.
            if let v = pieces.version(bank: q.facts.bank, q.facts.version), v.storage == ObjectIdentifier(q.version.storage) {
                appendOK(q.facts, v, pieces, id: rawID, whole: false, to: &out)
            } else {
                let own = AnswerPieces([(q.bank, [q.version])])
                appendOK(q.facts, own.versions[0], own, id: rawID, whole: false, to: &out)
            }
            if let explanation {
                var w = JSONWriter()
                explanation.write(to: &w)
                Self.append(Self.explanationKey, to: &out)
                w.withBytes { out.append(contentsOf: $0) }
            }
            out.append(contentsOf: extra)
        case .failure(let e):
            Self.append(AnswerPieces.idKeyText, to: &out)
            if let rawID { out.append(contentsOf: rawID) } else { Self.append(AnswerPieces.nullText, to: &out) }
            appendError(e, to: &out)
        }
        out.append(0x7D)
        out.append(0x0A)
    }

    /// Appends a constant's bytes (no array, so nothing to count references of).
    @inline(__always)
    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: text.bytes)
    }

    /// Appends one whole ok answer line from the calculator's facts (the batch's path: no `Quote`).
    @inline(__always)
    func appendAnswer(rawID: UnsafeBufferPointer<UInt8>?, facts: QuoteFacts, to out: inout [UInt8]) {
        guard let v = pieces.version(bank: facts.bank, facts.version) else { preconditionFailure("facts from another catalogue") }
        appendOK(facts, v, pieces, id: rawID, whole: true, to: &out)
    }

    /// The error member of an answer, from `"ok"` on, without the answer's closing brace.
    private func appendError(_ e: QuoteError, to out: inout [UInt8]) {
        Self.append(Self.errorStart, to: &out)
        JSONWriter.appendQuoted(e.code.rawValue, to: &out)
        Self.append(Self.messageKey, to: &out)
        JSONWriter.appendQuoted(e.message, to: &out)
        out.append(0x7D)
    }

    /// Appends `{"id":…` and the ok answer's fields from `"ok"` to `"fingerprint"`; with `whole`,
    /// the line's `}` and newline too. The bytes are laid out in one scratch buffer from the
    /// version's pieces and appended at once.
    @inline(__always)
    private func appendOK(_ q: QuoteFacts, _ v: AnswerPieces.Version, _ p: AnswerPieces, id: UnsafeBufferPointer<UInt8>?, whole: Bool, to out: inout [UInt8]) {
        let digits = Int(v.minorDigits)
        // The exact size of the pieces, and room for three amounts (on the stack: a few hundred bytes).
        var bound = p.fixedLength + Int(v.head.count + v.middle.count + v.fingerprint.count + p.pieces[v.item(q.item)].count)
            + (id?.count ?? 0) + 3 * DecimalText.maxLength(scale: digits) + AnswerPieces.slack
        bound += Int(q.applied.map { p.pieces[v.waiver($0)].count } ?? p.null.count)
        q.eligible.forEach { bound += Int(p.pieces[v.waiver($0)].count) + 1 }
        withExtendedLifetime(p) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { buffer in
                let bytes = p.bytes
                var w = ScratchWriter(buffer)
                w.put(p.idKey, from: bytes)
                if let id { w.put(id) } else { w.put(p.null, from: bytes) }
                w.put(v.head, from: bytes)
                w.put(p.pieces[v.item(q.item)], from: bytes)
                w.put(v.middle, from: bytes)
                w.money(q.gross.minorUnits, digits: digits)
                w.put(p.discountKey, from: bytes)
                w.money(q.discount.minorUnits, digits: digits)
                w.put(p.netKey, from: bytes)
                w.money(q.net.minorUnits, digits: digits)
                w.put(p.waiverKey, from: bytes)
                if let a = q.applied { w.put(p.pieces[v.waiver(a)], from: bytes) } else { w.put(p.null, from: bytes) }
                w.put(p.eligibleKey, from: bytes)
                var first = true
                q.eligible.forEach { index in
                    if !first { w.byte(0x2C) }
                    first = false
                    w.put(p.pieces[v.waiver(index)], from: bytes)
                }
                w.byte(0x5D)
                w.put(v.fingerprint, from: bytes)
                if whole { w.put(p.lineEnd, from: bytes) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<w.count]))
            }
        }
    }
}


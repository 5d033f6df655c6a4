import FeeValues
import FeeJSON

/// The one encoder of answer lines (spec §4) for the batch, `fees quote --json`, and any later
/// service: bytes straight into a buffer, money digits without `String`, and the constant parts of
/// each version (bank, version, currency, fingerprint, item codes, waiver ids) escaped once.
public struct AnswerEncoder: Sendable {
    /// The escaped, quoted constants of one version.
    final class VersionFragments: Sendable {
        let bank: [UInt8]
        /// `,"version":"…","currency":"…","gross":"`
        let versionAndCurrency: [UInt8]
        /// `,"fingerprint":"sha256:…"`
        let fingerprint: [UInt8]
        /// Each item's quoted code.
        let itemCodes: [[UInt8]]
        /// Each waiver's quoted id.
        let waiverIDs: [[UInt8]]
        let minorDigits: Int
        /// The table these were rendered from.
        let storage: ObjectIdentifier

        init(bank: String, table: FeeTable) {
            storage = ObjectIdentifier(table.storage)
            func quoted(_ s: String) -> [UInt8] {
                var out: [UInt8] = []
                JSONWriter.appendQuoted(s, to: &out)
                return out
            }
            self.bank = quoted(bank)
            versionAndCurrency = Array(",\"version\":".utf8) + quoted(table.version) + Array(",\"currency\":".utf8) + quoted(table.currency.code) + Array(",\"gross\":\"".utf8)
            fingerprint = Array(",\"fingerprint\":".utf8) + quoted(table.fingerprint)
            itemCodes = table.items.map { quoted($0.code) }
            waiverIDs = table.waivers.map { quoted($0.id) }
            minorDigits = table.currency.minorDigits
        }
    }

    /// Each bank's versions' constants, in the order of the catalogue (and its `QuotePlan`).
    private let fragments: [[VersionFragments]]

    private static let okBank: StaticString = ",\"ok\":true,\"bank\":"
    private static let itemKey: StaticString = ",\"item\":"
    private static let discountKey: StaticString = "\",\"discount\":\""
    private static let netKey: StaticString = "\",\"net\":\""
    private static let waiverKey: StaticString = "\",\"waiver\":"
    private static let null: StaticString = "null"
    private static let eligibleKey: StaticString = ",\"eligible\":["

    /// An encoder with the constant parts of every version of `catalogue` rendered once.
    public init(catalogue: Catalogue) {
        fragments = catalogue.banks.map { bank in bank.versions.map { VersionFragments(bank: bank.id, table: $0) } }
    }

    private static let idKey: StaticString = "{\"id\":"
    private static let errorStart: StaticString = ",\"ok\":false,\"error\":{\"code\":"
    private static let messageKey: StaticString = ",\"message\":"
    private static let explanationKey: StaticString = ",\"explanation\":"

    /// Appends one whole answer line, newline included: `id` as written (or null), then the quote's
    /// fields in the order of spec §4, its explanation when given, any `extra` members (already
    /// encoded, each starting with a comma), or the error.
    public func appendAnswer(rawID: UnsafeBufferPointer<UInt8>?, result: Result<Quote, QuoteError>,
                             explanation: Explanation? = nil, extra: [UInt8] = [], to out: inout [UInt8]) {
        Self.append(Self.idKey, to: &out)
        if let rawID { out.append(contentsOf: rawID) } else { Self.append(Self.null, to: &out) }
        switch result {
        case .success(let q):
            appendOK(q.facts, fragments(for: q), id: nil, whole: false, to: &out)
            if let explanation {
                var w = JSONWriter()
                explanation.write(to: &w)
                Self.append(Self.explanationKey, to: &out)
                w.withBytes { out.append(contentsOf: $0) }
            }
            out.append(contentsOf: extra)
        case .failure(let e):
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
        appendOK(facts, fragments[facts.bank][facts.version], id: rawID, whole: true, to: &out)
    }

    /// The error member of an answer, from `"ok"` on, without the answer's closing brace.
    private func appendError(_ e: QuoteError, to out: inout [UInt8]) {
        Self.append(Self.errorStart, to: &out)
        JSONWriter.appendQuoted(e.code.rawValue, to: &out)
        Self.append(Self.messageKey, to: &out)
        JSONWriter.appendQuoted(e.message, to: &out)
        out.append(0x7D)
    }

    /// The constants of the quote's version: rendered once when the quote comes from the
    /// catalogue this encoder was built for, else on the spot, the same way.
    private func fragments(for q: Quote) -> VersionFragments {
        let id = ObjectIdentifier(q.version.storage)
        if q.facts.bank < fragments.count, q.facts.version < fragments[q.facts.bank].count,
           fragments[q.facts.bank][q.facts.version].storage == id {
            return fragments[q.facts.bank][q.facts.version]
        }
        return VersionFragments(bank: q.bank, table: q.version)
    }

    /// Appends the ok answer's fields from `"ok"` to `"fingerprint"`; with `whole`, the line around
    /// them too (`{"id":` and `id` before, `}` and the newline after). The bytes are laid out in
    /// one scratch buffer and appended at once.
    @inline(__always)
    private func appendOK(_ q: QuoteFacts, _ f: VersionFragments, id: UnsafeBufferPointer<UInt8>?, whole: Bool, to out: inout [UInt8]) {
        var bound = Self.okBank.utf8CodeUnitCount + f.bank.count + Self.itemKey.utf8CodeUnitCount + f.itemCodes[q.item].count + f.versionAndCurrency.count
            + 3 * DecimalText.maxLength(scale: f.minorDigits) + Self.discountKey.utf8CodeUnitCount + Self.netKey.utf8CodeUnitCount + Self.waiverKey.utf8CodeUnitCount + Self.eligibleKey.utf8CodeUnitCount + 2 + f.fingerprint.count
        bound += q.applied.map { f.waiverIDs[$0].count } ?? 4
        q.eligible.forEach { bound += f.waiverIDs[$0].count + 1 }
        if whole { bound += Self.idKey.utf8CodeUnitCount + (id?.count ?? 4) + 2 }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { buffer in
            var w = ScratchWriter(buffer)
            if whole {
                w.put(Self.idKey)
                if let id { w.put(id) } else { w.put(Self.null) }
            }
            w.put(Self.okBank)
            w.put(f.bank)
            w.put(Self.itemKey)
            w.put(f.itemCodes[q.item])
            w.put(f.versionAndCurrency)
            w.money(q.gross.minorUnits, digits: f.minorDigits)
            w.put(Self.discountKey)
            w.money(q.discount.minorUnits, digits: f.minorDigits)
            w.put(Self.netKey)
            w.money(q.net.minorUnits, digits: f.minorDigits)
            w.put(Self.waiverKey)
            if let a = q.applied { w.put(f.waiverIDs[a]) } else { w.put(Self.null) }
            w.put(Self.eligibleKey)
            var first = true
            q.eligible.forEach { index in
                if !first { w.byte(0x2C) }
                first = false
                w.put(f.waiverIDs[index])
            }
            w.byte(0x5D)
            w.put(f.fingerprint)
            if whole {
                w.byte(0x7D)
                w.byte(0x0A)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<w.count]))
        }
    }
}

/// Bytes laid out in a buffer sized beforehand by the caller.
struct ScratchWriter {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        precondition(count < capacity)
        base[count] = b
        count += 1
    }

    @inline(__always)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(count + bytes.count <= capacity)
        if let p = bytes.baseAddress { (base + count).update(from: p, count: bytes.count) }
        count += bytes.count
    }

    @inline(__always)
    mutating func put(_ text: StaticString) {
        put(text.bytes)
    }

    @inline(__always)
    mutating func put(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { put($0) }
    }

    /// Minor units with exactly `digits` fractional digits (`"1234.50"`), by the one formatter;
    /// at most `DecimalText.maxLength(scale: digits)` bytes.
    @inline(__always)
    mutating func money(_ value: Int128, digits: Int) {
        precondition(count + DecimalText.maxLength(scale: digits) <= capacity)
        count += DecimalText.write(value, scale: digits, grouping: false, trimmed: false, into: base + count)
    }
}

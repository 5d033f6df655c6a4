/// The one encoder of answer lines (spec §4) for the batch, `fees quote --json`, and any later
/// service: bytes straight into a buffer, money digits without `String`, and the constant parts of
/// each version (bank, version, currency, fingerprint, item codes, waiver ids) escaped once.
public struct AnswerEncoder: Sendable {
    /// The escaped, quoted constants of one version.
    struct VersionFragments: Sendable {
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

    private static let okBank = Array(",\"ok\":true,\"bank\":".utf8)
    private static let itemKey = Array(",\"item\":".utf8)
    private static let discountKey = Array("\",\"discount\":\"".utf8)
    private static let netKey = Array("\",\"net\":\"".utf8)
    private static let waiverKey = Array("\",\"waiver\":".utf8)
    private static let null = Array("null".utf8)
    private static let eligibleKey = Array(",\"eligible\":[".utf8)

    /// An encoder with the constant parts of every version of `catalogue` rendered once.
    public init(catalogue: Catalogue) {
        fragments = catalogue.banks.map { bank in bank.versions.map { VersionFragments(bank: bank.id, table: $0) } }
    }

    private static let idKey = Array("{\"id\":".utf8)
    private static let errorStart = Array(",\"ok\":false,\"error\":{\"code\":".utf8)
    private static let messageKey = Array(",\"message\":".utf8)
    private static let explanationKey = Array(",\"explanation\":".utf8)

    /// Appends one whole answer line, newline included: `id` as written (or null), then the quote's
    /// fields in the order of spec §4, its explanation when given, any `extra` members (already
    /// encoded, each starting with a comma), or the error.
    public func appendAnswer(rawID: UnsafeBufferPointer<UInt8>?, result: Result<Quote, QuoteError>,
                             explanation: Explanation? = nil, extra: [UInt8] = [], to out: inout [UInt8]) {
        out.append(contentsOf: Self.idKey)
        if let rawID { out.append(contentsOf: rawID) } else { out.append(contentsOf: Self.null) }
        switch result {
        case .success(let q):
            appendOK(q.facts, fragments(for: q), to: &out)
            if let explanation {
                var w = JSONWriter()
                explanation.write(to: &w)
                out.append(contentsOf: Self.explanationKey)
                out.append(contentsOf: w.bytes)
            }
            out.append(contentsOf: extra)
        case .failure(let e):
            appendError(e, to: &out)
        }
        out.append(0x7D)
        out.append(0x0A)
    }

    /// Appends one whole ok answer line from the calculator's facts (the batch's path: no `Quote`).
    @inline(__always)
    func appendAnswer(rawID: UnsafeBufferPointer<UInt8>?, facts: QuoteFacts, to out: inout [UInt8]) {
        out.append(contentsOf: Self.idKey)
        if let rawID { out.append(contentsOf: rawID) } else { out.append(contentsOf: Self.null) }
        appendOK(facts, fragments[facts.bank][facts.version], to: &out)
        out.append(0x7D)
        out.append(0x0A)
    }

    /// The error member of an answer, from `"ok"` on, without the answer's closing brace.
    private func appendError(_ e: QuoteError, to out: inout [UInt8]) {
        out.append(contentsOf: Self.errorStart)
        JSONWriter.appendQuoted(e.code.rawValue, to: &out)
        out.append(contentsOf: Self.messageKey)
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

    /// Appends the ok answer's fields from `"ok"` to `"fingerprint"` (no braces).
    @inline(__always)
    private func appendOK(_ q: QuoteFacts, _ f: VersionFragments, to out: inout [UInt8]) {
        out.append(contentsOf: Self.okBank)
        out.append(contentsOf: f.bank)
        out.append(contentsOf: Self.itemKey)
        out.append(contentsOf: f.itemCodes[q.item])
        out.append(contentsOf: f.versionAndCurrency)
        Self.appendMoney(q.gross.minorUnits, digits: f.minorDigits, to: &out)
        out.append(contentsOf: Self.discountKey)
        Self.appendMoney(q.discount.minorUnits, digits: f.minorDigits, to: &out)
        out.append(contentsOf: Self.netKey)
        Self.appendMoney(q.net.minorUnits, digits: f.minorDigits, to: &out)
        out.append(contentsOf: Self.waiverKey)
        if let a = q.applied { out.append(contentsOf: f.waiverIDs[a]) } else { out.append(contentsOf: Self.null) }
        out.append(contentsOf: Self.eligibleKey)
        var first = true
        q.eligible.forEach { index in
            if !first { out.append(0x2C) }
            first = false
            out.append(contentsOf: f.waiverIDs[index])
        }
        out.append(0x5D)
        out.append(contentsOf: f.fingerprint)
    }

    /// Non-negative minor units as digits with exactly `digits` fractional digits (`"1234.50"`).
    @inline(__always)
    static func appendMoney(_ value: Int128, digits: Int, to out: inout [UInt8]) {
        guard value >= 0, value <= Int128(UInt64.max) else {
            out.append(contentsOf: Money(minorUnits: value).plainText(minorDigits: digits).utf8)
            return
        }
        var v = UInt64(value)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf in
            var n = 0
            repeat {
                buf[n] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
                n += 1
            } while v > 0 || n <= digits
            // buf holds digits least significant first; at least digits + 1 of them.
            var k = n - 1
            while k >= 0 {
                if k == digits - 1 { out.append(0x2E) }
                out.append(buf[k])
                k -= 1
            }
        }
    }
}

/// Writes ok answers (spec §4) straight into a byte buffer: money digits without `String`, and the
/// constant parts of each version (bank, version, currency, fingerprint) escaped once.
struct AnswerWriter: Sendable {
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
    }

    private let fragments: [ObjectIdentifier: VersionFragments]

    private static let okBank = Array(",\"ok\":true,\"bank\":".utf8)
    private static let itemKey = Array(",\"item\":".utf8)
    private static let discountKey = Array("\",\"discount\":\"".utf8)
    private static let netKey = Array("\",\"net\":\"".utf8)
    private static let waiverKey = Array("\",\"waiver\":".utf8)
    private static let null = Array("null".utf8)
    private static let eligibleKey = Array(",\"eligible\":[".utf8)

    init(catalogue: Catalogue) {
        var map: [ObjectIdentifier: VersionFragments] = [:]
        func quoted(_ s: String) -> [UInt8] {
            var out: [UInt8] = []
            JSONWriter.appendQuoted(s, to: &out)
            return out
        }
        for bank in catalogue.banks {
            for t in bank.versions {
                map[ObjectIdentifier(t.storage)] = VersionFragments(
                    bank: quoted(bank.id),
                    versionAndCurrency: Array(",\"version\":".utf8) + quoted(t.version) + Array(",\"currency\":".utf8) + quoted(t.currency.code) + Array(",\"gross\":\"".utf8),
                    fingerprint: Array(",\"fingerprint\":".utf8) + quoted(t.fingerprint),
                    itemCodes: t.items.map { quoted($0.code) },
                    waiverIDs: t.waivers.map { quoted($0.id) },
                    minorDigits: t.currency.minorDigits)
            }
        }
        fragments = map
    }

    /// Appends the ok answer's fields from `"ok"` to `"fingerprint"` (no braces); false when the
    /// quote's table is not one this writer was built for.
    func appendOK(_ q: Quote, to out: inout [UInt8]) -> Bool {
        guard let f = fragments[ObjectIdentifier(q.version.storage)] else { return false }
        out.append(contentsOf: Self.okBank)
        out.append(contentsOf: f.bank)
        out.append(contentsOf: Self.itemKey)
        out.append(contentsOf: f.itemCodes[q.itemIndex])
        out.append(contentsOf: f.versionAndCurrency)
        Self.appendMoney(q.gross.minorUnits, digits: f.minorDigits, to: &out)
        out.append(contentsOf: Self.discountKey)
        Self.appendMoney(q.discount.minorUnits, digits: f.minorDigits, to: &out)
        out.append(contentsOf: Self.netKey)
        Self.appendMoney(q.net.minorUnits, digits: f.minorDigits, to: &out)
        out.append(contentsOf: Self.waiverKey)
        if let a = q.applied { out.append(contentsOf: f.waiverIDs[a.index]) } else { out.append(contentsOf: Self.null) }
        out.append(contentsOf: Self.eligibleKey)
        for (k, e) in q.eligible.enumerated() {
            if k > 0 { out.append(0x2C) }
            out.append(contentsOf: f.waiverIDs[e.index])
        }
        out.append(0x5D)
        out.append(contentsOf: f.fingerprint)
        return true
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

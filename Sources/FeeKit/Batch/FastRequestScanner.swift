/// A scanner for the common shape of a batch request line: one flat object of known keys with
/// ASCII strings without escapes, integer literals and an optional `customer` object. Anything
/// else — an escape, a non-ASCII byte, an unknown or repeated key, a wrong type, a syntax error —
/// makes it give up, and the general decoder answers the line instead, so both paths give the
/// same bytes by construction (the tests compare them).
struct FastRequestScanner {
    /// The fields of a line the scanner understood; ranges index the line.
    struct Fields {
        var id: Range<Int>?
        var bank: Range<Int>?
        var item: Range<Int>?
        var date: Range<Int>?
        var amount: Range<Int>?
        var quantity: Int?
        var channel: Range<Int>?
        var reason: Range<Int>?
        var branch: Range<Int>?
        var uses: Int?
        var tier: Range<Int>?
        var segments: [Range<Int>]?
        var age: Int?
        var lang: Range<Int>?
    }

    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    /// The fields of `line`, or nil when the general decoder must answer it.
    static func scan(_ line: UnsafeBufferPointer<UInt8>) -> Fields? {
        var s = FastRequestScanner(line)
        return s.object()
    }

    @inline(__always) private mutating func ws() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
    }

    @inline(__always) private mutating func expect(_ c: UInt8) -> Bool {
        ws()
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    /// A string of printable ASCII without escapes; its contents' range.
    @inline(__always) private mutating func string() -> Range<Int>? {
        ws()
        guard i < b.count, b[i] == 0x22 else { return nil }
        i += 1
        let start = i
        while i < b.count {
            let c = b[i]
            if c == 0x22 { i += 1; return start..<(i - 1) }
            if c == 0x5C || c < 0x20 || c >= 0x80 { return nil }
            i += 1
        }
        return nil
    }

    @inline(__always) private mutating func isNull() -> Bool {
        ws()
        guard i + 4 <= b.count, b[i] == 0x6E, b[i + 1] == 0x75, b[i + 2] == 0x6C, b[i + 3] == 0x6C else { return false }
        i += 4
        return true
    }

    /// A JSON integer literal of at most 15 digits.
    @inline(__always) private mutating func integer() -> Int? {
        ws()
        var negative = false
        if i < b.count, b[i] == 0x2D { negative = true; i += 1 }
        let start = i
        var v = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            guard i - start < 15 else { return nil }
            v = v * 10 + Int(b[i] - 0x30)
            i += 1
        }
        let digits = i - start
        guard digits > 0, digits <= 15, !(digits > 1 && b[start] == 0x30) else { return nil }
        if i < b.count, b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 { return nil }
        return negative ? -v : v
    }

    /// The range of a number token (for `id`), validated by the general parser's grammar.
    private mutating func numberToken() -> Range<Int>? {
        ws()
        let start = i
        if i < b.count, b[i] == 0x2D { i += 1 }
        guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { return nil }
        if b[i] == 0x30 {
            i += 1
            if i < b.count, b[i] >= 0x30, b[i] <= 0x39 { return nil }
        } else {
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        if i < b.count, b[i] == 0x2E {
            i += 1
            let f = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > f else { return nil }
        }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 { return nil }
        return start..<i
    }

    private enum Key: UInt16 {
        case id = 1, bank = 2, item = 4, date = 8, amount = 16, quantity = 32, channel = 64, reason = 128,
             branch = 256, uses = 512, customer = 1024, lang = 2048
    }

    /// Whether the bytes in `r` are exactly `s`.
    @inline(__always) private func equals(_ r: Range<Int>, _ s: StaticString) -> Bool {
        guard s.utf8CodeUnitCount == r.count else { return false }
        return s.withUTF8Buffer { w in
            for k in 0..<r.count where b[r.lowerBound + k] != w[k] { return false }
            return true
        }
    }

    /// The request key in `r`: told apart by length and two bytes, then confirmed byte for byte.
    private func key(_ r: Range<Int>) -> Key? {
        let n = r.count
        guard n >= 2 else { return nil }
        let first = b[r.lowerBound], second = b[r.lowerBound + 1]
        let (candidate, word): (Key, StaticString)
        switch (n, first, second) {
        case (2, 0x69, _): (candidate, word) = (.id, "id")
        case (4, 0x62, _): (candidate, word) = (.bank, "bank")
        case (4, 0x69, _): (candidate, word) = (.item, "item")
        case (4, 0x64, _): (candidate, word) = (.date, "date")
        case (4, 0x6C, _): (candidate, word) = (.lang, "lang")
        case (6, 0x61, _): (candidate, word) = (.amount, "amount")
        case (6, 0x72, _): (candidate, word) = (.reason, "reason")
        case (6, 0x62, _): (candidate, word) = (.branch, "branch")
        case (7, 0x63, _): (candidate, word) = (.channel, "channel")
        case (8, 0x71, _): (candidate, word) = (.quantity, "quantity")
        case (8, 0x63, _): (candidate, word) = (.customer, "customer")
        case (14, 0x75, _): (candidate, word) = (.uses, "uses_in_period")
        default: return nil
        }
        return equals(r, word) ? candidate : nil
    }

    private mutating func object() -> Fields? {
        guard expect(0x7B) else { return nil }
        var f = Fields()
        var seen: UInt16 = 0
        ws()
        if i < b.count, b[i] == 0x7D { return nil }  // {} lacks item and date: the general path says so
        while true {
            guard let kr = string(), let k = key(kr), seen & k.rawValue == 0, expect(0x3A) else { return nil }
            seen |= k.rawValue
            if isNull() {
                // null means absent, for every key.
            } else {
                switch k {
                case .id:
                    ws()
                    guard i < b.count else { return nil }
                    if b[i] == 0x22 {
                        let start = i
                        guard string() != nil else { return nil }
                        f.id = start..<i
                    } else {
                        guard let r = numberToken() else { return nil }
                        f.id = r
                    }
                case .bank: guard let r = string() else { return nil }; f.bank = r
                case .item: guard let r = string() else { return nil }; f.item = r
                case .date: guard let r = string() else { return nil }; f.date = r
                case .amount: guard let r = string() else { return nil }; f.amount = r
                case .quantity: guard let v = integer() else { return nil }; f.quantity = v
                case .channel: guard let r = string() else { return nil }; f.channel = r
                case .reason: guard let r = string() else { return nil }; f.reason = r
                case .branch: guard let r = string() else { return nil }; f.branch = r
                case .uses: guard let v = integer() else { return nil }; f.uses = v
                case .lang: guard let r = string() else { return nil }; f.lang = r
                case .customer: guard customer(&f) else { return nil }
                }
            }
            ws()
            guard i < b.count else { return nil }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x7D { i += 1; break }
            return nil
        }
        ws()
        return i == b.count ? f : nil
    }

    private mutating func customer(_ f: inout Fields) -> Bool {
        guard expect(0x7B) else { return false }
        ws()
        if i < b.count, b[i] == 0x7D { i += 1; return true }
        var seen = 0
        while true {
            guard let kr = string(), expect(0x3A) else { return false }
            if equals(kr, "tier") {
                guard seen & 1 == 0 else { return false }
                seen |= 1
                if !isNull() { guard let r = string() else { return false }; f.tier = r }
            } else if equals(kr, "age") {
                guard seen & 2 == 0 else { return false }
                seen |= 2
                if !isNull() { guard let v = integer() else { return false }; f.age = v }
            } else if equals(kr, "segments") {
                guard seen & 4 == 0 else { return false }
                seen |= 4
                if !isNull() {
                    guard expect(0x5B) else { return false }
                    var list: [Range<Int>] = []
                    ws()
                    if i < b.count, b[i] == 0x5D {
                        i += 1
                    } else {
                        while true {
                            guard let r = string() else { return false }
                            list.append(r)
                            ws()
                            guard i < b.count else { return false }
                            if b[i] == 0x2C { i += 1; continue }
                            if b[i] == 0x5D { i += 1; break }
                            return false
                        }
                    }
                    f.segments = list
                }
            } else {
                return false
            }
            ws()
            guard i < b.count else { return false }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x7D { i += 1; return true }
            return false
        }
    }
}

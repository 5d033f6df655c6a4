/// Every customer's statement lines, in little memory: the customer being added to as packed
/// lines, every other customer encoded in a few bytes per line (variable-length integers). Input
/// grouped by customer encodes each customer once; interleaved input switches customers as often
/// as its lines do, and stays exact.
struct CustomerStore: Sendable {
    private var encoded: [String: [UInt8]] = [:]
    private var current: String?
    private var open: [PackedLine] = []

    /// The refs held (in no order).
    var refs: [String] { Array(encoded.keys) + (current.map { [$0] } ?? []) }

    var count: Int { encoded.count + (current == nil ? 0 : 1) }

    func contains(_ ref: String) -> Bool { ref == current || encoded[ref] != nil }

    /// A customer's packed lines.
    func lines(of ref: String) -> [PackedLine]? {
        if ref == current { return open }
        return encoded[ref].map(PackedLine.decode)
    }

    /// Changes a customer's lines (a new customer starts with none).
    mutating func modify<R>(_ ref: String, _ body: (inout [PackedLine]) -> R) -> R {
        if ref != current {
            if let c = current { encoded[c] = PackedLine.encode(open) }
            open = encoded.removeValue(forKey: ref).map(PackedLine.decode) ?? []
            current = ref
        }
        return body(&open)
    }

    /// Removes a customer; its lines.
    mutating func remove(_ ref: String) -> [PackedLine]? {
        if ref == current {
            current = nil
            defer { open = [] }
            return open
        }
        return encoded.removeValue(forKey: ref).map(PackedLine.decode)
    }
}

extension Array where Element == PackedLine {
    /// Appends, growing by a few lines at a time rather than doubling.
    mutating func appendCompactly(_ line: PackedLine) {
        if count == capacity { reserveCapacity(count + 6) }
        append(line)
    }
}

/// A statement line in 40 bytes: names interned, sums in 64 bits (a customer's fees beyond 9.2 ×
/// 10^18 minor units are refused as an overflow, never wrapped), net = gross − discount.
package struct PackedLine: Sendable {
    package struct Saving: Sendable {
        package var id: Int32
        package var count: UInt32
        package var saved: Int64

        package init(id: Int32, count: UInt32, saved: Int64) {
            self.id = id
            self.count = count
            self.saved = saved
        }
    }

    package var item: Int32
    package var version: Int32
    package var count: UInt32
    package var quantity: UInt32
    package var gross: Int64
    package var discount: Int64
    package var waivers: [Saving]

    /// The packed form of a line, or nil when a value does not fit (only hostile partials do this).
    package init(item: Int32, version: Int32, count: UInt32, quantity: UInt32, gross: Int64, discount: Int64, waivers: [Saving]) {
        self.item = item; self.version = version; self.count = count; self.quantity = quantity
        self.gross = gross; self.discount = discount; self.waivers = waivers
    }

    init?(_ l: StatementLine, item: Int32, version: Int32, names: inout NamePool) {
        guard let c = UInt32(exactly: l.count), let q = UInt32(exactly: l.quantity), let g = Int64(exactly: l.gross),
              let d = Int64(exactly: l.discount), g >= 0, d >= 0, l.net == l.gross - l.discount else { return nil }
        self.item = item; self.version = version; count = c; quantity = q; gross = g; discount = d
        waivers = []
        for id in l.waivers.keys.sorted() {
            guard let wc = UInt32(exactly: l.waivers[id]!.count), let ws = Int64(exactly: l.waivers[id]!.saved), ws >= 0 else { return nil }
            waivers.append(Saving(id: names.id(id), count: wc, saved: ws))
        }
    }

    /// Adds another packed line of the same item and version; false when a sum would overflow.
    mutating func add(_ o: PackedLine) -> Bool {
        guard checkedAdd(&count, o.count), checkedAdd(&quantity, o.quantity), checkedAdd(&gross, o.gross), checkedAdd(&discount, o.discount) else { return false }
        for s in o.waivers {
            if let k = waivers.firstIndex(where: { $0.id == s.id }) {
                guard checkedAdd(&waivers[k].count, s.count), checkedAdd(&waivers[k].saved, s.saved) else { return false }
            } else {
                waivers.append(s)
            }
        }
        return true
    }
}

extension PackedLine {
    /// Lines as variable-length integers (7 bits a byte, all values non-negative): 8 to 12 bytes a
    /// line instead of 40.
    package static func encode(_ lines: [PackedLine]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(lines.count * 12)
        func put(_ v: UInt64) {
            var v = v
            while v >= 0x80 { out.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
            out.append(UInt8(v))
        }
        put(UInt64(lines.count))
        for l in lines {
            put(UInt64(l.item)); put(UInt64(l.version)); put(UInt64(l.count)); put(UInt64(l.quantity))
            put(UInt64(l.gross)); put(UInt64(l.discount)); put(UInt64(l.waivers.count))
            for w in l.waivers { put(UInt64(w.id)); put(UInt64(w.count)); put(UInt64(w.saved)) }
        }
        return out
    }

    /// The lines `encode` wrote (its own output only: never untrusted bytes).
    package static func decode(_ bytes: [UInt8]) -> [PackedLine] {
        var i = 0
        func get() -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = bytes[i]
                i += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }
        let n = Int(get())
        var lines: [PackedLine] = []
        lines.reserveCapacity(n)
        for _ in 0..<n {
            var l = PackedLine(item: Int32(get()), version: Int32(get()), count: UInt32(get()), quantity: UInt32(get()),
                               gross: Int64(get()), discount: Int64(get()), waivers: [])
            let w = Int(get())
            for _ in 0..<w { l.waivers.append(Saving(id: Int32(get()), count: UInt32(get()), saved: Int64(get()))) }
            lines.append(l)
        }
        return lines
    }
}

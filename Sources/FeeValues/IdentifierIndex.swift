/// A read-only hash index from identifiers (item codes, tier, segment, channel, reason, branch and
/// bank ids) to their position in a declared list, found from UTF-8 bytes without making a `String`:
/// the request decoder hands over byte ranges of the line, and code that holds a `String` looks it
/// up by its bytes the same way. The first declaration of an id wins, as `firstIndex` would.
package struct IdentifierIndex: @unchecked Sendable {
    /// The one allocation that holds the slots, the starts and the bytes below, freed with the
    /// last copy of the index. A lookup reads only the pointers (no reference is counted per
    /// lookup, as three arrays would be); nothing is written after `init`, hence `@unchecked`.
    @usableFromInline final class Storage {
        @usableFromInline let raw: UnsafeMutableRawPointer
        init(byteCount: Int) { raw = .allocate(byteCount: max(byteCount, 8), alignment: 8) }
        deinit { raw.deallocate() }
    }

    @usableFromInline let storage: Storage
    /// Open addressing: -1 is empty, else the position of the id in the declared list.
    @usableFromInline let slots: UnsafePointer<Int32>
    /// Id `k` is `bytes[starts[k]..<starts[k + 1]]`.
    @usableFromInline let starts: UnsafePointer<Int32>
    /// Every id's bytes, one after another.
    @usableFromInline let bytes: UnsafePointer<UInt8>
    @usableFromInline let slotMask: Int
    /// How many ids were declared (repeats included).
    package let count: Int

    /// An index of `ids` in order; a repeated id keeps its first position.
    package init<S: Sequence>(_ ids: S) where S.Element == String {
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        for id in ids {
            bytes.append(contentsOf: id.utf8)
            starts.append(Int32(bytes.count))
        }
        let count = starts.count - 1
        var capacity = 4
        while capacity < count * 2 { capacity <<= 1 }
        var slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        bytes.withUnsafeBufferPointer { all in
            for k in 0..<count {
                let key = UnsafeBufferPointer(rebasing: all[Int(starts[k])..<Int(starts[k + 1])])
                var s = Self.hash(key) & mask
                while slots[s] >= 0 {
                    let o = Int(slots[s])
                    if Self.same(key, UnsafeBufferPointer(rebasing: all[Int(starts[o])..<Int(starts[o + 1])])) { break }
                    s = (s + 1) & mask
                }
                if slots[s] < 0 { slots[s] = Int32(k) }
            }
        }
        // Laid out as slots, starts, bytes (the Int32 parts first, so each is aligned).
        let storage = Storage(byteCount: 4 * (slots.count + starts.count) + bytes.count)
        let slotsAt = storage.raw.bindMemory(to: Int32.self, capacity: slots.count + starts.count)
        slotsAt.initialize(from: slots, count: slots.count)
        (slotsAt + slots.count).initialize(from: starts, count: starts.count)
        let bytesAt = (storage.raw + 4 * (slots.count + starts.count)).bindMemory(to: UInt8.self, capacity: max(bytes.count, 1))
        bytesAt.initialize(from: bytes, count: bytes.count)
        self.storage = storage
        self.slots = UnsafePointer(slotsAt)
        self.starts = UnsafePointer(slotsAt + slots.count)
        self.bytes = UnsafePointer(bytesAt)
        self.slotMask = mask
        self.count = count
    }

    /// The position of the id spelt by `key`, or nil when it is not declared.
    @inlinable @inline(__always)
    package func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        // The storage must outlive the reads through its pointers, also once this is inlined.
        withExtendedLifetime(storage) {
            var s = Self.hash(key) & slotMask
            while true {
                let k = Int(slots[s])
                if k < 0 { return nil }
                let a = Int(starts[k]), b = Int(starts[k + 1])
                if b - a == key.count, Self.same(key, UnsafeBufferPointer(start: bytes + a, count: b - a)) { return k }
                s = (s + 1) & slotMask
            }
        }
    }

    /// The position of `id`, or nil when it is not declared.
    package func index(of id: String) -> Int? {
        if let found = id.utf8.withContiguousStorageIfAvailable({ index(of: $0) }) { return found }
        return Array(id.utf8).withUnsafeBufferPointer { index(of: $0) }
    }

    /// FNV-1a over 8-byte words, then the tail byte by byte: cheap for the short ids of a table.
    @inlinable @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let n = key.count
        var i = 0
        if let base = key.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01b3
                h ^= h >> 29
                i += 8
            }
            while i < n {
                h = (h ^ UInt64(base[i])) &* 0x0000_0100_0000_01b3
                i += 1
            }
        }
        h ^= UInt64(truncatingIfNeeded: n)
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    @inlinable @inline(__always)
    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        let ra = UnsafeRawPointer(pa), rb = UnsafeRawPointer(pb)
        let n = a.count
        var i = 0
        while i + 8 <= n {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if pa[i] != pb[i] { return false }
            i += 1
        }
        return true
    }
}

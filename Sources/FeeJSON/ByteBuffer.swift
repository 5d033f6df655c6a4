import FeeValues

/// Where escaped JSON text goes: the writer's own buffer, or an array of bytes. The escaping rule
/// (`JSONWriter.appendQuoted`) is written once against it.
package protocol ByteSink {
    /// Appends the bytes of `run`.
    mutating func put(_ run: UnsafeBufferPointer<UInt8>)
    /// Appends one byte.
    mutating func put(_ byte: UInt8)
    /// Appends `run` between double quotes (bytes that need no escape).
    mutating func put(quoted run: UnsafeBufferPointer<UInt8>)
}

extension ByteSink {
    @inline(__always)
    package mutating func put(quoted run: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "\""))
        put(run)
        put(UInt8(ascii: "\""))
    }
}

extension Array: ByteSink where Element == UInt8 {
    @inline(__always)
    package mutating func put(_ run: UnsafeBufferPointer<UInt8>) { append(contentsOf: run) }
    @inline(__always)
    package mutating func put(_ byte: UInt8) { append(byte) }
}

/// A growable run of bytes with a cheap append: the JSON writer makes hundreds of short appends
/// per document (keys, commas, short strings), where `Array.append(contentsOf:)` costs more than
/// the bytes. Value semantics by copy-on-write, like an array.
struct ByteBuffer: ByteSink, @unchecked Sendable {
    /// The memory, owned by one `Storage` and copied before a shared one is written.
    final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        func copy() -> Storage {
            let s = Storage(capacity: capacity)
            s.base.update(from: base, count: count)
            s.count = count
            return s
        }

        @inline(never)
        func grow(toHold n: Int) {
            var c = capacity * 2
            while c < n { c *= 2 }
            let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            b.update(from: base, count: count)
            base.deallocate()
            base = b
            capacity = c
        }
    }

    private var storage = Storage(capacity: 256)

    /// The bytes written so far.
    var bytes: [UInt8] { withBytes { Array($0) } }

    /// Calls `body` with the bytes written so far, in place.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withExtendedLifetime(storage) { body(UnsafeBufferPointer(start: storage.base, count: storage.count)) }
    }

    @inline(__always)
    private mutating func room(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let s = storage
        if s.count + n > s.capacity { s.grow(toHold: s.count + n) }
        let p = s.base + s.count
        s.count += n
        return p
    }

    @inline(__always)
    mutating func put(_ run: UnsafeBufferPointer<UInt8>) {
        guard let from = run.baseAddress, run.count > 0 else { return }
        let p = room(run.count)
        if run.count <= 16 {
            for k in 0..<run.count { p[k] = from[k] }
        } else {
            p.update(from: from, count: run.count)
        }
    }

    @inline(__always)
    mutating func put(_ byte: UInt8) { room(1).pointee = byte }

    @inline(__always)
    mutating func put(quoted run: UnsafeBufferPointer<UInt8>) {
        let n = run.count
        let p = room(n + 2)
        p[0] = UInt8(ascii: "\"")
        if let from = run.baseAddress {
            if n <= 16 {
                for k in 0..<n { p[1 + k] = from[k] }
            } else {
                (p + 1).update(from: from, count: n)
            }
        }
        p[n + 1] = UInt8(ascii: "\"")
    }

    /// Reserves `n` bytes, lets `body` write at most that many at their start, and keeps the
    /// number it returns.
    @inline(__always)
    mutating func put(atMost n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        let p = room(n)
        let written = body(p)
        storage.count -= n - written
    }

    @inline(__always)
    mutating func put(_ text: StaticString) {
        put(text.bytes)
    }
}

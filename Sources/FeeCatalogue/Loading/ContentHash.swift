/// A fast 128-bit keyed hash of file contents, for telling whether a tables directory is still
/// byte for byte the one a snapshot was taken of (`CatalogueSnapshot`). Two lanes of 64×64→128-bit
/// multiplications, 16 bytes a step (about one instruction per byte), keyed by a random secret
/// kept in the snapshot: not a cryptographic hash (SHA-256 costs about 25 instructions a byte,
/// more than loading the tables), but an accidental change goes unnoticed with odds of 2^-64 at
/// most, and nobody without the secret can aim for a collision.
package struct ContentHash {
    private var a: UInt64
    private var b: UInt64
    private let s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var total: UInt64 = 0

    package init(secret: [UInt64]) {
        s0 = secret[0]; s1 = secret[1]; s2 = secret[2]; s3 = secret[3]
        a = s2 ^ 0x9E37_79B9_7F4A_7C15
        b = s3 ^ 0xC2B2_AE3D_27D4_EB4F
    }

    @inline(__always)
    private static func mum(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let r = x.multipliedFullWidth(by: y)
        return r.high ^ r.low
    }

    /// Adds bytes; the caller adds each piece's length before it, so pieces cannot run together.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        var a = self.a, b = self.b
        while i + 16 <= n {
            let w0 = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let w1 = base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            a = Self.mum(w0 ^ s0, w1 ^ a)
            b = Self.mum(w1 ^ s1, w0 ^ b)
            i += 16
        }
        if i < n {
            var tail: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &tail) { t in
                t.baseAddress!.copyMemory(from: base + i, byteCount: n - i)
            }
            a = Self.mum(tail.0 ^ s0, tail.1 ^ a)
            b = Self.mum(tail.1 ^ s1, tail.0 ^ b)
        }
        self.a = a
        self.b = b
        total &+= UInt64(n)
    }

    package mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    mutating func add(_ text: String) {
        var t = text
        t.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    package mutating func add(_ value: UInt64) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { add($0) }
    }

    /// The hash as 32 lower-case hex digits.
    package var hex: String {
        let x = Self.mum(a ^ s2, total ^ s3), y = Self.mum(b ^ s3, total ^ s0)
        func h(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return h(x) + h(y)
    }
}

/// Bytes tested eight at a time in a little-endian word, for the scans that skip plain text (the
/// JSON reader's strings, the writer's escapes). Each test sets the high bit of the bytes it
/// finds; the lowest set byte is always a real find (a borrow only marks bytes above one).
enum WordScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset`.
    @inline(__always)
    static func load(_ raw: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The bytes equal to `b`.
    @inline(__always)
    static func equal(_ x: UInt64, _ b: UInt8) -> UInt64 {
        let v = x ^ (UInt64(b) &* ones)
        return (v &- ones) & ~v & highs
    }

    /// The bytes below `b` (at most 0x80): `below(x, 0x20)` finds control characters.
    @inline(__always)
    static func below(_ x: UInt64, _ b: UInt8) -> UInt64 {
        (x &- UInt64(b) &* ones) & ~x & highs
    }

    /// The bytes of 0x80 and above (UTF-8 beyond ASCII).
    @inline(__always)
    static func nonASCII(_ x: UInt64) -> UInt64 { x & highs }

    /// The offset in the word of the lowest byte a non-zero test result marks.
    @inline(__always)
    static func first(_ found: UInt64) -> Int { found.trailingZeroBitCount >> 3 }
}

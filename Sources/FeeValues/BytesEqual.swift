/// Whether `n` bytes at `a` and `b` are equal: the one byte comparison of keys, ids and codes
/// (no call into the C library for the few bytes they have).
@inline(__always)
package func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var k = 0
    while k < n {
        if a[k] != b[k] { return false }
        k += 1
    }
    return true
}

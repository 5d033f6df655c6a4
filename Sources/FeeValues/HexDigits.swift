/// Two lower-case hex digits of a byte.
package func hexByte(_ b: UInt8) -> String {
    let digits: StaticString = "0123456789abcdef"
    return digits.withUTF8Buffer { d in String(decoding: [d[Int(b >> 4)], d[Int(b & 0x0F)]], as: UTF8.self) }
}

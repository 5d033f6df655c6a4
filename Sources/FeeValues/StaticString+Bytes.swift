extension StaticString {
    /// The literal's UTF-8 bytes in place (a literal the code spells: `"{\"id\":"`), for writers
    /// that copy constant text without making an array or a `String`.
    @inlinable
    package var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}

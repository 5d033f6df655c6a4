#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FeeKit

/// Standard output and error, written as bytes straight to the file descriptors: no locale, no stdio state.
enum Console {
    static func out(_ s: String) { write(fd: 1, s) }
    static func err(_ s: String) { write(fd: 2, s) }

    static func outBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(fd: 1, $0) }
    }

    private static func write(fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { write(fd: fd, $0) }
    }

    /// Writes every byte (errors are the caller's to notice where they matter: the batch engine
    /// and the atomic file writer check them).
    static func write(fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        _ = FileDescriptorOutput.writeAll(fd, buffer)
    }
}

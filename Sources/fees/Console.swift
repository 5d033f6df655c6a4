#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Writes every byte, retrying on partial writes and interrupts.
    static func write(fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        guard var p = buffer.baseAddress else { return }
        var left = buffer.count
        while left > 0 {
            #if canImport(Glibc)
            let n = Glibc.write(fd, p, left)
            #else
            let n = Darwin.write(fd, p, left)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            p += n
            left -= n
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one loop that writes bytes to a file descriptor: every byte, retrying partial writes and
/// interrupts. Shared by the batch engine, the CLI's console and its atomic file writer.
public enum FileDescriptorOutput {
    /// Writes all of `buffer` to `fd`; 0 when done, else the `errno` that stopped it (`EPIPE`
    /// when the reader went away, `ENOSPC` on a full disk).
    public static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard var p = buffer.baseAddress else { return 0 }
        var left = buffer.count
        while left > 0 {
            #if canImport(Glibc)
            let n = Glibc.write(fd, p, left)
            #else
            let n = Darwin.write(fd, p, left)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            p += n
            left -= n
        }
        return 0
    }
}

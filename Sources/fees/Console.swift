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

    /// The first error writing standard output, if any: every command's exit status reflects it
    /// (see `main.swift`), so a full disk never passes for success.
    nonisolated(unsafe) static var outputFailure: Int32?

    /// Writes every byte; remembers the first failure on standard output.
    static func write(fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        if fd == 1, outputFailure != nil { return }
        let code = FileDescriptorOutput.writeAll(fd, buffer)
        if code != 0, fd == 1 { outputFailure = code }
    }
}

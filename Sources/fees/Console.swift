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

    /// Everything on standard input, up to its end (what a read error left unread is not there:
    /// the caller's own checks of what it read then say what is wrong).
    static func readAllStandardInput() -> [UInt8] {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            all.append(contentsOf: chunk[0..<n])
        }
        return all
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

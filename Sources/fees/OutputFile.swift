#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
import FeeKit

/// The one writer of every command's output: standard output, or a file written atomically (a
/// temporary file in the same directory, every byte checked, then a rename), so that a failure at
/// any point (a full disk, a missing directory, an error while producing the text) leaves the
/// previous file at the path untouched and no temporary file behind.
enum OutputFile {
    struct Failure: Error {
        let message: String

        /// A failure in words already written (a partial's refusal that abandons the output).
        init(message: String) { self.message = message }

        /// A failure from the command line's catalogue, in its language.
        init(_ m: CommandMessage) { message = m.text(CommandLanguage.current) }
    }

    /// Writes `text` to `path`, or to standard output when `path` is nil.
    static func write(_ text: String, to path: String?) throws(Failure) {
        try stream(to: path) { emit in emit(Array(text.utf8)) }
    }

    /// Streams what `body` emits to `path` (atomically) or standard output. `body` may throw to
    /// abandon the output; the file at `path` is then unchanged.
    static func stream(to path: String?, _ body: (_ emit: ([UInt8]) -> Void) throws(Failure) -> Void) throws(Failure) {
        guard let path else {
            var buffer: [UInt8] = []
            try body { bytes in
                buffer.append(contentsOf: bytes)
                if buffer.count > 1 << 20 { Console.outBytes(buffer); buffer.removeAll(keepingCapacity: true) }
            }
            Console.outBytes(buffer)   // a failure here is reported by main, for every command alike
            return
        }
        // A symbolic link is followed: the file it names is the one replaced (the link stays).
        var target = path
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw Failure(.outIsDanglingLink(path: path))
            }
            target = String(cString: resolved)
            free(resolved)
        }
        if stat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw Failure(.outIsDirectory(path: path))
            default:
                throw Failure(.outIsNotRegularFile(path: path))
            }
        }
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent().path
        // A missing directory on the way is made, as the README's publishing recipe expects.
        // (If it cannot be made, the file's creation below fails and says why.)
        try? makeDirectory(directory)
        // A fresh temporary name, created exclusively and never through a link planted there.
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<8 {
            temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            throw Failure(.outCannotCreate(path: path, reason: reason(errno), directory: directory))
        }
        var writeError: Int32 = 0
        var buffer: [UInt8] = []
        func flush() {
            guard writeError == 0, !buffer.isEmpty else { buffer.removeAll(keepingCapacity: true); return }
            writeError = buffer.withUnsafeBufferPointer { FileDescriptorOutput.writeAll(fd, $0) }
            buffer.removeAll(keepingCapacity: true)
        }
        do {
            try body { bytes in
                buffer.append(contentsOf: bytes)
                if buffer.count > 1 << 20 { flush() }
            }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        flush()
        if writeError == 0 && fsync(fd) != 0 { writeError = errno }
        if close(fd) != 0 && writeError == 0 { writeError = errno }
        if writeError != 0 {
            unlink(temporary)
            throw Failure(.outCannotWrite(path: path, reason: reason(writeError)))
        }
        if rename(temporary, target) != 0 {
            let why = reason(errno)
            unlink(temporary)
            throw Failure(.outCannotReplace(path: path, reason: why))
        }
    }

    /// The system's words for `code` (`strerror`): the reason every `--out` failure gives.
    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Makes `directory` and any missing directory on the way (`mkdir -p`), or says why not in the
    /// system's words (`Not a directory`, `Permission denied`), not Foundation's error numbers.
    static func makeDirectory(_ directory: String) throws(Failure) {
        var made = directory.hasPrefix("/") ? "/" : ""
        for part in directory.split(separator: "/") {
            made += (made.isEmpty || made.hasSuffix("/") ? "" : "/") + part
            if mkdir(made, 0o777) == 0 { continue }
            let code = errno
            var info = stat()
            guard code == EEXIST, stat(made, &info) == 0 else { throw Failure(.cannotCreate(path: directory, reason: reason(code))) }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw Failure(.cannotCreate(path: directory, reason: reason(ENOTDIR))) }
        }
    }

    /// `directory/name`, refusing any name that could leave the directory.
    static func file(in directory: String, name: String) throws(Failure) -> String {
        guard !name.isEmpty, !name.contains("/"), !name.contains("\\"), name != ".", name != "..", !name.hasPrefix(".") else {
            throw Failure(.outNameLeaves(name: name, directory: directory))
        }
        let base = URL(fileURLWithPath: directory).standardizedFileURL.path
        let full = URL(fileURLWithPath: base).appendingPathComponent(name).standardizedFileURL.path
        guard full.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            throw Failure(.outNameResolvesOutside(name: name, directory: directory))
        }
        return full
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import FeeKit

/// Writes command output to standard output or to a file, atomically: a temporary file in the same
/// directory, then a rename, so an interrupted run leaves the previous file intact.
enum OutputFile {
    struct Failure: Error { let message: String }

    static func write(_ text: String, to path: String?) throws(Failure) {
        guard let path else {
            Console.out(text)
            return
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw Failure(message: "cannot write '\(path)': check that the directory '\(directory)' exists and is writable")
        }
        if rename(temporary, path) != 0 {
            unlink(temporary)
            throw Failure(message: "cannot replace '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// `directory/name`, refusing any name that could leave the directory.
    static func file(in directory: String, name: String) throws(Failure) -> String {
        guard !name.isEmpty, !name.contains("/"), !name.contains("\\"), name != ".", name != "..", !name.hasPrefix(".") else {
            throw Failure(message: "refusing the file name '\(name)': it could leave '\(directory)'")
        }
        let base = URL(fileURLWithPath: directory).standardizedFileURL.path
        let full = URL(fileURLWithPath: base).appendingPathComponent(name).standardizedFileURL.path
        guard full.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            throw Failure(message: "refusing '\(name)': it resolves outside '\(directory)'")
        }
        return full
    }
}

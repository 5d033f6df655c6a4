import CEpoll   // struct stat's timespec comes through the shim's system headers
#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Notices when the tables change: a signature of every file under the directory (path, size
/// and modification time), compared at each poll.
public struct TableWatcher: Sendable {
    /// The tables directory.
    public let directory: String
    private var last: [String]

    /// A watcher that takes the current files as the starting point.
    public init(directory: String) {
        self.directory = directory
        last = Self.signature(directory)
    }

    /// Every file's path, size and modification time, sorted.
    static func signature(_ directory: String) -> [String] {
        var lines: [String] = []
        for path in entries(under: directory) {
            let full = directory + "/" + path
            var info = stat()
            guard stat(full, &info) == 0 else { continue }
            lines.append("\(path) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)")
        }
        return lines.sorted()
    }

    /// Every entry under `directory`, as paths relative to it, sub-directories walked (links to
    /// directories listed, not followed).
    static func entries(under directory: String, prefix: String = "") -> [String] {
        guard let dir = opendir(prefix.isEmpty ? directory : directory + "/" + prefix) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            if name == "." || name == ".." { continue }
            let path = prefix.isEmpty ? name : prefix + "/" + name
            out.append(path)
            var info = stat()
            if lstat(directory + "/" + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                out += entries(under: directory, prefix: path)
            }
        }
        return out
    }

    /// Whether anything changed since the last call (or the start).
    public mutating func changed() -> Bool {
        let now = Self.signature(directory)
        defer { last = now }
        return now != last
    }
}

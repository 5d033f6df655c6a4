import CEpoll   // struct stat's timespec comes through the shim's system headers
#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import FeeKit

/// Notices when the tables change: the signature of every file under the directory (its path
/// and what `FileSignature` says of it: size, inode, modification and change times, the same
/// test of "changed" as a teller's snapshot), compared at each poll.
public struct TableWatcher: Sendable {
    /// The tables directory.
    public let directory: String
    private var last: [String]

    /// A watcher that takes the current files as the starting point.
    public init(directory: String) {
        self.directory = directory
        last = Self.signature(directory)
    }

    /// Every entry's path and signature (a directory's path alone), sorted.
    static func signature(_ directory: String) -> [String] {
        var lines: [String] = []
        for path in entries(under: directory) {
            let signature: String = FileSignature(path: directory + "/" + path)?.text ?? "-"
            lines.append(path + " " + signature)
        }
        return lines.sorted()
    }

    /// Every entry under `directory`, as paths relative to it, sub-directories walked (links to
    /// directories listed, not followed), each listed by the loader's one listing.
    static func entries(under directory: String, prefix: String = "") -> [String] {
        var out: [String] = []
        for name in CatalogueLoader.names(in: prefix.isEmpty ? directory : directory + "/" + prefix) {
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

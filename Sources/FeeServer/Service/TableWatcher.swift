import CEpoll   // struct stat's timespec comes through the shim's system headers
import Foundation

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
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: directory) else { return [] }
        var lines: [String] = []
        while let path = walker.nextObject() as? String {
            let full = directory + "/" + path
            var info = stat()
            guard stat(full, &info) == 0 else { continue }
            lines.append("\(path) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)")
        }
        return lines.sorted()
    }

    /// Whether anything changed since the last call (or the start).
    public mutating func changed() -> Bool {
        let now = Self.signature(directory)
        defer { last = now }
        return now != last
    }
}

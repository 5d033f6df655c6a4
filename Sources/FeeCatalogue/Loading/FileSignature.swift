#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// What `stat` says of a file that changes whenever its bytes do: its device, inode, size, and
/// its modification and change times to the nanosecond. The change time is set by the system on
/// every write and cannot be set back by any program (short of resetting the system clock), so
/// a file with the same signature as when it was read still holds the bytes read, unless it was
/// written within moments of being read (the file system's clock may be coarse): such a
/// signature is "racy" and is not trusted.
package struct FileSignature: Equatable {
    /// A time as the file system gives it.
    package struct Time: Comparable {
        /// Whole seconds since 1970 (UTC).
        package let seconds: Int
        /// The nanoseconds within the second.
        package let nanoseconds: Int

        init(_ t: timespec) {
            seconds = Int(t.tv_sec)
            nanoseconds = Int(t.tv_nsec)
        }

        /// The time `seconds` and `nanoseconds` after 1970 (a test's "later").
        package init(seconds: Int, nanoseconds: Int) {
            self.seconds = seconds
            self.nanoseconds = nanoseconds
        }

        /// Whether `a` is before `b`.
        package static func < (a: Time, b: Time) -> Bool {
            a.seconds != b.seconds ? a.seconds < b.seconds : a.nanoseconds < b.nanoseconds
        }
    }

    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: Time
    let changed: Time

    /// How long before a load began a file must have last changed for its signature to be
    /// trusted: more than the coarsest file-system clock (two seconds on FAT).
    static let racyMargin = 3

    /// The signature of a regular file (links followed), or nil.
    package init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(st)
    }

    /// The signature `stat` or `fstat` gave.
    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modified = Time(st.st_mtim)
        changed = Time(st.st_ctim)
    }

    /// The time now, on the clock file times are set by.
    package static func now() -> Time {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Time(t)
    }

    /// This signature when the file last changed well before `started`, else nil (racy: it may
    /// have changed after it was read without its times saying so).
    func unlessRacy(since started: Time) -> FileSignature? {
        let limit = Time(seconds: started.seconds - Self.racyMargin, nanoseconds: started.nanoseconds)
        return changed < limit && modified < limit ? self : nil
    }

    /// The signature as a snapshot records it, and as `fees serve --watch` compares it (one word).
    package var text: String {
        "\(size):\(inode):\(device):\(modified.seconds).\(modified.nanoseconds):\(changed.seconds).\(changed.nanoseconds)"
    }
}

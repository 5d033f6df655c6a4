#if canImport(Glibc)
import Glibc
#endif
import FeeKit

/// The access log: one JSON line per answer, written by each loop at the end of its turn. It holds
/// the route template, never the path's query or the body: no customer data (Docs/SERVE.md).
final class AccessLog: @unchecked Sendable {
    /// The file descriptor written to, or nil when the log is off.
    let fd: Int32?
    private var buffer: [UInt8] = []

    init(fd: Int32?) { self.fd = fd }

    /// The line of one record (without the time, which the shell adds).
    static func line(_ r: RequestRecord, time: String) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("time", time)
        w.field("remote", r.remote)
        w.field("method", r.method.description.count <= 16 ? r.method.description : "other")
        w.field("route", r.route)
        w.field("status", r.status)
        w.field("bytes_in", r.bytesIn)
        w.field("bytes_out", r.bytesOut)
        w.key("ms"); w.raw(Array(String(Double(Int(r.seconds * 1_000_000)) / 1000).utf8))
        if let lines = r.lines {
            w.field("lines", lines.answered)
            w.field("line_errors", lines.errors)
        }
        w.endObject()
        return w.bytes + [0x0A]
    }

    func add(_ r: RequestRecord) {
        guard fd != nil else { return }
        buffer.append(contentsOf: Self.line(r, time: WallClock.timestamp()))
    }

    /// Writes what was buffered (one write per loop turn).
    func flush() {
        guard let fd, !buffer.isEmpty else { return }
        _ = buffer.withUnsafeBufferPointer { FileDescriptorOutput.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

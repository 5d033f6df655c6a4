#if canImport(Glibc)
import Glibc
#endif
import CEpoll   // timespec comes through the shim's system headers
import FeeKit

/// The wall clock, read only by the server's shell: log times, reload times, and today's date
/// for requests that give none.
public enum WallClock {
    /// Now in UTC as `2026-12-02T01:02:03.456Z`.
    public static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var tm = tm()
        gmtime_r(&t, &tm)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(Int(tm.tm_year) + 1900, 4))-\(pad(Int(tm.tm_mon) + 1, 2))-\(pad(Int(tm.tm_mday), 2))T\(pad(Int(tm.tm_hour), 2)):\(pad(Int(tm.tm_min), 2)):\(pad(Int(tm.tm_sec), 2)).\(pad(Int(ts.tv_nsec / 1_000_000), 3))Z"
    }

    /// Today in the local calendar (as the command line's `--date` default).
    public static func today() -> CalendarDate {
        var t = time(nil)
        var tm = tm()
        localtime_r(&t, &tm)
        return CalendarDate(year: Int(tm.tm_year) + 1900, month: Int(tm.tm_mon) + 1, day: Int(tm.tm_mday)) ?? CalendarDate("1970-01-01")!
    }
}

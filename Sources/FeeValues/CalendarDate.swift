/// A day in the bank's local calendar (`YYYY-MM-DD`), with no time and no time zone (spec §1.2).
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Year, month and day in one integer (`year << 9 | month << 5 | day`): four bytes, and
    /// dates compare as integers (a quote compares several, and copies the request's).
    @usableFromInline let packed: UInt32

    /// The year, 1…9999.
    public var year: Int { Int(packed >> 9) }
    /// The month, 1…12.
    public var month: Int { Int((packed >> 5) & 0xF) }
    /// The day of the month, 1…31 as the month allows.
    public var day: Int { Int(packed & 0x1F) }

    /// Creates a date if it exists in the proleptic Gregorian calendar (years 1…9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        packed = UInt32(year) << 9 | UInt32(month) << 5 | UInt32(day)
    }

    /// Parses exactly `YYYY-MM-DD`; nothing else is a date.
    public init?(_ text: String) {
        var text = text
        guard let d = text.withUTF8({ CalendarDate(utf8: $0) }) else { return nil }
        self = d
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
    public init?(utf8 b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, let p = b.baseAddress, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        // Each digit's value; a byte that is not a digit gives 10 or more (the subtraction wraps).
        @inline(__always) func digit(_ i: Int) -> UInt8 { p[i] &- 0x30 }
        let y0 = digit(0), y1 = digit(1), y2 = digit(2), y3 = digit(3), m0 = digit(5), m1 = digit(6), d0 = digit(8), d1 = digit(9)
        guard max(y0, y1, y2, y3, m0, m1, d0, d1) < 10 else { return nil }
        let year = ((Int(y0) * 10 + Int(y1)) * 10 + Int(y2)) * 10 + Int(y3)
        self.init(year: year, month: Int(m0) * 10 + Int(m1), day: Int(d0) * 10 + Int(d1))
    }

    /// Whether `year` is a leap year of the Gregorian calendar.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days of `month` in `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Howard Hinnant's days-from-civil algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01, if within years 1…9999.
    public init?(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: y, month: m, day: d)
    }

    /// The date `days` later (earlier when negative), if it exists.
    public func adding(days: Int) -> CalendarDate? {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// Earlier dates come first.
    @inlinable
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.packed < rhs.packed
    }

    /// `YYYY-MM-DD` (the year is 1…9999 by construction, so always four digits).
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { out in write(into: out.baseAddress!) }
    }

    /// Writes the ten bytes of `description` at `out` (the one formatter of dates, for text and
    /// for JSON written byte by byte); returns 10.
    @discardableResult
    package func write(into out: UnsafeMutablePointer<UInt8>) -> Int {
        func two(_ v: Int, at k: Int) {
            out[k] = UInt8(truncatingIfNeeded: v / 10) &+ 0x30
            out[k + 1] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
        }
        two(year / 100, at: 0)
        two(year % 100, at: 2)
        out[4] = UInt8(ascii: "-")
        two(month, at: 5)
        out[7] = UInt8(ascii: "-")
        two(day, at: 8)
        return 10
    }
}

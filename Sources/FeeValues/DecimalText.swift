/// Why a string is not an acceptable decimal.
public enum DecimalTextError: Error, Sendable, Equatable {
    /// Not `[0-9]+(\.[0-9]+)?`: a sign, exponent, space, separator or other character.
    case notDecimal
    /// More fractional digits than allowed, as written (`"1.230"` has three).
    case tooManyFractionDigits(allowed: Int)
    /// Beyond what is computed exactly.
    case tooLarge
}

/// Exact decimal strings of spec §6: ASCII digits with an optional `.` and a digit on each side.
public enum DecimalText {
    /// Parses `text` into an integer scaled by 10^`scale`.
    public static func parse(_ text: String, scale: Int) -> Result<Int128, DecimalTextError> {
        if let result = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0, scale: scale) }) {
            return result
        }
        return Array(text.utf8).withUnsafeBufferPointer { parse(bytes: $0, scale: scale) }
    }

    /// Parses raw ASCII bytes into an integer scaled by 10^`scale`.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, scale: Int) -> Result<Int128, DecimalTextError> {
        var value: Int128 = 0
        var i = 0
        var intDigits = 0
        var significant = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            let d = Int128(bytes[i] - 0x30)
            if significant > 0 || d != 0 { significant += 1 }
            // Past 30 significant digits keep reading, so that a malformed text is still
            // `notDecimal` rather than `tooLarge`; stop accumulating before Int128 overflows.
            if significant <= 30 { value = value * 10 + d }
            intDigits += 1
            i += 1
        }
        guard intDigits > 0 else { return .failure(.notDecimal) }
        var fracDigits = 0
        if i < bytes.count {
            guard bytes[i] == UInt8(ascii: ".") else { return .failure(.notDecimal) }
            i += 1
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                fracDigits += 1
                if fracDigits <= scale { value = value * 10 + Int128(bytes[i] - 0x30) }
                i += 1
            }
            guard fracDigits > 0, i == bytes.count else { return .failure(.notDecimal) }
            if fracDigits > scale { return .failure(.tooManyFractionDigits(allowed: scale)) }
        }
        if significant > 30 { return .failure(.tooLarge) }
        for _ in fracDigits..<scale { value *= 10 }
        return .success(value)
    }

    /// Formats a non-negative scaled integer with exactly `scale` fractional digits,
    /// optionally grouping the integer part in threes with commas.
    public static func format(_ value: Int128, scale: Int, grouping: Bool) -> String {
        text(value, scale: scale, grouping: grouping, trimmed: false)
    }

    /// The longest text `write` makes for `scale`: a sign, 39 digits (or scale + 1), 12 commas, a point.
    package static func maxLength(scale: Int) -> Int { 54 + max(0, scale) }

    private static func text(_ value: Int128, scale: Int, grouping: Bool, trimmed: Bool) -> String {
        String(unsafeUninitializedCapacity: maxLength(scale: scale)) { out in
            write(value, scale: scale, grouping: grouping, trimmed: trimmed, into: out.baseAddress!)
        }
    }

    /// The one formatter of scaled integers, behind `format`, `formatTrimmed` and the answer
    /// encoder's money: writes at most `maxLength(scale:)` bytes at `out` and returns how many.
    /// Exactly `scale` fractional digits (trailing zeros dropped when `trimmed`), the integer part
    /// grouped by three with commas when `grouping`.
    @inline(__always)
    package static func write(_ value: Int128, scale: Int, grouping: Bool, trimmed: Bool, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let scale = max(0, scale)
        let magnitude = value.magnitude
        if !grouping && !trimmed && magnitude <= UInt128(UInt64.max) {
            // Every answer's money (exactly `scale` fractional digits, no separators): the length
            // is known from the digit count, so the digits go straight to their places, last first.
            var v = UInt64(magnitude)
            var digits = 1
            var power: UInt64 = 10
            while v >= power {
                digits += 1
                if digits == 20 { break }
                power &*= 10
            }
            let intCount = Swift.max(1, digits - scale)
            let length = (value < 0 ? 1 : 0) + intCount + (scale > 0 ? scale + 1 : 0)
            var p = out + length
            for _ in 0..<scale {
                p -= 1
                p.pointee = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            }
            if scale > 0 { p -= 1; p.pointee = UInt8(ascii: ".") }
            for _ in 0..<intCount {
                p -= 1
                p.pointee = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            }
            if value < 0 { p -= 1; p.pointee = UInt8(ascii: "-") }
            return length
        }
        return writeGeneral(value, scale: scale, grouping: grouping, trimmed: trimmed, into: out)
    }

    /// `write` with separators, trimmed zeros or more than 64 bits (kept apart, so that the
    /// common case sets up no digit buffer).
    @inline(never)
    private static func writeGeneral(_ value: Int128, scale: Int, grouping: Bool, trimmed: Bool, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var magnitude = value.magnitude
        // Least significant digit first; at least scale + 1 digits (a leading "0." when needed).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40 + scale) { digits in
            var n = 0
            if magnitude <= UInt128(UInt64.max) {
                var v = UInt64(magnitude)
                repeat {
                    digits[n] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                    v /= 10
                    n += 1
                } while v > 0
            } else {
                repeat {
                    digits[n] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                    magnitude /= 10
                    n += 1
                } while magnitude > 0
            }
            while n <= scale { digits[n] = 0x30; n += 1 }
            var fracStart = 0  // digits[fracStart..<scale] are the fractional digits kept
            if trimmed { while fracStart < scale && digits[fracStart] == 0x30 { fracStart += 1 } }
            let intCount = n - scale
            var k = 0
            if value < 0 { out[k] = UInt8(ascii: "-"); k += 1 }
            for i in 0..<intCount {
                if grouping && i > 0 && (intCount - i) % 3 == 0 { out[k] = UInt8(ascii: ","); k += 1 }
                out[k] = digits[n - 1 - i]
                k += 1
            }
            if fracStart < scale {
                out[k] = UInt8(ascii: ".")
                k += 1
                var d = scale - 1
                while d >= fracStart { out[k] = digits[d]; k += 1; d -= 1 }
            }
            return k
        }
    }

    /// Formats a scaled integer with trailing fractional zeros removed (`0.00500000` → `"0.005"`).
    public static func formatTrimmed(_ value: Int128, scale: Int) -> String {
        text(value, scale: scale, grouping: false, trimmed: true)
    }
}

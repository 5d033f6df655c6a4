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
        let negative = value < 0
        var digits = Array(String(negative ? -value : value).utf8)
        while digits.count <= scale { digits.insert(UInt8(ascii: "0"), at: 0) }
        let intPart = digits[0..<(digits.count - scale)]
        let fracPart = digits[(digits.count - scale)...]
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if grouping {
            for (k, d) in intPart.enumerated() {
                if k > 0 && (intPart.count - k) % 3 == 0 { out.append(UInt8(ascii: ",")) }
                out.append(d)
            }
        } else {
            out.append(contentsOf: intPart)
        }
        if scale > 0 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: fracPart)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Formats a scaled integer with trailing fractional zeros removed (`0.00500000` → `"0.005"`).
    public static func formatTrimmed(_ value: Int128, scale: Int) -> String {
        var s = format(value, scale: scale, grouping: false)
        if scale > 0 {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}

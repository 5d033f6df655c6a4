/// Percent-decoding of paths and query strings (RFC 3986 §2.1; `+` is a space in a query, as
/// HTML forms send it). A decoded text must be UTF-8.
public enum PercentDecoding {
    /// The text of `encoded` with `%XX` (and, for a query, `+`) decoded; nil when an escape is
    /// malformed or the bytes are not UTF-8.
    public static func decode(_ encoded: Substring, plusIsSpace: Bool) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.utf8.count)
        var it = encoded.utf8.makeIterator()
        while let b = it.next() {
            switch b {
            case 0x25:
                guard let h = it.next().flatMap(hex), let l = it.next().flatMap(hex) else { return nil }
                bytes.append(h << 4 | l)
            case 0x2B where plusIsSpace: bytes.append(0x20)
            default: bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// The decoded segments of a path (`/v1/items/card.reissue` → `["v1", "items", "card.reissue"]`);
    /// nil when one cannot be decoded.
    public static func segments(_ path: String) -> [String]? {
        var out: [String] = []
        for s in path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            guard let d = decode(s, plusIsSpace: false) else { return nil }
            out.append(d)
        }
        return out
    }

    /// The parameters of a query string in order, names and values decoded; nil when one cannot
    /// be decoded. `a=1&b=&c` gives `[("a","1"), ("b",""), ("c","")]`.
    public static func parameters(_ query: String) -> [(name: String, value: String)]? {
        var out: [(name: String, value: String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0], plusIsSpace: true),
                  let value = parts.count > 1 ? decode(parts[1], plusIsSpace: true) : "" else { return nil }
            out.append((name, value))
        }
        return out
    }
}

import FeeValues

/// Why what a teller typed as an amount is not taken as one.
public enum TellerAmountError: Error, Sendable, Equatable {
    /// Not a number at all.
    case notAnAmount
    /// Separators in places that make the amount ambiguous (`50.000,00`, `50,000,0`); the
    /// reading that was probably meant, for the teller to confirm by typing it.
    case misplacedSeparators(didYouMean: String)
}

/// What tellers type, turned into what the calculator reads: `50000`, `50,000.00`, `5万`,
/// `¥1.2万`, `１００` (full-width digits from a Chinese input method).
public enum TellerInput {
    /// A plain decimal amount string (spec §6) from teller input. Accepted: a currency sign or
    /// word (¥ ￥ 元 CNY RMB), full-width digits and punctuation, thousands separators in
    /// groups of three before the decimal point only, and one multiplier 千 (10^3), 万 (10^4) or
    /// 亿 (10^8) at the end. The multiplier moves the decimal point in the text, so no size can
    /// overflow here: an amount too large to quote exactly is the calculator's `overflow`.
    public static func amount(_ text: String) -> Result<String, TellerAmountError> {
        var chars: [Character] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: chars.append(Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!))  // ０-９
            case 0xFF0E: chars.append(".")  // ．
            case 0xFF0C: chars.append(",")  // ，
            default: chars.append(Character(scalar))
            }
        }
        var s = String(String(chars).trimmingSpaces)
        // A currency sign or word before or after the number, never inside it: "3元5" is not 35.
        let signs = ["人民币", "CNY", "RMB", "¥", "￥", "元"]
        for sign in signs where s.hasPrefix(sign) { s.removeFirst(sign.count); s = String(s.trimmingSpaces); break }
        for sign in signs where s.hasSuffix(sign) { s.removeLast(sign.count); s = String(s.trimmingSpaces); break }
        var exponent = 0
        if let last = s.last, let e = multiplierExponent(last) {
            exponent = e
            s.removeLast()
            s = String(s.trimmingSpaces)
            for sign in signs where s.hasPrefix(sign) { s.removeFirst(sign.count); s = String(s.trimmingSpaces); break }
        }
        // "3元5" is said for ¥3.50: offer that reading, never take the digits as one number.
        let parts = s.split(separator: "元", omittingEmptySubsequences: false)
        let digitsOnly = { (p: Substring) in !p.isEmpty && p.allSatisfy { $0.isASCII && $0.isNumber } }
        if parts.count == 2, digitsOnly(parts[0]), parts[0].count <= 18, let yuan = Int(parts[0]), parts[1].count <= 2, digitsOnly(parts[1]) {
            let jiao = parts[1].count == 1 ? parts[1] + "0" : parts[1]
            return .failure(.misplacedSeparators(didYouMean: "\(yuan).\(jiao)"))
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) else { return .failure(.notAnAmount) }
        let plain: String
        switch ungrouped(s) {
        case .success(let p): plain = p
        case .failure(let e): return .failure(e)
        }
        let halves = plain.split(separator: ".", omittingEmptySubsequences: false)
        guard halves.count <= 2, halves.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return .failure(.notAnAmount) }
        return .success(shiftPoint(plain, by: exponent))
    }

    /// The power of ten a multiplier character stands for (a switch, not a dictionary: a teller's
    /// quote would pay for making the dictionary's type on every start).
    static func multiplierExponent(_ c: Character) -> Int? {
        switch c {
        case "千": return 3
        case "万": return 4
        case "亿": return 8
        default: return nil
        }
    }

    /// The digits without thousands separators, when the separators are in groups of three
    /// before the decimal point; otherwise the reading that was probably meant.
    static func ungrouped(_ s: String) -> Result<String, TellerAmountError> {
        // Every separator stands between digits: "5.", ".5", "5..0" are not amounts.
        let isSeparator: (Character) -> Bool = { $0 == "," || $0 == "." }
        if isSeparator(s.first!) || isSeparator(s.last!) || zip(s, s.dropFirst()).contains(where: { isSeparator($0) && isSeparator($1) }) {
            return .failure(.notAnAmount)
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        if !s.contains(",") { return parts.count <= 2 ? .success(s) : .failure(guess(s)) }
        guard parts.count <= 2, !(parts.count == 2 && parts[1].contains(",")) else { return .failure(guess(s)) }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
            return .failure(guess(s))
        }
        return .success(groups.joined() + (parts.count == 2 ? "." + parts[1] : ""))
    }

    /// Reads the last separator followed by other than three digits as the decimal point and
    /// every other separator as grouping: `50.000,00` → 50,000.00, `50,000,0` → 50,000.00.
    private static func guess(_ s: String) -> TellerAmountError {
        let separators = s.indices.filter { s[$0] == "," || s[$0] == "." }
        var integer = s.filter(\.isNumber), fraction = ""
        // Digits grouped by four with commas ("5,0000", "1,2345,6789") are the Chinese way of
        // grouping by 万: read them as one whole number.
        let groups = s.split(separator: ",", omittingEmptySubsequences: false)
        let myriad = !s.contains(".") && groups.count > 1 && groups.dropFirst().allSatisfy { $0.count == 4 } && (1...4).contains(groups[0].count)
        if let last = separators.last, !myriad {
            let tail = s[s.index(after: last)...]
            if tail.count != 3 {
                integer = s[..<last].filter(\.isNumber)
                fraction = String(tail)
            }
        }
        let trimmed = String(integer.drop { $0 == "0" })
        let digits = trimmed.isEmpty ? "0" : trimmed
        var grouped = ""
        for (k, d) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { grouped.append(",") }
            grouped.append(d)
        }
        while fraction.count < 2 { fraction.append("0") }
        return .misplacedSeparators(didYouMean: grouped + "." + fraction)
    }

    /// `digits` × 10^`exponent`, written as a plain decimal without leading zeros.
    static func shiftPoint(_ plain: String, by exponent: Int) -> String {
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0]), fraction = parts.count == 2 ? String(parts[1]) : ""
        for _ in 0..<exponent {
            integer.append(fraction.isEmpty ? "0" : fraction.removeFirst())
        }
        // Fractional digits stay as typed (after the multiplier moved the point): "50.000" has
        // three, which the calculator refuses in a 2-digit currency instead of reading 50.
        let trimmed = String(integer.drop { $0 == "0" })
        integer = trimmed.isEmpty ? "0" : trimmed
        return fraction.isEmpty ? integer : integer + "." + fraction
    }

    /// A whole number as a teller types it (`65`, `６５`), or nil.
    public static func wholeNumber(_ text: String) -> Int? {
        let ascii = String(text.trimmingSpaces.unicodeScalars.map { s -> Character in
            (0xFF10...0xFF19).contains(s.value) ? Character(Unicode.Scalar(s.value - 0xFF10 + 0x30)!) : Character(s)
        })
        return Int(ascii)
    }

    /// What a typed term resolved to.
    public enum Resolution: Sendable, Equatable {
        /// The one id the text names.
        case found(String)
        /// The ids of every term the text could name.
        case ambiguous([String])
        /// No term; the caller passes the text on, so the calculator names the declared ids.
        case notFound
    }

    /// Resolves an id, or a name in any language (exact, ignoring case and spaces; else the one
    /// name that contains the text), to the id of one term.
    public static func resolve(_ text: String, in terms: [NamedEntry]) -> Resolution {
        if terms.contains(where: { $0.id == text }) { return .found(text) }
        let wanted = normalized(text)
        guard !wanted.isEmpty else { return .notFound }
        let exact = terms.filter { $0.id.lowercased() == wanted || $0.name.translations.contains { normalized($0.text) == wanted } }
        if exact.count == 1 { return .found(exact[0].id) }
        if exact.count > 1 { return .ambiguous(exact.map(\.id)) }
        // A part of a name counts only when it says something: two characters or more, and for
        // Latin text the start of a word ("Priv" for "Private banking"; never a lone "e").
        guard wanted.count >= 2 else { return .notFound }
        let latin = wanted.unicodeScalars.allSatisfy(\.isASCII)
        let partial = terms.filter { term in
            term.name.translations.contains { t in
                guard latin else { return normalized(t.text).contains(wanted) }
                let words = t.text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                return words.contains { $0.hasPrefix(wanted) } || normalized(t.text).hasPrefix(wanted)
            }
        }
        if partial.count == 1 { return .found(partial[0].id) }
        if partial.count > 1 { return .ambiguous(partial.map(\.id)) }
        return .notFound
    }

    private static func normalized(_ s: String) -> String {
        String(s.lowercased().filter { $0 != " " && $0 != "\u{3000}" })
    }
}

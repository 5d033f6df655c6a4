import FeeValues

/// The two languages our own texts (explanations, notices, price words) are written in.
public enum TextLanguage: Sendable, Hashable {
    /// Simplified Chinese (zh-Hans), for any `zh` tag.
    case chinese
    /// English, for every other tag.
    case english

    /// Chinese for any `zh` tag, English otherwise.
    public init(tag: String) {
        self = tag == "zh" || tag.hasPrefix("zh-") ? .chinese : .english
    }

    /// The hint after a name that is not known: `（是否要找 'check'？）`, ` (did you mean 'check'?)`;
    /// empty when there is no near name. One home for every catalogue's suggestion.
    package func didYouMean(_ nearest: String?) -> String {
        guard let nearest else { return "" }
        return self == .chinese ? "（是否要找 '\(nearest)'？）" : " (did you mean '\(nearest)'?)"
    }

    /// Picks the text for this language; only that text is built (an explanation or a receipt
    /// writes dozens of interpolated sentences, and building both languages doubled their cost).
    @inlinable @inline(__always)
    public func pick(_ zh: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String {
        self == .chinese ? zh() : en()
    }
}

/// Money for people: thousands separators, the currency's minor digits, and the currency's sign
/// (`¥1,234.50` in English, `1,234.50 元` in Chinese); never locale-dependent.
public struct MoneyText: Sendable {
    /// The currency whose minor digits, sign or name the text uses.
    public let currency: Currency
    /// The language that places the sign: `¥1,234.50` in English, `1,234.50 元` in Chinese.
    public let language: TextLanguage

    /// Text for amounts of `currency` in `language`.
    public init(currency: Currency, language: TextLanguage) {
        self.currency = currency
        self.language = language
    }

    /// `m` grouped in thousands with the currency's minor digits and sign; an unknown currency by its code.
    public func callAsFunction(_ m: Money) -> String {
        let n = m.groupedText(minorDigits: currency.minorDigits)
        switch language {
        case .chinese:
            switch currency.code {
            case "CNY": return "\(n) 元"
            case "USD": return "\(n) 美元"
            case "HKD": return "\(n) 港元"
            case "EUR": return "\(n) 欧元"
            case "GBP": return "\(n) 英镑"
            case "JPY": return "\(n) 日元"
            default: return "\(n) \(currency.code)"
            }
        case .english:
            switch currency.code {
            case "CNY": return "¥\(n)"
            case "USD": return "$\(n)"
            case "EUR": return "€\(n)"
            case "GBP": return "£\(n)"
            case "HKD": return "HK$\(n)"
            case "JPY": return "JP¥\(n)"
            default: return "\(currency.code) \(n)"
            }
        }
    }
}

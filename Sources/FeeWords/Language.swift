import FeeValues

/// The two languages our own texts (explanations, notices, price words) are written in.
public enum TextLanguage: Sendable, Hashable {
    case chinese
    case english

    /// Chinese for any `zh` tag, English otherwise.
    public init(tag: String) {
        self = tag == "zh" || tag.hasPrefix("zh-") ? .chinese : .english
    }

    /// Picks the text for this language.
    @inline(__always)
    public func pick(_ zh: String, _ en: String) -> String {
        self == .chinese ? zh : en
    }
}

/// Money for people: thousands separators, the currency's minor digits, and the currency's sign
/// (`¥1,234.50` in English, `1,234.50 元` in Chinese); never locale-dependent.
public struct MoneyText: Sendable {
    public let currency: Currency
    public let language: TextLanguage

    public init(currency: Currency, language: TextLanguage) {
        self.currency = currency
        self.language = language
    }

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

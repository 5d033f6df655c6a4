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
    /// What goes before and after the digits, chosen once (an explanation writes several amounts).
    private let prefix: String
    private let suffix: String

    /// Text for amounts of `currency` in `language`.
    public init(currency: Currency, language: TextLanguage) {
        self.currency = currency
        self.language = language
        switch language {
        case .chinese:
            prefix = ""
            switch currency.code {
            case "CNY": suffix = " 元"
            case "USD": suffix = " 美元"
            case "HKD": suffix = " 港元"
            case "EUR": suffix = " 欧元"
            case "GBP": suffix = " 英镑"
            case "JPY": suffix = " 日元"
            default: suffix = " \(currency.code)"
            }
        case .english:
            suffix = ""
            switch currency.code {
            case "CNY": prefix = "¥"
            case "USD": prefix = "$"
            case "EUR": prefix = "€"
            case "GBP": prefix = "£"
            case "HKD": prefix = "HK$"
            case "JPY": prefix = "JP¥"
            default: prefix = "\(currency.code) "
            }
        }
    }

    /// `m` grouped in thousands with the currency's minor digits and sign; an unknown currency by its code.
    public func callAsFunction(_ m: Money) -> String {
        prefix + m.groupedText(minorDigits: currency.minorDigits) + suffix
    }
}

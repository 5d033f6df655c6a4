/// What tellers type, turned into what the calculator reads: `50000`, `50,000.00`, `5万`, `¥1.2万`.
public enum TellerInput {
    /// A decimal amount string from teller input: thousands separators, a currency sign and the
    /// Chinese multipliers 千 (10^3), 万 (10^4) and 亿 (10^8) are accepted; nil when it is not a number.
    public static func amount(_ text: String) -> String? {
        var s = text.trimmingSpaces.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        for sign in ["¥", "￥", "元", "CNY", "RMB"] { s = s.replacingOccurrences(of: sign, with: "") }
        s = String(s.trimmingSpaces)
        var exponent = 0
        if let last = s.last {
            switch last {
            case "千": exponent = 3
            case "万": exponent = 4
            case "亿": exponent = 8
            default: break
            }
            if exponent > 0 { s.removeLast() }
        }
        guard !s.isEmpty, case .success(let scaled) = DecimalText.parse(String(s.trimmingSpaces), scale: 8) else { return nil }
        // scaled is the value × 10^8; the amount is value × 10^exponent.
        return DecimalText.formatTrimmed(scaled * pow10(exponent), scale: 8)
    }
}

import FeeValues

/// Prices in plain words, the one renderer shared by quotes, explanations and notices:
/// "免费 / Free", "每笔 5.00 元 / ¥5.00 per transfer", "按金额 0.5% 收取，最低 1.00 元，最高 50.00 元".
public struct PriceWords: Sendable {
    /// The version whose currency, rounding and waivers the words use.
    public let table: FeeTable
    /// The language tag the words are written in; item names and units are chosen by it too.
    public let tag: String
    /// The language `tag` selects: Chinese for any `zh` tag, English otherwise.
    public let language: TextLanguage
    let money: MoneyText

    /// Words for prices of `table` in the language `tag` (item units come from the table).
    public init(table: FeeTable, tag: String) {
        self.table = table
        self.tag = tag
        self.language = TextLanguage(tag: tag)
        self.money = MoneyText(currency: table.currency, language: language)
    }

    /// The item's price: "暂免" when an unconditional full waiver covers it, "免费" when free,
    /// else its formula; bands as one line each, made by `band` from the band's range and price
    /// (notices pass `DocBands.line`, to show them as a small table).
    public func price(of item: FeeItem, band: ((String, String) -> String)? = nil) -> [String] {
        if FeeComparison.isAlwaysFree(item.fee, rounding: table.rounding, minorDigits: table.currency.minorDigits) {
            return [language.pick("免费", "Free")]
        }
        var lines = formula(item.fee, unit: item.unit.text(tag), band: band)
        if let w = table.waivers.first(where: { $0.isUnconditionalFullWaiver && $0.applies(to: item.code) }) {
            lines = [language.pick("暂免（\(w.name.text(tag))）", "Currently waived (\(w.name.text(tag)))")]
                + lines.map { language.pick("原价：", "normally: ") + $0 }
        }
        return lines
    }

    /// The formula in words, one line per band ("range：price", or as `band` makes it).
    public func formula(_ fee: FeeFormula, unit: String, band: ((String, String) -> String)? = nil) -> [String] {
        switch fee {
        case .simple(let f):
            return [simple(f, unit: unit)]
        case .banded(let bands):
            var lines: [String] = []
            var previous: Money?
            let colon = language.pick("：", ": ")
            for b in bands {
                let range = bandRange(from: previous, to: b.upTo), price = simple(b.formula, unit: unit)
                lines.append(band?(range, price) ?? range + colon + price)
                previous = b.upTo
            }
            return lines
        }
    }

    /// The amounts a band covers, in words that cannot be read two ways (in Chinese legal usage
    /// 以上 and 以下 include the number, so the bounds say 超过 and 含): "10,000.00 元（含）以下",
    /// "超过 10,000.00 元至 100,000.00 元（含）", "超过 1,000,000.00 元"; "up to ¥10,000.00
    /// (inclusive)", "over ¥10,000.00 up to ¥100,000.00 (inclusive)", "over ¥1,000,000.00".
    public func bandRange(from previous: Money?, to upTo: Money?) -> String {
        switch (previous, upTo) {
        case (nil, let u?):
            return language.pick("\(money(u))（含）以下", "up to \(money(u)) (inclusive)")
        case (let p?, let u?):
            return language.pick("超过 \(money(p)) 至 \(money(u))（含）", "over \(money(p)) up to \(money(u)) (inclusive)")
        case (let p?, nil):
            return language.pick("超过 \(money(p))", "over \(money(p))")
        case (nil, nil):
            return language.pick("任意金额", "any amount")
        }
    }

    /// A simple formula: "每笔 5.00 元", "按金额 0.5% 收取，最低 1.00 元，最高 50.00 元".
    public func simple(_ f: SimpleFormula, unit: String) -> String {
        let flat = f.flat.flatMap { $0 == .zero && f.rate != nil ? nil : $0 }
        var s: String
        switch (flat, f.rate) {
        case let (fl?, r?):
            s = language.pick("每\(unit) \(money(fl)) 加金额的 \(r.percentText)%", "\(money(fl)) plus \(r.percentText)% of the amount per \(unit)")
        case let (nil, r?):
            s = language.pick("按金额 \(r.percentText)% 收取", "\(r.percentText)% of the amount")
        case let (fl?, nil):
            s = fl == .zero ? language.pick("免费", "free") : language.pick("每\(unit) \(money(fl))", "\(money(fl)) per \(unit)")
        case (nil, nil):
            s = language.pick("免费", "free")
        }
        if let min = f.min, min > .zero { s += language.pick("，最低 \(money(min))", ", min \(money(min))") }
        if let max = f.max { s += language.pick("，最高 \(money(max))", ", max \(money(max))") }
        return s
    }

    /// A waiver's effect: "免收", "减免 50%", "每笔减 5.00 元", "每份收 5.00 元".
    public func effect(_ e: WaiverEffect, unit: String) -> String {
        switch e {
        case .percentOff(let p) where p == .full: return language.pick("免收", "waived in full")
        case .percentOff(let p): return language.pick("减免 \(p.text)%", "\(p.text)% off")
        case .amountOff(let a): return language.pick("每\(unit)减 \(money(a))", "\(money(a)) off per \(unit)")
        case .fixedFee(let f) where f == .zero: return language.pick("免收", "waived in full")
        case .fixedFee(let f): return language.pick("每\(unit)收 \(money(f))", "\(money(f)) per \(unit)")
        }
    }
}

/// Names of pricing kinds in both languages.
public enum PricingWords {
    /// The kind in `L`: 市场调节价 / market price, 政府指导价 / government-guided price, 政府定价 / government-set price.
    public static func name(_ p: PricingKind, _ L: TextLanguage) -> String {
        switch p {
        case .market: return L.pick("市场调节价", "market price")
        case .governmentGuided: return L.pick("政府指导价", "government-guided price")
        case .governmentSet: return L.pick("政府定价", "government-set price")
        }
    }
}

/// Prices in plain words, the one renderer shared by quotes, explanations and notices:
/// "免费 / Free", "每笔 5.00 元 / ¥5.00 per transfer", "按金额 0.5% 收取，最低 1.00 元，最高 50.00 元".
public struct PriceWords: Sendable {
    public let table: FeeTable
    public let tag: String
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
    /// else its formula; bands as one line each.
    public func price(of item: FeeItem) -> [String] {
        if FeeComparison.isAlwaysFree(item.fee, rounding: table.rounding, minorDigits: table.currency.minorDigits) {
            return [language.pick("免费", "Free")]
        }
        var lines = formula(item.fee, unit: item.unit.text(tag))
        if let w = table.waivers.first(where: { $0.isUnconditionalFullWaiver && $0.applies(to: item.code) }) {
            lines = [language.pick("暂免（\(w.name.text(tag))）", "Currently waived (\(w.name.text(tag)))")]
                + lines.map { language.pick("原价：", "normally: ") + $0 }
        }
        return lines
    }

    /// The formula in words, one line per band.
    public func formula(_ fee: FeeFormula, unit: String) -> [String] {
        switch fee {
        case .simple(let f):
            return [simple(f, unit: unit)]
        case .banded(let bands):
            var lines: [String] = []
            var previous: Money?
            for band in bands {
                lines.append(bandRange(from: previous, to: band.upTo) + language.pick("：", ": ") + simple(band.formula, unit: unit))
                previous = band.upTo
            }
            return lines
        }
    }

    /// The amounts a band covers: "up to ¥10,000.00", "¥10,000.01 to ¥100,000.00", "above ¥1,000,000.00".
    public func bandRange(from previous: Money?, to upTo: Money?) -> String {
        switch (previous, upTo) {
        case (nil, let u?):
            return language.pick("\(money(u))（含）以下", "up to \(money(u))")
        case (let p?, let u?):
            let start = Money(minorUnits: p.minorUnits + 1)
            return language.pick("\(money(p)) 以上至 \(money(u))（含）", "\(money(start)) to \(money(u))")
        case (let p?, nil):
            return language.pick("\(money(p)) 以上", "above \(money(p))")
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

import FeeValues
import FeeJSON
import FeeWords

/// A value in an explanation step's facts (not `indirect`: lists and objects hold their
/// elements in arrays already, so no value needs a box of its own).
public enum ExplanationValue: Sendable, Hashable {
    /// Text (ids, names, formulas in words).
    case string(String)
    /// An amount, written as a string as the answer writes it (`Money.plainText`): kept as the
    /// amount, so no text is made until it is written.
    case money(Money, minorDigits: Int)
    /// A date, written as a `YYYY-MM-DD` string.
    case date(CalendarDate)
    /// A whole number (the quantity, a band's rank).
    case int(Int)
    /// A JSON `true` or `false`.
    case bool(Bool)
    /// No value, written `null` (a formula without a rate, a request without an amount).
    case null
    /// Values in order.
    case list([ExplanationValue])
    /// Named facts in order, written as a JSON object.
    case object([ExplanationFact])
}

/// One named fact of a step, in a fixed order.
public struct ExplanationFact: Sendable, Hashable {
    /// The key as the code spells it: written without escaping, no text made per fact.
    let name: StaticString
    /// The fact's JSON key, such as `effective_from`, `rounded` or `net` (Docs/EXPLANATION.md).
    public var key: String { name.description }
    /// The fact's value: money and dates are written as strings, exactly as the answer writes them.
    public let value: ExplanationValue

    /// The fact `key` with `value`.
    public init(_ key: StaticString, _ value: ExplanationValue) {
        name = key
        self.value = value
    }

    /// Facts are equal when their keys and values are.
    public static func == (a: ExplanationFact, b: ExplanationFact) -> Bool { a.key == b.key && a.value == b.value }
    /// Hashes the key and the value.
    public func hash(into h: inout Hasher) { h.combine(key); h.combine(value) }
}

/// One step of spec §3 as data, with a sentence a customer can read.
public struct ExplanationStep: Sendable, Hashable {
    /// The step's name as the code spells it (written without escaping).
    let name: StaticString
    /// `version`, `formula`, `exact`, `rounding`, `clamp`, `waivers`, `conditional`, `highlight` or `result`.
    public var step: String { name.description }
    /// The step's facts, in the order the JSON writes them.
    public let facts: [ExplanationFact]
    /// The step in one sentence, in the explanation's language.
    public let text: String

    init(step: StaticString, facts: [ExplanationFact], text: String) {
        name = step
        self.facts = facts
        self.text = text
    }

    /// Steps are equal when their names, facts and texts are.
    public static func == (a: ExplanationStep, b: ExplanationStep) -> Bool { a.step == b.step && a.facts == b.facts && a.text == b.text }
    /// Hashes the name, the facts and the text.
    public func hash(into h: inout Hasher) { h.combine(step); h.combine(facts); h.combine(text) }
}

/// Why a quote is what it is: every step of spec §3, as data and as text in one language.
/// The JSON form is documented in `Docs/EXPLANATION.md`.
public struct Explanation: Sendable, Hashable {
    /// The language tag of the texts.
    public var lang: String
    /// The steps in the order of spec §3, from the version in effect to the result (some only when they apply).
    public var steps: [ExplanationStep]

    /// Explains `quote` in the request's language, or the bank's first language.
    public init(quote q: Quote, calculator: FeeCalculator) {
        let profile = calculator.catalogue.bank(q.bank)?.profile
        let languages = profile?.languages ?? []
        let tag = q.request.lang.flatMap { languages.contains($0) ? $0 : nil } ?? languages.first ?? "en"
        self.init(quote: q, tag: tag, branches: profile?.branches ?? [])
    }

    /// Explains `quote` in the language `tag`.
    public init(quote q: Quote, tag: String, branches: [Branch] = []) {
        lang = tag
        let L = TextLanguage(tag: tag)
        let table = q.version
        let digits = table.currency.minorDigits
        let money = MoneyText(currency: table.currency, language: L)
        let words = PriceWords(table: table, tag: tag)
        let unit = q.item.unit.text(tag)
        func m(_ v: Money) -> ExplanationValue { .money(v, minorDigits: digits) }
        var steps: [ExplanationStep] = []

        steps.append(ExplanationStep(
            step: "version",
            facts: [ExplanationFact("version", .string(table.version)),
                    ExplanationFact("announced_on", .date(table.announcedOn)),
                    ExplanationFact("effective_from", .date(table.effectiveFrom)),
                    ExplanationFact("date", .date(q.request.date)),
                    ExplanationFact("fingerprint", .string(table.fingerprint))],
            text: L.pick("\(q.request.date) 适用 \(table.effectiveFrom) 起执行的收费标准（版本 \(table.version)，\(table.announcedOn) 公告）。",
                         "On \(q.request.date) the fee table in effect is version \(table.version), effective from \(table.effectiveFrom) (announced \(table.announcedOn)).")))

        var formulaFacts = [ExplanationFact("item", .string(q.item.code)),
                            ExplanationFact("name", .string(q.item.name.text(tag)))]
        var formulaText = L.pick("\(q.item.name.text(tag))：", "\(q.item.name.text(tag)): ")
        if let band = q.bandIndex, case .banded(let bands) = q.item.fee {
            let previous = band > 0 ? bands[band - 1].upTo : nil
            let range = words.bandRange(from: previous, to: bands[band].upTo)
            formulaFacts.append(ExplanationFact("band", .int(band + 1)))
            formulaFacts.append(ExplanationFact("band_from", previous.map { m(Money(minorUnits: $0.minorUnits + 1)) } ?? .null))
            formulaFacts.append(ExplanationFact("band_up_to", bands[band].upTo.map(m) ?? .null))
            formulaText += L.pick("金额 \(money(q.amount ?? .zero)) 属于第 \(band + 1) 档（\(range)）：", "the amount \(money(q.amount ?? .zero)) falls in band \(band + 1) (\(range)): ")
        }
        let formulaWords = words.simple(q.formula, unit: unit)
        formulaFacts.append(ExplanationFact("formula", .string(formulaWords)))
        steps.append(ExplanationStep(step: "formula", facts: formulaFacts, text: formulaText + formulaWords + L.pick("。", ".")))

        let exactText = DecimalText.format(q.exactFee, scale: digits + Rate.scaleDigits, grouping: false)
        let exactTrimmed = Explanation.trim(exactText, keeping: digits)
        var parts: [String] = []
        if let flat = q.formula.flat { parts.append("\(flat.plainText(minorDigits: digits)) × \(q.request.quantity)") }
        if let rate = q.formula.rate { parts.append("\(rate.fractionText) × \((q.amount ?? .zero).plainText(minorDigits: digits))") }
        steps.append(ExplanationStep(
            step: "exact",
            facts: [ExplanationFact("flat", q.formula.flat.map(m) ?? .null),
                    ExplanationFact("quantity", .int(q.request.quantity)),
                    ExplanationFact("rate", q.formula.rate.map { .string($0.fractionText) } ?? .null),
                    ExplanationFact("amount", q.amount.map(m) ?? .null),
                    ExplanationFact("exact", .string(exactTrimmed))],
            text: L.pick("精确费用：\(parts.joined(separator: " + ")) = \(exactTrimmed)。", "Exact fee: \(parts.joined(separator: " + ")) = \(exactTrimmed).")))

        let needsRounding = q.exactFee % Rate.one != 0
        steps.append(ExplanationStep(
            step: "rounding",
            facts: [ExplanationFact("mode", .string(table.rounding.rawValue)),
                    ExplanationFact("rounded", m(q.rounded))],
            text: needsRounding
                ? L.pick("按\(Explanation.roundingName(table.rounding, L))取整到 \(money(q.rounded))。", "Rounded \(table.rounding.rawValue) to \(money(q.rounded)).")
                : L.pick("无需取整：\(money(q.rounded))。", "No rounding needed: \(money(q.rounded)).")))

        let clampText: String
        switch q.clamp {
        case .none where q.formula.min == nil && q.formula.max == nil:
            clampText = L.pick("无最低或最高收费限制。", "No minimum or maximum applies.")
        case .none: clampText = L.pick("在最低和最高收费之间。", "Within the minimum and maximum.")
        case .raisedToMin: clampText = L.pick("低于最低收费，按最低 \(money(q.gross)) 收取。", "Below the minimum, so the minimum \(money(q.gross)) applies.")
        case .loweredToMax: clampText = L.pick("超过最高收费，按最高 \(money(q.gross)) 收取。", "Above the maximum, so the maximum \(money(q.gross)) applies.")
        }
        let clampName: String = switch q.clamp {
        case .none: "none"
        case .raisedToMin: "min"
        case .loweredToMax: "max"
        }
        steps.append(ExplanationStep(
            step: "clamp",
            facts: [ExplanationFact("min", q.formula.min.map(m) ?? .null),
                    ExplanationFact("max", q.formula.max.map(m) ?? .null),
                    ExplanationFact("applied", .string(clampName)),
                    ExplanationFact("gross", m(q.gross))],
            text: clampText + L.pick("标准费用 \(money(q.gross))。", " Standard fee: \(money(q.gross)).")))

        // Waivers: every eligible one with its net fee, and which one applied and why.
        let eligibleFacts: [ExplanationValue] = q.eligible.map { e in
            let w = table.waivers[e.index]
            return .object([ExplanationFact("id", .string(e.id)), ExplanationFact("name", .string(w.name.text(tag))),
                             ExplanationFact("effect", .string(words.effect(w.effect, unit: unit))),
                             ExplanationFact("net", m(e.net)),
                             ExplanationFact("until", w.conditions.until.map { .date($0) } ?? .null),
                             ExplanationFact("basis", w.basis.map { .string($0.text(tag)) } ?? .null)])
        }
        var waiverText: String
        if q.gross == .zero {
            waiverText = L.pick("标准费用为零，无需减免。", "The standard fee is zero, so no waiver is needed.")
        } else if q.eligible.isEmpty {
            waiverText = L.pick("没有适用的减免。", "No waiver applies.")
        } else if let a = q.applied {
            let w = table.waivers[a.index]
            let ties = q.eligible.filter { $0.net == a.net }.count > 1
            let until = w.conditions.until.map { L.pick("（有效期至 \($0)）", " (until \($0))") } ?? ""
            waiverText = L.pick("适用减免「\(w.name.text(tag))」\(until)：\(words.effect(w.effect, unit: unit))，应付 \(money(a.net))",
                                "Waiver applied: \"\(w.name.text(tag))\"\(until): \(words.effect(w.effect, unit: unit)), leaving \(money(a.net))")
            if q.eligible.count > 1 {
                waiverText += ties
                    ? L.pick("；多项减免结果相同，按公示顺序取第一项，减免不叠加。", "; several waivers give the same fee, so the first listed applies; waivers never combine.")
                    : L.pick("；在 \(q.eligible.count) 项可用减免中费用最低，减免不叠加。", "; the lowest of \(q.eligible.count) eligible waivers; waivers never combine.")
            } else {
                waiverText += L.pick("。", ".")
            }
        } else {
            waiverText = L.pick("符合条件的减免不降低费用。", "The eligible waivers do not lower the fee.")
        }
        steps.append(ExplanationStep(
            step: "waivers",
            facts: [ExplanationFact("eligible", .list(eligibleFacts)), ExplanationFact("applied", q.applied.map { .string($0.id) } ?? .null)],
            text: waiverText))

        // Conditional waivers: would apply if a missing fact were given.
        let conditional = Explanation.conditionalWaivers(q)
        if !conditional.isEmpty {
            let facts: [ExplanationValue] = conditional.map { c in
                .object([ExplanationFact("id", .string(c.waiver.id)), ExplanationFact("name", .string(c.waiver.name.text(tag))),
                         ExplanationFact("missing", .list(c.missing.map { .string($0.rawValue) })),
                         ExplanationFact("net", m(c.net))])
            }
            let sentences = conditional.map { c in
                L.pick("「\(c.waiver.name.text(tag))」需提供\(c.missing.map { Explanation.factName($0, L) }.joined(separator: "、"))，可付 \(money(c.net))",
                       "\"\(c.waiver.name.text(tag))\" would leave \(money(c.net)) if \(c.missing.map { Explanation.factName($0, L) }.joined(separator: " and ")) were given")
            }
            steps.append(ExplanationStep(step: "conditional", facts: [ExplanationFact("waivers", .list(facts))],
                                         text: L.pick("可能适用：", "Could apply: ") + sentences.joined(separator: L.pick("；", "; ")) + L.pick("。", ".")))
        }

        if let h = q.item.highlight {
            steps.append(ExplanationStep(step: "highlight", facts: [ExplanationFact("highlight", .string(h.text(tag)))],
                                         text: L.pick("重大事项提示：", "Important: ") + h.text(tag)))
        }

        steps.append(ExplanationStep(
            step: "result",
            facts: [ExplanationFact("gross", m(q.gross)), ExplanationFact("discount", m(q.discount)), ExplanationFact("net", m(q.net)),
                    ExplanationFact("currency", .string(table.currency.code))],
            text: L.pick("应付 \(money(q.net))（标准 \(money(q.gross))，减免 \(money(q.discount))）。",
                         "To pay: \(money(q.net)) (standard \(money(q.gross)), discount \(money(q.discount))).")))
        self.steps = steps
    }

    /// The explanation as lines of text.
    public var text: String { steps.map(\.text).joined(separator: "\n") }

    /// Writes `{"lang": …, "steps": [{"step": …, …facts, "text": …}]}`.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key(literal: "lang")
        w.string(lang)
        w.key(literal: "steps")
        w.beginArray()
        for s in steps {
            w.beginObject()
            w.key(literal: "step")
            w.string(literal: s.name)
            for f in s.facts { w.key(literal: f.name); Explanation.write(f.value, to: &w) }
            w.key(literal: "text")
            w.string(s.text)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func write(_ v: ExplanationValue, to w: inout JSONWriter) {
        switch v {
        case .string(let s): w.string(s)
        case .money(let m, let digits): w.money(m, minorDigits: digits)
        case .date(let d): w.date(d)
        case .int(let i): w.int(i)
        case .bool(let b): w.bool(b)
        case .null: w.null()
        case .list(let l):
            w.beginArray()
            for e in l { write(e, to: &w) }
            w.endArray()
        case .object(let facts):
            w.beginObject()
            for f in facts { w.key(literal: f.name); write(f.value, to: &w) }
            w.endObject()
        }
    }

    /// A waiver that holds but for facts the request did not give, with the net fee it would leave.
    public struct ConditionalWaiver: Sendable, Hashable {
        /// The waiver that would apply.
        public var waiver: Waiver
        /// The facts the request did not give that its conditions need.
        public var missing: [RequestFact]
        /// The fee to pay if the waiver applied.
        public var net: Money
    }

    /// Waivers that would apply if the missing facts were given and would lower the fee.
    public static func conditionalWaivers(_ q: Quote) -> [ConditionalWaiver] {
        guard q.gross > .zero else { return [] }
        let tests = q.versionPlan.tests
        let waivers = q.version.waivers
        return q.version.waiverIndexes(forItem: q.itemIndex).compactMap { index in
            let w = waivers[index]
            let outcome = tests[index].evaluate(q.facts.context)
            guard outcome.isConditional else { return nil }
            let net = w.effect.net(gross: q.gross, quantity: q.request.quantity, rounding: q.version.rounding)
            guard net < q.net else { return nil }
            return ConditionalWaiver(waiver: w, missing: outcome.missing, net: net)
        }
    }

    static func factName(_ f: RequestFact, _ L: TextLanguage) -> String {
        switch f {
        case .age: return L.pick("年龄", "the customer's age")
        case .channel: return L.pick("办理渠道", "the channel")
        case .reason: return L.pick("办理原因", "the reason")
        case .branch: return L.pick("办理网点", "the branch")
        case .uses: return L.pick("本期已用次数", "the uses so far this period")
        }
    }

    static func roundingName(_ r: RoundingMode, _ L: TextLanguage) -> String {
        switch r {
        case .halfUp: return L.pick("四舍五入", "half-up")
        case .halfEven: return L.pick("四舍六入五成双", "half-even")
        case .down: return L.pick("舍去", "down")
        case .up: return L.pick("进一", "up")
        }
    }

    /// Trims trailing zeros of an exact decimal but keeps at least `keeping` fractional digits.
    static func trim(_ s: String, keeping: Int) -> String {
        var bytes = Array(s.utf8)
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return s }
        while bytes.last == UInt8(ascii: "0"), bytes.count - dot - 1 > keeping { bytes.removeLast() }
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

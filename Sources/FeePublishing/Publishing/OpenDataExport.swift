import FeeValues
import FeeJSON
import FeeWords

/// The version in effect on a day as stable open-data JSON (`fees-open-data/1`), in the spirit of
/// open-banking product reference data: formulas, waivers with eligibility, dates, fingerprint.
/// The structure is documented in `Docs/OPEN-DATA.md`; keys are never renamed or removed.
public struct OpenDataExport: Sendable {
    /// The bank exported.
    public let bank: Bank
    /// The version in effect on `date`, the one exported.
    public let table: FeeTable
    /// The day of the export: its `as_of`, and the day on which later versions count as announced.
    public let date: CalendarDate

    /// The export of `bank` on `date`; nil when no version is in effect then.
    public init?(bank: Bank, date: CalendarDate) {
        guard let table = bank.version(on: date) else { return nil }
        self.bank = bank
        self.table = table
        self.date = date
    }

    private func localized(_ t: LocalizedText?, _ w: inout JSONWriter) {
        guard let t else { w.null(); return }
        w.beginObject()
        for tr in t.translations { w.field(tr.tag, tr.text) }
        w.endObject()
    }

    private func money(_ m: Money?, _ w: inout JSONWriter) {
        if let m { w.string(m.plainText(minorDigits: table.currency.minorDigits)) } else { w.null() }
    }

    private func ids(_ key: String, _ list: [String]?, _ w: inout JSONWriter) {
        w.key(key)
        guard let list else { w.null(); return }
        w.beginArray()
        for id in list { w.string(id) }
        w.endArray()
    }

    private func formula(_ f: SimpleFormula, _ w: inout JSONWriter) {
        w.key("flat"); money(f.flat, &w)
        w.key("rate"); w.optionalString(f.rate?.fractionText)
        w.key("min"); money(f.min, &w)
        w.key("max"); money(f.max, &w)
    }

    /// The JSON text, one object, keys in a fixed order, ending with a newline.
    public var json: String {
        let p = bank.profile
        var w = JSONWriter()
        w.beginObject()
        w.field("format", "fees-open-data/1")
        w.field("as_of", "\(date)")
        w.key("bank"); w.beginObject()
        w.field("id", p.id)
        w.key("name"); localized(p.name, &w)
        w.key("languages"); w.beginArray(); for l in p.languages { w.string(l) }; w.endArray()
        w.key("contacts"); w.beginObject()
        w.field("hotline", p.contacts.hotline)
        w.field("complaints", p.contacts.complaints)
        w.field("website", p.contacts.website)
        w.key("address"); localized(p.contacts.address, &w)
        w.endObject()
        w.key("branches"); w.beginArray()
        for b in p.branches {
            w.beginObject()
            w.field("id", b.id)
            w.key("name"); localized(b.name, &w)
            w.key("address"); localized(b.address, &w)
            w.field("phone", b.phone)
            w.field("closed_on", b.closedOn.map { "\($0)" })
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.key("version"); w.beginObject()
        w.field("id", table.version)
        w.field("announced_on", "\(table.announcedOn)")
        w.field("effective_from", "\(table.effectiveFrom)")
        w.field("fingerprint", table.fingerprint)
        w.field("currency", table.currency.code)
        w.field("minor_units", table.currency.minorDigits)
        w.field("rounding", table.rounding.rawValue)
        w.endObject()
        w.key("categories"); w.beginArray()
        for c in table.categories { w.beginObject(); w.field("id", c.id); w.key("name"); localized(c.name, &w); w.endObject() }
        w.endArray()
        w.key("items"); w.beginArray()
        for item in table.items { writeItem(item, &w) }
        w.endArray()
        w.key("waivers"); w.beginArray()
        for waiver in table.waivers { writeWaiver(waiver, &w) }
        w.endArray()
        w.key("announced_versions"); w.beginArray()
        for v in bank.versions where v.effectiveFrom > date && v.announcedOn <= date {
            w.beginObject()
            w.field("id", v.version)
            w.field("announced_on", "\(v.announcedOn)")
            w.field("effective_from", "\(v.effectiveFrom)")
            w.field("fingerprint", v.fingerprint)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    private func writeItem(_ item: FeeItem, _ w: inout JSONWriter) {
        w.beginObject()
        w.field("code", item.code)
        w.field("ref", item.ref)
        w.field("category", item.category)
        w.key("name"); localized(item.name, &w)
        w.key("content"); localized(item.content, &w)
        w.key("unit"); localized(item.unit, &w)
        w.key("audience"); localized(item.audience, &w)
        w.field("pricing", item.pricing.rawValue)
        w.key("basis"); localized(item.basis, &w)
        w.key("highlight"); localized(item.highlight, &w)
        w.key("fee"); w.beginObject()
        w.field("priced_per", item.fee.needsAmount ? "transaction" : "unit")
        switch item.fee {
        case .simple(let f):
            w.field("type", "simple")
            formula(f, &w)
        case .banded(let bands):
            w.field("type", "banded")
            w.key("bands"); w.beginArray()
            var previous: Money?
            for b in bands {
                w.beginObject()
                w.key("from"); money(previous.map { Money(minorUnits: $0.minorUnits + 1) } ?? .zero, &w)
                w.key("up_to"); money(b.upTo, &w)
                formula(b.formula, &w)
                w.endObject()
                previous = b.upTo
            }
            w.endArray()
        }
        w.endObject()
        w.field("free", FeeComparison.isAlwaysFree(item.fee, rounding: table.rounding, minorDigits: table.currency.minorDigits))
        w.field("suspended", table.waivers.contains { $0.isUnconditionalFullWaiver && $0.applies(to: item.code) })
        w.key("price_text"); w.beginObject()
        for tag in bank.profile.languages { w.field(tag, PriceWords(table: table, tag: tag).price(of: item).joined(separator: "\n")) }
        w.endObject()
        w.endObject()
    }

    private func writeWaiver(_ waiver: Waiver, _ w: inout JSONWriter) {
        let c = waiver.conditions
        w.beginObject()
        w.field("id", waiver.id)
        w.key("name"); localized(waiver.name, &w)
        w.key("basis"); localized(waiver.basis, &w)
        w.key("applies_to"); w.beginArray(); for p in waiver.appliesTo { w.string(p.description) }; w.endArray()
        w.key("items"); w.beginArray(); for i in table.items where waiver.applies(to: i.code) { w.string(i.code) }; w.endArray()
        w.key("eligibility"); w.beginObject()
        ids("tiers", c.tiers, &w)
        w.field("tier_at_least", c.tierAtLeast)
        ids("segments", c.segments, &w)
        w.key("min_age"); if let a = c.minAge { w.int(a) } else { w.null() }
        ids("channels", c.channels, &w)
        ids("branches", c.branches, &w)
        ids("reasons", c.reasons, &w)
        w.field("no_fault", c.noFault)
        w.field("from", c.from.map { "\($0)" })
        w.field("until", c.until.map { "\($0)" })
        w.key("free_uses")
        if let f = c.freeUses {
            w.beginObject(); w.field("count", f.count); w.field("per", f.period.rawValue); w.endObject()
        } else {
            w.null()
        }
        w.endObject()
        w.key("effect"); w.beginObject()
        switch waiver.effect {
        case .percentOff(let p): w.field("type", "percent_off"); w.field("value", p.text)
        case .amountOff(let a): w.field("type", "amount_off"); w.key("value"); money(a, &w)
        case .fixedFee(let f): w.field("type", "fee"); w.key("value"); money(f, &w)
        }
        w.field("full_waiver", waiver.effect.isFullWaiver)
        w.endObject()
        w.endObject()
    }
}

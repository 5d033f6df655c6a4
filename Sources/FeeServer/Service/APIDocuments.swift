import FeeKit

/// The JSON documents of the read-only API, built from the served catalogue with FeeKit's one
/// JSON writer and its one price renderer (the words `fees items` and `fees show` print).
enum APIDocuments {
    /// A version's status as a JSON token.
    static func status(_ s: VersionStatus) -> String {
        switch s {
        case .inEffect: return "in_effect"
        case .announced: return "announced"
        case .scheduled: return "scheduled"
        case .superseded: return "superseded"
        }
    }

    static func localized(_ t: LocalizedText?, _ w: inout JSONWriter) {
        guard let t else { w.null(); return }
        w.beginObject()
        for tr in t.translations { w.field(tr.tag, tr.text) }
        w.endObject()
    }

    /// `{"zh-Hans": [lines], "en": [lines]}`: the price in words in each language.
    static func price(_ item: FeeItem, in table: FeeTable, languages: [String], _ w: inout JSONWriter) {
        w.beginObject()
        for tag in languages {
            w.key(tag)
            w.beginArray()
            for line in PriceWords(table: table, tag: tag).price(of: item) { w.string(line) }
            w.endArray()
        }
        w.endObject()
    }

    /// `GET /healthz`.
    static func health() -> JSONWriter {
        var w = JSONWriter()
        w.beginObject(); w.field("status", "ok"); w.endObject()
        return w
    }

    /// `GET /readyz`: the versions served with their fingerprints, and the last reload.
    static func readiness(_ served: ServedCatalogue, state: (last: ReloadReport, served: ReloadReport, ok: Int, failed: Int)) -> JSONWriter {
        var w = JSONWriter()
        w.beginObject()
        w.field("ready", true)
        w.field("generation", served.generation)
        w.field("loaded_at", state.served.at)
        w.key("banks"); w.beginArray()
        for bank in served.catalogue.banks {
            w.beginObject()
            w.field("bank", bank.id)
            w.key("versions"); w.beginArray()
            for t in bank.versions {
                w.beginObject()
                w.field("version", t.version)
                w.field("effective_from", "\(t.effectiveFrom)")
                w.field("fingerprint", t.fingerprint)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("last_reload"); w.beginObject()
        w.field("ok", state.last.ok)
        w.field("trigger", state.last.trigger)
        w.field("at", state.last.at)
        w.key("problems"); w.beginArray()
        for p in state.last.problems { p.write(to: &w) }
        w.endArray()
        w.endObject()
        w.key("reloads"); w.beginObject(); w.field("ok", state.ok - 1); w.field("failed", state.failed); w.endObject()
        w.endObject()
        return w
    }

    /// `GET /v1/versions`.
    static func versions(_ bank: Bank, on date: CalendarDate) -> JSONWriter {
        var w = JSONWriter()
        w.beginObject()
        w.field("bank", bank.id)
        w.field("date", "\(date)")
        w.key("versions"); w.beginArray()
        for t in bank.versions {
            w.beginObject()
            w.field("version", t.version)
            w.field("announced_on", "\(t.announcedOn)")
            w.field("effective_from", "\(t.effectiveFrom)")
            w.field("status", status(bank.status(of: t, on: date)))
            w.field("items", t.items.count)
            w.field("fingerprint", t.fingerprint)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w
    }

    static func itemSummary(_ item: FeeItem, in table: FeeTable, languages: [String], _ w: inout JSONWriter) {
        w.field("code", item.code)
        w.field("ref", item.ref)
        w.field("category", item.category)
        w.key("name"); localized(item.name, &w)
        w.key("unit"); localized(item.unit, &w)
        w.field("pricing", item.pricing.rawValue)
        w.key("price"); price(item, in: table, languages: languages, &w)
    }

    /// `GET /v1/items`: the items of the version in effect, matching `query` as `fees items` does.
    static func items(_ bank: Bank, _ table: FeeTable, on date: CalendarDate, query: String?) -> JSONWriter {
        let matches = query.map { ItemLookup.search($0, in: table) } ?? table.items
        var w = JSONWriter()
        w.beginObject()
        w.field("bank", bank.id)
        w.field("version", table.version)
        w.field("date", "\(date)")
        w.field("query", query)
        w.key("items"); w.beginArray()
        for item in matches {
            w.beginObject()
            itemSummary(item, in: table, languages: bank.profile.languages, &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w
    }

    /// `GET /v1/items/{code}`: the record in `table`, its waivers, and its price in every version.
    static func item(_ bank: Bank, _ item: FeeItem, in table: FeeTable, on date: CalendarDate) -> JSONWriter {
        let languages = bank.profile.languages
        var w = JSONWriter()
        w.beginObject()
        w.field("bank", bank.id)
        w.field("version", table.version)
        w.field("date", "\(date)")
        w.key("item"); w.beginObject()
        itemSummary(item, in: table, languages: languages, &w)
        w.key("content"); localized(item.content, &w)
        w.key("audience"); localized(item.audience, &w)
        w.key("basis"); localized(item.basis, &w)
        w.key("highlight"); localized(item.highlight, &w)
        w.endObject()
        w.key("waivers"); w.beginArray()
        for waiver in table.waivers where waiver.applies(to: item.code) {
            w.beginObject()
            w.field("id", waiver.id)
            w.key("name"); localized(waiver.name, &w)
            w.key("effect"); w.beginObject()
            for tag in languages { w.field(tag, PriceWords(table: table, tag: tag).effect(waiver.effect, unit: item.unit.text(tag))) }
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.key("history"); w.beginArray()
        for entry in bank.priceHistory(of: item.code) {
            w.beginObject()
            w.field("version", entry.table.version)
            w.field("announced_on", "\(entry.table.announcedOn)")
            w.field("effective_from", "\(entry.table.effectiveFrom)")
            w.field("status", status(bank.status(of: entry.table, on: date)))
            w.field("change", entry.change.rawValue)
            w.key("price")
            if let i = entry.item { price(i, in: entry.table, languages: languages, &w) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w
    }

    /// The item `code` as `fees show` finds it: in the version in effect on `date`, else in the
    /// latest version that has it (an announced new item).
    static func findItem(_ code: String, in bank: Bank, on date: CalendarDate) -> (FeeItem, FeeTable)? {
        if let t = bank.version(on: date), let i = t.item(code) { return (i, t) }
        for t in bank.versions.reversed() { if let i = t.item(code) { return (i, t) } }
        return nil
    }

    /// The 404 for an unknown item, with the closest codes.
    static func unknownItem(_ code: String, in bank: Bank, on date: CalendarDate) -> HTTPFailure {
        let table = bank.version(on: date) ?? bank.versions.last
        let close = table.map { ItemLookup.suggestions(for: code, in: $0).map(\.code) } ?? []
        return HTTPFailure(.notFound, "unknown_item", message: .unknownItem(code: code, bank: bank.id, closest: close))
    }

    /// The 404 for a day no version of the bank is in effect on, with the first version's day.
    static func noTable(_ bank: Bank, _ date: CalendarDate) -> HTTPFailure {
        let first = bank.versions.first
        return HTTPFailure(.notFound, "no_table_in_effect", message: .noTableInEffect(bank: bank.id, date: "\(date)", firstVersion: first?.version,
                                                                                       firstEffective: first.map { "\($0.effectiveFrom)" }))
    }
}

import FeeValues
import FeeJSON

/// The ids a version declares, for checking that conditions and items name only declared ids.
private struct Vocabulary {
    var categories: [String] = []
    var tiers: [String] = []
    var segments: [String] = []
    var channels: [String] = []
    var reasons: [String] = []
    var branches: [String] = []
    var itemCodes: [String] = []
}

extension FeeTable {
    static let simpleKeys: [StaticString] = ["flat", "rate", "min", "max"]
    static let effectKeys: [StaticString] = ["percent_off", "amount_off", "fee"]
    static let topLevelKeys: [StaticString] = ["format", "version", "announced_on", "effective_from", "currency", "minor_units", "rounding",
                               "categories", "tiers", "segments", "channels", "reasons", "items", "waivers", "glossary"]

    /// Reads one version file (spec §1.2–§1.4); returns nil when it has errors, which `reader` then holds.
    package static func read(_ reader: inout TableReader, bank: BankProfile, fileName: String) -> FeeTable? {
        guard let root = reader.parse() else { return nil }
        guard let f = reader.object(root, "", allowed: topLevelKeys,
                                    required: ["format", "version", "announced_on", "effective_from", "currency", "categories", "tiers", "items"])
        else { return nil }
        if let node = f["format"], let format = reader.string(node, "format"), format != "fee-table/1" {
            reader.report(.unsupportedFormat, "format", at: node.offset, .unsupportedFormat(found: format, expected: "fee-table/1"))
        }
        let version = f["version"].flatMap { reader.id($0, "version", what: .version) }
        let announcedOn = f["announced_on"].flatMap { reader.date($0, "announced_on") }
        let effectiveFrom = f["effective_from"].flatMap { reader.date($0, "effective_from") }
        if let announcedOn, let effectiveFrom, let node = f["announced_on"],
           case .announcedAfterEffective? = FeeTable.flaw(announcedOn: announcedOn, effectiveFrom: effectiveFrom) {
            reader.report(.datesOrder, "announced_on", at: node.offset, .announcedAfterEffective(announcedOn: announcedOn, effectiveFrom: effectiveFrom))
        }
        let currency = readCurrency(&reader, f)
        let digits = currency?.minorDigits ?? 4
        var rounding = RoundingMode.halfUp
        if let node = f["rounding"], let s = reader.string(node, "rounding") {
            if let mode = RoundingMode(rawValue: s) {
                rounding = mode
            } else {
                reader.report(.unknownRounding, "rounding", at: node.offset, .unknownRounding(text: s))
            }
        }

        var vocabulary = Vocabulary()
        vocabulary.branches = bank.branches.map(\.id)
        let categories = namedEntries(&reader, f, "categories", what: .category)
        vocabulary.categories = declaredIDs(reader, f, "categories")
        let tiers = namedEntries(&reader, f, "tiers", what: .tier)
        vocabulary.tiers = declaredIDs(reader, f, "tiers")
        if FeeTable.flaw(tierCount: tiers.count) == .noTiers, let node = f["tiers"], node.kind == .array {
            reader.report(.noTiers, "tiers", at: node.offset, .noTiers)
        }
        let segments = namedEntries(&reader, f, "segments", what: .segment)
        vocabulary.segments = declaredIDs(reader, f, "segments")
        let channels = namedEntries(&reader, f, "channels", what: .channel)
        vocabulary.channels = declaredIDs(reader, f, "channels")
        let reasons = readReasons(&reader, f)
        vocabulary.reasons = declaredIDs(reader, f, "reasons")

        var items: [FeeItem] = []
        if let node = f["items"], let elements = reader.array(node, "items") {
            var seen = UniqueIDs()
            for (element, path) in elements {
                // Record the code even when the item has other errors, so waivers' patterns still resolve.
                if let codeNode = reader.member(element, "code"), codeNode.kind == .string {
                    let code = reader.text(codeNode)
                    if !seen.insert(code) {
                        reader.report(.duplicateId, JSONPath.key(path, "code"), at: codeNode.offset, .duplicateItemCode(code: code))
                    }
                    vocabulary.itemCodes.append(code)
                }
                let before = reader.errorCount
                if let item = reader.unlessReported(readItem(&reader, element, path, vocabulary: vocabulary, minorDigits: digits),
                                                    since: before, path, at: element.offset, what: .item) {
                    items.append(item)
                }
            }
            if elements.isEmpty {
                reader.report(.noItems, "items", at: node.offset, .noItems, severity: .warning)
            }
        }

        var waivers: [Waiver] = []
        if let node = f["waivers"], let elements = reader.array(node, "waivers") {
            var seen = UniqueIDs()
            for (element, path) in elements {
                let before = reader.errorCount
                var readID: String?
                let w = reader.unlessReported(readWaiver(&reader, element, path, vocabulary: vocabulary, minorDigits: digits, readID: &readID),
                                              since: before, path, at: element.offset, what: .waiver)
                // A waiver whose id, name and effect were read takes part in the id check even when
                // another of its parts (a missing `applies_to`) keeps it from being built.
                guard let id = w?.id ?? readID else { continue }
                if !seen.insert(id) {
                    reader.report(.duplicateId, JSONPath.key(path, "id"), at: element.offset, .duplicateWaiver(id: id))
                }
                if let w { waivers.append(w) }
            }
        }

        var glossary: [GlossaryEntry] = []
        if let node = f["glossary"], let elements = reader.array(node, "glossary") {
            for (element, path) in elements {
                let before = reader.errorCount
                var entry: GlossaryEntry?
                if let g = reader.object(element, path, allowed: ["term", "definition"], required: ["term", "definition"]),
                   let term = g["term"].flatMap({ reader.localized($0, g.childPath("term")) }),
                   let definition = g["definition"].flatMap({ reader.localized($0, g.childPath("definition")) }) {
                    entry = GlossaryEntry(term: term, definition: definition)
                }
                if let entry = reader.unlessReported(entry, since: before, path, at: element.offset, what: .glossaryEntry) {
                    glossary.append(entry)
                }
            }
        }

        guard !reader.hasErrors, let version, let announcedOn, let effectiveFrom, let currency else { return nil }
        // Every rule of the table was reported above; a table the model still refuses is the
        // loader's bug, reported rather than dropped.
        return reader.unlessReported(try? FeeTable(version: version, announcedOn: announcedOn, effectiveFrom: effectiveFrom, currency: currency,
                                                   rounding: rounding, categories: categories, tiers: tiers, segments: segments, channels: channels,
                                                   reasons: reasons, items: items, waivers: waivers, glossary: glossary,
                                                   fileBytes: reader.bytes, fileName: fileName),
                                     since: 0, "", at: 0, what: .table)
    }

    /// The ids an array of `{ "id", … }` entries declares, read even from entries with other
    /// errors, so that one broken name does not also make every use of its id an error.
    private static func declaredIDs(_ reader: TableReader, _ f: Fields, _ key: StaticString) -> [String] {
        guard let node = f[key], node.kind == .array else { return [] }
        return reader.elements(node).compactMap { e in
            guard let id = reader.member(e, "id"), id.kind == .string else { return nil }
            return reader.text(id)
        }
    }

    private static func readCurrency(_ reader: inout TableReader, _ f: Fields) -> Currency? {
        guard let node = f["currency"], let code = reader.string(node, "currency") else { return nil }
        guard Currency.flaw(code: code) == nil else {
            reader.report(.invalidCurrency, "currency", at: node.offset, .invalidCurrency(code: code))
            return nil
        }
        if let m = f["minor_units"] {
            guard let digits = reader.integer(m, "minor_units", range: Currency.minorDigitsRange) else { return nil }
            return try? Currency(code: code, minorDigits: digits)
        }
        guard let digits = Currency.isoMinorDigits(code) else {
            reader.report(.missingKey, "minor_units", at: node.offset, .unknownMinorUnits(code: code))
            return nil
        }
        return try? Currency(code: code, minorDigits: digits)
    }

    private static func namedEntries(_ reader: inout TableReader, _ f: Fields, _ key: StaticString, what: CheckMessage.Declared) -> [NamedEntry] {
        guard let node = f[key], let elements = reader.array(node, key.text) else { return [] }
        var entries: [NamedEntry] = []
        var seen = UniqueIDs()
        for (element, path) in elements {
            let before = reader.errorCount
            guard let e = reader.object(element, path, allowed: ["id", "name"], required: ["id", "name"]) else { continue }
            let id = e["id"].flatMap { reader.id($0, e.childPath("id"), what: .declared(what)) }
            let name = e["name"].flatMap { reader.localized($0, e.childPath("name")) }
            guard let id = reader.unlessReported(id, since: before, e.childPath("id"), at: element.offset, what: .declared(what)),
                  let name = reader.unlessReported(name, since: before, e.childPath("name"), at: element.offset, what: .declared(what))
            else { continue }
            if !seen.insert(id) {
                reader.report(.duplicateId, e.childPath("id"), at: element.offset, .declaredTwice(what, id: id))
                continue
            }
            if let entry = try? NamedEntry(id: id, name: name) { entries.append(entry) }
        }
        return entries
    }

    private static func readReasons(_ reader: inout TableReader, _ f: Fields) -> [Reason] {
        guard let node = f["reasons"], let elements = reader.array(node, "reasons") else { return [] }
        var reasons: [Reason] = []
        var seen = UniqueIDs()
        for (element, path) in elements {
            let before = reader.errorCount
            guard let e = reader.object(element, path, allowed: ["id", "name", "no_fault"], required: ["id", "name"]) else { continue }
            let id = e["id"].flatMap { reader.id($0, e.childPath("id"), what: .declared(.reason)) }
            let name = e["name"].flatMap { reader.localized($0, e.childPath("name")) }
            let noFault = e["no_fault"].flatMap { reader.bool($0, e.childPath("no_fault")) } ?? false
            guard let id = reader.unlessReported(id, since: before, e.childPath("id"), at: element.offset, what: .declared(.reason)),
                  let name = reader.unlessReported(name, since: before, e.childPath("name"), at: element.offset, what: .declared(.reason))
            else { continue }
            if !seen.insert(id) {
                reader.report(.duplicateId, e.childPath("id"), at: element.offset, .declaredTwice(.reason, id: id))
                continue
            }
            if let reason = try? Reason(id: id, name: name, noFault: noFault) { reasons.append(reason) }
        }
        return reasons
    }

    private static func readItem(_ reader: inout TableReader, _ node: Node, _ path: String,
                                 vocabulary: Vocabulary, minorDigits: Int) -> FeeItem? {
        guard let f = reader.object(node, path, allowed: ["code", "ref", "category", "name", "content", "unit", "audience", "pricing", "basis", "highlight", "fee"],
                                    required: ["code", "category", "name", "unit", "pricing", "fee"]) else { return nil }
        let code = f["code"].flatMap { reader.id($0, f.childPath("code"), what: .itemCode) }
        let ref = f["ref"].flatMap { reader.nonEmptyString($0, f.childPath("ref")) }
        var category: String?
        if let n = f["category"], let c = reader.string(n, f.childPath("category")) {
            if vocabulary.categories.contains(c) {
                category = c
            } else {
                reader.report(.undeclaredId, f.childPath("category"), at: n.offset, .undeclared(.category, id: c, nearest: nearest(c, vocabulary.categories)))
            }
        }
        let name = f["name"].flatMap { reader.localized($0, f.childPath("name")) }
        let content = reader.optionalLocalized(f, "content")
        let unit = f["unit"].flatMap { reader.localized($0, f.childPath("unit")) }
        let audience = reader.optionalLocalized(f, "audience")
        var pricing: PricingKind?
        if let n = f["pricing"], let s = reader.string(n, f.childPath("pricing")) {
            pricing = PricingKind(rawValue: s)
            if pricing == nil {
                reader.report(.unknownPricing, f.childPath("pricing"), at: n.offset, .unknownPricing(text: s))
            }
        }
        let basis = reader.optionalLocalized(f, "basis")
        let highlight = reader.optionalLocalized(f, "highlight")
        let fee = f["fee"].flatMap { readFormula(&reader, $0, f.childPath("fee"), minorDigits: minorDigits) }
        guard let code, let category, let name, let unit, let pricing, let fee else { return nil }
        return try? FeeItem(code: code, ref: ref, category: category, name: name, content: content, unit: unit,
                            audience: audience, pricing: pricing, basis: basis, highlight: highlight, fee: fee)
    }

    /// A fee formula: simple or banded (spec §1.3.1).
    static func readFormula(_ reader: inout TableReader, _ node: Node, _ path: String, minorDigits: Int) -> FeeFormula? {
        guard let f = reader.object(node, path, allowed: ["flat", "rate", "min", "max", "bands"]) else { return nil }
        guard f.has("bands") else {
            return readSimple(&reader, f, minorDigits: minorDigits).map(FeeFormula.simple)
        }
        for key in simpleKeys where f.has(key) {
            reader.report(.mixedFormula, f.childPath(key), at: f[key]?.offset ?? node.offset, .mixedFormula(key: key.text))
        }
        guard let bandsNode = f["bands"], let elements = reader.array(bandsNode, f.childPath("bands")) else { return nil }
        var bands: [Band] = []
        var bounds: [Bands.Bound] = []
        var boundAt: [(path: String, offset: Int)] = []
        var ok = true
        for (element, bandPath) in elements {
            guard let b = reader.object(element, bandPath, allowed: ["up_to", "flat", "rate", "min", "max", "bands"]) else {
                ok = false; bounds.append(.unreadable); boundAt.append((bandPath, element.offset)); continue
            }
            if b.has("bands") {
                reader.report(.nestedBands, b.childPath("bands"), at: b["bands"]?.offset ?? element.offset, .nestedBands)
                ok = false
            }
            var upTo: Money?
            if let n = b["up_to"] {
                upTo = reader.money(n, b.childPath("up_to"), minorDigits: minorDigits)
                bounds.append(upTo.map(Bands.Bound.upTo) ?? .unreadable)
                boundAt.append((b.childPath("up_to"), n.offset))
            } else {
                bounds.append(b.isDuplicated("up_to") ? .unreadable : .open)
                boundAt.append((b.childPath("up_to"), element.offset))
            }
            if let simple = readSimple(&reader, b, minorDigits: minorDigits) { bands.append(Band(upTo: upTo, formula: simple)) } else { ok = false }
        }
        // The shape of the bands is the model's rule (`Bands.flaws`); each flaw is reported where it is.
        for flaw in Bands.flaws(bounds) {
            ok = false
            switch flaw {
            case .empty:
                reader.report(.noBands, f.childPath("bands"), at: bandsNode.offset, .noBands)
            case .lastBounded(let i):
                reader.report(.bandOpenEnd, boundAt[i].path, at: boundAt[i].offset, .lastBandBounded)
            case .notAbove(let i, let u, let p):
                reader.report(.bandOrder, boundAt[i].path, at: boundAt[i].offset,
                              .bandsNotIncreasing(upTo: u.plainText(minorDigits: minorDigits), previous: p.plainText(minorDigits: minorDigits)))
            case .openBeforeLast(let i):
                reader.report(.missingKey, boundAt[i].path, at: boundAt[i].offset, .bandWithoutUpTo)
            }
        }
        guard ok, bands.count == elements.count, let checked = try? Bands(bands) else { return nil }
        return .banded(checked)
    }

    private static func readSimple(_ reader: inout TableReader, _ f: Fields, minorDigits: Int) -> SimpleFormula? {
        var ok = true
        func money(_ key: StaticString, _ reader: inout TableReader) -> Money? {
            guard let n = f[key] else {
                if f.has(key) { ok = false }
                return nil
            }
            let m = reader.money(n, f.childPath(key), minorDigits: minorDigits)
            if m == nil { ok = false }
            return m
        }
        let flat = money("flat", &reader)
        var rate: Rate?
        if let n = f["rate"] {
            rate = reader.rate(n, f.childPath("rate"))
            if rate == nil { ok = false }
        } else if f.has("rate") {
            ok = false
        }
        let min = money("min", &reader)
        let max = money("max", &reader)
        // The formula's rules are the model's (`SimpleFormula.flaws`); each flaw is reported where it is.
        for flaw in SimpleFormula.flaws(hasFlat: f.has("flat"), hasRate: f.has("rate"), min: min, max: max) {
            ok = false
            switch flaw {
            case .noPart:
                reader.report(.formulaEmpty, f.path, at: f.offset, .formulaEmpty)
            case .minAboveMax(let min, let max):
                reader.report(.minAboveMax, f.childPath("max"), at: f["max"]?.offset ?? f.offset,
                              .maxBelowMin(max: max.plainText(minorDigits: minorDigits), min: min.plainText(minorDigits: minorDigits)))
            }
        }
        guard ok else { return nil }
        return try? SimpleFormula(flat: flat, rate: rate, min: min, max: max)
    }

    private static func readWaiver(_ reader: inout TableReader, _ node: Node, _ path: String,
                                   vocabulary: Vocabulary, minorDigits: Int, readID: inout String?) -> Waiver? {
        guard let f = reader.object(node, path, allowed: ["id", "name", "basis", "applies_to", "when", "percent_off", "amount_off", "fee"],
                                    required: ["id", "name", "applies_to"]) else { return nil }
        let id = f["id"].flatMap { reader.id($0, f.childPath("id"), what: .waiver) }
        let name = f["name"].flatMap { reader.localized($0, f.childPath("name")) }
        let basis = reader.optionalLocalized(f, "basis")
        var patterns: [ItemPattern] = []
        var ok = true
        if let n = f["applies_to"], let elements = reader.array(n, f.childPath("applies_to")) {
            if Waiver.flaw(patternCount: elements.count) == .noPatterns {
                reader.report(.noPatterns, f.childPath("applies_to"), at: n.offset, .noPatterns)
                ok = false
            }
            for (element, p) in elements {
                guard let s = reader.string(element, p) else { ok = false; continue }
                guard let pattern = ItemPattern(s) else {
                    reader.report(.invalidPattern, p, at: element.offset, .invalidPattern(text: s))
                    ok = false
                    continue
                }
                if !FeeTable.matchesAnItem(pattern, codes: vocabulary.itemCodes) {
                    reader.report(.patternMatchesNothing, p, at: element.offset, .patternMatchesNothing(pattern: s, nearest: nearest(s, vocabulary.itemCodes)))
                    ok = false
                }
                patterns.append(pattern)
            }
        }
        let conditions = f["when"].flatMap { readConditions(&reader, $0, f.childPath("when"), vocabulary: vocabulary) }
        if f.has("when") && conditions == nil { ok = false }
        let effectKeys = Self.effectKeys.filter { f.has($0) }
        var effect: WaiverEffect?
        if effectKeys.isEmpty {
            reader.report(.missingKey, path, at: node.offset, .noEffect)
        } else if effectKeys.count > 1 {
            reader.report(.severalEffects, f.childPath(effectKeys[1]), at: f[effectKeys[1]]?.offset ?? node.offset,
                          .severalEffects(keys: effectKeys.map(\.text)))
        } else if let n = f["percent_off"] {
            effect = reader.percentage(n, f.childPath("percent_off")).map(WaiverEffect.percentOff)
        } else if let n = f["amount_off"] {
            effect = reader.money(n, f.childPath("amount_off"), minorDigits: minorDigits).map(WaiverEffect.amountOff)
        } else if let n = f["fee"] {
            effect = reader.money(n, f.childPath("fee"), minorDigits: minorDigits).map(WaiverEffect.fixedFee)
        }
        guard ok, let id, let name, let effect else { return nil }
        readID = id
        return try? Waiver(id: id, name: name, basis: basis, appliesTo: patterns, conditions: conditions ?? WaiverConditions(), effect: effect)
    }

    private static func readConditions(_ reader: inout TableReader, _ node: Node, _ path: String,
                                       vocabulary: Vocabulary) -> WaiverConditions? {
        guard let f = reader.object(node, path, allowed: ["tiers", "tier_at_least", "segments", "min_age", "channels", "branches",
                                                          "reasons", "no_fault", "from", "until", "free_uses"]) else { return nil }
        let before = reader.problems.count
        func idList(_ key: StaticString, _ list: WaiverConditions.IDList, _ declared: [String], _ what: CheckMessage.Declared,
                    _ reader: inout TableReader) -> [String]? {
            guard let n = f[key], let elements = reader.array(n, f.childPath(key)) else { return nil }
            if case .emptyList? = WaiverConditions.flaw(list, count: elements.count) {
                reader.report(.emptyCondition, f.childPath(key), at: n.offset, .emptyCondition(what))
            }
            var ids: [String] = []
            for (element, p) in elements {
                guard let s = reader.string(element, p) else { continue }
                if !declared.contains(s) {
                    reader.report(.undeclaredId, p, at: element.offset, .undeclared(what, id: s, nearest: nearest(s, declared)))
                    continue
                }
                ids.append(s)
            }
            return ids
        }
        let tiers = idList("tiers", .tiers, vocabulary.tiers, .tier, &reader)
        var tierAtLeast: String?
        if let n = f["tier_at_least"], let s = reader.string(n, f.childPath("tier_at_least")) {
            if vocabulary.tiers.contains(s) {
                tierAtLeast = s
            } else {
                reader.report(.undeclaredId, f.childPath("tier_at_least"), at: n.offset, .undeclared(.tier, id: s, nearest: nearest(s, vocabulary.tiers)))
            }
        }
        let segments = idList("segments", .segments, vocabulary.segments, .segment, &reader)
        let minAge = f["min_age"].flatMap { reader.integer($0, f.childPath("min_age"), range: RequestLimits.age) }
        let channels = idList("channels", .channels, vocabulary.channels, .channel, &reader)
        let branches = idList("branches", .branches, vocabulary.branches, .branch, &reader)
        let reasons = idList("reasons", .reasons, vocabulary.reasons, .reason, &reader)
        var noFault = false
        if let n = f["no_fault"], let b = reader.bool(n, f.childPath("no_fault")) {
            if b {
                noFault = true
            } else {
                reader.report(.noFaultFalse, f.childPath("no_fault"), at: n.offset, .noFaultFalse)
            }
        }
        let from = f["from"].flatMap { reader.date($0, f.childPath("from")) }
        let until = f["until"].flatMap { reader.date($0, f.childPath("until")) }
        if case .untilBeforeFrom(let from, let until)? = WaiverConditions.flaw(from: from, until: until) {
            reader.report(.datesOrder, f.childPath("until"), at: f["until"]?.offset ?? node.offset, .untilBeforeFrom(from: from, until: until))
        }
        var freeUses: FreeUses?
        if let n = f["free_uses"], let u = reader.object(n, f.childPath("free_uses"), allowed: ["count", "per"], required: ["count", "per"]) {
            let count = u["count"].flatMap { reader.integer($0, u.childPath("count"), range: FreeUses.counts) }
            var period: FreeUses.Period?
            if let p = u["per"], let s = reader.string(p, u.childPath("per")) {
                period = FreeUses.Period(rawValue: s)
                if period == nil {
                    reader.report(.unknownPeriod, u.childPath("per"), at: p.offset, .unknownPeriod(text: s))
                }
            }
            if let count, let period { freeUses = try? FreeUses(count: count, period: period) }
        }
        let failed = reader.problems[before...].contains { $0.severity == .error }
        if failed { return nil }
        return try? WaiverConditions(tiers: tiers, tierAtLeast: tierAtLeast, segments: segments, minAge: minAge, channels: channels,
                                     branches: branches, reasons: reasons, noFault: noFault, from: from, until: until, freeUses: freeUses)
    }
}

/// The declared id closest to the given one, if any is close (a message's "did you mean").
func nearest(_ word: String, _ candidates: [String]) -> String? {
    closestMatches(to: word, in: candidates, limit: 1).first
}

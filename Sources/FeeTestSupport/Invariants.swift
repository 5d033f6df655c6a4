import FeeKit

/// Properties that must hold for any input, checked by the fuzz targets (`Fuzz/`) and by the tests
/// that replay the inputs the fuzzers found (`Tests/FeeKitTests/Fixtures/fail-cases`). Each check
/// returns nil when the property holds, or what went wrong.
package enum Invariants {
    /// A version file, however broken, is read without a crash; a file that loads compares with
    /// every version of `bank` and renders a board whose texts are all escaped.
    package static func checkTable(_ bytes: [UInt8], bank: Bank) -> String? {
        var reader = TableReader(file: "fuzz.json", bytes: bytes, languages: bank.profile.languages)
        let table = FeeTable.read(&reader, bank: bank.profile, fileName: "fuzz.json")
        if table == nil && !reader.hasErrors { return "the table did not load but no error was reported" }
        if table != nil && reader.hasErrors { return "the table loaded despite errors" }
        guard let table else { return nil }
        if let dropped = droppedObjects(table, root: reader.root) { return dropped }
        for old in bank.versions where old.currency == table.currency {
            for item in table.items {
                guard let o = old.item(item.code) else { continue }
                if let w = FeeComparison.firstRaise(old: o.fee, oldRounding: old.rounding, new: item.fee, newRounding: table.rounding,
                                                     minorDigits: table.currency.minorDigits), !(w.newFee > w.oldFee) {
                    return "raise witness for \(item.code) is not a raise"
                }
            }
        }
        guard let candidate = try? Bank(profile: bank.profile, versions: [table]) else { return "one version is not a bank" }
        guard let board = NoticeBoard(bank: candidate, date: table.effectiveFrom) else { return "no board on the effective date" }
        let html = board.document.render(.html)
        if html.contains("<script") { return "unescaped markup in the board" }
        return nil
    }

    /// The loader's invariant: a version that loads has every category, tier, segment, channel,
    /// reason, item, waiver and glossary entry of its file; nil when it does.
    package static func droppedObjects(_ table: FeeTable, root: JSONNode?) -> String? {
        guard let root, case .object(let members) = root.value else { return "a table loaded from a file that is not an object" }
        let loaded: [String: Int] = ["categories": table.categories.count, "tiers": table.tiers.count,
                                     "segments": table.segments.count, "channels": table.channels.count,
                                     "reasons": table.reasons.count, "items": table.items.count,
                                     "waivers": table.waivers.count, "glossary": table.glossary.count]
        for (key, count) in loaded.sorted(by: { $0.key < $1.key }) {
            let inFile: Int
            if let node = members.first(where: { $0.key == key })?.value, case .array(let elements) = node.value {
                inFile = elements.count
            } else {
                inFile = 0
            }
            if inFile != count { return "\(key): the file has \(inFile), the loaded table \(count)" }
        }
        return nil
    }

    /// A request line gets exactly one answer line, the same every time, that is JSON and starts
    /// with the id as written: the literal of the first `id` member the JSON reader sees, or null.
    package static func checkRequestLine(_ line: [UInt8], quoter: BatchQuoter) -> String? {
        var first: [UInt8] = [], second: [UInt8] = []
        let a = line.withUnsafeBufferPointer { quoter.answer(line: $0, into: &first) }
        let b = line.withUnsafeBufferPointer { quoter.answer(line: $0, into: &second) }
        if a != b || first != second { return "two answers to one line" }
        guard first.last == 0x0A, first.dropLast().firstIndex(of: 0x0A) == nil else { return "not exactly one answer line" }
        guard let answer = try? JSONParser.parse(Array(first.dropLast())) else { return "the answer is not JSON" }
        var expectedID = Array("null".utf8)
        if let tree = try? JSONParser.parse(line, maxDepth: 64), case .object(let members) = tree.value,
           let id = members.first(where: { $0.key == "id" })?.value, id.value.typeName != "null" {
            expectedID = Array(line[id.offset..<id.end])
        }
        guard first.starts(with: Array("{\"id\":".utf8) + expectedID) else { return "the answer does not start with the id as written" }
        if case .bool(true)? = answer.node(at: "ok")?.value, (try? JSONParser.parse(line, maxDepth: 64)) == nil {
            return "a line that is not JSON was quoted"
        }
        return nil
    }

    /// A request built from arbitrary bytes, over the vocabulary of `bank`'s latest version.
    package static func request(from bytes: [UInt8], bank: Bank) -> QuoteRequest {
        var i = 0
        func next() -> Int {
            defer { i += 1 }
            return i < bytes.count ? Int(bytes[i]) : 0
        }
        let first = bank.versions[0].effectiveFrom
        let date = first.adding(days: next() * 16 + next() - 64) ?? first
        let table = bank.version(on: date) ?? bank.versions[bank.versions.count - 1]
        let item = table.items[next() % table.items.count]
        var r = QuoteRequest(item: item.code, date: date)
        let digits = next() % 20
        if digits > 0 {
            var amount = (0..<digits).map { _ in String(next() % 10) }.joined()
            if next() % 2 == 0 { amount += "." + String(next() % 10) + String(next() % 10) }
            r.amount = amount
        }
        r.quantity = next() % 3 == 0 ? 1 + next() * 97 : 1
        func pick(_ ids: [String]) -> String? {
            let k = next()
            return k % 4 == 0 || ids.isEmpty ? nil : ids[k % ids.count]
        }
        r.customer.tier = pick(table.tiers.map(\.id))
        r.customer.segments = table.segments.enumerated().filter { _ in next() % 3 == 0 }.map { $0.element.id }
        r.customer.age = next() % 2 == 0 ? next() % 120 : nil
        r.channel = pick(table.channels.map(\.id))
        r.reason = pick(table.reasons.map(\.id))
        r.branch = pick(bank.profile.branches.map(\.id))
        r.usesInPeriod = next() % 2 == 0 ? next() % 8 : nil
        return r
    }

    /// Quoting is deterministic; 0 ≤ net ≤ gross; a waiver never raises a fee; the applied waiver
    /// is the first with the lowest net; the gross fee respects min and max; the version is in effect.
    package static func checkQuote(_ r: QuoteRequest, calculator: FeeCalculator) -> String? {
        let first = calculator.quote(r), second = calculator.quote(r)
        switch (first, second) {
        case (.failure(let a), .failure(let b)):
            return a == b ? nil : "two different errors for one request"
        case (.success(let q), .success(let q2)):
            if q.net != q2.net || q.gross != q2.gross || q.applied?.id != q2.applied?.id { return "two different quotes for one request" }
            if q.net < .zero || q.net > q.gross { return "net outside 0…gross" }
            if q.discount.minorUnits != q.gross.minorUnits - q.net.minorUnits { return "discount is not gross − net" }
            if let min = q.formula.min, q.gross < min { return "gross below min" }
            if let max = q.formula.max, q.gross > max { return "gross above max" }
            if q.version.effectiveFrom > r.date { return "a version applied before its effective date" }
            if q.gross == .zero && !q.eligible.isEmpty { return "waivers eligible on a zero fee" }
            for e in q.eligible where e.net > q.gross { return "waiver \(e.id) raises the fee" }
            if let best = q.eligible.filter({ $0.net < q.gross }).min(by: { $0.net < $1.net }) {
                if q.applied?.id != q.eligible.first(where: { $0.net == best.net })?.id { return "the applied waiver is not the first best" }
            } else if q.applied != nil {
                return "a waiver applied that saves nothing"
            }
            var w = JSONWriter()
            Explanation(quote: q, calculator: calculator).write(to: &w)
            if (try? JSONParser.parse(w.bytes)) == nil { return "the explanation is not JSON" }
            return nil
        default:
            return "one request both quoted and refused"
        }
    }

    /// A teller's amount text: an accepted amount is a plain decimal (spec §6) that the calculator
    /// reads without trapping; the reading suggested for a typo is itself accepted, unchanged.
    package static func checkTellerAmount(_ text: String, calculator: FeeCalculator) -> String? {
        switch TellerInput.amount(text) {
        case .success(let amount):
            let parts = amount.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) else {
                return "accepted '\(text)' as '\(amount)', which is not a plain decimal"
            }
            let bank = calculator.catalogue.banks[0]
            let table = bank.versions[bank.versions.count - 1]
            guard let item = table.items.first(where: { $0.fee.needsAmount }) else { return nil }
            var r = QuoteRequest(item: item.code, date: table.effectiveFrom)
            r.amount = amount
            _ = calculator.quote(r)
            return nil
        case .failure(.notAnAmount):
            return nil
        case .failure(.misplacedSeparators(let meant)):
            guard case .success = TellerInput.amount(meant) else { return "the suggested reading '\(meant)' of '\(text)' is refused" }
            return nil
        }
    }

    /// A partial file: read without trapping (its frame unchecked, so that the fuzzer reaches the
    /// body readers); one that reads writes back to a partial that reads, checked, the same; a
    /// merge with itself is refused when it holds a customer; it renders its report.
    package static func checkPartial(_ bytes: [UInt8], bank: Bank) -> String? {
        guard case .success(let read) = PartialFile.read(bytes, checkFrame: false) else { return nil }
        let h = read.header
        switch read.contents {
        case .statement(var a):
            let written = PartialFile.write(a, header: h)
            guard case .success(let r) = PartialFile.read(Array(written.utf8)), case .statement(let again) = r.contents else { return "a written statement partial does not read back" }
            if PartialFile.write(again, header: h) != written { return "a statement partial changes when written again" }
            let held = !a.customerRefs.isEmpty
            if (a.merge(again) != nil) != held { return "a statement partial merged with itself is not refused for its customers" }
            if !a.overflowed { StatementReport(aggregate: a, bank: bank, tag: bank.profile.languages[0]).stream("txt") { _ in } }
        case .impact(var a):
            let written = PartialFile.write(a, header: h)
            guard case .success(let r) = PartialFile.read(Array(written.utf8)), case .impact(let again) = r.contents else { return "a written impact partial does not read back" }
            if PartialFile.write(again, header: h) != written { return "an impact partial changes when written again" }
            if (a.merge(again) != nil) != !again.customers.isEmpty { return "an impact partial merged with itself is not refused for its customers" }
            if !a.overflowed { _ = ImpactReport(aggregate: a, bank: bank, tag: bank.profile.languages[0]).text }
        case .audit(var a):
            let written = PartialFile.write(a, header: h)
            guard case .success(let r) = PartialFile.read(Array(written.utf8)), case .audit(let again) = r.contents else { return "a written audit partial does not read back" }
            if PartialFile.write(again, header: h) != written { return "an audit partial changes when written again" }
            if (a.merge(again) != nil) != !again.customers.isEmpty { return "an audit partial merged with itself is not refused for its customers" }
            let report = AuditReport(aggregate: a, bank: bank, tag: bank.profile.languages[0])
            _ = report.text + report.json + report.csv + report.jsonLines
        }
        return nil
    }
}

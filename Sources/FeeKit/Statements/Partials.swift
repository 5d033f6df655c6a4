/// Partial aggregates (`--partial`) as JSON Lines, so that a bank can run `fees statement` and
/// `fees impact` as the map step of Hadoop Streaming or Spark and `fees merge` as the reduce step.
/// Format `fees-partial/1`: a header line, then one line per customer, error or counter.
public enum PartialFile {
    public enum Contents: Sendable {
        case statement(StatementAggregate)
        case impact(ImpactAggregate)
        case audit(AuditAggregate)
    }

    /// The partial of an audit: its counts, then one line per finding and per error.
    public static func write(_ a: AuditAggregate) -> String {
        var lines: [String] = []
        var w = JSONWriter()
        w.beginObject(); w.field("format", "fees-partial/1"); w.field("kind", "audit")
        w.field("from", a.from.map { "\($0)" }); w.field("to", a.to.map { "\($0)" })
        w.field("lines", a.lines); w.field("correct", a.correct); w.field("outside", a.outside); w.field("minor_digits", a.minorDigits); w.endObject()
        lines.append(w.text)
        for f in a.findings {
            var x = JSONWriter()
            x.beginObject()
            x.key("finding"); x.beginObject()
            x.field("id", f.id); x.field("customer", f.customerRef); x.field("item", f.item); x.field("date", "\(f.date)")
            x.field("kind", f.kind.rawValue); x.field("cause", f.cause?.rawValue); x.field("charged", money(f.charged))
            x.field("fee", f.fee.map(money)); x.field("refund", money(f.refund)); x.field("detail", f.detail)
            x.key("missing"); x.beginArray(); for m in f.missing { x.string(m.rawValue) }; x.endArray()
            x.field("branch", f.branch); x.field("channel", f.channel)
            x.endObject()
            x.endObject()
            lines.append(x.text)
        }
        for e in a.errors.sorted() { var x = JSONWriter(); writeError(e, &x); lines.append(x.text) }
        return lines.joined(separator: "\n") + "\n"
    }

    public struct Failure: Error, Sendable {
        public var message: String
    }

    private static func money(_ v: Int128) -> String { String(v) }

    private static func writeError(_ e: TransactionError, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("error")
        w.beginObject()
        w.field("customer", e.customerRef)
        w.field("id", e.id)
        w.field("code", e.code)
        w.field("message", e.message)
        w.endObject()
        w.endObject()
    }

    /// The partial of a statement aggregate, customers in order.
    public static func write(_ a: StatementAggregate) -> String {
        var out = ""
        write(a) { out += $0 }
        return out
    }

    /// Writes the partial of a statement aggregate line by line.
    public static func write(_ a: StatementAggregate, _ emit: (String) -> Void) {
        func line(_ text: String) { emit(text + "\n") }
        var w = JSONWriter()
        w.beginObject(); w.field("format", "fees-partial/1"); w.field("kind", "statement"); w.field("from", "\(a.from)"); w.field("to", "\(a.to)"); w.endObject()
        line(w.text)
        for ref in a.customerRefs {
            var c = JSONWriter()
            c.beginObject()
            c.field("customer", ref)
            c.key("lines")
            c.beginArray()
            for l in a.lines(of: ref) {
                c.beginObject()
                c.field("item", l.item); c.field("version", l.version); c.field("count", l.count); c.field("quantity", l.quantity)
                c.field("gross", money(l.gross)); c.field("discount", money(l.discount)); c.field("net", money(l.net))
                c.key("waivers")
                c.beginArray()
                for id in l.waivers.keys.sorted() {
                    c.beginObject(); c.field("id", id); c.field("count", l.waivers[id]!.count); c.field("saved", money(l.waivers[id]!.saved)); c.endObject()
                }
                c.endArray()
                c.endObject()
            }
            c.endArray()
            c.endObject()
            line(c.text)
        }
        for e in a.errors.sorted() { var x = JSONWriter(); writeError(e, &x); line(x.text) }
        var o = JSONWriter(); o.beginObject(); o.field("outside", a.outside); o.endObject(); line(o.text)
    }

    /// The partial of an impact aggregate.
    public static func write(_ a: ImpactAggregate) -> String {
        var lines: [String] = []
        var w = JSONWriter()
        w.beginObject(); w.field("format", "fees-partial/1"); w.field("kind", "impact"); w.field("from_version", a.fromVersion); w.field("to_version", a.toVersion); w.endObject()
        lines.append(w.text)
        func totals(_ key: String, _ map: [String: ImpactAggregate.Totals]) {
            for k in map.keys.sorted() {
                let t = map[k]!
                var x = JSONWriter()
                x.beginObject(); x.field(key, k); x.field("count", t.count); x.field("old", money(t.old)); x.field("new", money(t.new)); x.endObject()
                lines.append(x.text)
            }
        }
        totals("customer", a.customers)
        totals("item", a.items)
        totals("tier", a.tiers)
        for e in a.errors.sorted() { var x = JSONWriter(); writeError(e, &x); lines.append(x.text) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads one partial file.
    public static func read(_ bytes: [UInt8]) -> Result<Contents, Failure> {
        var nodes: [JSONNode] = []
        var bad: String?
        LineReader.forEachLine(in: bytes, maxLineBytes: CatalogueLoader.maxFileBytes) { line in
            guard bad == nil else { return }
            guard case .text(let text) = line else { bad = "a line of the partial is longer than \(CatalogueLoader.maxFileBytes) bytes"; return }
            do throws(JSONSyntaxError) { nodes.append(try JSONParser.parse(Array(text))) } catch { bad = "a line of the partial is not JSON: \(error.message)" }
        }
        if let bad { return .failure(Failure(message: bad)) }
        func string(_ n: JSONNode, _ path: String) -> String? { if case .string(let s)? = n.node(at: path)?.value { return s }; return nil }
        // Counts and sums are non-negative integers; anything else is refused, never skipped.
        func int(_ n: JSONNode, _ path: String) -> Int? { if case .number(let s)? = n.node(at: path)?.value, let v = Int(s), v >= 0 { return v }; return nil }
        func money(_ n: JSONNode, _ path: String) -> Int128? {
            guard let s = string(n, path), !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int128(s)
        }
        guard let header = nodes.first, string(header, "format") == "fees-partial/1", let kind = string(header, "kind") else {
            return .failure(Failure(message: "not a fees partial: the first line must be the fees-partial/1 header written by --partial"))
        }
        func error(_ n: JSONNode) -> TransactionError? {
            guard let c = string(n, "error.customer"), let id = string(n, "error.id"), let code = string(n, "error.code"), let m = string(n, "error.message") else { return nil }
            return TransactionError(customerRef: c, id: id, code: code, message: m)
        }
        if kind == "statement" {
            guard let from = string(header, "from").flatMap(CalendarDate.init), let to = string(header, "to").flatMap(CalendarDate.init) else {
                return .failure(Failure(message: "the statement partial's header lacks its period"))
            }
            var a = StatementAggregate(from: from, to: to)
            for n in nodes.dropFirst() {
                if let e = error(n) { a.errors.append(e); continue }
                if let outside = int(n, "outside") { a.addOutside(outside); continue }
                guard let ref = string(n, "customer"), case .array(let lines)? = n.node(at: "lines")?.value else {
                    return .failure(Failure(message: "an unreadable line in the statement partial"))
                }
                for l in lines {
                    guard let item = string(l, "item"), let version = string(l, "version"), let count = int(l, "count"), let quantity = int(l, "quantity"),
                          let gross = money(l, "gross"), let discount = money(l, "discount"), let net = money(l, "net") else {
                        return .failure(Failure(message: "an unreadable statement line for customer '\(ref)'"))
                    }
                    var line = StatementLine(item: item, version: version, count: count, quantity: quantity, gross: gross, discount: discount, net: net)
                    if case .array(let ws)? = l.node(at: "waivers")?.value {
                        for wn in ws {
                            guard let id = string(wn, "id"), let c = int(wn, "count"), let saved = money(wn, "saved") else {
                                return .failure(Failure(message: "an unreadable waiver saving for customer '\(ref)'"))
                            }
                            line.waivers[id] = WaiverSaving(count: c, saved: saved)
                        }
                    }
                    a.add(line, to: ref)
                }
            }
            if a.overflowed { return .failure(Failure(message: "overflow: the sums in the statement partial are beyond what is computed exactly; it was not written by fees --partial")) }
            return .success(.statement(a))
        }
        if kind == "impact" {
            guard let fromVersion = string(header, "from_version"), let toVersion = string(header, "to_version") else {
                return .failure(Failure(message: "the impact partial's header lacks its versions"))
            }
            var a = ImpactAggregate(fromVersion: fromVersion, toVersion: toVersion)
            for n in nodes.dropFirst() {
                if let e = error(n) { a.errors.append(e); continue }
                guard let count = int(n, "count"), let old = money(n, "old"), let new = money(n, "new") else {
                    return .failure(Failure(message: "an unreadable line in the impact partial"))
                }
                let t = ImpactAggregate.Totals(count: count, old: old, new: new)
                if let c = string(n, "customer") { a.add(t, customer: c) }
                else if let i = string(n, "item") { a.add(t, item: i) }
                else if let k = string(n, "tier") { a.add(t, tier: k) }
                else { return .failure(Failure(message: "a line of the impact partial names no customer, item or tier")) }
            }
            if a.overflowed { return .failure(Failure(message: "overflow: the sums in the impact partial are beyond what is computed exactly; it was not written by fees --partial")) }
            return .success(.impact(a))
        }
        if kind == "audit" {
            let from = string(header, "from").flatMap(CalendarDate.init), to = string(header, "to").flatMap(CalendarDate.init)
            // Counts below 10^15 and money below 10^20 minor units: far beyond any real partial, and
            // low enough that no sum of a file's worth of them can overflow.
            let countLimit = 1_000_000_000_000_000, moneyLimit: Int128 = 100_000_000_000_000_000_000
            guard let lines = int(header, "lines"), let correct = int(header, "correct"), let outside = int(header, "outside"),
                  let digits = int(header, "minor_digits"), (0...4).contains(digits),
                  lines < countLimit, correct < countLimit, outside < countLimit else {
                return .failure(Failure(message: "the audit partial's header lacks its counts, or they are out of range"))
            }
            var findings: [AuditFinding] = []
            var errors: [TransactionError] = []
            for n in nodes.dropFirst() {
                if let e = error(n) { errors.append(e); continue }
                guard let id = string(n, "finding.id"), let customer = string(n, "finding.customer"), let item = string(n, "finding.item"),
                      let date = string(n, "finding.date").flatMap(CalendarDate.init), let kind = string(n, "finding.kind").flatMap(AuditFindingKind.init),
                      let charged = money(n, "finding.charged"), let refund = money(n, "finding.refund") else {
                    return .failure(Failure(message: "an unreadable finding in the audit partial"))
                }
                let cause = string(n, "finding.cause").flatMap(AuditCause.init)
                let fee = money(n, "finding.fee")
                // A finding's refund follows from its kind, charge and fee: anything else was not written by fees.
                let consistent: Bool
                switch kind {
                case .overcharged: consistent = fee.map { refund == charged - $0 && charged > $0 } ?? false
                case .unlisted: consistent = refund == charged && fee == nil
                case .undercharged, .undecided: consistent = refund == 0 && fee != nil
                }
                guard charged < moneyLimit, (fee ?? 0) < moneyLimit, consistent else {
                    return .failure(Failure(message: "a finding of the audit partial is out of range or its refund does not follow from its charge and fee"))
                }
                var missing: [RequestFact] = []
                if case .array(let ms)? = n.node(at: "finding.missing")?.value {
                    for m in ms {
                        guard case .string(let s) = m.value, let fact = RequestFact(rawValue: s) else { return .failure(Failure(message: "an unreadable missing fact in the audit partial")) }
                        missing.append(fact)
                    }
                }
                findings.append(AuditFinding(id: id, customerRef: customer, item: item, date: date, kind: kind, cause: cause, charged: charged,
                                             fee: fee, refund: refund, detail: string(n, "finding.detail"), missing: missing,
                                             branch: string(n, "finding.branch"), channel: string(n, "finding.channel")))
            }
            return .success(.audit(AuditAggregate(from: from, to: to, findings: findings, correct: correct, lines: lines, outside: outside, errors: errors, minorDigits: digits)))
        }
        return .failure(Failure(message: "unknown partial kind '\(kind)'"))
    }
}

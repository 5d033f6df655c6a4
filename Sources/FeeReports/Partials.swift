import FeeValues
import FeeJSON
import FeeCore
import FeeCatalogue
import FeeWords

/// Partial aggregates (`--partial`) as JSON Lines, so that a bank can run `fees statement`,
/// `fees impact` and `fees audit` as the map step of Hadoop Streaming or Spark and `fees merge` as
/// the reduce step. Format `fees-partial/2` (Docs/PARTIALS.md): the frame of `PartialFrame.swift`
/// around one line per customer, error or count.
public enum PartialFile {
    /// What a partial holds: the aggregate of its header's kind.
    public enum Contents: Sendable {
        /// A `fees statement` partial: the statement lines of its customers.
        case statement(StatementAggregate)
        /// A `fees impact` partial: the repricing impact of its transactions.
        case impact(ImpactAggregate)
        /// A `fees audit` partial: the findings of its transactions.
        case audit(AuditAggregate)
    }

    /// A partial read whole and checked: its frame and what it holds.
    public struct Read: Sendable {
        /// The header: kind, bank, scope and the tables' fingerprints.
        public let header: PartialHeader
        /// The trailer: the pieces, the number of body lines and the checksum.
        public let trailer: PartialTrailer
        /// The aggregate read from the body.
        public let contents: Contents
    }

    /// Why a partial cannot be used.
    public struct Failure: Error, Sendable, Hashable {
        /// What is wrong, as a case of the partials' message catalogue.
        package let reason: PartialMessage
        /// A failure for `reason`.
        package init(_ reason: PartialMessage) { self.reason = reason }
        /// What is wrong, in words for the operator in `language` ("第一行不是 JSON：…").
        public func message(in language: TextLanguage) -> String { reason.text(language) }
    }

    // MARK: Writing

    /// The partial of a statement aggregate, customers in byte order.
    public static func write(_ a: StatementAggregate, header: PartialHeader, piece: String? = nil) -> String {
        var out = ""
        var w = StatementPartialWriter(header: header) { out += $0 }
        for ref in a.customerRefs { w.customer(ref, a.lines(of: ref)) { out += $0 } }
        w.finish(errors: a.errors, outside: a.outside, piece: piece) { out += $0 }
        return out
    }

    /// The partial of an impact aggregate: customers in byte order, then items, tiers and errors.
    public static func write(_ a: ImpactAggregate, header: PartialHeader, piece: String? = nil, pieces: [String] = []) -> String {
        var out = ""
        var frame = PartialWriter()
        frame.header(header) { out += $0 }
        func totals(_ key: String, _ map: [String: ImpactAggregate.Totals]) {
            for k in map.keys.sorted(by: precedesInBytes) {
                let t = map[k]!
                var x = JSONWriter()
                x.beginObject(); x.field(key, k); x.field("count", t.count); x.field("old", String(t.old)); x.field("new", String(t.new)); x.endObject()
                frame.body(x.text) { out += $0 }
            }
        }
        totals("customer", a.customers)
        totals("item", a.items)
        totals("tier", a.tiers)
        for e in a.errors.sorted() { frame.body(errorLine(e)) { out += $0 } }
        frame.finish(piece: piece, pieces: pieces, holdsNothing: a.customers.isEmpty && a.errors.isEmpty) { out += $0 }
        return out
    }

    /// The partial of an audit: its counts, the customers it counted, then one line per finding and per error.
    public static func write(_ a: AuditAggregate, header: PartialHeader, piece: String? = nil, pieces: [String] = []) -> String {
        var out = ""
        var frame = PartialWriter()
        frame.header(header) { out += $0 }
        var w = JSONWriter()
        w.beginObject(); w.key("counts"); w.beginObject()
        w.field("lines", a.lines); w.field("correct", a.correct); w.field("outside", a.outside); w.field("minor_digits", a.minorDigits)
        w.endObject(); w.endObject()
        frame.body(w.text) { out += $0 }
        for c in a.customers.sorted(by: precedesInBytes) {
            var x = JSONWriter(); x.beginObject(); x.field("customer", c); x.endObject()
            frame.body(x.text) { out += $0 }
        }
        for f in a.findings {
            var x = JSONWriter()
            x.beginObject()
            x.key("finding"); x.beginObject()
            x.field("id", f.id); x.field("customer", f.customerRef); x.field("item", f.item); x.field("date", "\(f.date)")
            x.field("kind", f.kind.rawValue); x.field("cause", f.cause?.rawValue); x.field("charged", String(f.charged))
            x.field("fee", f.fee.map { String($0) }); x.field("refund", String(f.refund)); x.field("detail", f.detail)
            x.key("missing"); x.beginArray(); for m in f.missing { x.string(m.rawValue) }; x.endArray()
            x.field("branch", f.branch); x.field("channel", f.channel)
            x.endObject()
            x.endObject()
            frame.body(x.text) { out += $0 }
        }
        for e in a.errors.sorted() { frame.body(errorLine(e)) { out += $0 } }
        frame.finish(piece: piece, pieces: pieces, holdsNothing: a.lines == 0) { out += $0 }
        return out
    }

    static func errorLine(_ e: TransactionError) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("error")
        w.beginObject()
        w.field("customer", e.customerRef)
        w.field("id", e.id)
        w.field("code", e.code)
        w.field("message", e.message)
        w.endObject()
        w.endObject()
        return w.text
    }

    // MARK: Reading

    /// Reads one partial whole, checking its frame (header, trailer, checksum) and every line.
    public static func read(_ bytes: [UInt8]) -> Result<Read, Failure> {
        read(bytes, checkFrame: true)
    }

    /// Reads a partial; `checkFrame: false` skips the checksum, for the fuzz target, which must
    /// reach the body readers with bytes it cannot sign.
    package static func read(_ bytes: [UInt8], checkFrame: Bool) -> Result<Read, Failure> {
        var frame = PartialFrameCheck()
        var header: PartialHeader?
        var body = PartialBody()
        var bad: PartialMessage?
        LineReader.forEachLine(in: bytes, maxLineBytes: CatalogueLoader.maxFileBytes) { line in
            guard bad == nil else { return }
            guard case .text(let text) = line else { frame.takeOverlong(); bad = .lineTooLong; return }
            if !checkFrame && header != nil && PartialTrailer.isTrailer(text) { return }
            let isBody = frame.take(text) || (!checkFrame && header != nil)
            if header == nil, let h = frame.header {
                header = h
                body = PartialBody(header: h)
            }
            if isBody, let problem = body.take(text) { bad = problem }
        }
        if let bad { return .failure(Failure(bad)) }
        let verdict = frame.finish()
        let checked: (PartialHeader, PartialTrailer)
        switch verdict {
        case .success(let v): checked = v
        case .failure(let f):
            guard !checkFrame, let header else { return .failure(f) }
            checked = (header, PartialTrailer(pieces: ["unchecked"], lines: 0, sha256: ""))
        }
        return body.finish().map { Read(header: checked.0, trailer: checked.1, contents: $0) }
    }
}

/// Reads a partial's body lines in turn into the aggregate of its kind.
struct PartialBody {
    private var statement: StatementAggregate?
    private var impact: ImpactAggregate?
    private var audit: AuditAggregate?
    private var auditCounts: (lines: Int, correct: Int, outside: Int, digits: Int)?
    private var findings: [AuditFinding] = []
    private var auditCustomers: Set<String> = []
    private var errors: [TransactionError] = []
    private var lastCustomer: String?
    private var failure: PartialMessage?

    init() {}

    init(header h: PartialHeader) {
        switch h.kind {
        case .statement:
            guard let f = h.scope[0].value.flatMap(CalendarDate.init), let t = h.scope[1].value.flatMap(CalendarDate.init) else {
                failure = .periodNotDates; return
            }
            statement = StatementAggregate(from: f, to: t)
        case .impact:
            impact = ImpactAggregate(fromVersion: h.scope[0].value ?? "", toVersion: h.scope[1].value ?? "")
        case .audit:
            let f = h.scope[0].value.flatMap(CalendarDate.init), t = h.scope[1].value.flatMap(CalendarDate.init)
            if (h.scope[0].value != nil && f == nil) || (h.scope[1].value != nil && t == nil) { failure = .periodNotDates; return }
            audit = AuditAggregate(from: f, to: t)
        }
    }

    /// Customers come in byte order, each once: what lets merges stream and find a split customer.
    private mutating func customerInOrder(_ ref: String) -> PartialMessage? {
        if let last = lastCustomer, !precedesInBytes(last, ref) { return .customersOutOfOrder(customer: ref, after: last) }
        lastCustomer = ref
        return nil
    }

    /// Reads one body line; what is wrong with it, if anything.
    mutating func take(_ line: UnsafeBufferPointer<UInt8>) -> PartialMessage? {
        if let failure { return failure }
        if let e = PartialBody.error(line) { errors.append(e); return nil }
        if statement != nil {
            if let outside = PartialBody.outside(line) { statement!.addOutside(outside); return nil }
            guard let (ref, lines) = StatementPartialLine.read(line) else { return .unreadableLine(.statement) }
            if let bad = customerInOrder(ref) { return bad }
            statement!.touch(ref)
            for l in lines { statement!.add(l, to: ref) }
            return nil
        }
        guard let node = try? JSONParser.parse(Array(line)) else { return .lineNotJSON }
        if impact != nil {
            guard let count = Self.int(node, "count"), let old = Self.money(node, "old"), let new = Self.money(node, "new") else {
                return .unreadableLine(.impact)
            }
            let t = ImpactAggregate.Totals(count: count, old: old, new: new)
            if let c = Self.string(node, "customer") {
                if let bad = customerInOrder(c) { return bad }
                impact!.add(t, customer: c)
            } else if let i = Self.string(node, "item") { impact!.add(t, item: i) }
            else if let k = Self.string(node, "tier") { impact!.add(t, tier: k) }
            else { return .impactLineNamesNothing }
            return nil
        }
        return takeAudit(node)
    }

    private mutating func takeAudit(_ n: JSONNode) -> PartialMessage? {
        // Counts below 10^15 and money below 10^20 minor units: far beyond any real partial, and
        // low enough that no sum of a file's worth of them can overflow.
        let countLimit = 1_000_000_000_000_000, moneyLimit: Int128 = 100_000_000_000_000_000_000
        if n.node(at: "counts") != nil {
            guard auditCounts == nil, let lines = Self.int(n, "counts.lines"), let correct = Self.int(n, "counts.correct"),
                  let outside = Self.int(n, "counts.outside"), let digits = Self.int(n, "counts.minor_digits"), (0...4).contains(digits),
                  lines < countLimit, correct < countLimit, outside < countLimit else {
                return .auditCountsUnreadable
            }
            auditCounts = (lines, correct, outside, digits)
            return nil
        }
        if n.node(at: "finding") == nil, let c = Self.string(n, "customer") {
            if let bad = customerInOrder(c) { return bad }
            auditCustomers.insert(c)
            return nil
        }
        guard let id = Self.string(n, "finding.id"), let customer = Self.string(n, "finding.customer"), let item = Self.string(n, "finding.item"),
              let date = Self.string(n, "finding.date").flatMap(CalendarDate.init), let kind = Self.string(n, "finding.kind").flatMap(AuditFindingKind.init),
              let charged = Self.money(n, "finding.charged"), let refund = Self.money(n, "finding.refund") else {
            return .unreadableFinding
        }
        let cause = Self.string(n, "finding.cause").flatMap(AuditCause.init)
        let fee = Self.money(n, "finding.fee")
        // A finding's refund follows from its kind, charge and fee: anything else was not written by fees.
        let consistent: Bool
        switch kind {
        case .overcharged: consistent = fee.map { refund == charged - $0 && charged > $0 } ?? false
        case .unlisted: consistent = refund == charged && fee == nil
        case .undercharged, .undecided: consistent = refund == 0 && fee != nil
        }
        guard charged < moneyLimit, (fee ?? 0) < moneyLimit, consistent else {
            return .findingInconsistent
        }
        var missing: [RequestFact] = []
        if case .array(let ms)? = n.node(at: "finding.missing")?.value {
            for m in ms {
                guard case .string(let s) = m.value, let fact = RequestFact(rawValue: s) else { return .unreadableMissingFact }
                missing.append(fact)
            }
        }
        findings.append(AuditFinding(id: id, customerRef: customer, item: item, date: date, kind: kind, cause: cause, charged: charged,
                                     fee: fee, refund: refund, detail: Self.string(n, "finding.detail"), missing: missing,
                                     branch: Self.string(n, "finding.branch"), channel: Self.string(n, "finding.channel")))
        return nil
    }

    /// The aggregate, once every body line was read.
    func finish() -> Result<PartialFile.Contents, PartialFile.Failure> {
        if let failure { return .failure(.init(failure)) }
        if var s = statement {
            s.errors = errors
            if s.overflowed { return .failure(.init(.sumsOverflow(.statement))) }
            return .success(.statement(s))
        }
        if var i = impact {
            i.errors = errors
            if i.overflowed { return .failure(.init(.sumsOverflow(.impact))) }
            return .success(.impact(i))
        }
        if let a = audit {
            guard let c = auditCounts else { return .failure(.init(.auditCountsMissing)) }
            return .success(.audit(AuditAggregate(from: a.from, to: a.to, findings: findings, correct: c.correct, lines: c.lines, outside: c.outside,
                                                  errors: errors, minorDigits: c.digits, customers: auditCustomers)))
        }
        return .failure(.init(.empty))
    }

    static func error(_ line: UnsafeBufferPointer<UInt8>) -> TransactionError? {
        guard line.starts(with: #"{"error":"#.utf8), let n = try? JSONParser.parse(Array(line)) else { return nil }
        guard let c = string(n, "error.customer"), let id = string(n, "error.id"), let code = string(n, "error.code"), let m = string(n, "error.message") else { return nil }
        return TransactionError(customerRef: c, id: id, code: code, message: m)
    }

    static func outside(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.starts(with: #"{"outside":"#.utf8), let n = try? JSONParser.parse(Array(line)) else { return nil }
        return int(n, "outside")
    }

    static func string(_ n: JSONNode, _ path: String) -> String? { if case .string(let s)? = n.node(at: path)?.value { return s }; return nil }
    /// Counts and sums are non-negative integers; anything else is refused, never skipped.
    static func int(_ n: JSONNode, _ path: String) -> Int? { if case .number(let s)? = n.node(at: path)?.value, let v = Int(s), v >= 0 { return v }; return nil }
    static func money(_ n: JSONNode, _ path: String) -> Int128? {
        guard let s = string(n, path), !s.isEmpty, s.count <= 39, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int128(s)
    }
}

/// Writes a statement partial customer by customer, so that a map step over input sorted by
/// customer holds one customer at a time.
public struct StatementPartialWriter {
    private var frame = PartialWriter()
    private var customers = 0

    /// A writer that emits `header`'s line at once; then `customer` for each customer and `finish`.
    public init(header: PartialHeader, _ emit: (String) -> Void) {
        frame.header(header, emit)
    }

    /// One customer's line: `{"customer":REF,"lines":[[item, version, count, quantity, gross, discount, [[waiver, count, saved]…]]…]}`.
    public mutating func customer(_ ref: String, _ lines: [StatementLine], _ emit: (String) -> Void) {
        frame.body(StatementPartialLine.write(ref, lines), emit)
        customers += 1
    }

    /// The errors (in order), the count of transactions outside the period, and the trailer.
    public mutating func finish(errors: [TransactionError], outside: Int, piece: String?, pieces: [String] = [], _ emit: (String) -> Void) {
        for e in errors.sorted() { frame.body(PartialFile.errorLine(e), emit) }
        frame.body("{\"outside\":\(outside)}", emit)
        frame.finish(piece: piece, pieces: pieces, holdsNothing: customers == 0 && errors.isEmpty && outside == 0, emit)
    }
}

/// A statement partial's customer line, written and read compactly (money as integer minor units;
/// net is gross − discount). Reading is strict: the exact shape written, or nothing.
enum StatementPartialLine {
    static func write(_ ref: String, _ lines: [StatementLine]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("customer", ref)
        w.key("lines")
        w.beginArray()
        for l in lines {
            w.beginArray()
            w.string(l.item); w.string(l.version); w.int(l.count); w.int(l.quantity)
            w.raw(Array(String(l.gross).utf8)); w.raw(Array(String(l.discount).utf8))
            w.beginArray()
            for id in l.waivers.keys.sorted() {
                w.beginArray(); w.string(id); w.int(l.waivers[id]!.count); w.raw(Array(String(l.waivers[id]!.saved).utf8)); w.endArray()
            }
            w.endArray()
            w.endArray()
        }
        w.endArray()
        w.endObject()
        return w.text
    }

    static func read(_ line: UnsafeBufferPointer<UInt8>) -> (String, [StatementLine])? {
        var c = JSONParser(bytes: line, maxDepth: 8)
        func byte(_ b: UInt8) -> Bool {
            guard c.index < line.count, line[c.index] == b else { return false }
            c.advance()
            return true
        }
        func peek(_ b: UInt8) -> Bool { c.index < line.count && line[c.index] == b }
        func string() -> String? {
            guard peek(UInt8(ascii: "\"")) else { return nil }
            return try? c.parseString()
        }
        func integer() -> Int128? {
            guard c.index < line.count, line[c.index] >= 0x30, line[c.index] <= 0x39, let r = try? c.numberToken(), r.count <= 39 else { return nil }
            var v: Int128 = 0
            for i in r {
                let d = line[i]
                guard d >= 0x30 && d <= 0x39 else { return nil }   // no fraction, no exponent
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int128(d - 0x30))
                guard !o1, !o2 else { return nil }
                v = s
            }
            return v
        }
        func count() -> Int? { integer().flatMap { Int(exactly: $0) } }
        guard byte(UInt8(ascii: "{")), string() == "customer", byte(UInt8(ascii: ":")), let ref = string(),
              byte(UInt8(ascii: ",")), string() == "lines", byte(UInt8(ascii: ":")), byte(UInt8(ascii: "[")) else { return nil }
        var lines: [StatementLine] = []
        var first = true
        while !byte(UInt8(ascii: "]")) {
            guard first || byte(UInt8(ascii: ",")) else { return nil }
            first = false
            guard byte(UInt8(ascii: "[")), let item = string(), byte(UInt8(ascii: ",")), let version = string(), byte(UInt8(ascii: ",")),
                  let n = count(), byte(UInt8(ascii: ",")), let q = count(), byte(UInt8(ascii: ",")),
                  let gross = integer(), byte(UInt8(ascii: ",")), let discount = integer(), discount <= gross, byte(UInt8(ascii: ",")),
                  byte(UInt8(ascii: "[")) else { return nil }
            var l = StatementLine(item: item, version: version, count: n, quantity: q, gross: gross, discount: discount, net: gross - discount)
            var firstWaiver = true
            while !byte(UInt8(ascii: "]")) {
                guard firstWaiver || byte(UInt8(ascii: ",")) else { return nil }
                firstWaiver = false
                guard byte(UInt8(ascii: "[")), let id = string(), byte(UInt8(ascii: ",")), let wc = count(), byte(UInt8(ascii: ",")),
                      let saved = integer(), byte(UInt8(ascii: "]")), l.waivers[id] == nil else { return nil }
                l.waivers[id] = WaiverSaving(count: wc, saved: saved)
            }
            guard byte(UInt8(ascii: "]")) else { return nil }
            lines.append(l)
        }
        guard byte(UInt8(ascii: "}")), c.index == line.count else { return nil }
        return (ref, lines)
    }
}

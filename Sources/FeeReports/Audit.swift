import FeeValues
import FeeWords
import FeeCore

/// What an audited charge turned out to be (a correct charge is counted, not listed).
public enum AuditFindingKind: String, Sendable, Hashable, CaseIterable {
    /// More was taken than the tables allow: the difference is to be refunded.
    case overcharged
    /// A charge for an item the tables do not list (私自增加收费项目).
    case unlisted
    /// Less was taken than the tables say.
    case undercharged
    /// The line lacks a fact (age, reason, channel, branch, uses) that would change the fee.
    case undecided
}

/// Why an overcharge happened, as the enforcement guidelines name the violations.
public enum AuditCause: String, Sendable, Hashable, CaseIterable {
    /// The full standard fee was taken although a waiver applied (优惠未落实).
    case waiverNotApplied = "waiver_not_applied"
    /// A no-fault reason (card expired, defect, bank upgrade) was ignored (非个人主观因素未免).
    case noFaultIgnored = "no_fault_ignored"
    /// An item currently waived for everyone (暂免) was charged.
    case suspendedItemCharged = "suspended_item_charged"
    /// A later version's price was taken before its effective date.
    case newPriceEarly = "new_price_early"
    /// More than the list price, for no reason the tables explain (超标准收费).
    case aboveList = "above_list"
}

/// One charge that is not correct, with what to do about it.
public struct AuditFinding: Sendable, Hashable {
    /// The line's `id` as written, to point at it.
    public let id: String
    /// The customer's opaque reference, from the line.
    public let customerRef: String
    /// The item code the line names.
    public let item: String
    /// The day of the charge.
    public let date: CalendarDate
    /// What the charge turned out to be.
    public let kind: AuditFindingKind
    /// Why an overcharge happened; nil for the other kinds.
    public let cause: AuditCause?
    /// What was taken, and what the tables say (nil for an unlisted item), in minor units.
    public let charged: Int128
    /// What the tables say is to pay (the quote's net fee); nil for an unlisted item.
    public let fee: Int128?
    /// `charged − fee` for an overcharge, all of `charged` for an unlisted item, else 0.
    public let refund: Int128
    /// The waiver not applied, or the version whose price was taken early.
    public let detail: String?
    /// For an undecided line: the facts it lacks.
    public let missing: [RequestFact]
    /// Where and how the service was given, when the line says (for the summary by branch and channel).
    public let branch: String?
    /// The channel the line gives, if any.
    public let channel: String?
}

/// Reprices posted charges from the tables and classifies each (spec §3 as the standard): the
/// audit the consumer-protection rules imply and no fee system does.
public struct AuditAggregate: Sendable {
    /// Every charge that is not correct, in the order audited (a merge appends the other's).
    public private(set) var findings: [AuditFinding] = []
    /// How many charges were what the tables say (an unlisted item charged nothing counts too).
    public private(set) var correct = 0
    /// Every non-blank input line: `correct + findings + outside + errors` add up to it.
    public private(set) var lines = 0
    /// Lines dated outside `--from`…`--to` (they still count as earlier uses).
    public private(set) var outside = 0
    /// Whether some addition was refused because a count or sum would overflow (hostile partials only).
    public private(set) var overflowed = false
    /// Lines that could not be audited (unreadable, no table, charged not an amount), with why.
    public private(set) var errors: [TransactionError] = []
    /// The customers whose uses this aggregate counted (a partial lists them, so that a customer
    /// split across two pieces is refused by the merge).
    public private(set) var customers: Set<String> = []
    /// The first day audited (`--from`); nil audits from the first line.
    public let from: CalendarDate?
    /// The last day audited (`--to`); nil audits to the last line.
    public let to: CalendarDate?
    /// The currency digits of the charges (from the tables priced against).
    public private(set) var minorDigits = 2

    /// An empty audit of the lines dated `from`…`to` (nil leaves that end open); lines outside still count as uses.
    public init(from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.from = from
        self.to = to
    }

    /// An aggregate read back from a partial (`fees audit --partial`).
    init(from: CalendarDate?, to: CalendarDate?, findings: [AuditFinding], correct: Int, lines: Int, outside: Int, errors: [TransactionError],
         minorDigits: Int, customers: Set<String>) {
        self.customers = customers
        self.from = from
        self.to = to
        self.findings = findings
        self.correct = correct
        self.lines = lines
        self.outside = outside
        self.errors = errors
        self.minorDigits = minorDigits
    }

    /// Adds the audit of another piece of the input (the findings are per line, so merging in any
    /// order gives the same report). A customer in both is refused (its uses were counted in two
    /// places): the merge stops and returns that customer.
    public mutating func merge(_ other: AuditAggregate) -> String? {
        if let both = other.customers.intersection(customers).min(by: precedesInBytes) { return both }
        customers.formUnion(other.customers)
        findings += other.findings
        if !checkedAdd(&correct, other.correct) || !checkedAdd(&lines, other.lines) || !checkedAdd(&outside, other.outside) { overflowed = true }
        if other.overflowed { overflowed = true }
        errors += other.errors
        minorDigits = other.minorDigits
        return nil
    }

    /// Whether the bank must act: something was overcharged or is not on the list.
    public var mustRefund: Bool { findings.contains { $0.kind == .overcharged || $0.kind == .unlisted } }

    /// Audits one line as the line reader hands it over, counting uses with `counter`.
    public mutating func add(_ line: InputLine, calculator: FeeCalculator, counter: inout UsageCounter) {
        add(transactionLine(line), calculator: calculator, counter: &counter)
    }

    /// Audits one line's bytes (or counts the refusal of an unreadable one), counting uses with `counter`.
    public mutating func add(_ line: Result<[UInt8], TransactionError>, calculator: FeeCalculator, counter: inout UsageCounter) {
        add(OrderedTransaction(line: line, decoded: nil), calculator: calculator, counter: &counter)
    }

    /// Audits a line in its turn from `TransactionOrder(audit: true)`, reading its decode.
    public mutating func add(_ ordered: OrderedTransaction, calculator: FeeCalculator, counter: inout UsageCounter) {
        lines += 1
        let d: RequestDecoder.Decoded
        switch (ordered.line, ordered.decoded) {
        case (.failure, _): errors += ordered.refusal(speaking: calculator).map { [$0] } ?? []; return
        case (.success, let decoded?): d = decoded
        case (.success(let bytes), nil): d = bytes.withUnsafeBufferPointer { RequestDecoder.decode($0, mode: .audit) }
        }
        guard case .success(var request) = d.result else {
            if let e = d.error(speaking: calculator) {
                errors.append(TransactionError(customerRef: d.customerRef, id: d.idText, error: e))
            }
            return
        }
        let catalogue = calculator.catalogue
        guard let bank = request.bank.flatMap(catalogue.bank) ?? (catalogue.banks.count == 1 ? catalogue.banks[0] : nil),
              let table = bank.version(on: request.date) else {
            // No table to judge by: the calculator's error says why.
            if case .failure(let e) = calculator.quote(request) {
                errors.append(TransactionError(customerRef: d.customerRef, id: d.idText, error: e))
            }
            return
        }
        minorDigits = table.currency.minorDigits
        customers.insert(d.customerRef)
        // Every line the bank posted is a use, whatever else is wrong with it or its date.
        request.usesInPeriod = counter.use(customer: d.customerRef, item: request.item, date: request.date, table: table)
        if let from, request.date < from { outside += 1; return }
        if let to, request.date > to { outside += 1; return }
        guard let chargedText = d.charged, case .success(let chargedMoney) = Money.parse(chargedText, minorDigits: table.currency.minorDigits) else {
            errors.append(TransactionError(customerRef: d.customerRef, id: d.idText, error: QuoteError(.invalidAmount, .chargedNotMoney(text: d.charged ?? "", currency: table.currency.code, digits: table.currency.minorDigits)).in(calculator.messageLanguage(of: request))))
            return
        }
        let charged = chargedMoney.minorUnits
        func finding(_ kind: AuditFindingKind, _ cause: AuditCause?, fee: Int128?, refund: Int128, detail: String? = nil, missing: [RequestFact] = []) {
            findings.append(AuditFinding(id: d.idText, customerRef: d.customerRef, item: request.item, date: request.date, kind: kind, cause: cause,
                                         charged: charged, fee: fee, refund: refund, detail: detail, missing: missing,
                                         branch: request.branch, channel: request.channel))
        }
        switch calculator.quote(request) {
        case .failure(let e) where e.code == .unknownItem:
            if charged > 0 { finding(.unlisted, nil, fee: nil, refund: charged, detail: d.bankItem) } else { correct += 1 }
        case .failure(let e):
            errors.append(TransactionError(customerRef: d.customerRef, id: d.idText, error: e))
        case .success(let q):
            let net = q.net.minorUnits
            if charged == net {
                correct += 1
            } else if charged > net {
                let (cause, detail) = Self.cause(of: charged, quote: q, bank: bank, calculator: calculator)
                finding(.overcharged, cause, fee: net, refund: charged - net, detail: detail)
            } else if let c = Explanation.conditionalWaivers(q).first(where: { $0.net.minorUnits == charged }) {
                finding(.undecided, nil, fee: net, refund: 0, detail: c.waiver.id, missing: c.missing)
            } else {
                finding(.undercharged, nil, fee: net, refund: 0)
            }
        }
    }

    /// The most specific cause the tables explain for an overcharge.
    static func cause(of charged: Int128, quote q: Quote, bank: Bank, calculator: FeeCalculator) -> (AuditCause, String?) {
        if let applied = q.applied, charged == q.gross.minorUnits {
            let w = q.version.waivers[applied.index]
            if w.isUnconditionalFullWaiver { return (.suspendedItemCharged, w.id) }
            if w.conditions.noFault { return (.noFaultIgnored, w.id) }
            return (.waiverNotApplied, w.id)
        }
        for later in bank.versions where later.effectiveFrom > q.request.date {
            if case .success(let l) = calculator.quote(q.request, version: later.version),
               l.net.minorUnits == charged || l.gross.minorUnits == charged {
                return (.newPriceEarly, later.version)
            }
        }
        return (.aboveList, nil)
    }
}

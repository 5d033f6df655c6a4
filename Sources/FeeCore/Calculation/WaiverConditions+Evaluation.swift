import FeeValues

/// A fact of a request that a waiver condition may need.
public enum RequestFact: String, Sendable, Hashable {
    /// The customer's age, the channel, the reason, the branch, the uses earlier in the period.
    case age, channel, reason, branch, uses
}

/// Whether a waiver's conditions hold for a request, and if not, whether only missing facts stand in the way.
package struct ConditionOutcome: Sendable, Hashable {
    /// Conditions that failed on a fact the request gave.
    package var failed: [String] = []
    /// Facts the request did not give that a condition needs.
    package var missing: [RequestFact] = []

    /// True when every condition holds on the facts the request gave and none is missing.
    package var holds: Bool { failed.isEmpty && missing.isEmpty }
    /// True when giving the missing facts could make the waiver apply.
    package var isConditional: Bool { failed.isEmpty && !missing.isEmpty }
}

/// The facts of one request after validation, as conditions read them: ids as positions in the
/// version's (branches: the bank's) declared lists.
struct ConditionContext: Sendable {
    let date: CalendarDate
    let segments: IndexMask
    /// Each fact in the fewest bytes (a quote carries and copies its context): positions as
    /// `Int32`, absent as -1.
    private let tier32: Int32
    private let age32: Int32
    private let channel32: Int32
    private let reason32: Int32
    private let branch32: Int32
    private let uses: Int
    /// Whether the request's reason is declared `no_fault`; nil when no reason is given.
    let reasonIsNoFault: Bool?

    init(date: CalendarDate, tier: Int, segments: IndexMask, age: Int?, channel: Int?, reason: Int?,
         reasonIsNoFault: Bool?, branch: Int?, usesInPeriod: Int?) {
        // Positions in declared lists and ages (0…150) fit; uses are 0 or more (spec §2).
        func small(_ v: Int?) -> Int32 { v.map { Int32(truncatingIfNeeded: $0) } ?? -1 }
        self.date = date
        self.segments = segments
        tier32 = Int32(truncatingIfNeeded: tier)
        age32 = small(age)
        channel32 = small(channel)
        reason32 = small(reason)
        branch32 = small(branch)
        uses = usesInPeriod ?? -1
        self.reasonIsNoFault = reasonIsNoFault
    }

    /// The tier's position, which is its rank (tiers are declared lowest first).
    var tier: Int { Int(tier32) }
    var age: Int? { age32 < 0 ? nil : Int(age32) }
    var channel: Int? { channel32 < 0 ? nil : Int(channel32) }
    var reason: Int? { reason32 < 0 ? nil : Int(reason32) }
    var branch: Int? { branch32 < 0 ? nil : Int(branch32) }
    var usesInPeriod: Int? { uses < 0 ? nil : uses }
}

/// One condition's verdict for one request.
enum ConditionVerdict {
    case holds
    case fails
    /// The condition needs a fact the request did not give, so it does not hold (spec §1.4.1).
    case missing(RequestFact)
}

extension WaiverTest {
    /// The one definition of every condition (spec §1.4.1): calls `visit` with each condition's
    /// key and verdict, in the order of the spec's table, until `visit` returns false.
    @inline(__always)
    func judge(_ c: ConditionContext, _ visit: (StaticString, ConditionVerdict) -> Bool) {
        func verdict(_ ok: Bool) -> ConditionVerdict { ok ? .holds : .fails }
        if let tiers, !visit("tiers", verdict(tiers.contains(c.tier))) { return }
        if let minimumRank, !visit("tier_at_least", verdict(c.tier >= minimumRank)) { return }
        if let segments, !visit("segments", verdict(segments.intersects(c.segments))) { return }
        if let minAge, !visit("min_age", c.age.map { verdict($0 >= minAge) } ?? .missing(.age)) { return }
        if let channels, !visit("channels", c.channel.map { verdict(channels.contains($0)) } ?? .missing(.channel)) { return }
        if let branches, !visit("branches", c.branch.map { verdict(branches.contains($0)) } ?? .missing(.branch)) { return }
        if let reasons, !visit("reasons", c.reason.map { verdict(reasons.contains($0)) } ?? .missing(.reason)) { return }
        if noFault, !visit("no_fault", c.reasonIsNoFault.map { verdict($0) } ?? .missing(.reason)) { return }
        if let from, !visit("from", verdict(c.date >= from)) { return }
        if let until, !visit("until", verdict(c.date <= until)) { return }
        if let freeUses, !visit("free_uses", c.usesInPeriod.map { verdict($0 < freeUses) } ?? .missing(.uses)) { return }
    }

    /// Every condition's outcome, for explanations and the teller's "waivers that could apply".
    func evaluate(_ c: ConditionContext) -> ConditionOutcome {
        var o = ConditionOutcome()
        judge(c) { key, verdict in
            switch verdict {
            case .holds: break
            case .fails: o.failed.append("\(key)")
            case .missing(let fact): if !o.missing.contains(fact) { o.missing.append(fact) }
            }
            return true
        }
        return o
    }

    /// Whether every condition holds: the calculator's question, answered by the same `judge`,
    /// stopping at the first condition that does not hold.
    @inline(__always)
    func holds(_ c: ConditionContext) -> Bool {
        var all = true
        judge(c) { _, verdict in
            if case .holds = verdict { return true }
            all = false
            return false
        }
        return all
    }
}

extension WaiverEffect {
    /// The net fee this effect leaves from `gross` for `quantity` units (spec §3.3).
    func net(gross: Money, quantity: Int, rounding: RoundingMode) -> Money {
        switch self {
        case .percentOff(let p):
            let discount = rounding.divide(gross.minorUnits * p.hundredths, by: 10_000)
            return Money(minorUnits: gross.minorUnits - discount)
        case .amountOff(let a):
            return Money(minorUnits: max(0, gross.minorUnits - a.minorUnits * Int128(quantity)))
        case .fixedFee(let f):
            return Money(minorUnits: min(gross.minorUnits, f.minorUnits * Int128(quantity)))
        }
    }
}

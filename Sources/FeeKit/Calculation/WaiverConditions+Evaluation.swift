/// A fact of a request that a waiver condition may need.
public enum RequestFact: String, Sendable, Hashable {
    case age, channel, reason, branch, uses
}

/// Whether a waiver's conditions hold for a request, and if not, whether only missing facts stand in the way.
public struct ConditionOutcome: Sendable, Hashable {
    /// Conditions that failed on a fact the request gave.
    public var failed: [String] = []
    /// Facts the request did not give that a condition needs.
    public var missing: [RequestFact] = []

    public var holds: Bool { failed.isEmpty && missing.isEmpty }
    /// True when giving the missing facts could make the waiver apply.
    public var isConditional: Bool { failed.isEmpty && !missing.isEmpty }
}

/// The facts of one request after validation, as conditions read them.
struct ConditionContext {
    let date: CalendarDate
    let tier: String
    let tierRank: Int
    let segments: [String]
    let age: Int?
    let channel: String?
    let reason: Reason?
    let branch: String?
    let usesInPeriod: Int?
}

extension WaiverConditions {
    /// Evaluates every condition (spec §1.4.1); a condition needing an absent fact does not hold.
    func evaluate(_ c: ConditionContext, in table: FeeTable) -> ConditionOutcome {
        var o = ConditionOutcome()
        if let tiers, !tiers.contains(c.tier) { o.failed.append("tiers") }
        if let tierAtLeast, let rank = table.tierRank(tierAtLeast), c.tierRank < rank { o.failed.append("tier_at_least") }
        if let segments, !segments.contains(where: c.segments.contains) { o.failed.append("segments") }
        if let minAge {
            if let age = c.age { if age < minAge { o.failed.append("min_age") } } else { o.missing.append(.age) }
        }
        if let channels {
            if let ch = c.channel { if !channels.contains(ch) { o.failed.append("channels") } } else { o.missing.append(.channel) }
        }
        if let branches {
            if let b = c.branch { if !branches.contains(b) { o.failed.append("branches") } } else { o.missing.append(.branch) }
        }
        if let reasons {
            if let r = c.reason { if !reasons.contains(r.id) { o.failed.append("reasons") } } else if !o.missing.contains(.reason) { o.missing.append(.reason) }
        }
        if noFault {
            if let r = c.reason { if !r.noFault { o.failed.append("no_fault") } } else if !o.missing.contains(.reason) { o.missing.append(.reason) }
        }
        if let from, c.date < from { o.failed.append("from") }
        if let until, c.date > until { o.failed.append("until") }
        if let freeUses {
            if let uses = c.usesInPeriod { if uses >= freeUses.count { o.failed.append("free_uses") } } else { o.missing.append(.uses) }
        }
        return o
    }

    /// Fast check used on the hot path: all conditions hold; `minimumRank` is the rank `tier_at_least` names.
    @inline(__always)
    func holds(_ c: ConditionContext, minimumRank: Int?) -> Bool {
        if let tiers, !tiers.contains(c.tier) { return false }
        if let minimumRank, c.tierRank < minimumRank { return false }
        if let segments, !segments.contains(where: c.segments.contains) { return false }
        if let minAge { guard let age = c.age, age >= minAge else { return false } }
        if let channels { guard let ch = c.channel, channels.contains(ch) else { return false } }
        if let branches { guard let b = c.branch, branches.contains(b) else { return false } }
        if let reasons { guard let r = c.reason, reasons.contains(r.id) else { return false } }
        if noFault { guard let r = c.reason, r.noFault else { return false } }
        if let from, c.date < from { return false }
        if let until, c.date > until { return false }
        if let freeUses { guard let uses = c.usesInPeriod, uses < freeUses.count else { return false } }
        return true
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

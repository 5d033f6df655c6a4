import FeeValues

/// A waiver's conditions in plain words: who, where, when (for notices and the teller).
public struct ConditionWords: Sendable {
    /// The version whose tiers, segments, channels and reasons give the names of the ids a condition lists.
    public let table: FeeTable
    /// The profile whose branches give the names of the branch ids a condition lists.
    public let bank: BankProfile
    /// The language tag of the words and of the names chosen from the table and the profile.
    public let tag: String

    /// Words for the conditions of waivers in `table` of `bank`, in the language `tag`.
    public init(table: FeeTable, bank: BankProfile, tag: String) {
        self.table = table
        self.bank = bank
        self.tag = tag
    }

    /// One phrase per condition; empty for an unconditional waiver.
    public func phrases(_ c: WaiverConditions) -> [String] {
        let L = TextLanguage(tag: tag)
        let sep = L.pick("、", ", ")
        func names(_ ids: [String], _ entries: [NamedEntry]) -> String {
            ids.map { id in entries.first { $0.id == id }?.name.text(tag) ?? id }.joined(separator: sep)
        }
        var out: [String] = []
        if let t = c.tiers { out.append(names(t, table.tiers)) }
        if let t = c.tierAtLeast { out.append(L.pick("\(names([t], table.tiers))及以上", "\(names([t], table.tiers)) and above")) }
        if let s = c.segments { out.append(names(s, table.segments)) }
        if let a = c.minAge { out.append(L.pick("\(a) 岁及以上", "aged \(a) or over")) }
        if let ch = c.channels { out.append(L.pick("通过\(names(ch, table.channels))", "via \(names(ch, table.channels))")) }
        if let b = c.branches {
            let branchNames = b.map { id in bank.branch(id)?.name.text(tag) ?? id }.joined(separator: sep)
            out.append(L.pick("限\(branchNames)", "at \(branchNames) only"))
        }
        if let r = c.reasons {
            out.append(L.pick("原因：\(r.map { id in table.reasons.first { $0.id == id }?.name.text(tag) ?? id }.joined(separator: sep))",
                              "reason: \(r.map { id in table.reasons.first { $0.id == id }?.name.text(tag) ?? id }.joined(separator: sep))"))
        }
        if c.noFault { out.append(L.pick("非客户本人原因", "through no fault of the customer")) }
        if let f = c.freeUses {
            out.append(f.period == .month ? L.pick("每月前 \(f.count) 次", "first \(f.count) each month") : L.pick("每年前 \(f.count) 次", "first \(f.count) each year"))
        }
        switch (c.from, c.until) {
        case let (f?, u?): out.append(L.pick("\(f) 至 \(u)", "\(f) to \(u)"))
        case let (f?, nil): out.append(L.pick("自 \(f) 起", "from \(f)"))
        case let (nil, u?): out.append(L.pick("至 \(u) 止", "until \(u)"))
        default: break
        }
        return out
    }

    /// All phrases joined, or nil for an unconditional waiver.
    public func summary(_ c: WaiverConditions) -> String? {
        let p = phrases(c)
        return p.isEmpty ? nil : p.joined(separator: TextLanguage(tag: tag).pick("；", "; "))
    }
}

/// How long a waiver runs, in words, for notices and slips alike: "2026-03-01 至 2026-12-31",
/// "2026-03-01 起，另行公告为止", "至 2026-12-31", "另行公告为止".
public enum ValidityWords {
    /// The period from `from` to `until` in `L`; without `until` it runs until further notice.
    public static func text(from: CalendarDate?, until: CalendarDate?, _ L: TextLanguage) -> String {
        switch (from, until) {
        case let (f?, u?): return L.pick("\(f) 至 \(u)", "\(f) to \(u)")
        case let (f?, nil): return L.pick("\(f) 起，另行公告为止", "from \(f) until further notice")
        case let (nil, u?): return L.pick("至 \(u)", "until \(u)")
        case (nil, nil): return L.pick("另行公告为止", "until further notice")
        }
    }
}

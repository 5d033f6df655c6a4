/// A waiver or discount of the bank's policy: which items, when, and how much (spec §1.4).
/// Valid by construction: a valid id, at least one pattern, valid conditions and effect.
/// Whether its patterns match items and its conditions name declared ids is the table's rule.
public struct Waiver: Sendable, Hashable {
    /// The waiver's id, unique within its version; a quote's `waiver` names it.
    public let id: String
    /// What customers read: "Gold tier: half price on transfers".
    public let name: LocalizedText
    /// The policy or regulation behind it.
    public let basis: LocalizedText?
    /// The items it applies to; never empty.
    public let appliesTo: [ItemPattern]
    /// All must hold; empty means always.
    public let conditions: WaiverConditions
    /// What it does to the gross fee.
    public let effect: WaiverEffect

    /// What keeps parts from being a waiver.
    public enum Flaw: Error, Sendable, Hashable {
        /// The id breaks the id rule of spec §1 (`CatalogueID`).
        case invalidID(String)
        /// `applies_to` lists nothing: the waiver would apply to no item.
        case noPatterns
    }

    /// The flaw of an `applies_to` list of `patternCount` entries, if any: the one home of the rule.
    package static func flaw(patternCount: Int) -> Flaw? {
        patternCount == 0 ? .noPatterns : nil
    }

    /// The waiver, or the first flaw that keeps these parts from being one.
    public init(id: String, name: LocalizedText, basis: LocalizedText? = nil, appliesTo: [ItemPattern],
                conditions: WaiverConditions = WaiverConditions(), effect: WaiverEffect) throws(Flaw) {
        guard CatalogueID.isValid(id) else { throw .invalidID(id) }
        if let flaw = Self.flaw(patternCount: appliesTo.count) { throw flaw }
        self.id = id
        self.name = name
        self.basis = basis
        self.appliesTo = appliesTo
        self.conditions = conditions
        self.effect = effect
    }

    /// Whether any of the waiver's patterns matches the item code.
    public func applies(to code: String) -> Bool {
        appliesTo.contains { $0.matches(code) }
    }

    /// Whether the waiver waives the whole fee for everyone, always (暂免): no conditions, 100 % off or a zero fee.
    public var isUnconditionalFullWaiver: Bool {
        conditions.isEmpty && effect.isFullWaiver
    }
}

/// An `applies_to` pattern: an exact code, `prefix.*`, or `*` (spec §1.4, §6). Built only from
/// its text, so a pattern always holds a valid code or prefix.
public struct ItemPattern: Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case exact(String)
        /// The prefix with its dot (`card.`).
        case prefix(String)
        case all
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// `*`: every item.
    public static let all = ItemPattern(.all)

    /// Parses a pattern; nil unless it is a valid item code, a valid code followed by `.*`, or `*`
    /// alone (`*` may stand alone or as the final `.*` only, spec §6).
    public init?(_ text: String) {
        if text == "*" { self = .all; return }
        if text.hasSuffix(".*") {
            let p = String(text.dropLast(2))
            guard CatalogueID.isValidCode(p) else { return nil }
            self.init(.prefix(p + "."))
            return
        }
        guard CatalogueID.isValidCode(text) else { return nil }
        self.init(.exact(text))
    }

    /// Whether the pattern matches the code; `prefix.*` matches codes that start with the prefix
    /// followed by a dot, not the prefix itself.
    /// Compared as bytes: a pattern is ASCII (`CatalogueID`), so a code matches byte for byte
    /// exactly when it does character by character, unless a combining mark follows the dot;
    /// such a code, never a valid one, is compared as text.
    public func matches(_ code: String) -> Bool {
        switch kind {
        case .all: return true
        case .exact(let c): return c == code
        case .prefix(let dotted):
            let c = code.utf8, d = dotted.utf8
            guard c.count > d.count, c.starts(with: d) else { return false }
            if c[c.index(c.startIndex, offsetBy: d.count)] < 0x80 { return true }
            return code.count > dotted.count && code.hasPrefix(dotted)
        }
    }

    /// The pattern as written in a table (`card.*`).
    public var description: String {
        switch kind {
        case .all: return "*"
        case .exact(let c): return c
        case .prefix(let dotted): return dotted + "*"
        }
    }
}

/// A free-uses allowance: the first `count` uses in each `period` are covered (spec §1.4.1).
public struct FreeUses: Sendable, Hashable {
    /// The period in which uses are counted.
    public enum Period: String, Sendable, Hashable {
        /// A calendar month.
        case month
        /// A calendar year.
        case year
    }

    /// The counts an allowance may give: the one home of the range rule.
    public static let counts: ClosedRange<Int> = 1...1_000_000

    /// What keeps parts from being an allowance.
    public enum Flaw: Error, Sendable, Hashable {
        /// A count outside `counts`.
        case countOutOfRange(Int)
    }

    /// Uses covered in each period, in `counts`.
    public let count: Int
    /// The period uses are counted in.
    public let period: Period

    /// The allowance, or the flaw that keeps it from being one.
    public init(count: Int, period: Period) throws(Flaw) {
        guard Self.counts.contains(count) else { throw .countOutOfRange(count) }
        self.count = count
        self.period = period
    }
}

/// The conditions of a waiver (spec §1.4.1); each present condition must hold. Valid by
/// construction: no empty id list, an age in `RequestLimits.age`, `from ≤ until`. Whether the
/// ids are declared is the table's rule.
public struct WaiverConditions: Sendable, Hashable {
    /// The customer's tier is one of these ids.
    public let tiers: [String]?
    /// The customer's tier ranks at or above this tier id.
    public let tierAtLeast: String?
    /// The customer belongs to at least one of these segment ids.
    public let segments: [String]?
    /// The customer's age is given and at least this.
    public let minAge: Int?
    /// The request's channel is one of these ids.
    public let channels: [String]?
    /// The request's branch is one of these branch ids (declared in `bank.json`).
    public let branches: [String]?
    /// The request's reason is one of these ids.
    public let reasons: [String]?
    /// `true` when the reason must be a no-fault one.
    public let noFault: Bool
    /// First day of a promotion window.
    public let from: CalendarDate?
    /// Last day of a promotion window.
    public let until: CalendarDate?
    /// The first uses in each period are covered.
    public let freeUses: FreeUses?

    /// The conditions that are lists of ids, by their key in a table.
    public enum IDList: String, Sendable, Hashable {
        /// `tiers`
        case tiers
        /// `segments`
        case segments
        /// `channels`
        case channels
        /// `branches`
        case branches
        /// `reasons`
        case reasons
    }

    /// What keeps parts from being waiver conditions.
    public enum Flaw: Error, Sendable, Hashable {
        /// An empty id list never holds.
        case emptyList(IDList)
        /// `min_age` outside `RequestLimits.age`.
        case minAgeOutOfRange(Int)
        /// `until` is before `from`: the window would never be open.
        case untilBeforeFrom(from: CalendarDate, until: CalendarDate)
    }

    /// The flaw of an id list with `count` entries, if any: the one home of the rule.
    package static func flaw(_ list: IDList, count: Int) -> Flaw? {
        count == 0 ? .emptyList(list) : nil
    }

    /// The flaw of a promotion window, if any: the one home of the rule.
    package static func flaw(from: CalendarDate?, until: CalendarDate?) -> Flaw? {
        if let from, let until, from > until { return .untilBeforeFrom(from: from, until: until) }
        return nil
    }

    /// The conditions, or the first flaw that keeps these parts from being valid ones (in key order).
    public init(tiers: [String]? = nil, tierAtLeast: String? = nil, segments: [String]? = nil,
                minAge: Int? = nil, channels: [String]? = nil, branches: [String]? = nil,
                reasons: [String]? = nil, noFault: Bool = false, from: CalendarDate? = nil,
                until: CalendarDate? = nil, freeUses: FreeUses? = nil) throws(Flaw) {
        let lists: [(IDList, [String]?)] = [(.tiers, tiers), (.segments, segments), (.channels, channels),
                                            (.branches, branches), (.reasons, reasons)]
        for (list, ids) in lists {
            if let ids, let flaw = Self.flaw(list, count: ids.count) { throw flaw }
        }
        if let minAge, !RequestLimits.age.contains(minAge) { throw .minAgeOutOfRange(minAge) }
        if let flaw = Self.flaw(from: from, until: until) { throw flaw }
        self.tiers = tiers
        self.tierAtLeast = tierAtLeast
        self.segments = segments
        self.minAge = minAge
        self.channels = channels
        self.branches = branches
        self.reasons = reasons
        self.noFault = noFault
        self.from = from
        self.until = until
        self.freeUses = freeUses
    }

    /// No condition at all: the waiver always holds.
    public init() {
        tiers = nil
        tierAtLeast = nil
        segments = nil
        minAge = nil
        channels = nil
        branches = nil
        reasons = nil
        noFault = false
        from = nil
        until = nil
        freeUses = nil
    }

    /// No condition at all: the waiver always holds.
    public var isEmpty: Bool { self == WaiverConditions() }
}

/// What a waiver does to the gross fee (spec §3.3); valid by construction, as its values are.
public enum WaiverEffect: Sendable, Hashable {
    /// `discount = round(gross × p / 100)`.
    case percentOff(Percentage)
    /// `net = max(0, gross − a × quantity)`.
    case amountOff(Money)
    /// `net = min(gross, f × quantity)`.
    case fixedFee(Money)

    /// Whether the effect always brings the fee to zero.
    public var isFullWaiver: Bool {
        switch self {
        case .percentOff(let p): return p == .full
        case .amountOff: return false
        case .fixedFee(let f): return f == .zero
        }
    }
}

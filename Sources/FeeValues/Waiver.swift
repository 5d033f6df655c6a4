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
        ItemPattern.any(of: appliesTo, matches: code)
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
    /// Compared as bytes: a pattern's characters (`CatalogueID`: a–z, 0–9, `.`, `_`, `-`) have no
    /// other spelling in Unicode, so a code equals or starts with a pattern's text exactly when
    /// its bytes do, unless a combining mark follows the prefix's dot; such a code, never a valid
    /// one, is compared as text. A table's waivers are matched against every item this way when
    /// it is loaded, so this is on the teller's start.
    public func matches(_ code: String) -> Bool {
        switch kind {
        case .all: return true
        case .exact(let c):
            return Self.bytes(of: code, equal: c, prefixOnly: false) ?? (c == code)
        case .prefix(let dotted):
            guard code.utf8.count > dotted.utf8.count else { return false }
            guard Self.bytes(of: code, equal: dotted, prefixOnly: true) ?? code.hasPrefix(dotted) else { return false }
            let u = code.utf8
            if u[u.index(u.startIndex, offsetBy: dotted.utf8.count)] < 0x80 { return true }
            return code.count > dotted.count && code.hasPrefix(dotted)
        }
    }

    /// Whether any of `patterns` matches the code: what a waiver's `applies_to` says of an item.
    @inline(__always)
    package static func any(of patterns: [ItemPattern], matches code: String) -> Bool {
        patterns.contains { $0.matches(code) }
    }

    /// Whether `code`'s bytes are `pattern`'s (or start with them), nil when either string's
    /// bytes are not in contiguous memory.
    @inline(__always)
    private static func bytes(of code: String, equal pattern: String, prefixOnly: Bool) -> Bool? {
        code.utf8.withContiguousStorageIfAvailable { c in
            pattern.utf8.withContiguousStorageIfAvailable { p in
                guard prefixOnly ? c.count >= p.count : c.count == p.count else { return false }
                return p.isEmpty || memcmpBytes(c.baseAddress!, p.baseAddress!, p.count)
            }
        } ?? nil
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

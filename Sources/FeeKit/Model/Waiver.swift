/// A waiver or discount of the bank's policy: which items, when, and how much (spec §1.4).
public struct Waiver: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var basis: LocalizedText?
    public var appliesTo: [ItemPattern]
    /// All must hold; empty means always.
    public var conditions: WaiverConditions
    public var effect: WaiverEffect

    public init(id: String, name: LocalizedText, basis: LocalizedText?, appliesTo: [ItemPattern],
                conditions: WaiverConditions, effect: WaiverEffect) {
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

/// An `applies_to` pattern: an exact code, `prefix.*`, or `*`.
public enum ItemPattern: Sendable, Hashable, CustomStringConvertible {
    case exact(String)
    /// Matches codes that start with the prefix followed by a dot, not the prefix itself.
    case prefix(String)
    case all

    /// Parses a pattern; `*` may stand alone or as the final `.*` only (spec §6).
    public init?(_ text: String) {
        if text == "*" { self = .all; return }
        if text.hasSuffix(".*") {
            let p = String(text.dropLast(2))
            guard CatalogueID.isValidCode(p) else { return nil }
            self = .prefix(p)
            return
        }
        guard CatalogueID.isValidCode(text) else { return nil }
        self = .exact(text)
    }

    public func matches(_ code: String) -> Bool {
        switch self {
        case .all: return true
        case .exact(let c): return c == code
        case .prefix(let p): return code.count > p.count + 1 && code.hasPrefix(p + ".")
        }
    }

    public var description: String {
        switch self {
        case .all: return "*"
        case .exact(let c): return c
        case .prefix(let p): return p + ".*"
        }
    }
}

/// A free-uses allowance: the first `count` uses in each `period` are covered.
public struct FreeUses: Sendable, Hashable {
    public enum Period: String, Sendable, Hashable { case month, year }
    public var count: Int
    public var period: Period

    public init(count: Int, period: Period) {
        self.count = count
        self.period = period
    }
}

/// The conditions of a waiver (spec §1.4.1); each present condition must hold.
public struct WaiverConditions: Sendable, Hashable {
    public var tiers: [String]?
    public var tierAtLeast: String?
    public var segments: [String]?
    public var minAge: Int?
    public var channels: [String]?
    public var branches: [String]?
    public var reasons: [String]?
    /// `true` when the reason must be a no-fault one.
    public var noFault: Bool
    public var from: CalendarDate?
    public var until: CalendarDate?
    public var freeUses: FreeUses?

    public init(tiers: [String]? = nil, tierAtLeast: String? = nil, segments: [String]? = nil,
                minAge: Int? = nil, channels: [String]? = nil, branches: [String]? = nil,
                reasons: [String]? = nil, noFault: Bool = false, from: CalendarDate? = nil,
                until: CalendarDate? = nil, freeUses: FreeUses? = nil) {
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
    public var isEmpty: Bool { self == WaiverConditions() }
}

/// What a waiver does to the gross fee (spec §3.3).
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

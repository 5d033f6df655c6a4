/// A branch of the bank; a closed branch stays listed so old versions and transactions naming it stay valid.
public struct Branch: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var address: LocalizedText
    public var phone: String?
    public var closedOn: CalendarDate?

    public init(id: String, name: LocalizedText, address: LocalizedText, phone: String?, closedOn: CalendarDate?) {
        self.id = id
        self.name = name
        self.address = address
        self.phone = phone
        self.closedOn = closedOn
    }
}

/// How customers reach the bank: shown on every notice.
public struct Contacts: Sendable, Hashable {
    public var hotline: String
    public var complaints: String?
    public var website: String?
    public var address: LocalizedText?

    public init(hotline: String, complaints: String?, website: String?, address: LocalizedText?) {
        self.hotline = hotline
        self.complaints = complaints
        self.website = website
        self.address = address
    }
}

/// A bank's identity and everything that is not pricing (`bank.json`, spec §1.1).
public struct BankProfile: Sendable {
    public var id: String
    public var name: LocalizedText
    /// The first is the default language.
    public var languages: [String]
    public var noticeDays: Int
    public var contacts: Contacts
    public var branches: [Branch]

    public init(id: String, name: LocalizedText, languages: [String], noticeDays: Int,
                contacts: Contacts, branches: [Branch]) {
        self.id = id
        self.name = name
        self.languages = languages
        self.noticeDays = noticeDays
        self.contacts = contacts
        self.branches = branches
    }

    public func branch(_ id: String) -> Branch? { branches.first { $0.id == id } }
}

/// A bank with all its versions, sorted by `effectiveFrom`.
public struct Bank: Sendable {
    public var profile: BankProfile
    /// Ascending by `effectiveFrom`; effective dates are unique.
    public var versions: [FeeTable]

    public init(profile: BankProfile, versions: [FeeTable]) {
        self.profile = profile
        self.versions = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
    }

    public var id: String { profile.id }

    /// The version in effect on `date`: the greatest `effectiveFrom ≤ date` (spec §3.1).
    public func version(on date: CalendarDate) -> FeeTable? {
        var found: FeeTable?
        for v in versions where v.effectiveFrom <= date { found = v }
        return found
    }

    /// The version with this id.
    public func version(id: String) -> FeeTable? { versions.first { $0.version == id } }
}

/// Every bank of a tables directory, loaded and checked: the input of the calculator.
public struct Catalogue: Sendable {
    /// Sorted by id.
    public var banks: [Bank]

    public init(banks: [Bank]) {
        self.banks = banks.sorted { $0.id < $1.id }
    }

    public func bank(_ id: String) -> Bank? { banks.first { $0.id == id } }
}

/// The id rules of spec §1: `^[a-z0-9][a-z0-9._-]{0,63}$`.
public enum CatalogueID {
    /// Whether `text` is a valid id (bank, version, category, tier, waiver, branch …).
    public static func isValid(_ text: String) -> Bool {
        let b = text.utf8
        guard let first = b.first, b.count <= 64 else { return false }
        func lowerOrDigit(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) }
        guard lowerOrDigit(first) else { return false }
        for c in b.dropFirst() where !(lowerOrDigit(c) || c == 0x2E || c == 0x5F || c == 0x2D) { return false }
        return true
    }

    /// Whether `text` is a valid item code: an id, with dots as separators.
    public static func isValidCode(_ text: String) -> Bool { isValid(text) }
}

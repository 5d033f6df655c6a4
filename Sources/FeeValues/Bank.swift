/// A branch of the bank; a closed branch stays listed so old versions and transactions naming it
/// stay valid. Valid by construction: a valid id and a phone that says something.
public struct Branch: Sendable, Hashable {
    /// The id requests and branch-limited waivers name it by.
    public let id: String
    /// What customers read.
    public let name: LocalizedText
    /// Where it is.
    public let address: LocalizedText
    /// Its phone number, if published.
    public let phone: String?
    /// The day it closed: no board is generated for it from then.
    public let closedOn: CalendarDate?

    /// What keeps parts from being a branch.
    public enum Flaw: Error, Sendable, Hashable {
        /// The id breaks the id rule of spec §1 (`CatalogueID`).
        case invalidID(String)
        /// `phone` is empty or only spaces.
        case blankPhone
    }

    /// The branch, or the first flaw that keeps these parts from being one.
    public init(id: String, name: LocalizedText, address: LocalizedText, phone: String? = nil, closedOn: CalendarDate? = nil) throws(Flaw) {
        guard CatalogueID.isValid(id) else { throw .invalidID(id) }
        if let phone, phone.isBlankText { throw .blankPhone }
        self.id = id
        self.name = name
        self.address = address
        self.phone = phone
        self.closedOn = closedOn
    }
}

/// How customers reach the bank: shown on every notice. Valid by construction: no blank text.
public struct Contacts: Sendable, Hashable {
    /// The hotline; required.
    public let hotline: String
    /// Where complaints go.
    public let complaints: String?
    /// The bank's website.
    public let website: String?
    /// The bank's address.
    public let address: LocalizedText?

    /// What keeps parts from being contacts.
    public enum Flaw: Error, Sendable, Hashable {
        /// A contact is empty or only spaces (`hotline`, `complaints` or `website`).
        case blank(String)
    }

    /// The contacts, or the first flaw that keeps these parts from being them.
    public init(hotline: String, complaints: String? = nil, website: String? = nil, address: LocalizedText? = nil) throws(Flaw) {
        if hotline.isBlankText { throw .blank("hotline") }
        if let complaints, complaints.isBlankText { throw .blank("complaints") }
        if let website, website.isBlankText { throw .blank("website") }
        self.hotline = hotline
        self.complaints = complaints
        self.website = website
        self.address = address
    }
}

/// A bank's identity and everything that is not pricing (`bank.json`, spec §1.1). Valid by
/// construction: a valid id, at least one language, each a BCP 47 tag listed once, a notice
/// period in `noticeDaysRange`, and branch ids that are unique.
public struct BankProfile: Sendable {
    /// The bank's id, equal to its directory's name.
    public let id: String
    /// The bank's name.
    public let name: LocalizedText
    /// The languages every text is given in; the first is the default language.
    public let languages: [String]
    /// Minimum days between announcing and applying a version that raises a fee (spec §5).
    public let noticeDays: Int
    /// How customers reach the bank.
    public let contacts: Contacts
    /// Every branch, closed ones included.
    public let branches: [Branch]

    /// The notice periods a bank may give (`notice_days`): the one home of the range rule.
    public static let noticeDaysRange: ClosedRange<Int> = 0...36_500

    /// What keeps parts from being a bank's profile.
    public enum Flaw: Error, Sendable, Hashable {
        /// The id breaks the id rule of spec §1 (`CatalogueID`).
        case invalidID(String)
        /// No language: every text needs at least one.
        case noLanguages
        /// Not a BCP 47 language tag.
        case invalidLanguageTag(String)
        /// A language listed twice.
        case repeatedLanguage(String)
        /// A notice period outside `noticeDaysRange`.
        case noticeDaysOutOfRange(Int)
        /// A branch id declared twice.
        case repeatedBranch(String)
    }

    /// The flaw of a language list of `count` tags, if any: the one home of the rule.
    package static func flaw(languageCount count: Int) -> Flaw? {
        count == 0 ? .noLanguages : nil
    }

    /// A loose BCP 47 shape check: letters, then hyphen-separated alphanumeric subtags; the one home of the rule.
    package static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count),
              first.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) }) else { return false }
        return parts.dropFirst().allSatisfy { p in
            (1...8).contains(p.count) && p.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// The profile, or the first flaw that keeps these parts from being one.
    public init(id: String, name: LocalizedText, languages: [String], noticeDays: Int = 90,
                contacts: Contacts, branches: [Branch] = []) throws(Flaw) {
        guard CatalogueID.isValid(id) else { throw .invalidID(id) }
        if let flaw = Self.flaw(languageCount: languages.count) { throw flaw }
        var tags = UniqueIDs()
        for tag in languages {
            guard Self.isLanguageTag(tag) else { throw .invalidLanguageTag(tag) }
            guard tags.insert(tag) else { throw .repeatedLanguage(tag) }
        }
        guard Self.noticeDaysRange.contains(noticeDays) else { throw .noticeDaysOutOfRange(noticeDays) }
        var ids = UniqueIDs()
        for b in branches where !ids.insert(b.id) { throw .repeatedBranch(b.id) }
        self.id = id
        self.name = name
        self.languages = languages
        self.noticeDays = noticeDays
        self.contacts = contacts
        self.branches = branches
    }

    /// This profile with other branches (a test or a tool that adds some), or the flaw they bring.
    public func with(branches: [Branch]) throws(Flaw) -> BankProfile {
        try BankProfile(id: id, name: name, languages: languages, noticeDays: noticeDays, contacts: contacts, branches: branches)
    }

    /// The branch with this id.
    public func branch(_ id: String) -> Branch? { branches.first { $0.id == id } }
}

/// A bank with all its versions, sorted by `effectiveFrom`. Valid by construction: version ids
/// and effective dates are unique.
public struct Bank: Sendable {
    /// The bank's identity, contacts and branches.
    public let profile: BankProfile
    /// Ascending by `effectiveFrom`; effective dates are unique.
    public let versions: [FeeTable]

    /// What keeps versions from being one bank's history; indexes are into the list given.
    public enum Flaw: Error, Sendable, Hashable {
        /// The version at `index` has the version id of the one at `first`.
        case repeatedVersion(index: Int, first: Int)
        /// The version at `index` takes effect on the day the one at `first` does.
        case repeatedEffectiveFrom(index: Int, first: Int)
    }

    /// Every flaw of these versions, in list order: the one home of the rules that version ids
    /// and effective dates are unique within a bank (spec §5).
    package static func flaws(_ versions: [FeeTable]) -> [Flaw] {
        var flaws: [Flaw] = []
        var byVersion: [String: Int] = [:]
        for (i, v) in versions.enumerated() {
            if let first = byVersion[v.version] { flaws.append(.repeatedVersion(index: i, first: first)) } else { byVersion[v.version] = i }
            // The earlier versions scanned (a bank has tens of them, and a dictionary keyed by date
            // would be a type a teller's start makes for this alone).
            if let first = versions[..<i].firstIndex(where: { $0.effectiveFrom == v.effectiveFrom }) {
                flaws.append(.repeatedEffectiveFrom(index: i, first: first))
            }
        }
        return flaws
    }

    /// The bank, or the first flaw of its versions.
    public init(profile: BankProfile, versions: [FeeTable]) throws(Flaw) {
        if let flaw = Self.flaws(versions).first { throw flaw }
        self.profile = profile
        self.versions = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
    }

    /// The bank's id.
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
    /// Every bank, sorted by id.
    public let banks: [Bank]

    /// What keeps banks from being one catalogue; indexes are into the list given.
    public enum Flaw: Error, Sendable, Hashable {
        /// The bank at `index` has the id of the one at `first`: a request's `bank` would name two.
        case repeatedBank(index: Int, first: Int)
    }

    /// A catalogue of these banks (sorted by id here); refuses two banks with one id.
    public init(banks: [Bank]) throws(Flaw) {
        var seen: [String: Int] = [:]
        for (i, b) in banks.enumerated() {
            if let first = seen[b.id] { throw .repeatedBank(index: i, first: first) }
            seen[b.id] = i
        }
        self.banks = banks.sorted { $0.id < $1.id }
    }

    /// The bank with this id.
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
    static func isValidCode(_ text: String) -> Bool { isValid(text) }
}

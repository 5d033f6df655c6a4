/// A text customers read, in every language the bank publishes (`{"zh-Hans": "…", "en": "…"}`).
/// Valid by construction: at least one translation, each language once, no blank text. Whether
/// it has every language of its bank is the loader's rule, as only the bank knows them.
public struct LocalizedText: Sendable, Hashable {
    /// Language tag and text, in the bank's language order.
    public let translations: [(tag: String, text: String)]

    /// What keeps translations from being a localized text.
    public enum Flaw: Error, Sendable, Hashable {
        /// No translation at all.
        case empty
        /// A language given twice.
        case repeatedTag(String)
        /// A text of only spaces.
        case blankText(tag: String)
    }

    /// The flaw of adding a translation in `tag` to one that has `tags`, if any: the one home of
    /// the rule that each language is given once.
    package static func flaw(adding tag: String, to tags: [String]) -> Flaw? {
        tags.contains(tag) ? .repeatedTag(tag) : nil
    }

    /// The text, or the first flaw that keeps these translations from being one.
    public init(_ translations: [(tag: String, text: String)]) throws(Flaw) {
        guard !translations.isEmpty else { throw .empty }
        var tags: [String] = []   // a handful of languages: a list beats hashing
        for t in translations {
            if let flaw = Self.flaw(adding: t.tag, to: tags) { throw flaw }
            if t.text.isBlankText { throw .blankText(tag: t.tag) }
            tags.append(t.tag)
        }
        self.translations = translations
    }

    /// The text in `tag`, falling back to the first translation (loaded texts have every bank language).
    public func text(_ tag: String) -> String {
        for t in translations where t.tag == tag { return t.text }
        return translations.first?.text ?? ""
    }

    /// The text in `tag`, if present; tags compare exactly (spec §6).
    public func exactly(_ tag: String) -> String? {
        translations.first { $0.tag == tag }?.text
    }

    /// Equal when the same languages hold the same texts in the same order.
    public static func == (lhs: LocalizedText, rhs: LocalizedText) -> Bool {
        lhs.translations.count == rhs.translations.count
            && zip(lhs.translations, rhs.translations).allSatisfy { $0.tag == $1.tag && $0.text == $1.text }
    }

    /// Hashes every tag and text in order.
    public func hash(into hasher: inout Hasher) {
        for t in translations {
            hasher.combine(t.tag)
            hasher.combine(t.text)
        }
    }
}

/// A declared id with its localized name: a category, tier, segment or channel. Valid by
/// construction: the id follows the id rule of spec §1.
public struct NamedEntry: Sendable, Hashable {
    /// The id requests and tables name it by.
    public let id: String
    /// What customers read.
    public let name: LocalizedText

    /// What keeps parts from being a declared id.
    public enum Flaw: Error, Sendable, Hashable {
        /// The id breaks the id rule of spec §1 (`CatalogueID`).
        case invalidID(String)
    }

    /// The entry, or the flaw that keeps these parts from being one.
    public init(id: String, name: LocalizedText) throws(Flaw) {
        guard CatalogueID.isValid(id) else { throw .invalidID(id) }
        self.id = id
        self.name = name
    }

    /// A reason's id and name, as a term a teller may type (valid, as the reason's id is).
    public init(_ reason: Reason) {
        id = reason.id
        name = reason.name
    }

    /// A branch's id and name, as a term a teller may type (valid, as the branch's id is).
    public init(_ branch: Branch) {
        id = branch.id
        name = branch.name
    }
}

/// Why a service is requested; `noFault` marks causes the customer is not responsible for.
/// Valid by construction: the id follows the id rule of spec §1.
public struct Reason: Sendable, Hashable {
    /// The id requests name it by.
    public let id: String
    /// What customers read.
    public let name: LocalizedText
    /// The customer did not cause it (card expiry, defect, bank-initiated replacement).
    public let noFault: Bool

    /// The reason, or the flaw that keeps these parts from being one.
    public init(id: String, name: LocalizedText, noFault: Bool = false) throws(NamedEntry.Flaw) {
        guard CatalogueID.isValid(id) else { throw .invalidID(id) }
        self.id = id
        self.name = name
        self.noFault = noFault
    }
}

/// A term and its explanation, printed on notices (专业术语解释); valid as its texts are.
public struct GlossaryEntry: Sendable, Hashable {
    /// The term.
    public let term: LocalizedText
    /// What it means, in plain words.
    public let definition: LocalizedText

    /// An entry of the glossary.
    public init(term: LocalizedText, definition: LocalizedText) {
        self.term = term
        self.definition = definition
    }
}

extension String {
    /// Whether the text holds only ASCII white space and ideographic spaces (checked on UTF-8, no
    /// grapheme work): the one home of the rule that a text says something.
    package var isBlankText: Bool {
        var bytes = utf8.makeIterator()
        while let b = bytes.next() {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0xE3:
                guard bytes.next() == 0x80, bytes.next() == 0x80 else { return false }
            default: return false
            }
        }
        return true
    }
}

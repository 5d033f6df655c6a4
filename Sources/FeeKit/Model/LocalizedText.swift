/// A text customers read, in every language the bank publishes (`{"zh-Hans": "…", "en": "…"}`).
public struct LocalizedText: Sendable, Hashable {
    /// Language tag and text, in the order the file gives them.
    public var translations: [(tag: String, text: String)]

    public init(_ translations: [(tag: String, text: String)]) {
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

    public static func == (lhs: LocalizedText, rhs: LocalizedText) -> Bool {
        lhs.translations.count == rhs.translations.count
            && zip(lhs.translations, rhs.translations).allSatisfy { $0.tag == $1.tag && $0.text == $1.text }
    }

    public func hash(into hasher: inout Hasher) {
        for t in translations {
            hasher.combine(t.tag)
            hasher.combine(t.text)
        }
    }
}

/// A declared id with its localized name: a category, tier, segment or channel.
public struct NamedEntry: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText

    public init(id: String, name: LocalizedText) {
        self.id = id
        self.name = name
    }
}

/// Why a service is requested; `noFault` marks causes the customer is not responsible for.
public struct Reason: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var noFault: Bool

    public init(id: String, name: LocalizedText, noFault: Bool) {
        self.id = id
        self.name = name
        self.noFault = noFault
    }
}

/// A term and its explanation, printed on notices (专业术语解释).
public struct GlossaryEntry: Sendable, Hashable {
    public var term: LocalizedText
    public var definition: LocalizedText

    public init(term: LocalizedText, definition: LocalizedText) {
        self.term = term
        self.definition = definition
    }
}

import FeeValues
import FeeWords

/// A text in each of a document's languages, in the document's language order; a line break
/// inside one language is `\n`.
public typealias DocText = [String]

/// A block of a published document; renderers turn the same blocks into HTML, Markdown or text,
/// so a board, an announcement and a catalogue never disagree between formats.
public indirect enum DocBlock: Sendable {
    /// A heading of `level` 1 (the page's top), 2 or 3; HTML keeps the level within 1…3.
    case heading(level: Int, DocText)
    /// Running text.
    case paragraph(DocText)
    /// Label–value lines: the header facts, the contacts.
    case facts([(label: DocText, value: DocText)])
    /// A table; `className` lets the print layout size columns.
    case table(className: String, columns: [DocText], rows: [[DocText]])
    /// A bulleted list, one entry per line.
    case list([DocText])
    /// A block set apart (重大事项提示).
    case callout(title: DocText, items: [DocText])
    /// A group kept together on one page where possible.
    case section(className: String, [DocBlock])
    /// One reader's part of a run (a customer's statement or letter): in print it starts on a new
    /// page and keeps to pages of its own, each with `mark` at its foot in place of the run's page
    /// number, so no sheet is mailed with another customer's and a loose page says whose it is.
    case part(className: String, mark: String, [DocBlock])
    /// Blocks already rendered in one format (shared by many boards); other formats skip it.
    case rendered(DocumentFormat, String)
}

/// The paper or screen a document is laid out for.
public enum PageLayout: String, Sendable, CaseIterable {
    /// A3 portrait poster for a branch notice board (the default).
    case a3
    /// A4 portrait, for booklets and counters.
    case a4
    /// The website, phones, tablets and desktops: fluid width, stacked cards below 700 px.
    case screen
    /// A branch's screen: 1920 × 1080, large type, one screenful per page (`--out DIR` writes the
    /// pages, each advancing to the next by itself).
    case display
}

/// How a document is printed and shown beyond its layout: type size and what every page carries.
public struct PageOptions: Sendable, Hashable {
    /// Type at 1.5× the layout's (适老化 large print).
    public var largePrint = false
    /// A short mark printed at the foot of every page (the version's fingerprint).
    public var pageMark: String?
    /// For a branch screen: the page to show next, and after how many seconds.
    public var next: (url: String, seconds: Int)?
    /// Page numbers at the foot of printed pages ("第 N 页 / 共 M 页"); off for sheets that each
    /// stand alone (a poster per language).
    public var pageNumbers = true

    /// Options for a document; the defaults are regular print, no page mark, no next page, page numbers on.
    public init(largePrint: Bool = false, pageMark: String? = nil, next: (url: String, seconds: Int)? = nil, pageNumbers: Bool = true) {
        self.largePrint = largePrint
        self.pageMark = pageMark
        self.next = next
        self.pageNumbers = pageNumbers
    }

    /// Equal when every option is; `next` is compared by its address and seconds (a tuple is not `Equatable`).
    public static func == (a: PageOptions, b: PageOptions) -> Bool {
        a.largePrint == b.largePrint && a.pageMark == b.pageMark && a.next?.url == b.next?.url && a.next?.seconds == b.next?.seconds && a.pageNumbers == b.pageNumbers
    }

    /// Hashes every option, `next` by its address and seconds, consistently with `==`.
    public func hash(into h: inout Hasher) {
        h.combine(largePrint); h.combine(pageMark); h.combine(next?.url); h.combine(next?.seconds); h.combine(pageNumbers)
    }
}

/// A published document: title, languages and blocks.
public struct Document: Sendable {
    /// The language tags, in display order; the first is the main language.
    public var languages: [String]
    /// The title in each language (the HTML page's title).
    public var title: DocText
    /// The blocks in reading order.
    public var blocks: [DocBlock]
    /// Large print, the page mark and a branch screen's next page.
    public var options = PageOptions()

    /// A document in `languages` (main language first), each `DocText` holding one text per language.
    public init(languages: [String], title: DocText, blocks: [DocBlock], options: PageOptions = PageOptions()) {
        self.languages = languages
        self.title = title
        self.blocks = blocks
        self.options = options
    }
}

extension Document {
    /// Documents printed one after another, each starting on a new sheet and keeping its own
    /// languages (its texts' `lang`); the first one's page mark is every sheet's, and sheets carry
    /// no page numbers (each stands alone). The A3 short form in several languages is printed so:
    /// a poster per language.
    public static func sheets(_ documents: [Document], format: DocumentFormat, layout: PageLayout) -> Document {
        let blocks: [DocBlock] = documents.map { d in .section(className: "sheet", [.rendered(format, d.renderBlocks(format, layout: layout))]) }
        let languages = documents.flatMap(\.languages).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let title = languages.map { tag in documents.first { $0.languages.first == tag }?.title.first ?? "" }
        var options = documents.first?.options ?? PageOptions()
        options.pageNumbers = false
        return Document(languages: languages, title: title, blocks: blocks, options: options)
    }
}

/// Builds `DocText` for a document's languages: from a table's localized text, or from our own
/// Chinese and English phrases.
public struct DocLanguages: Sendable {
    /// The language tags, in the document's order; every `DocText` built has one text per tag.
    public let tags: [String]

    /// Texts for the languages `tags`, in that order.
    public init(_ tags: [String]) {
        self.tags = tags
    }

    /// A table text in each language.
    public func text(_ t: LocalizedText) -> DocText { tags.map(t.text) }

    /// Our own phrase in each language.
    public func say(_ zh: String, _ en: String) -> DocText { tags.map { TextLanguage(tag: $0).pick(zh, en) } }

    /// The same string in every language (codes, numbers, dates).
    public func same(_ s: String) -> DocText { tags.map { _ in s } }

    /// A language-neutral string (a web address, an id): shown once, marked as code, never
    /// translated, wrapping only at its separators.
    public func neutral(_ s: String) -> DocText { tags.map { _ in "" } + [s] }

    /// A phrase built per language.
    public func each(_ build: (String, TextLanguage) -> String) -> DocText { tags.map { build($0, TextLanguage(tag: $0)) } }
}

extension FeeTable {
    /// What the foot of each printed page carries: the version and the start of its fingerprint,
    /// enough to tell a poster from another version's (the full fingerprint is in the footer).
    public var pageMark: String { "\(version) · \(fingerprint.prefix(23))…" }

    /// The fingerprint as people read it on a notice: in groups of 16 hex digits, so that it wraps
    /// between groups on a phone instead of inside one (`sha256sum` prints it whole).
    public var fingerprintGroups: String {
        guard fingerprint.hasPrefix("sha256:") else { return fingerprint }
        let hex = Array(fingerprint.dropFirst(7))
        return "sha256:" + stride(from: 0, to: hex.count, by: 16).map { String(hex[$0..<min($0 + 16, hex.count)]) }.joined(separator: " ")
    }
}

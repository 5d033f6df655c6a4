/// The output formats of published documents.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// A whole HTML page, its style sheet inline, for print and the screen.
    case html
    /// Markdown.
    case md
    /// Plain text, for a terminal or a text file.
    case txt

    /// The file name extension.
    public var fileExtension: String { rawValue }
}

extension Document {
    /// Renders only the blocks, without the page around them, to splice into many documents.
    package func renderBlocks(_ format: DocumentFormat, layout: PageLayout) -> String {
        switch format {
        case .html:
            let r = HTMLRenderer(document: self, layout: layout)
            var out: [UInt8] = []
            for b in blocks { r.render(b, to: &out) }
            return String(decoding: out, as: UTF8.self)
        case .md:
            let r = MarkdownRenderer(document: self)
            return blocks.map(r.render).joined(separator: "\n")
        case .txt:
            let r = TextRenderer(document: self)
            return blocks.map(r.render).joined()
        }
    }

    /// Renders the document in `format`; HTML gets the `layout`'s page size and type scale.
    public func render(_ format: DocumentFormat, layout: PageLayout = .a3) -> String {
        switch format {
        case .html: return HTMLRenderer(document: self, layout: layout).render()
        case .md: return MarkdownRenderer(document: self).render()
        case .txt: return TextRenderer(document: self).render()
        }
    }
}

/// Joins the languages of a text for one-line formats, dropping repeats ("12.00 / 12.00" → "12.00");
/// bands of a price become "range: price" lines.
private func joined(_ t: DocText, separator: String = " / ", tags: [String] = []) -> String {
    var parts: [String] = []
    for (i, s) in t.enumerated() where !s.isEmpty {
        let p = DocBands.plain(s, tag: i < tags.count ? tags[i] : tags.first)
        if !parts.contains(p) { parts.append(p) }
    }
    return parts.joined(separator: separator)
}

/// Self-contained, well-formed XHTML: inline CSS, no scripts, no external assets, every text escaped.
/// Written into a byte buffer: boards for thousands of branches are rendered at a time.
///
/// One responsive page for every layout: print gets the layout's paper, type scale, page numbers
/// and page mark; screens get fluid tables that become stacked cards below 700 px, ids that wrap
/// only at their separators, and bands of a price as a small range/price table.
package struct HTMLRenderer {
    let document: Document
    let layout: PageLayout

    /// `s` escaped for XHTML text and attributes; a line break becomes `<br/>`.
    package static func escape(_ s: String) -> String {
        var out: [UInt8] = []
        appendEscaped(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendEscaped(_ s: String, to out: inout [UInt8], breakable: Bool = false) {
        for b in s.utf8 {
            switch b {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])              // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])                    // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])                    // &gt;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])        // &quot;
            case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])              // &#39;
            case 0x0A: out.append(contentsOf: [0x3C, 0x62, 0x72, 0x2F, 0x3E])              // <br/>
            case 0x09: out.append(b)
            case 0..<0x20, 0x7F: out.append(contentsOf: [0xEF, 0xBF, 0xBD])               // not allowed in XML: U+FFFD
            case 0x2E, 0x2D, 0x5F, 0x2F:                                                   // . - _ / (then <wbr/> in an id)
                out.append(b)
                if breakable { out.append(contentsOf: "<wbr/>".utf8) }
            default: out.append(b)
            }
        }
    }

    /// Text content escaped as `appendEscaped` does, with every word whose `-` or `/` is followed by
    /// a digit (a date `2026-01-01`, a version `2025-01`, a reference `H-01`) held on one line:
    /// browsers break after such a hyphen, and `2026-` / `01-01` on two lines misreads. A compound
    /// (`government-guided`) may still break at its hyphen; ids (`breakable`) keep their breaks.
    package static func appendText(_ s: String, to out: inout [UInt8], breakable: Bool) {
        if breakable { appendEscaped(s, to: &out, breakable: true); return }
        // Most texts hold no `-` or `/` at all: written as they are, without a copy.
        guard s.utf8.contains(where: { $0 == 0x2D || $0 == 0x2F }) else { appendEscaped(s, to: &out); return }
        let bytes = Array(s.utf8)
        func inRun(_ b: UInt8) -> Bool {
            (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D || b == 0x2F || b == 0x2E || b == 0x5F
        }
        func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
        var i = 0, plain = 0
        while i < bytes.count {
            guard inRun(bytes[i]) else { i += 1; continue }
            var j = i
            while j < bytes.count && inRun(bytes[j]) { j += 1 }
            let joined = (i + 1..<max(i + 1, j - 1)).contains { p in
                (bytes[p] == 0x2D || bytes[p] == 0x2F) && bytes[p - 1] != 0x2D && bytes[p - 1] != 0x2F && isDigit(bytes[p + 1])
            }
            if joined {
                appendEscaped(String(decoding: bytes[plain..<i], as: UTF8.self), to: &out)
                out.append(contentsOf: "<span class=\"nw\">".utf8)
                appendEscaped(String(decoding: bytes[i..<j], as: UTF8.self), to: &out)
                out.append(contentsOf: "</span>".utf8)
                plain = j
            }
            i = j
        }
        appendEscaped(String(decoding: bytes[plain...], as: UTF8.self), to: &out)
    }

    /// One language's text: plain lines, and the bands of a price (`DocBands`) as range/price pairs
    /// (a two-column grid on wide screens, stacked in print and on phones).
    func line(_ s: String, to out: inout [UInt8], code: Bool) {
        guard s.contains(DocBands.marker) else { Self.appendText(s, to: &out, breakable: code); return }
        var inBands = false
        for (k, l) in s.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let (range, price) = DocBands.row(String(l)) {
                if !inBands { out.append(contentsOf: "<dl class=\"bands\">".utf8); inBands = true }
                out.append(contentsOf: "<dt>".utf8)
                Self.appendEscaped(range, to: &out)
                out.append(contentsOf: "</dt><dd>".utf8)
                Self.appendEscaped(price, to: &out)
                out.append(contentsOf: "</dd>".utf8)
                continue
            }
            if inBands { out.append(contentsOf: "</dl>".utf8); inBands = false } else if k > 0 { out.append(contentsOf: "<br/>".utf8) }
            Self.appendText(String(l), to: &out, breakable: false)
        }
        if inBands { out.append(contentsOf: "</dl>".utf8) }
    }

    /// Each language in its own span with its `lang`; a repeat of the previous language is left out.
    func text(_ t: DocText, to out: inout [UInt8]) {
        var first = true
        for (i, s) in t.enumerated() where !s.isEmpty {
            if t[..<i].contains(s) { continue }
            if !first { out.append(contentsOf: "<br/>".utf8) }
            first = false
            // Entries beyond the document's languages are language-neutral (item codes): marked as
            // code, not translated, wrapping only at their separators.
            if i < document.languages.count {
                out.append(contentsOf: "<span lang=\"".utf8)
                Self.appendEscaped(document.languages[i], to: &out)
                out.append(contentsOf: (i == 0 ? "\" class=\"l1\">" : "\" class=\"l2\">").utf8)
                line(s, to: &out, code: false)
            } else {
                out.append(contentsOf: "<span lang=\"zxx\" translate=\"no\" class=\"l3\">".utf8)
                line(s, to: &out, code: true)
            }
            out.append(contentsOf: "</span>".utf8)
        }
    }

    /// A cell's label for stacked cards: the column's heading in every language.
    func label(_ t: DocText) -> String {
        var parts: [String] = []
        for s in t where !s.isEmpty && !parts.contains(s) { parts.append(s) }
        return parts.joined(separator: " / ")
    }

    /// The style sheet of each layout and type size, built once.
    static let styles: [String: String] = {
        var d: [String: String] = [:]
        for l in PageLayout.allCases { for large in [false, true] { d["\(l.rawValue)\(large)"] = makeCSS(l, largePrint: large) } }
        return d
    }()

    var css: String { (Self.styles["\(layout.rawValue)\(document.options.largePrint)"] ?? "") + pageCSS }

    /// The paper, with the page number and the page mark in the foot of every page.
    var pageCSS: String {
        let zh = document.languages.first?.hasPrefix("zh") ?? true
        let counter = zh ? "\"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\"" : "\"Page \" counter(page) \" of \" counter(pages)"
        let mark = document.options.pageMark.map { "@bottom-left { content: \"\(Self.cssString($0))\"; font-size: 8pt; color: #333; }" } ?? ""
        let size: String
        switch layout {
        case .a3: size = "A3 portrait; margin: 11mm 12mm 14mm"
        case .a4, .screen: size = "A4 portrait; margin: 14mm 12mm 16mm"
        case .display: size = "1920px 1080px; margin: 0"
        }
        let numbers = document.options.pageNumbers ? "@bottom-right { content: \(counter); font-size: 9pt; color: #333; }" : ""
        let foot = layout == .display ? "" : "\(numbers) \(mark)"
        return "\n@page { size: \(size); \(foot) }\n"
    }

    /// Text for a CSS string inside a style element: quotes, backslashes, `&` and angle brackets
    /// left out, so it neither ends the string nor the element, as HTML or as XML.
    static func cssString(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0 != "\"" && $0 != "\\" && $0 != "<" && $0 != ">" && $0 != "&" && $0.value >= 0x20 }.map(Character.init))
    }

    static func makeCSS(_ layout: PageLayout, largePrint: Bool) -> String {
        let scale = largePrint ? 1.5 : 1.0
        let base: String
        switch layout {
        case .a3: base = "\(16 * scale)pt"
        case .a4: base = "\(11 * scale)pt"
        case .screen: base = "\(17 * scale)px"
        case .display: base = "\(30 * scale)px"
        }
        let screenBody: String
        switch layout {
        case .display: screenBody = "width: 1920px; min-height: 1080px; margin: 0; padding: 36px 56px;"
        case .screen: screenBody = "max-width: 72em; margin: 0 auto; padding: 0.8em 1em;"
        case .a3, .a4: screenBody = "max-width: 72em; margin: 0 auto; padding: 0.8em 1em;"
        }
        return """
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: \(base); line-height: 1.45; color: #111; background: #fff; margin: 0; overflow-wrap: break-word; }
        @media screen { body { \(screenBody) } }
        h1 { font-size: 1.9em; line-height: 1.2; margin: 0 0 0.15em; color: #8b0000; }
        h2 { font-size: 1.35em; line-height: 1.25; margin: 0.9em 0 0.3em; border-bottom: 3px solid #8b0000; padding-bottom: 0.1em; }
        h3 { font-size: 1.15em; margin: 0.7em 0 0.2em; }
        h1, h2, h3, caption { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
        .l2 { color: #3a3a3a; font-size: 0.9em; }
        .l3 { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 0.78em; color: #4a4a4a; }
        table { width: 100%; border-collapse: collapse; margin: 0.3em 0 0.7em; }
        caption { text-align: left; font-size: 1.35em; font-weight: bold; line-height: 1.25; padding: 0.5em 0 0.25em; border-bottom: 3px solid #8b0000; margin-bottom: 0.3em; }
        th, td { border: 1px solid #767676; padding: 0.3em 0.4em; vertical-align: top; text-align: left; }
        th { background: #f3e8e8; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        section.category, section.keep { break-inside: avoid; page-break-inside: avoid; }
        section.sheet + section.sheet { break-before: page; page-break-before: always; }
        section.part, section.run-summary { break-before: page; page-break-before: always; }
        section.part > p:last-child { break-before: avoid; page-break-before: avoid; }
        @media screen { section.sheet + section.sheet, section.part ~ section.part { border-top: 3px solid #8b0000; margin-top: 1.5em; padding-top: 0.5em; } }
        dl.bands { margin: 0.1em 0; }
        dl.bands dt { color: #333; font-size: 0.9em; font-weight: normal; }
        dl.bands dd { margin: 0 0 0.25em; }
        section.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 1.5em; }
        section.columns > section.column > h2:first-child { margin-top: 0.5em; }
        body.a3 h2 { margin-top: 0.6em; } body.a3 table { margin-bottom: 0.4em; } body.a3 p { margin: 0.4em 0; } body.a3 ul { margin: 0.3em 0; }
        table.summary dl.bands { display: grid; grid-template-columns: max-content auto; justify-content: start; gap: 0.05em 0.8em; }
        table.summary dl.bands dd { margin: 0; }
        body.large table.summary dl.bands { display: block; } body.large table.summary dl.bands dd { margin: 0 0 0.25em; }
        @media screen and (min-width: 1100px) {
          dl.bands { display: grid; grid-template-columns: auto auto; justify-content: start; gap: 0.1em 0.8em; }
          dl.bands dd { margin: 0; }
        }
        .changed { font-weight: bold; }
        .nw { white-space: nowrap; }
        .callout { border: 3px solid #b00020; background: #fff3f3; padding: 0.4em 0.8em; margin: 0.8em 0; break-inside: avoid; }
        .callout h2 { border: none; color: #b00020; margin-top: 0.2em; }
        dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr); gap: 0.2em 1em; margin: 0.4em 0; }
        dl.facts { break-inside: avoid; page-break-inside: avoid; }
        dl.facts dt { font-weight: bold; }
        dl.facts dd { margin: 0; }
        table.items col.c-ref { width: 7%; } table.items col.c-name { width: 18%; } table.items col.c-content { width: 17%; }
        table.items col.c-price { width: 20%; } table.items col.c-unit { width: 8%; } table.items col.c-audience { width: 10%; }
        table.items col.c-basis { width: 20%; }
        \(layout == .a4 ? bookletCSS : "")
        table.items td:first-child, table.items th:first-child { white-space: nowrap; }
        table.summary col.c-1 { width: 28%; } table.summary col.c-2 { width: 72%; }
        body.a3 footer { font-size: 0.65em; margin-top: 0.5em; padding-top: 0.2em; }
        body.a3 { line-height: 1.38; } body.a3 th, body.a3 td { padding: 0.15em 0.35em; }
        footer { margin-top: 1.2em; border-top: 1px solid #767676; padding-top: 0.4em; font-size: 0.85em; color: #333; }
        .screen-count { float: right; font-size: 0.8em; color: #333; }
        @media screen and (max-width: 1100px) {
          dl.facts { grid-template-columns: max-content minmax(0, 1fr); }
          table.items col { width: auto !important; }
        }
        @media screen and (max-width: 700px) {
          section.columns { display: block; }
          body { padding: 0.6em 0.8em; font-size: \(16 * scale)px; }
          h1 { font-size: 1.6em; }
          dl.facts { grid-template-columns: minmax(0, 1fr); gap: 0 0; }
          dl.facts dd { margin-bottom: 0.35em; }
          table.summary dl.bands { display: block; }
          table.summary dl.bands dd { margin: 0 0 0.25em; }
        }
        \(cards("@media screen and (max-width: 700px)", prefix: ""))
        \(largePrint ? cards("@media screen and (max-width: 1100px)", prefix: "body.large ") : "")
        \(largePrint ? cards("@media print", prefix: "body.large ", table: layout == .a4 ? "table:not(.items)" : "table", labelBeside: true) : "")
        \(largePrint ? statementPrintCSS : "")
        \(largePrint ? "@media print { body.large dl.facts { grid-template-columns: max-content minmax(0, 1fr); } }" : "")
        @media print { body { max-width: none; } a { color: #111; } }
        \(layout == .display ? displayCSS : "")
        """
    }

    /// The A4 booklet's item entries: each item a block of two columns, the service (number, name,
    /// code, what you get) beside its price, with unit, customers, pricing and basis below in small
    /// labelled fields; a category's caption kept with its first entry.
    static let bookletCSS = """
        @media print {
          section.category { break-inside: auto; page-break-inside: auto; }
          table.items, table.items > tbody { display: block; width: 100%; }
          table.items > caption { display: block; break-after: avoid; page-break-after: avoid; }
          table.items > colgroup, table.items > thead { display: none; }
          table.items > tbody > tr { display: grid; grid-template-columns: 3.2em minmax(0, 1.15fr) minmax(0, 1fr);
            grid-template-areas: "ref name price" "ref content price" "ref unit audience" "ref basis basis";
            gap: 0.1em 0.8em; border-bottom: 1px solid #767676; padding: 0.35em 0; break-inside: avoid; page-break-inside: avoid; }
          table.items > tbody > tr:first-child { border-top: 2px solid #8b0000; }
          table.items > tbody > tr > td { border: none; padding: 0; }
          table.items td:nth-child(1) { grid-area: ref; font-weight: bold; }
          table.items td:nth-child(2) { grid-area: name; font-weight: bold; }
          table.items td:nth-child(3) { grid-area: content; font-size: 0.92em; }
          table.items td:nth-child(4) { grid-area: price; }
          table.items td:nth-child(5) { grid-area: unit; font-size: 0.92em; }
          table.items td:nth-child(6) { grid-area: audience; font-size: 0.92em; }
          table.items td:nth-child(7) { grid-area: basis; font-size: 0.92em; }
          table.items td:nth-child(n+5)[data-label]::before { content: attr(data-label) "："; font-weight: bold; color: #3a3a3a; }
          table.items td:nth-child(4)[data-label]::before { content: attr(data-label); display: block; font-size: 0.85em; font-weight: bold; color: #3a3a3a; }
        }
        """

    /// Tables as stacked cards, one per row, each value under its column's name: for phones, and
    /// for large print (the columns of a table do not fit at 1.5× type). On paper (`labelBeside`)
    /// each name stands beside its value, so a card takes half the lines and a page holds several.
    static func cards(_ media: String, prefix p: String, table: String = "table", labelBeside: Bool = false) -> String {
        let t = p + table
        let beside = labelBeside ? """
              \(t) > tbody > tr { margin: 0 0 0.45em; padding: 0.2em 0.5em; }
              \(t) > tbody > tr > td[data-label]:not(:empty) { display: grid; grid-template-columns: 6.5em minmax(0, 1fr); gap: 0 0.6em; padding: 0.08em 0; }
              \(t) > tbody > tr > td[data-label]::before { padding-top: 0.2em; }
              \(p)section.category { break-inside: auto; page-break-inside: auto; }
            """ : ""
        return """
        \(media) {
          \(t), \(t) > tbody, \(t) > tbody > tr, \(t) > tbody > tr > td, \(t) > caption { display: block; width: 100%; }
          \(t) > colgroup { display: none; }
          \(t) > thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          \(t) > tbody > tr { border: 1px solid #767676; margin: 0 0 0.7em; padding: 0.3em 0.6em; }
          \(t) > tbody > tr > td { border: none; padding: 0.15em 0; white-space: normal; }
          \(t) > tbody > tr > td:empty { display: none; }
          \(t) > tbody > tr > td[data-label]::before { content: attr(data-label); display: block; font-size: 0.8em; font-weight: bold; color: #3a3a3a; }
          \(t) > tbody > tr > td:first-child { font-weight: bold; }
        \(beside)
        }
        """
    }

    /// A statement in large print on paper: each line a card with the service and its price across,
    /// and the four amounts (times, standard, waived, paid) side by side beneath, each under its name.
    static let statementPrintCSS = """
        @media print {
          body.large table.statement > tbody > tr { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0 0.6em; }
          body.large table.statement > tbody > tr > td:nth-child(1), body.large table.statement > tbody > tr > td:nth-child(2),
          body.large table.statement > tbody > tr > td:nth-child(n+7) { grid-column: 1 / -1; }
          body.large table.statement > tbody > tr > td:nth-child(n+3):nth-child(-n+6) { display: block; }
          body.large table.statement > tbody > tr > td:nth-child(n+3):nth-child(-n+6)::before { padding-top: 0; }
        }
        """

    /// A branch screen, read from a distance: the columns a passer-by needs (service, price, unit,
    /// for whom), wide margins, nothing that scrolls.
    static let displayCSS = """
        html, body { overflow: hidden; }
        table.items col { width: auto !important; }
        \(Document.displayHiddenColumns["items", default: []].map { "table.items th:nth-child(\($0 + 1)), table.items td:nth-child(\($0 + 1))" }.joined(separator: ", ")) { display: none; }
        dl.facts { grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr); }
        h1 { font-size: 1.5em; } h2, caption { font-size: 1.2em; }
        dl.facts { font-size: 0.8em; }
        section.screen-count { text-align: right; margin-top: 0.4em; font-size: 0.8em; color: #333; }
        section.screen-count p { margin: 0; }
        dl.bands { line-height: 1.25; } dl.bands dt, dl.bands dd { font-size: 0.85em; } dl.bands dd { margin: 0; }
        h1 > br, h2 > br, caption > br, th > br { display: none; }
        h1 > .l2::before, h2 > .l2::before, caption > .l2::before, th > .l2::before { content: " / "; }
        h1 { margin-bottom: 0.3em; } caption { padding-top: 0.2em; }
        """

    func render() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 17)
        out.append(contentsOf: "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"".utf8)
        Self.appendEscaped(document.languages.first ?? "zh-Hans", to: &out)
        out.append(contentsOf: "\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n".utf8)
        if let next = document.options.next {
            out.append(contentsOf: "<meta http-equiv=\"refresh\" content=\"\(next.seconds); url=".utf8)
            Self.appendEscaped(next.url, to: &out)
            out.append(contentsOf: "\"/>\n".utf8)
        }
        out.append(contentsOf: "<title>".utf8)
        Self.appendEscaped(joined(document.title), to: &out)
        out.append(contentsOf: "</title>\n<style>\n\(css)\n</style>\n</head>\n<body class=\"\(layout.rawValue)\(document.options.largePrint ? " large" : "")\">\n".utf8)
        for block in document.blocks { render(block, to: &out) }
        out.append(contentsOf: "</body>\n</html>\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    private func table(_ className: String, caption: DocText?, columns: [DocText], rows: [[DocText]], to out: inout [UInt8]) {
        out.append(contentsOf: "<table class=\"".utf8)
        Self.appendEscaped(className, to: &out)
        out.append(contentsOf: "\">\n".utf8)
        if let caption {
            out.append(contentsOf: "<caption>".utf8)
            text(caption, to: &out)
            out.append(contentsOf: "</caption>\n".utf8)
        }
        if className == "summary" && columns.count == 2 {
            out.append(contentsOf: "<colgroup><col class=\"c-1\"/><col class=\"c-2\"/></colgroup>\n".utf8)
        }
        if className == "items" && columns.count == 7 {
            out.append(contentsOf: "<colgroup><col class=\"c-ref\"/><col class=\"c-name\"/><col class=\"c-content\"/><col class=\"c-price\"/><col class=\"c-unit\"/><col class=\"c-audience\"/><col class=\"c-basis\"/></colgroup>\n".utf8)
        }
        out.append(contentsOf: "<thead><tr>".utf8)
        for c in columns {
            out.append(contentsOf: "<th scope=\"col\">".utf8)
            text(c, to: &out)
            out.append(contentsOf: "</th>".utf8)
        }
        out.append(contentsOf: "</tr></thead>\n<tbody>\n".utf8)
        let labels = columns.map { label($0) }
        for row in rows {
            out.append(contentsOf: "<tr>".utf8)
            for (k, cell) in row.enumerated() {
                if k < labels.count {
                    out.append(contentsOf: "<td data-label=\"".utf8)
                    Self.appendEscaped(labels[k], to: &out)
                    out.append(contentsOf: "\">".utf8)
                } else {
                    out.append(contentsOf: "<td>".utf8)
                }
                text(cell, to: &out)
                out.append(contentsOf: "</td>".utf8)
            }
            out.append(contentsOf: "</tr>\n".utf8)
        }
        out.append(contentsOf: "</tbody>\n</table>\n".utf8)
    }

    func render(_ block: DocBlock, to out: inout [UInt8]) {
        switch block {
        case .heading(let level, let t):
            let l = min(max(level, 1), 3)
            out.append(contentsOf: "<h\(l)>".utf8)
            text(t, to: &out)
            out.append(contentsOf: "</h\(l)>\n".utf8)
        case .paragraph(let t):
            out.append(contentsOf: "<p>".utf8)
            text(t, to: &out)
            out.append(contentsOf: "</p>\n".utf8)
        case .facts(let pairs):
            out.append(contentsOf: "<dl class=\"facts\">\n".utf8)
            for p in pairs {
                out.append(contentsOf: "<dt>".utf8)
                text(p.label, to: &out)
                out.append(contentsOf: "</dt><dd>".utf8)
                text(p.value, to: &out)
                out.append(contentsOf: "</dd>\n".utf8)
            }
            out.append(contentsOf: "</dl>\n".utf8)
        case .table(let className, let columns, let rows):
            table(className, caption: nil, columns: columns, rows: rows, to: &out)
        case .list(let items):
            out.append(contentsOf: "<ul>\n".utf8)
            for item in items {
                out.append(contentsOf: "<li>".utf8)
                text(item, to: &out)
                out.append(contentsOf: "</li>\n".utf8)
            }
            out.append(contentsOf: "</ul>\n".utf8)
        case .callout(let title, let items):
            out.append(contentsOf: "<div class=\"callout\">\n<h2>".utf8)
            text(title, to: &out)
            out.append(contentsOf: "</h2>\n".utf8)
            render(.list(items), to: &out)
            out.append(contentsOf: "</div>\n".utf8)
        case .section(let className, let blocks):
            let tag = className == "footer" ? "footer" : "section"
            out.append(contentsOf: "<\(tag) class=\"".utf8)
            Self.appendEscaped(className, to: &out)
            out.append(contentsOf: "\">\n".utf8)
            // A heading that opens a table is the table's caption: read with it, printed with it.
            if blocks.count == 2, case .heading(let level, let title) = blocks[0], level >= 2, case .table(let c, let columns, let rows) = blocks[1] {
                table(c, caption: title, columns: columns, rows: rows, to: &out)
            } else {
                for b in blocks { render(b, to: &out) }
            }
            out.append(contentsOf: "</\(tag)>\n".utf8)
        case .part(let className, let mark, let blocks):
            // A named page per part: Chromium starts a part on a new page and gives its pages the
            // named page's foot. The name is the mark's bytes in hex, so two parts never share one.
            let name = "part-" + mark.utf8.map { b in String(b, radix: 16).count == 1 ? "0" + String(b, radix: 16) : String(b, radix: 16) }.joined()
            out.append(contentsOf: "<style>@page \(name) { @bottom-right { content: \"".utf8)
            out.append(contentsOf: Self.cssString(mark).utf8)
            out.append(contentsOf: "\"; font-size: 9pt; color: #333; } }</style>\n<section class=\"part ".utf8)
            Self.appendEscaped(className, to: &out)
            out.append(contentsOf: "\" style=\"page: \(name)\">\n".utf8)
            for b in blocks { render(b, to: &out) }
            out.append(contentsOf: "</section>\n".utf8)
        case .rendered(let format, let text):
            if format == .html { out.append(contentsOf: text.utf8) }
        }
    }
}

/// The bands of a banded price inside a text: one line per band, `marker` + range + `separator` +
/// price, so that HTML shows them as a small range/price table and plain formats as lines.
package enum DocBands {
    static let marker: Character = "\u{1E}"
    static let separator: Character = "\u{1F}"

    /// A band's line.
    package static func line(range: String, price: String) -> String { "\(marker)\(range)\(separator)\(price)" }

    /// The range and price of a band's line.
    static func row(_ line: String) -> (String, String)? {
        guard line.first == marker, let k = line.firstIndex(of: separator) else { return nil }
        return (String(line[line.index(after: line.startIndex)..<k]), String(line[line.index(after: k)...]))
    }

    /// A text with its band lines as "range: price" (the colon of the text's language).
    static func plain(_ s: String, tag: String?) -> String {
        guard s.contains(marker) else { return s }
        let colon = (tag ?? "zh").hasPrefix("zh") ? "：" : ": "
        return s.split(separator: "\n", omittingEmptySubsequences: false).map { l in
            row(String(l)).map { $0.0 + colon + $0.1 } ?? String(l)
        }.joined(separator: "\n")
    }
}

/// GitHub-flavoured Markdown: headings, pipe tables, lists; languages joined with " / ".
struct MarkdownRenderer {
    let document: Document

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|": out += "\\|"
            case "\\", "*", "_", "`", "[", "]", "<", ">", "#": out += "\\" + String(ch)
            case "\n": out += "<br>"
            default: out.append(ch)
            }
        }
        return out
    }

    func text(_ t: DocText) -> String { Self.escape(joined(t, tags: document.languages)) }

    func render() -> String {
        document.blocks.map(render).joined(separator: "\n")
    }

    func render(_ block: DocBlock) -> String {
        switch block {
        case .heading(let level, let t):
            return String(repeating: "#", count: min(max(level, 1), 6)) + " " + text(t) + "\n"
        case .paragraph(let t):
            return text(t) + "\n"
        case .facts(let pairs):
            return pairs.map { "- **\(text($0.label))**: \(text($0.value))" }.joined(separator: "\n") + "\n"
        case .table(_, let columns, let rows):
            var s = "| " + columns.map(text).joined(separator: " | ") + " |\n"
            s += "|" + String(repeating: " --- |", count: columns.count) + "\n"
            for row in rows { s += "| " + row.map(text).joined(separator: " | ") + " |\n" }
            return s
        case .list(let items):
            return items.map { "- " + text($0) }.joined(separator: "\n") + "\n"
        case .callout(let title, let items):
            return "> **\(text(title))**\n>\n" + items.map { "> - " + text($0) }.joined(separator: "\n") + "\n"
        case .section(_, let blocks), .part(_, _, let blocks):
            return blocks.map(render).joined(separator: "\n")
        case .rendered(let format, let text):
            return format == .md ? text : ""
        }
    }
}

/// Plain text for terminals and SMS-style channels: no markup, tables as indented records.
struct TextRenderer {
    let document: Document

    /// The label separator: the full-width colon when the document reads Chinese first.
    private var colon: String { document.languages.first?.hasPrefix("zh") == true ? "：" : ": " }

    /// Columns a line takes in a terminal: CJK and full-width characters take two.
    private func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return n + (wide ? 2 : 1)
        }
    }

    func text(_ t: DocText) -> String {
        let s = joined(t, tags: document.languages)
        // Swift's own split: Foundation's replacingOccurrences cost half of a statement's time.
        return s.utf8.contains(0x0A) ? s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "; ") : s
    }

    func render() -> String {
        document.blocks.map(render).joined()
    }

    func render(_ block: DocBlock) -> String {
        switch block {
        case .heading(let level, let t):
            let line = text(t)
            if level == 1 { return line + "\n" + String(repeating: "=", count: min(72, max(8, width(line)))) + "\n\n" }
            if level == 2 { return "\n" + line + "\n" + String(repeating: "-", count: min(72, max(8, width(line)))) + "\n" }
            return "\n" + line + "\n"
        case .paragraph(let t):
            return text(t) + "\n"
        case .facts(let pairs):
            return pairs.map { "\(text($0.label))\(colon)\(text($0.value))" }.joined(separator: "\n") + "\n"
        case .table(_, let columns, let rows):
            var s = ""
            for row in rows {
                guard let first = row.first else { continue }
                s += "* " + text(first) + "\n"
                for (column, cell) in zip(columns.dropFirst(), row.dropFirst()) where !joined(cell).isEmpty {
                    s += "    \(text(column))\(colon)\(text(cell))\n"
                }
            }
            return s
        case .list(let items):
            return items.map { "* " + text($0) }.joined(separator: "\n") + "\n"
        case .callout(let title, let items):
            return "\n!! " + text(title) + "\n" + items.map { "!! - " + text($0) }.joined(separator: "\n") + "\n"
        case .section(_, let blocks), .part(_, _, let blocks):
            return blocks.map(render).joined()
        case .rendered(let format, let text):
            return format == .txt ? text : ""
        }
    }
}

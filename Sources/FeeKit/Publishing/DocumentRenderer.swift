/// The output formats of published documents.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case html
    case md
    case txt

    /// The file name extension.
    public var fileExtension: String { rawValue }
}

extension Document {
    /// Renders only the blocks, without the page around them, to splice into many documents.
    func renderBlocks(_ format: DocumentFormat, layout: PageLayout) -> String {
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

/// Joins the languages of a text for one-line formats, dropping repeats ("12.00 / 12.00" → "12.00").
private func joined(_ t: DocText, separator: String = " / ") -> String {
    var parts: [String] = []
    for s in t where !s.isEmpty && !parts.contains(s) { parts.append(s) }
    return parts.joined(separator: separator)
}

/// Self-contained, well-formed XHTML: inline CSS, no scripts, no external assets, every text escaped.
/// Written into a byte buffer: boards for thousands of branches are rendered at a time.
struct HTMLRenderer {
    let document: Document
    let layout: PageLayout

    /// `s` escaped for XHTML text and attributes; a line break becomes `<br/>`.
    static func escape(_ s: String) -> String {
        var out: [UInt8] = []
        appendEscaped(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
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
            default: out.append(b)
            }
        }
    }

    /// Each language in its own span; a repeat of the previous language is left out.
    func text(_ t: DocText, to out: inout [UInt8]) {
        var first = true
        for (i, s) in t.enumerated() where !s.isEmpty {
            if t[..<i].contains(s) { continue }
            if !first { out.append(contentsOf: "<br/>".utf8) }
            first = false
            // Entries beyond the document's languages are language-neutral (item codes): marked as code.
            if i < document.languages.count {
                out.append(contentsOf: "<span lang=\"".utf8)
                Self.appendEscaped(document.languages[i], to: &out)
                out.append(contentsOf: (i == 0 ? "\" class=\"l1\">" : "\" class=\"l2\">").utf8)
            } else {
                out.append(contentsOf: "<span class=\"l3\">".utf8)
            }
            Self.appendEscaped(s, to: &out)
            out.append(contentsOf: "</span>".utf8)
        }
    }

    /// The style sheet of each layout, built once.
    static let styles: [PageLayout: String] = Dictionary(uniqueKeysWithValues: PageLayout.allCases.map { ($0, makeCSS($0)) })

    var css: String { Self.styles[layout] ?? "" }

    static func makeCSS(_ layout: PageLayout) -> String {
        let page: String
        let base: String
        switch layout {
        case .a3: page = "@page { size: A3 portrait; margin: 14mm; }"; base = "13pt"
        case .a4: page = "@page { size: A4 portrait; margin: 12mm; }"; base = "10pt"
        case .screen: page = ""; base = "18px"
        }
        return """
        \(page)
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: \(base); line-height: 1.35; color: #111; margin: \(layout == .screen ? "0 auto; max-width: 1400px; padding: 1em" : "0"); overflow-wrap: anywhere; }
        h1 { font-size: 2.3em; margin: 0 0 0.1em; color: #8b0000; }
        h2 { font-size: 1.5em; margin: 0.9em 0 0.3em; border-bottom: 3px solid #8b0000; padding-bottom: 0.1em; }
        h3 { font-size: 1.2em; margin: 0.7em 0 0.2em; }
        .l2 { color: #444; font-size: 0.86em; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.3em 0 0.6em; }
        th, td { border: 1px solid #777; padding: 0.25em 0.35em; vertical-align: top; text-align: left; overflow-wrap: anywhere; word-break: break-word; }
        th { background: #f1e4e4; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        thead { display: table-header-group; }
        h2, h3 { break-after: avoid-page; page-break-after: avoid; }
        section.category { break-inside: auto; }
        section.category h2 + table tr:first-child { break-before: avoid-page; }
        .callout { border: 3px solid #b00020; background: #fff3f3; padding: 0.4em 0.8em; margin: 0.8em 0; break-inside: avoid; }
        .callout h2 { border: none; color: #b00020; margin-top: 0.2em; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 0.2em 1em; margin: 0.4em 0; }
        dl.facts dt { font-weight: bold; }
        dl.facts dd { margin: 0; }
        table.items col.c-ref { width: 5%; } table.items col.c-name { width: 17%; } table.items col.c-content { width: 17%; }
        table.items col.c-price { width: 23%; } table.items col.c-unit { width: 7%; } table.items col.c-audience { width: 10%; }
        table.items col.c-pricing { width: 8%; } table.items col.c-basis { width: 13%; }
        .l3 { font-family: "DejaVu Sans Mono", monospace; font-size: 0.72em; color: #666; }
        footer { margin-top: 1.2em; border-top: 1px solid #777; padding-top: 0.4em; font-size: 0.85em; color: #333; }
        """
    }

    func render() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 17)
        out.append(contentsOf: "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"".utf8)
        Self.appendEscaped(document.languages.first ?? "zh-Hans", to: &out)
        out.append(contentsOf: "\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>".utf8)
        Self.appendEscaped(joined(document.title), to: &out)
        out.append(contentsOf: "</title>\n<style>\n\(css)\n</style>\n</head>\n<body class=\"\(layout.rawValue)\">\n".utf8)
        for block in document.blocks { render(block, to: &out) }
        out.append(contentsOf: "</body>\n</html>\n".utf8)
        return String(decoding: out, as: UTF8.self)
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
            out.append(contentsOf: "<table class=\"".utf8)
            Self.appendEscaped(className, to: &out)
            out.append(contentsOf: "\">\n".utf8)
            if className == "items" {
                out.append(contentsOf: "<colgroup><col class=\"c-ref\"/><col class=\"c-name\"/><col class=\"c-content\"/><col class=\"c-price\"/><col class=\"c-unit\"/><col class=\"c-audience\"/><col class=\"c-pricing\"/><col class=\"c-basis\"/></colgroup>\n".utf8)
            }
            out.append(contentsOf: "<thead><tr>".utf8)
            for c in columns {
                out.append(contentsOf: "<th>".utf8)
                text(c, to: &out)
                out.append(contentsOf: "</th>".utf8)
            }
            out.append(contentsOf: "</tr></thead>\n<tbody>\n".utf8)
            for row in rows {
                out.append(contentsOf: "<tr>".utf8)
                for cell in row {
                    out.append(contentsOf: "<td>".utf8)
                    text(cell, to: &out)
                    out.append(contentsOf: "</td>".utf8)
                }
                out.append(contentsOf: "</tr>\n".utf8)
            }
            out.append(contentsOf: "</tbody>\n</table>\n".utf8)
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
            for b in blocks { render(b, to: &out) }
            out.append(contentsOf: "</\(tag)>\n".utf8)
        case .rendered(let format, let text):
            if format == .html { out.append(contentsOf: text.utf8) }
        }
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

    func text(_ t: DocText) -> String { Self.escape(joined(t)) }

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
        case .section(_, let blocks):
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
        let s = joined(t)
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
        case .section(_, let blocks):
            return blocks.map(render).joined()
        case .rendered(let format, let text):
            return format == .txt ? text : ""
        }
    }
}

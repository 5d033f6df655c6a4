/// The output formats of published documents.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case html
    case md
    case txt

    /// The file name extension.
    public var fileExtension: String { rawValue }
}

extension Document {
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
struct HTMLRenderer {
    let document: Document
    let layout: PageLayout

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += "<br/>"
            default:
                // Control characters are not allowed in XML 1.0: show them as a replacement mark.
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Each language in its own span; a repeat of the previous language is left out.
    func text(_ t: DocText) -> String {
        var out: [String] = []
        var seen: [String] = []
        for (i, s) in t.enumerated() where !s.isEmpty && !seen.contains(s) {
            seen.append(s)
            // Entries beyond the document's languages are language-neutral (item codes): marked as code.
            guard i < document.languages.count else {
                out.append("<span class=\"l3\">\(Self.escape(s))</span>")
                continue
            }
            out.append("<span lang=\"\(Self.escape(document.languages[i]))\" class=\"\(i == 0 ? "l1" : "l2")\">\(Self.escape(s))</span>")
        }
        return out.joined(separator: "<br/>")
    }

    var css: String {
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
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(Self.escape(document.languages.first ?? "zh-Hans"))\">\n<head>\n"
        out += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(Self.escape(joined(document.title)))</title>\n<style>\n\(css)\n</style>\n</head>\n<body class=\"\(layout.rawValue)\">\n"
        for block in document.blocks { out += render(block) }
        out += "</body>\n</html>\n"
        return out
    }

    func render(_ block: DocBlock) -> String {
        switch block {
        case .heading(let level, let t):
            let l = min(max(level, 1), 3)
            return "<h\(l)>\(text(t))</h\(l)>\n"
        case .paragraph(let t):
            return "<p>\(text(t))</p>\n"
        case .facts(let pairs):
            var s = "<dl class=\"facts\">\n"
            for p in pairs { s += "<dt>\(text(p.label))</dt><dd>\(text(p.value))</dd>\n" }
            return s + "</dl>\n"
        case .table(let className, let columns, let rows):
            var s = "<table class=\"\(Self.escape(className))\">\n"
            if className == "items" {
                s += "<colgroup><col class=\"c-ref\"/><col class=\"c-name\"/><col class=\"c-content\"/><col class=\"c-price\"/><col class=\"c-unit\"/><col class=\"c-audience\"/><col class=\"c-pricing\"/><col class=\"c-basis\"/></colgroup>\n"
            }
            s += "<thead><tr>" + columns.map { "<th>\(text($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in rows { s += "<tr>" + row.map { "<td>\(text($0))</td>" }.joined() + "</tr>\n" }
            return s + "</tbody>\n</table>\n"
        case .list(let items):
            return "<ul>\n" + items.map { "<li>\(text($0))</li>\n" }.joined() + "</ul>\n"
        case .callout(let title, let items):
            return "<div class=\"callout\">\n<h2>\(text(title))</h2>\n<ul>\n" + items.map { "<li>\(text($0))</li>\n" }.joined() + "</ul>\n</div>\n"
        case .section(let className, let blocks):
            let tag = className == "footer" ? "footer" : "section"
            return "<\(tag) class=\"\(Self.escape(className))\">\n" + blocks.map(render).joined() + "</\(tag)>\n"
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
        }
    }
}

/// Plain text for terminals and SMS-style channels: no markup, tables as indented records.
struct TextRenderer {
    let document: Document

    func text(_ t: DocText) -> String {
        joined(t).replacingOccurrences(of: "\n", with: "; ")
    }

    func render() -> String {
        document.blocks.map(render).joined()
    }

    func render(_ block: DocBlock) -> String {
        switch block {
        case .heading(let level, let t):
            let line = text(t)
            if level == 1 { return line + "\n" + String(repeating: "=", count: min(72, max(8, line.count))) + "\n\n" }
            if level == 2 { return "\n" + line + "\n" + String(repeating: "-", count: min(72, max(8, line.count))) + "\n" }
            return "\n" + line + "\n"
        case .paragraph(let t):
            return text(t) + "\n"
        case .facts(let pairs):
            return pairs.map { "\(text($0.label)): \(text($0.value))" }.joined(separator: "\n") + "\n"
        case .table(_, let columns, let rows):
            var s = ""
            for row in rows {
                guard let first = row.first else { continue }
                s += "* " + text(first) + "\n"
                for (column, cell) in zip(columns.dropFirst(), row.dropFirst()) where !joined(cell).isEmpty {
                    s += "    \(text(column)): \(text(cell))\n"
                }
            }
            return s
        case .list(let items):
            return items.map { "* " + text($0) }.joined(separator: "\n") + "\n"
        case .callout(let title, let items):
            return "\n!! " + text(title) + "\n" + items.map { "!! - " + text($0) }.joined(separator: "\n") + "\n"
        case .section(_, let blocks):
            return blocks.map(render).joined()
        }
    }
}

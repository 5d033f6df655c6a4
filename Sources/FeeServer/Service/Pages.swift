import FeeKit

/// The customer pages, in the responsive screen layout of the notices (no scripts): the price
/// list, each item's page with a fee calculator form, the change announcement and each branch's
/// board. Every page is FeeKit's document, rendered by its one renderer; the links and the form
/// are spliced in as rendered blocks, their texts escaped by the renderer's escaper.
enum Pages {
    /// Fields every page gets: no scripts, no outside resources, no framing, no referrer.
    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
        ("Referrer-Policy", "no-referrer"),
    ]

    static let e = HTMLEscaping.escape

    static func page(_ d: Document, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, contentType: .html, body: Array(d.render(.html, layout: .screen).utf8))
    }

    /// An error as a page: the status, what was wrong and what to do.
    static func failure(_ f: HTTPFailure) -> HTTPResponse {
        var r = page(Document(languages: ["zh-Hans", "en"], title: ["出错了", "Error"], blocks: [
            .heading(level: 1, ["\(f.status.code) \(f.status.reason)", "\(f.status.code) \(f.status.reason)"]),
            .paragraph([f.chinese ?? f.message, f.message]),
            .paragraph(["错误代码：\(f.code)", "Error code: \(f.code)"]),
            .rendered(.html, "<p><a href=\"/\">价目表 / Price list</a></p>"),
        ]), status: f.status)
        r.closes = f.closes
        return r
    }

    /// `?lang=` kept on the links, so the reader stays in the language chosen.
    static func suffix(_ p: Parameters) -> String {
        p["lang"].map { "?lang=" + (PercentEncoding.query($0)) } ?? ""
    }

    static func label(_ zh: String, _ en: String, _ languages: [String]) -> String {
        var seen: [String] = []
        for tag in languages {
            let s = TextLanguage(tag: tag).pick(zh, en)
            if !seen.contains(s) { seen.append(s) }
        }
        return seen.joined(separator: " / ")
    }

    static func names(_ t: LocalizedText, _ languages: [String]) -> String {
        var seen: [String] = []
        for tag in languages where !seen.contains(t.text(tag)) { seen.append(t.text(tag)) }
        return seen.joined(separator: " / ")
    }

    static func respond(_ route: Route, _ query: String?, _ snapshot: ServedCatalogue, today: CalendarDate) -> Result<HTTPResponse, HTTPFailure> {
        switch route {
        case .home:
            return Parameters.parse(query, allowed: ["bank", "date", "lang"]).flatMap { p in home(p, snapshot, today) }
        case .changes:
            return Parameters.parse(query, allowed: ["bank", "to", "lang"]).flatMap { p in changes(p, snapshot) }
        case .board(let branch):
            return Parameters.parse(query, allowed: ["bank", "date", "lang"]).flatMap { p in board(branch, p, snapshot, today) }
        case .itemPage(let code):
            return Parameters.parse(query, allowed: ItemPage.fields, repeatable: ["segment"]).flatMap { p in
                ItemPage.respond(code, p, snapshot, today: today)
            }
        default:
            return .failure(HTTPFailure(.notFound, "unknown_route", message: .unknownPage))
        }
    }

    /// `GET /`: the full price list in effect, with links to every item's calculator, the
    /// announcement and the branches' boards.
    static func home(_ p: Parameters, _ s: ServedCatalogue, _ today: CalendarDate) -> Result<HTTPResponse, HTTPFailure> {
        p.bank(in: s).flatMap { bank in p.languages(of: bank).flatMap { languages in p.date(default: today).flatMap { date in
            guard let board = NoticeBoard(bank: bank, date: date, languages: languages, depth: .full),
                  let table = bank.version(on: date) else { return .failure(APIDocuments.noTable(bank, date)) }
            let q = suffix(p)
            var nav = "<nav class=\"links\" aria-label=\"\(e(label("本站页面", "Pages", languages)))\"><h2>\(e(label("费用试算与公告", "Fee calculator and notices", languages)))</h2><ul>"
            if bank.versions.count > 1 {
                nav += "<li><a href=\"/changes\(q)\">\(e(label("调价公告", "Announcement of price changes", languages)))</a></li>"
            }
            for branch in bank.profile.branches where branch.closedOn.map({ $0 > date }) ?? true {
                nav += "<li><a href=\"/boards/\(e(branch.id))\(q)\">\(e(label("网点公示", "Branch notice", languages))): \(e(names(branch.name, languages)))</a></li>"
            }
            nav += "</ul><h3>\(e(label("各项服务的费用试算", "Fee calculator for each service", languages)))</h3><ul class=\"items\">"
            for item in table.items {
                nav += "<li><a href=\"/items/\(e(item.code))\(q)\">\(e(names(item.name, languages)))</a></li>"
            }
            nav += "</ul></nav>\n"
            var d = board.document
            d.blocks.insert(.rendered(.html, nav), at: min(1, d.blocks.count))
            return .success(page(d))
        } } }
    }

    /// `GET /changes[?to=VERSION]`: the announcement of a version (default the latest).
    static func changes(_ p: Parameters, _ s: ServedCatalogue) -> Result<HTTPResponse, HTTPFailure> {
        p.bank(in: s).flatMap { bank in p.languages(of: bank).flatMap { languages in
            let id = p["to"]
            guard let version = id.map({ bank.version(id: $0) }) ?? bank.versions.last else {
                return .failure(HTTPFailure(.notFound, "unknown_version", message: .unknownVersion(version: String((id ?? "").prefix(40)), versions: bank.versions.map(\.version))))
            }
            guard let announcement = ChangeAnnouncement(bank: bank, version: version, languages: languages) else {
                return .failure(HTTPFailure(.notFound, "first_version", message: .firstVersion(version: version.version)))
            }
            var d = announcement.document
            d.blocks.insert(.rendered(.html, "<nav class=\"links\"><a href=\"/\(suffix(p))\">\(e(label("返回价目表", "Back to the price list", languages)))</a></nav>\n"), at: 0)
            return .success(page(d))
        } }
    }

    /// `GET /boards/{branch}`: the branch's notice board in effect.
    static func board(_ id: String, _ p: Parameters, _ s: ServedCatalogue, _ today: CalendarDate) -> Result<HTTPResponse, HTTPFailure> {
        p.bank(in: s).flatMap { bank in p.languages(of: bank).flatMap { languages in p.date(default: today).flatMap { date in
            guard let branch = bank.profile.branch(id) else {
                return .failure(HTTPFailure(.notFound, "unknown_branch", message: .unknownBranch(id: id, branches: bank.profile.branches.map(\.id))))
            }
            if let closed = branch.closedOn, closed <= date {
                let message = CommandMessage.branchClosed(branch: id, on: "\(closed)")
                return .failure(HTTPFailure(.notFound, "branch_closed", zh: message.text(.chinese), en: message.text(.english)))
            }
            guard let board = NoticeBoard(bank: bank, date: date, branch: branch, languages: languages, depth: .full) else {
                return .failure(APIDocuments.noTable(bank, date))
            }
            var d = board.document
            d.blocks.insert(.rendered(.html, "<nav class=\"links\"><a href=\"/\(suffix(p))\">\(e(label("返回价目表", "Back to the price list", languages)))</a></nav>\n"), at: 0)
            return .success(page(d))
        } } }
    }
}

/// Percent-encoding of a value for a link's query.
enum PercentEncoding {
    static func query(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.unicodeScalars.append(Unicode.Scalar(b))
            default: out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}

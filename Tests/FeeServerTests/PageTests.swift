import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import FeeKit
@testable import FeeServer

/// The customer pages: well-formed, scriptless, linked, and the calculator shows the batch's fee.
@Suite(.serialized) struct PageTests {
    /// A page is XHTML that parses as XML, with no script anywhere, and the page security fields.
    static func checkPage(_ r: Reply, status: Int = 200) {
        #expect(r.status == status)
        #expect(r.header("Content-Type") == "text/html; charset=utf-8")
        #expect(r.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        #expect(r.header("X-Content-Type-Options") == "nosniff")
        #expect(!r.text.lowercased().contains("<script"))
        let parser = XMLParser(data: Data(r.body))
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "") line \(parser.lineNumber)")
    }

    static func links(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    @Test func thePriceListLinksEveryPageAndEveryLinkWorks() throws {
        let s = try TestServer()
        defer { s.stop() }
        let home = try request(s.port, "GET", "/")
        Self.checkPage(home)
        let bank = ReadRouteTests.demo.banks[0]
        let table = bank.version(on: testDay)!
        for item in table.items { #expect(home.text.contains("href=\"/items/\(item.code)\"")) }
        #expect(home.text.contains("href=\"/changes\""))
        for b in bank.profile.branches where b.closedOn.map({ $0 > testDay }) ?? true { #expect(home.text.contains("href=\"/boards/\(b.id)\"")) }
        // The board's own content is there: every item's name in both languages.
        for item in table.items { #expect(home.text.contains(HTMLEscaping.escape(item.name.text("en")))) }
        for link in Set(Self.links(home.text)) where link.hasPrefix("/") {
            let page = try request(s.port, "GET", link)
            Self.checkPage(page)
        }
        let english = try request(s.port, "GET", "/?lang=en")
        Self.checkPage(english)
        #expect(!english.text.contains(table.items[0].name.text("zh-Hans")))
        #expect(english.text.contains("href=\"/items/\(table.items[0].code)?lang=en\""))
    }

    @Test func theAnnouncementAndTheBoardsAreTheNotices() throws {
        let s = try TestServer()
        defer { s.stop() }
        let bank = ReadRouteTests.demo.banks[0]
        let changes = try request(s.port, "GET", "/changes")
        Self.checkPage(changes)
        let announcement = ChangeAnnouncement(bank: bank, version: bank.versions.last!)!.document.render(.html, layout: .screen)
        // The announcement's document, with the link back spliced in.
        #expect(changes.text.replacingOccurrences(of: #"<nav class="links"><a href="/">返回价目表 / Back to the price list</a></nav>"# + "\n", with: "") == announcement)
        Self.checkPage(try request(s.port, "GET", "/changes?to=2026-03"))
        #expect(try request(s.port, "GET", "/changes?to=2025-01").status == 404)
        #expect(try request(s.port, "GET", "/changes?to=nope").status == 404)
        let board = try request(s.port, "GET", "/boards/sh-lujiazui")
        Self.checkPage(board)
        #expect(board.text.contains(bank.profile.branch("sh-lujiazui")!.name.text("zh-Hans")))
        let closed = bank.profile.branches.first { $0.closedOn.map { $0 <= testDay } ?? false }!
        let gone = try request(s.port, "GET", "/boards/\(closed.id)")
        Self.checkPage(gone, status: 404)
        #expect(gone.text.contains("branch_closed"))
        // The error page says it in both languages, the Chinese from the failure's own words.
        // (Dates and ids may break after their hyphens on the page: `<wbr/>`.)
        #expect(gone.text.contains("关闭：没有公示") && gone.text.contains(": it has no board"), "\(gone.text)")
        Self.checkPage(try request(s.port, "GET", "/boards/nowhere"), status: 404)
        Self.checkPage(try request(s.port, "GET", "/items/nope.nope"), status: 404)
        let unknown = try request(s.port, "GET", "/?colour=red")
        Self.checkPage(unknown, status: 400)
        #expect(unknown.text.contains("未知参数") && unknown.text.contains("unknown parameter"), "\(unknown.text)")
    }

    /// The form asks what the item's price and waivers depend on, and nothing more.
    @Test func theFormAsksWhatTheItemNeeds() throws {
        let s = try TestServer()
        defer { s.stop() }
        let transfer = try request(s.port, "GET", "/items/transfer.interbank.counter")
        Self.checkPage(transfer)
        #expect(transfer.text.contains("name=\"amount\""))
        #expect(transfer.text.contains("name=\"tier\""))
        let card = try request(s.port, "GET", "/items/card.reissue")
        Self.checkPage(card)
        #expect(!card.text.contains("name=\"amount\""))
        #expect(card.text.contains("name=\"reason\""))
        #expect(!card.text.contains("id=\"result\""))
    }

    /// Each demo case entered in the form shows the fee, the waiver and the explanation the batch gives.
    static let cases: [(query: String, request: String)] = [
        ("transfer.interbank.counter?amount=50000.00&channel=counter", #"{"item":"transfer.interbank.counter","date":"2026-11-23","amount":"50000.00","channel":"counter"}"#),
        ("transfer.interbank.counter?amount=5%E4%B8%87&tier=gold&lang=en", #"{"item":"transfer.interbank.counter","date":"2026-11-23","amount":"50000.00","customer":{"tier":"gold"},"lang":"en"}"#),
        ("transfer.interbank.counter?amount=8000&age=67", #"{"item":"transfer.interbank.counter","date":"2026-11-23","amount":"8000.00","customer":{"age":67}}"#),
        ("card.reissue?reason=expired", #"{"item":"card.reissue","date":"2026-11-23","reason":"expired"}"#),
        ("card.reissue?reason=lost&tier=gold", #"{"item":"card.reissue","date":"2026-11-23","reason":"lost","customer":{"tier":"gold"}}"#),
        ("cash.atm.other-bank?uses=2&tier=gold", #"{"item":"cash.atm.other-bank","date":"2026-11-23","uses_in_period":2,"customer":{"tier":"gold"}}"#),
        ("cash.atm.overseas?amount=3000&branch=gz-tianhe", #"{"item":"cash.atm.overseas","date":"2026-11-23","amount":"3000.00","branch":"gz-tianhe"}"#),
        ("remit.overseas?amount=20000", #"{"item":"remit.overseas","date":"2026-11-23","amount":"20000.00"}"#),
        ("remit.overseas?amount=20000&date=2027-01-05", #"{"item":"remit.overseas","date":"2027-01-05","amount":"20000.00"}"#),
        ("document.deposit-certificate?quantity=2&segment=student", #"{"item":"document.deposit-certificate","date":"2026-11-23","quantity":2,"customer":{"segments":["student"]}}"#),
        ("account.small-balance", #"{"item":"account.small-balance","date":"2026-11-23"}"#),
    ]

    static func attribute(_ name: String, in html: String) -> String? {
        guard let r = html.range(of: "\(name)=\"") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test func theCalculatorShowsTheBatchsFee() throws {
        let s = try TestServer()
        defer { s.stop() }
        for c in Self.cases {
            let page = try request(s.port, "GET", "/items/" + c.query + (c.query.contains("?") ? "&" : "?") + "calc=1")
            Self.checkPage(page)
            let batch = try JSONParser.parse(try Batch.answers(Array((c.request + "\n").utf8), explain: true))
            #expect(batch.bool(at: "ok") == true, "\(c.request)")
            #expect(Self.attribute("data-net", in: page.text) == batch.string(at: "net"), "\(c.query)")
            #expect(Self.attribute("data-gross", in: page.text) == batch.string(at: "gross"), "\(c.query)")
            #expect(Self.attribute("data-waiver", in: page.text) == (batch.string(at: "waiver") ?? ""), "\(c.query)")
            // The version's fingerprint as the notices print it, in groups of 16 (wrapping between groups).
            let fingerprint = try #require(batch.string(at: "fingerprint"))
            #expect(page.text.contains(ReadRouteTests.demo.banks[0].versions.first { $0.fingerprint == fingerprint }?.fingerprintGroups ?? "missing"), "\(c.query)")
            // The explanation in the chosen language: the batch's steps, word for word.
            if c.query.contains("lang=en") {
                guard case .array(let steps)? = batch.node(at: "explanation.steps")?.value, !steps.isEmpty else {
                    Issue.record("the batch's answer has no explanation steps: \(c.request)"); continue
                }
                for step in steps {
                    let text = try #require(step.node(at: "text").flatMap { if case .string(let t) = $0.value { return t } else { return nil } })
                    #expect(page.text.contains(HTMLEscaping.escape(text)), "\(text)")
                }
            }
        }
    }

    @Test func aBadFormValueIsExplainedOnThePage() throws {
        let s = try TestServer()
        defer { s.stop() }
        let bad = try request(s.port, "GET", "/items/transfer.interbank.counter?amount=50.000%2C00&calc=1")
        Self.checkPage(bad, status: 400)
        #expect(Self.attribute("data-error", in: bad.text) == "invalid_amount")
        #expect(bad.text.contains("50,000.00"))
        let missing = try request(s.port, "GET", "/items/transfer.interbank.counter?calc=1")
        Self.checkPage(missing, status: 422)
        #expect(Self.attribute("data-error", in: missing.text) == "amount_required")
        let escaped = try request(s.port, "GET", "/items/transfer.interbank.counter?amount=%3Cscript%3E&calc=1")
        Self.checkPage(escaped, status: 400)
        #expect(escaped.text.contains("&lt;script&gt;"))
    }
}

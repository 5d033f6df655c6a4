import Foundation
import Testing
import FeeKit
@testable import FeeServer

/// The service's refusals say the catalogue's words (`ServiceMessage`), in both languages, and
/// those words are the ones the service said when they were written inline: byte for byte.
@Suite struct RefusalWordsTests {
    static let served = ServedCatalogue(catalogue: ReadRouteTests.demo, generation: 1)

    static func failure<T>(_ r: Result<T, HTTPFailure>) -> HTTPFailure? {
        if case .failure(let f) = r { return f }
        return nil
    }

    static func parameters(_ query: String) throws -> Parameters {
        try Parameters.parse(query, allowed: ["bank", "date", "lang", "to"]).get()
    }

    /// Each refusal: its status, its code, its Chinese and its English, as they were.
    @Test func everyRefusalSaysWhatItSaid() throws {
        let s = Self.served
        let bank = s.catalogue.banks[0]
        let branches = "sh-lujiazui, sh-xujiahui, bj-xidan, gz-tianhe, sz-futian"
        let cases: [(HTTPFailure?, HTTPStatus, String, zh: String, en: String)] = [
            (Self.failure(Parameters.parse("q=%E4%B8", allowed: ["q"])), .badRequest, "bad_query",
             "查询串含有格式错误的 %-转义，或不是 UTF-8 的字节", "the query holds a malformed %-escape or bytes that are not UTF-8"),
            (Self.failure(Parameters.parse("colour=red", allowed: ["bank", "date"])), .badRequest, "unknown_parameter",
             "未知参数 'colour'；此路径接受：bank, date", "unknown parameter 'colour'; this route takes: bank, date"),
            (Self.failure(Parameters.parse("colour=red", allowed: [])), .badRequest, "unknown_parameter",
             "未知参数 'colour'；此路径不接受参数", "unknown parameter 'colour'; this route takes no parameters"),
            (Self.failure(Parameters.parse("date=1&date=2", allowed: ["date"])), .badRequest, "repeated_parameter",
             "参数 'date' 重复给出；只给一次", "the parameter 'date' is given twice; give it once"),
            (Self.failure(try Self.parameters("date=2026-02-30").date(default: testDay)), .badRequest, "invalid_date",
             "日期 '2026-02-30' 不存在：请按 YYYY-MM-DD 给出存在的日期", "date '2026-02-30' is not a day: give an existing day as YYYY-MM-DD"),
            (Self.failure(try Self.parameters("lang=fr").languages(of: bank)), .badRequest, "unknown_language",
             "'fr' 不是 demo-bank 的语言；请用 zh-Hans 或 en", "'fr' is not a language of demo-bank; use zh-Hans or en"),
            (Self.failure(Pages.respond(.healthz, nil, s, today: testDay)), .notFound, "unknown_route", "此处没有页面", "no page here"),
            (Self.failure(Pages.changes(try Self.parameters("to=2099-01"), s)), .notFound, "unknown_version",
             "没有 '2099-01' 版；现有版本：2025-01, 2026-03, 2027-01", "no version '2099-01'; versions: 2025-01, 2026-03, 2027-01"),
            (Self.failure(Pages.changes(try Self.parameters("to=2025-01"), s)), .notFound, "first_version",
             "'2025-01' 版是第一个版本：没有可比较的旧版本", "version '2025-01' is the first: there is nothing to compare it with"),
            (Self.failure(Pages.board("nowhere", try Self.parameters(""), s, testDay)), .notFound, "unknown_branch",
             "没有网点 'nowhere'；现有网点：\(branches)", "no branch 'nowhere'; branches: \(branches)"),
            (APIDocuments.noTable(bank, CalendarDate("2020-01-01")!), .notFound, "no_table_in_effect",
             "银行 'demo-bank' 在 2020-01-01 没有生效的收费标准；第一个版本（'2025-01'）自 2025-01-01 起生效",
             "no fee table of bank 'demo-bank' is in effect on 2020-01-01; the first version ('2025-01') takes effect on 2025-01-01"),
            (APIDocuments.unknownItem("card.reisue", in: bank, on: testDay), .notFound, "unknown_item",
             "demo-bank 的各个版本中都没有项目 'card.reisue'；最接近：card.reissue", "no item 'card.reisue' in any version of demo-bank; closest: card.reissue"),
            (APIDocuments.unknownItem("zzzzzzzzzzzz", in: bank, on: testDay), .notFound, "unknown_item",
             "demo-bank 的各个版本中都没有项目 'zzzzzzzzzzzz'；GET /v1/items 列出全部项目", "no item 'zzzzzzzzzzzz' in any version of demo-bank; GET /v1/items lists the items"),
        ]
        for (f, status, code, zh, en) in cases {
            let f = try #require(f, "\(code): not refused")
            #expect(f.status == status && f.code == code && !f.closes, "\(code)")
            #expect(f.chinese == zh, "\(code): \(f.chinese ?? "no Chinese")")
            #expect(f.message == en, "\(code): \(f.message)")
        }
    }

    /// Several banks and none named: the quote error's message, `bank=ID` for the option.
    @Test func severalBanksAsTheBatchSaysIt() throws {
        let demo = ReadRouteTests.demo.banks[0]
        let profile = try BankProfile(id: "demo-bnak", name: demo.profile.name, languages: demo.profile.languages, contacts: demo.profile.contacts)
        let two = ServedCatalogue(catalogue: try Catalogue(banks: [demo, try Bank(profile: profile, versions: demo.versions)]), generation: 1)
        let f = try #require(Self.failure(try Self.parameters("").bank(in: two)))
        #expect(f.status == .badRequest && f.code == "bank_required")
        #expect(f.chinese == "表中有多家银行（demo-bank, demo-bnak）：请给出 bank=ID", "\(f.chinese ?? "")")
        #expect(f.message == "the tables hold several banks (demo-bank, demo-bnak): give bank=ID", "\(f.message)")
    }

    /// `?bank=` with an unknown id says what the batch and the command line say: the calculator's
    /// `unknown_bank`, with the nearest bank (it used to name none).
    @Test func anUnknownBankNamesTheNearest() throws {
        let f = try #require(Self.failure(try Self.parameters("bank=demo-bnak").bank(in: Self.served)))
        let expected = Self.served.calculator.unknownBank("demo-bnak")
        #expect(f.status == .notFound && f.code == "unknown_bank" && f.code == expected.code.rawValue)
        #expect(f.message == "no bank 'demo-bnak' in the tables (did you mean 'demo-bank'?); banks: demo-bank", "\(f.message)")
        #expect(f.chinese == "表中没有银行 'demo-bnak'（是否要找 'demo-bank'？）；现有银行：demo-bank", "\(f.chinese ?? "")")
        #expect(f.message == expected.in(.english).message && f.chinese == expected.in(.chinese).message)
        // The id is quoted at most 64 characters long, as before.
        let long = try #require(Self.failure(try Self.parameters("bank=" + String(repeating: "x", count: 100)).bank(in: Self.served)))
        #expect(long.message.hasPrefix("no bank '\(String(repeating: "x", count: 64))' in the tables"), "\(long.message)")
    }

    /// Over the wire: the JSON body carries the English, the error page both.
    @Test func theServerSaysTheNearestBank() throws {
        let s = try TestServer()
        defer { s.stop() }
        let json = try request(s.port, "GET", "/v1/versions?bank=demo-bnak")
        #expect(json.status == 404 && json.json?.string(at: "error.code") == "unknown_bank")
        #expect(json.json?.string(at: "error.message") == "no bank 'demo-bnak' in the tables (did you mean 'demo-bank'?); banks: demo-bank", "\(json.text)")
        let page = try request(s.port, "GET", "/?bank=demo-bnak")
        #expect(page.status == 404 && page.text.contains("unknown_bank"))
        #expect(page.text.contains("表中没有银行") && page.text.contains("did you mean"), "\(page.text)")
    }
}

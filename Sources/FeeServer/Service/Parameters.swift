import FeeKit

/// The query parameters of a request, checked against what the route accepts: an unknown or
/// repeated name is refused with what the route takes.
struct Parameters: Sendable {
    private(set) var values: [String: [String]] = [:]

    /// Parses `query` for a route taking `allowed` (names in `repeatable` may be given many times).
    static func parse(_ query: String?, allowed: [String], repeatable: Set<String> = []) -> Result<Parameters, HTTPFailure> {
        var p = Parameters()
        guard let query, !query.isEmpty else { return .success(p) }
        guard let pairs = PercentDecoding.parameters(query) else {
            return .failure(HTTPFailure(.badRequest, "bad_query", zh: "查询串含有格式错误的 %-转义，或不是 UTF-8 的字节",
                                        en: "the query holds a malformed %-escape or bytes that are not UTF-8"))
        }
        for (name, value) in pairs {
            guard allowed.contains(name) else {
                let name = String(name.prefix(64))
                let list = allowed.isEmpty ? "this route takes no parameters" : "this route takes: \(allowed.joined(separator: ", "))"
                let listZh = allowed.isEmpty ? "此路径不接受参数" : "此路径接受：\(allowed.joined(separator: ", "))"
                return .failure(HTTPFailure(.badRequest, "unknown_parameter", zh: "未知参数 '\(name)'；\(listZh)", en: "unknown parameter '\(name)'; \(list)"))
            }
            if p.values[name] != nil && !repeatable.contains(name) {
                return .failure(HTTPFailure(.badRequest, "repeated_parameter", zh: "参数 '\(name)' 重复给出；只给一次", en: "the parameter '\(name)' is given twice; give it once"))
            }
            p.values[name, default: []].append(value)
        }
        return .success(p)
    }

    /// The value of `name`, nil when absent or empty (an empty form field is no value).
    subscript(_ name: String) -> String? {
        guard let v = values[name]?.last, !v.isEmpty else { return nil }
        return v
    }

    /// Every non-empty value of a repeatable parameter.
    func all(_ name: String) -> [String] { (values[name] ?? []).filter { !$0.isEmpty } }

    /// The day asked for (`date=YYYY-MM-DD`), else `today`.
    func date(default today: CalendarDate) -> Result<CalendarDate, HTTPFailure> {
        guard let text = self["date"] else { return .success(today) }
        guard let d = CalendarDate(text) else {
            return .failure(HTTPFailure(.badRequest, "invalid_date", zh: "日期 '\(String(text.prefix(40)))' 不存在：请按 YYYY-MM-DD 给出存在的日期",
                                        en: "date '\(String(text.prefix(40)))' is not a day: give an existing day as YYYY-MM-DD"))
        }
        return .success(d)
    }

    /// The bank asked for (`bank=ID`), or the only one.
    func bank(in catalogue: Catalogue) -> Result<Bank, HTTPFailure> {
        if let id = self["bank"] {
            guard let b = catalogue.bank(id) else {
                return .failure(HTTPFailure(.notFound, "unknown_bank", zh: "没有银行 '\(String(id.prefix(64)))'；现有银行：\(catalogue.banks.map(\.id).joined(separator: ", "))",
                                            en: "no bank '\(String(id.prefix(64)))'; banks: \(catalogue.banks.map(\.id).joined(separator: ", "))"))
            }
            return .success(b)
        }
        guard catalogue.banks.count == 1 else {
            return .failure(HTTPFailure(.badRequest, "bank_required", zh: "表中有多家银行（\(catalogue.banks.map(\.id).joined(separator: ", "))）：请给出 bank=ID",
                                        en: "the tables hold several banks (\(catalogue.banks.map(\.id).joined(separator: ", "))): give bank=ID"))
        }
        return .success(catalogue.banks[0])
    }

    /// The languages asked for (`lang=zh-Hans` or `lang=zh-Hans,en`), else all of the bank's.
    func languages(of bank: Bank) -> Result<[String], HTTPFailure> {
        guard let text = self["lang"] else { return .success(bank.profile.languages) }
        let tags = text.split(separator: ",").map { String($0.trimmingHTTPSpace) }
        for t in tags where !bank.profile.languages.contains(t) {
            return .failure(HTTPFailure(.badRequest, "unknown_language", zh: "'\(String(t.prefix(40)))' 不是 \(bank.id) 的语言；请用 \(bank.profile.languages.joined(separator: " 或 "))",
                                            en: "'\(String(t.prefix(40)))' is not a language of \(bank.id); use \(bank.profile.languages.joined(separator: " or "))"))
        }
        return tags.isEmpty ? .success(bank.profile.languages) : .success(tags)
    }
}

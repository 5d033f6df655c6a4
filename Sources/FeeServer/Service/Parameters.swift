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
            return .failure(HTTPFailure(.badRequest, "bad_query", "the query holds a malformed %-escape or bytes that are not UTF-8"))
        }
        for (name, value) in pairs {
            guard allowed.contains(name) else {
                let list = allowed.isEmpty ? "this route takes no parameters" : "this route takes: \(allowed.joined(separator: ", "))"
                return .failure(HTTPFailure(.badRequest, "unknown_parameter", "unknown parameter '\(String(name.prefix(64)))'; \(list)"))
            }
            if p.values[name] != nil && !repeatable.contains(name) {
                return .failure(HTTPFailure(.badRequest, "repeated_parameter", "the parameter '\(name)' is given twice; give it once"))
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
            return .failure(HTTPFailure(.badRequest, "invalid_date", "date '\(String(text.prefix(40)))' is not a day: give an existing day as YYYY-MM-DD"))
        }
        return .success(d)
    }

    /// The bank asked for (`bank=ID`), or the only one.
    func bank(in catalogue: Catalogue) -> Result<Bank, HTTPFailure> {
        if let id = self["bank"] {
            guard let b = catalogue.bank(id) else {
                return .failure(HTTPFailure(.notFound, "unknown_bank", "no bank '\(String(id.prefix(64)))'; banks: \(catalogue.banks.map(\.id).joined(separator: ", "))"))
            }
            return .success(b)
        }
        guard catalogue.banks.count == 1 else {
            return .failure(HTTPFailure(.badRequest, "bank_required", "the tables hold several banks (\(catalogue.banks.map(\.id).joined(separator: ", "))): give bank=ID"))
        }
        return .success(catalogue.banks[0])
    }

    /// The languages asked for (`lang=zh-Hans` or `lang=zh-Hans,en`), else all of the bank's.
    func languages(of bank: Bank) -> Result<[String], HTTPFailure> {
        guard let text = self["lang"] else { return .success(bank.profile.languages) }
        let tags = text.split(separator: ",").map { String($0.trimmingHTTPSpace) }
        for t in tags where !bank.profile.languages.contains(t) {
            return .failure(HTTPFailure(.badRequest, "unknown_language", "'\(String(t.prefix(40)))' is not a language of \(bank.id); use \(bank.profile.languages.joined(separator: " or "))"))
        }
        return tags.isEmpty ? .success(bank.profile.languages) : .success(tags)
    }
}

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
            return .failure(HTTPFailure(.badRequest, "bad_query", message: .badQuery))
        }
        for (name, value) in pairs {
            guard allowed.contains(name) else {
                return .failure(HTTPFailure(.badRequest, "unknown_parameter", message: .unknownParameter(name: String(name.prefix(64)), allowed: allowed)))
            }
            if p.values[name] != nil && !repeatable.contains(name) {
                return .failure(HTTPFailure(.badRequest, "repeated_parameter", message: .repeatedParameter(name: name)))
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
            return .failure(HTTPFailure(.badRequest, "invalid_date", message: .invalidDate(text: String(text.prefix(40)))))
        }
        return .success(d)
    }

    /// The bank asked for (`bank=ID`), or the only one. An unknown id gets the calculator's
    /// `unknown_bank` message, the batch's and the command line's, with the nearest bank.
    func bank(in served: ServedCatalogue) -> Result<Bank, HTTPFailure> {
        let catalogue = served.catalogue
        if let id = self["bank"] {
            guard let b = catalogue.bank(id) else {
                let unknown = served.calculator.unknownBank(String(id.prefix(64)))
                return .failure(HTTPFailure(.notFound, "unknown_bank", message: .quote(unknown.detail)))
            }
            return .success(b)
        }
        guard catalogue.banks.count == 1 else {
            return .failure(HTTPFailure(.badRequest, "bank_required", message: .quote(.severalBanks(banks: catalogue.banks.map(\.id), option: "bank=ID"))))
        }
        return .success(catalogue.banks[0])
    }

    /// The languages asked for (`lang=zh-Hans` or `lang=zh-Hans,en`), else all of the bank's.
    func languages(of bank: Bank) -> Result<[String], HTTPFailure> {
        guard let text = self["lang"] else { return .success(bank.profile.languages) }
        let tags = text.split(separator: ",").map { String($0.trimmingHTTPSpace) }
        for t in tags where !bank.profile.languages.contains(t) {
            return .failure(HTTPFailure(.badRequest, "unknown_language", message: .unknownLanguage(tag: String(t.prefix(40)), bank: bank.id, languages: bank.profile.languages)))
        }
        return tags.isEmpty ? .success(bank.profile.languages) : .success(tags)
    }
}

/// Why the fees service (`fees serve`) refuses a request to its read-only API or its customer
/// pages, written once per language (zh-Hans and en) like `ServerMessage`: one case per message,
/// its facts as values. The customer pages' error page shows both texts, a JSON error body the
/// English (`HTTPFailure.message`). Parameter names, ids, versions and dates stay as written. A
/// refusal that is a quote error's message (an unknown bank, several banks and none named) is
/// that message (`quote`), the one the batch and the command line give. The protocol's own
/// failures (a malformed head, a body too large) are English only and are not here.
package enum ServiceMessage: Sendable, Hashable {
    /// The query holds a malformed `%`-escape or bytes that are not UTF-8.
    case badQuery
    /// A parameter the route does not take; the ones it takes (none: it takes no parameters).
    case unknownParameter(name: String, allowed: [String])
    /// A parameter given twice that may be given once.
    case repeatedParameter(name: String)
    /// A `date=` that is not an existing day written `YYYY-MM-DD`.
    case invalidDate(text: String)
    /// A `lang=` tag the bank does not speak; the bank's languages.
    case unknownLanguage(tag: String, bank: String, languages: [String])
    /// A page path that names no page.
    case unknownPage
    /// A `to=` version the bank does not have; its versions.
    case unknownVersion(version: String, versions: [String])
    /// The announcement of the first version: nothing before it to compare with.
    case firstVersion(version: String)
    /// A branch the bank does not declare; its branches.
    case unknownBranch(id: String, branches: [String])
    /// No version of the bank is in effect on the date; the first version and its day, if any.
    case noTableInEffect(bank: String, date: String, firstVersion: String?, firstEffective: String?)
    /// An item code no version of the bank has; the closest codes (none: the list is at `GET /v1/items`).
    case unknownItem(code: String, bank: String, closest: [String])
    /// A quote error's message, as the batch and the command line say it.
    case quote(QuoteMessage)

    /// The message in `language`.
    package func text(_ language: TextLanguage) -> String {
        let zh = language == .chinese
        func list(_ ids: [String]) -> String { ids.joined(separator: ", ") }
        switch self {
        case .badQuery:
            return zh ? "查询串含有格式错误的 %-转义，或不是 UTF-8 的字节" : "the query holds a malformed %-escape or bytes that are not UTF-8"
        case .unknownParameter(let name, let allowed):
            let takes = allowed.isEmpty ? (zh ? "此路径不接受参数" : "this route takes no parameters")
                : (zh ? "此路径接受：\(list(allowed))" : "this route takes: \(list(allowed))")
            return zh ? "未知参数 '\(name)'；\(takes)" : "unknown parameter '\(name)'; \(takes)"
        case .repeatedParameter(let name):
            return zh ? "参数 '\(name)' 重复给出；只给一次" : "the parameter '\(name)' is given twice; give it once"
        case .invalidDate(let text):
            return zh ? "日期 '\(text)' 不存在：请按 YYYY-MM-DD 给出存在的日期" : "date '\(text)' is not a day: give an existing day as YYYY-MM-DD"
        case .unknownLanguage(let tag, let bank, let languages):
            return zh ? "'\(tag)' 不是 \(bank) 的语言；请用 \(languages.joined(separator: " 或 "))"
                : "'\(tag)' is not a language of \(bank); use \(languages.joined(separator: " or "))"
        case .unknownPage:
            return zh ? "此处没有页面" : "no page here"
        case .unknownVersion(let version, let versions):
            return zh ? "没有 '\(version)' 版；现有版本：\(list(versions))" : "no version '\(version)'; versions: \(list(versions))"
        case .firstVersion(let version):
            return zh ? "'\(version)' 版是第一个版本：没有可比较的旧版本" : "version '\(version)' is the first: there is nothing to compare it with"
        case .unknownBranch(let id, let branches):
            return zh ? "没有网点 '\(id)'；现有网点：\(list(branches))" : "no branch '\(id)'; branches: \(list(branches))"
        case .unknownItem(let code, let bank, let closest):
            let next = closest.isEmpty ? (zh ? "；GET /v1/items 列出全部项目" : "; GET /v1/items lists the items")
                : (zh ? "；最接近：\(list(closest))" : "; closest: \(list(closest))")
            return zh ? "\(bank) 的各个版本中都没有项目 '\(code)'\(next)" : "no item '\(code)' in any version of \(bank)\(next)"
        case .noTableInEffect(let bank, let date, let first, let effective):
            let hint = first.map { v in zh ? "；第一个版本（'\(v)'）自 \(effective ?? "") 起生效" : "; the first version ('\(v)') takes effect on \(effective ?? "")" } ?? ""
            return zh ? "银行 '\(bank)' 在 \(date) 没有生效的收费标准\(hint)" : "no fee table of bank '\(bank)' is in effect on \(date)\(hint)"
        case .quote(let message):
            return message.text(language)
        }
    }
}

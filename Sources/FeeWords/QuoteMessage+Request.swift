import FeeJSON

/// What the request decoder says about a line it cannot read as a request (its JSON, its keys
/// and their types), in Chinese and English: the `QuoteMessage.request` cases.
public enum RequestProblem: Sendable, Hashable {
    /// The line is JSON but not an object (`found`; nil in the transaction modes, which do not say).
    case notAnObject(found: JSONKind?)
    /// The line is not JSON: the parser's account (in English), at `column` in the batch.
    case notJSON(column: Int?, detail: String)
    /// A key given twice, at the top or inside `customer`.
    case keyTwice(key: String, inCustomer: Bool)
    /// A key the spec does not define, with the nearest one that it does.
    case unknownKey(key: String, nearest: String?, inCustomer: Bool)
    /// A required key is absent.
    case missing(RequiredKey)
    /// `uses_in_period` in a transaction: the tool counts uses itself.
    case usesCounted
    /// A key that takes a whole number (a JSON integer) has something else.
    case notWholeNumber(WholeNumberKey)
    /// A key's value has the wrong JSON type.
    case wrongType(key: String, wanted: WantedType, found: JSONKind)
    /// `customer.segments` holds something other than strings.
    case segmentsHold(found: JSONKind)
    /// `amount` is a JSON number: money is a string.
    case amountIsNumber(literal: String)

    /// The keys a request or transaction must give.
    public enum RequiredKey: String, Sendable, Hashable {
        /// `customer_ref` (transaction lines), `charged` (audit lines), `item` and `date` (every line).
        case customerRef = "customer_ref", charged, item, date
    }

    /// The keys that take a whole number.
    public enum WholeNumberKey: String, Sendable, Hashable {
        /// `seq`, `quantity`, `uses_in_period` and `customer.age`, by their JSON keys (the raw values).
        case seq, quantity, uses = "uses_in_period", age = "customer.age"
    }

    /// What a key's value must be.
    public enum WantedType: Sendable, Hashable {
        /// A string, a string id, a string or a number, the bank's own code, a `YYYY-MM-DD` string, a money
        /// string, a decimal string, an object, a language tag, an array of segment ids.
        case string, stringID, stringOrNumber, bankCode, date, money, decimal, object, languageTag, segmentIDs
    }

    /// The problem in `language`.
    public func text(_ language: TextLanguage) -> String {
        let zh = language == .chinese
        func type(_ k: JSONKind) -> String { k.typeName(language) }
        switch self {
        case .notAnObject(let found):
            guard let found else { return zh ? "该行不是 JSON 对象" : "the line is not a JSON object" }
            return zh ? "该行是\(type(found))，不是 JSON 对象" : "the line is \(found.typeName), not a JSON object"
        case .notJSON(let column, let detail):
            let at = column.map { zh ? "（第 \($0) 列）" : " (column \($0))" } ?? ""
            return zh ? "该行不是 JSON\(at)：\(detail)" : "the line is not JSON\(at): \(detail)"
        case .keyTwice(let key, let inCustomer):
            if inCustomer { return zh ? "customer 中的键 '\(key)' 出现了两次；只给一次" : "the customer key '\(key)' appears twice; give it once" }
            return zh ? "键 '\(key)' 出现了两次；只给一次" : "the key '\(key)' appears twice; give it once"
        case .unknownKey(let key, let nearest, let inCustomer):
            let near = language.didYouMean(nearest)
            if inCustomer {
                return zh ? "customer 中有未知的键 '\(key)'\(near)；描述客户只用 tier、segments 和 age"
                    : "unknown customer key '\(key)'\(near); a customer is described by tier, segments and age only"
            }
            return zh ? "未知的键 '\(key)'\(near)：拼错的键不能悄悄改变价格" : "unknown key '\(key)'\(near): a misspelt key must not silently change a price"
        case .missing(let key):
            switch key {
            case .customerRef:
                return zh ? "缺少 \"customer_ref\"：请给每笔交易填上客户的不透明编号" : "\"customer_ref\" is missing: give each transaction the customer's opaque reference"
            case .charged:
                return zh ? "缺少 \"charged\"：请以字符串给出实际收取的金额，例如 \"5.00\"" : "\"charged\" is missing: give the money actually taken, as a string such as \"5.00\""
            case .item:
                return zh ? "缺少 \"item\"：请给出服务项目代码，例如 \"card.reissue\"" : "\"item\" is missing: give the item code, such as \"card.reissue\""
            case .date:
                return zh ? "缺少 \"date\"：请以 YYYY-MM-DD 给出交易日期" : "\"date\" is missing: give the transaction date as YYYY-MM-DD"
            }
        case .usesCounted:
            return zh ? "\"uses_in_period\" 由工具根据交易记录计算（statement、impact、audit、notify）；请删除该键"
                : "\"uses_in_period\" is counted by the tool from the transactions (statement, impact, audit, notify); remove it"
        case .notWholeNumber(let key):
            switch key {
            case .seq: return zh ? "\"seq\" 必须是整数（JSON 整数），即银行的记账顺序号" : "\"seq\" must be a whole number (a JSON integer), the bank's posting sequence"
            case .quantity: return zh ? "\"quantity\" 必须是 1 至 1,000,000 的整数（JSON 整数）" : "\"quantity\" must be a whole number (a JSON integer) from 1 to 1,000,000"
            case .uses: return zh ? "\"uses_in_period\" 必须是 0 或以上的整数（JSON 整数）" : "\"uses_in_period\" must be a whole number (a JSON integer), 0 or more"
            case .age: return zh ? "\"customer.age\" 必须是 0 至 150 的整数（JSON 整数）" : "\"customer.age\" must be a whole number (a JSON integer) from 0 to 150"
            }
        case .wrongType(let key, let wanted, let found):
            let want: (zh: String, en: String)
            switch wanted {
            case .string: want = ("字符串", "a string")
            case .stringID: want = ("字符串形式的 id", "a string id")
            case .stringOrNumber: want = ("字符串或数字", "a string or a number")
            case .bankCode: want = ("字符串（银行自己的代码）", "a string, the bank's own code")
            case .date: want = ("字符串 YYYY-MM-DD", "a string YYYY-MM-DD")
            case .money: want = ("金额字符串，例如 \"5.00\"", "a money string such as \"5.00\"")
            case .decimal: want = ("十进制数字串，例如 \"500.00\"", "a decimal string such as \"500.00\"")
            case .object: want = ("对象", "an object")
            case .languageTag: want = ("语言标签字符串", "a language tag string")
            case .segmentIDs: want = ("客户群体 id 的数组", "an array of segment ids")
            }
            return zh ? "\"\(key)\" 必须是\(want.zh)，而不是\(type(found))" : "\"\(key)\" must be \(want.en), not \(found.typeName)"
        case .segmentsHold(let found):
            return zh ? "\"customer.segments\" 只能包含字符串，而不是\(type(found))" : "\"customer.segments\" must hold strings, not \(found.typeName)"
        case .amountIsNumber(let literal):
            return zh ? "金额 \(literal) 是 JSON 数字；金额总是写成字符串，例如 \"\(literal)\"" : "amount \(literal) is a JSON number; money is always a string such as \"\(literal)\""
        }
    }
}

extension JSONKind {
    /// The type's name in `language`, for messages such as "must be a string, not an object":
    /// `typeName` in English, 对象, 字符串, … in Chinese.
    public func typeName(_ language: TextLanguage) -> String {
        guard language == .chinese else { return typeName }
        switch self {
        case .object: return "对象"
        case .array: return "数组"
        case .string: return "字符串"
        case .number: return "数字"
        case .bool: return "布尔值"
        case .null: return "null"
        }
    }
}

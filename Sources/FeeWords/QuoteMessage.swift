/// What a quote error says, written once per language (zh-Hans and en): one case per message,
/// its facts as values, so the calculator decides what went wrong and the reader's language
/// decides the words (`QuoteError.message(in:)`).
public indirect enum QuoteMessage: Sendable, Hashable {
    /// The kinds of id a version declares.
    public enum DeclaredKind: String, Sendable, Hashable {
        /// A customer tier, a customer segment, a channel, a reason for the request.
        case tier, segment, channel, reason
    }

    /// No bank with that id; the nearest id, if one is close, and the banks there are.
    case unknownBank(id: String, nearest: String?, banks: [String])
    /// The tables hold several banks and none is named; the banks and how to name one (`--bank`, `"bank"`).
    case severalBanks(banks: [String], option: String)
    /// The bank has no version with that id; the versions it has.
    case noSuchVersion(bank: String, version: String, versions: [String])
    /// No version of the bank is in effect on the date; the first version and its day, if any.
    case noTableInEffect(bank: String, date: String, firstVersion: String?, firstEffective: String?)
    /// No item with that code in the version; the closest codes, best first.
    case unknownItem(code: String, version: String, bank: String, closest: [String])
    /// The amount is not a decimal string (digits with an optional `.`).
    case amountNotDecimal(text: String)
    /// The amount has more fractional digits than the currency's minor digits.
    case amountTooManyDigits(text: String, digits: Int, currency: String)
    /// The amount is beyond what is quoted exactly; the largest amount.
    case amountTooLarge(text: String, largest: String)
    /// `atCounter`: the teller gives the amount as `--amount`, a request as `"amount"`.
    case amountRequired(item: String, atCounter: Bool)
    /// A quantity other than 1 for an item priced by the transaction amount.
    case quantityOnAmountItem(item: String)
    /// A tier, segment, channel or reason the version does not declare; the nearest and the declared ids.
    case undeclared(kind: DeclaredKind, id: String, version: String, nearest: String?, declared: [String])
    /// A branch the bank's `bank.json` does not declare; the nearest and the declared ids.
    case unknownBranch(id: String, bank: String, nearest: String?, branches: [String])
    /// A quantity outside 1 to 1,000,000.
    case quantityOutOfRange(Int)
    /// An age outside 0 to 150.
    case ageOutOfRange(Int)
    /// A negative `uses_in_period`.
    case usesNegative(Int)
    /// A request line over the 1 MiB limit.
    case lineTooLong(bytes: Int, limit: Int)
    /// A date that is not an existing day written `YYYY-MM-DD`.
    case invalidDate(text: String)
    /// What the teller typed is not an amount (`50000`, `50,000.00`, `5万`).
    case notAnAmount(text: String)
    /// What the teller typed can be read as more than one amount; the reading to confirm.
    case ambiguousAmount(text: String, meant: String)
    /// A number typed at the counter or in a form that is not a whole number.
    case notWholeNumber(field: String, text: String, what: WholeNumber)
    /// A line the request decoder cannot read as a request: its JSON, its keys, their types.
    case request(RequestProblem)
    /// A transaction line of statements, impact and audit over the 1 MiB limit.
    case transactionLineTooLong(bytes: Int, limit: Int)
    /// `--sorted` input with a customer that sorts before the one read last.
    case notSortedByCustomer(customer: String, after: String)
    /// A customer's line, after other customers' lines, dated before one of theirs already counted.
    case customerInterleaved(customer: String, date: String, counted: String)
    /// An audit line whose `charged` is not money in the table's currency.
    case chargedNotMoney(text: String, currency: String, digits: Int)
    /// A repricing notice for an item the new version no longer has.
    case itemRemoved(item: String, version: String)

    /// The whole numbers a teller types.
    public enum WholeNumber: Sendable, Hashable {
        /// The number of units, the customer's age, the earlier uses in the period.
        case quantity, age, uses
    }

    /// The message in `language`.
    public func text(_ language: TextLanguage) -> String {
        let zh = language == .chinese
        func list(_ ids: [String]) -> String { ids.joined(separator: ", ") }
        func near(_ id: String?) -> String { language.didYouMean(id) }
        switch self {
        case .unknownBank(let id, let nearest, let banks):
            return zh ? "表中没有银行 '\(id)'\(near(nearest))；现有银行：\(list(banks))"
                : "no bank '\(id)' in the tables\(near(nearest)); banks: \(list(banks))"
        case .severalBanks(let banks, let option):
            return zh ? "表中有多家银行（\(list(banks))）：请给出 \(option)" : "the tables hold several banks (\(list(banks))): give \(option)"
        case .noSuchVersion(let bank, let version, let versions):
            return zh ? "银行 '\(bank)' 没有 '\(version)' 版；现有版本：\(list(versions))"
                : "bank '\(bank)' has no version '\(version)'; versions: \(list(versions))"
        case .noTableInEffect(let bank, let date, let first, let effective):
            let hint = first.map { v in zh ? "：第一个版本（'\(v)'）自 \(effective ?? "") 起生效" : ": the first version ('\(v)') takes effect on \(effective ?? "")" } ?? ""
            return zh ? "银行 '\(bank)' 在 \(date) 没有生效的收费标准\(hint)" : "no fee table of bank '\(bank)' is in effect on \(date)\(hint)"
        case .unknownItem(let code, let version, let bank, let closest):
            let hint = closest.isEmpty ? (zh ? "；运行 'fees items' 查看全部服务项目" : "; run 'fees items' to list the items")
                : (zh ? "；最接近的代码：\(list(closest))" : "; closest codes: \(list(closest))")
            return zh ? "银行 '\(bank)' 的 '\(version)' 版中没有服务项目 '\(code)'\(hint)" : "no item '\(code)' in version '\(version)' of bank '\(bank)'\(hint)"
        case .amountNotDecimal(let text):
            return zh ? "金额 '\(text)' 不是十进制数字串：只写数字和可选的小数点，不带符号或分隔符，例如 \"500.00\""
                : "amount '\(text)' is not a decimal string: write digits with an optional '.', no sign or separators, such as \"500.00\""
        case .amountTooManyDigits(let text, let digits, let currency):
            let s = digits == 1 ? "" : "s"
            return zh ? "金额 '\(text)' 的小数多于 \(digits) 位；\(currency) 有 \(digits) 位小数"
                : "amount '\(text)' has more than \(digits) fractional digit\(s); \(currency) has \(digits) minor digit\(s)"
        case .amountTooLarge(let text, let largest):
            return zh ? "金额 '\(text)' 超出可精确计费的范围：最大金额为 \(largest)"
                : "amount '\(text)' is beyond what is quoted exactly: the largest amount is \(largest)"
        case .amountRequired(let item, let atCounter):
            if atCounter {
                return zh ? "'\(item)' 按交易金额收费：请给出 --amount，例如 --amount 500.00 或 --amount 5万"
                    : "'\(item)' is priced by the transaction amount: give --amount, such as --amount 500.00 or --amount 5万"
            }
            return zh ? "服务项目 '\(item)' 按交易金额收费：请以十进制数字串给出 \"amount\"，例如 \"500.00\""
                : "item '\(item)' is priced by the transaction amount: give \"amount\" as a decimal string such as \"500.00\""
        case .quantityOnAmountItem(let item):
            return zh ? "服务项目 '\(item)' 按笔收费，数量总是 1；请每笔交易分别计费"
                : "item '\(item)' is priced per transaction, so its quantity is always 1; quote each transaction separately"
        case .undeclared(let kind, let id, let version, let nearest, let declared):
            let name: (zh: String, en: String, plural: String)
            switch kind {
            case .tier: name = ("客户等级", "tier", "tiers")
            case .segment: name = ("客户群体", "segment", "segments")
            case .channel: name = ("渠道", "channel", "channels")
            case .reason: name = ("原因", "reason", "reasons")
            }
            let ids = declared.isEmpty ? (zh ? "未声明任何\(name.zh)" : "none are declared") : list(declared)
            return zh ? "\(name.zh) '\(id)' 未在 '\(version)' 版中声明\(near(nearest))；已声明：\(ids)"
                : "\(name.en) '\(id)' is not declared in version '\(version)'\(near(nearest)); \(name.plural): \(ids)"
        case .unknownBranch(let id, let bank, let nearest, let branches):
            let ids = branches.isEmpty ? (zh ? "未声明任何网点" : "none are declared") : list(branches)
            return zh ? "网点 '\(id)' 未在银行 '\(bank)' 的 bank.json 中声明\(near(nearest))；已声明：\(ids)"
                : "branch '\(id)' is not declared in bank.json of '\(bank)'\(near(nearest)); branches: \(ids)"
        case .quantityOutOfRange(let q):
            return zh ? "数量 \(q) 超出范围：请给出 1 至 1,000,000 的整数" : "quantity \(q) is out of range: give a whole number from 1 to 1,000,000"
        case .ageOutOfRange(let age):
            return zh ? "年龄 \(age) 超出范围：请给出客户的周岁年龄，0 至 150" : "age \(age) is out of range: give the customer's age in whole years, 0 to 150"
        case .usesNegative(let uses):
            return zh ? "uses_in_period 为 \(uses)，是负数：请给出客户本期此前的使用次数，0 或以上"
                : "uses_in_period \(uses) is negative: give the customer's earlier uses in this period, 0 or more"
        case .lineTooLong(let bytes, let limit):
            return zh ? "该行有 \(bytes) 字节；请求行最多 \(limit) 字节（1 MiB）"
                : "the line has \(bytes) bytes; a request line may have at most \(limit) bytes (1 MiB)"
        case .invalidDate(let text):
            return zh ? "'\(text)' 不是日期：请给出存在的日期，格式 YYYY-MM-DD" : "'\(text)' is not a date: give an existing day as YYYY-MM-DD"
        case .notAnAmount(let text):
            return zh ? "'\(text)' 不是金额：可写 50000、50,000.00 或 5万" : "'\(text)' is not an amount: write 50000, 50,000.00 or 5万"
        case .ambiguousAmount(let text, let meant):
            return zh ? "'\(text)' 有不止一种读法：是否指 \(meant)？请输入该金额以确认（逗号只用于小数点前每三位分组）"
                : "'\(text)' can be read more than one way: did you mean \(meant)? Type that amount to confirm it (commas only group three digits before the decimal point)"
        case .notWholeNumber(let field, let text, let what):
            let want: String
            switch what {
            case .quantity: want = zh ? "单位数，1 至 1,000,000" : "the number of units, 1 to 1,000,000"
            case .age: want = zh ? "客户的周岁年龄" : "the customer's age in years"
            case .uses: want = zh ? "本期此前的使用次数，0 或以上" : "the earlier uses in this period, 0 or more"
            }
            return zh ? "\(field) '\(text)' 不是整数：请给出\(want)" : "\(field) '\(text)' is not a whole number: give \(want)"
        case .request(let problem):
            return problem.text(language)
        case .transactionLineTooLong(let bytes, let limit):
            return zh ? "该行有 \(bytes) 字节；交易行最多 \(limit) 字节（1 MiB）"
                : "the line has \(bytes) bytes; a transaction line may have at most \(limit) bytes (1 MiB)"
        case .notSortedByCustomer(let customer, let after):
            return zh ? "输入未按 customer_ref 排序（--sorted）：客户 '\(customer)' 排在 '\(after)' 之后；请按 customer_ref 的字节顺序排序输入，或去掉 --sorted"
                : "the input is not sorted by customer_ref (--sorted): customer '\(customer)' comes after '\(after)'; sort the input by customer_ref in byte order, or leave out --sorted"
        case .customerInterleaved(let customer, let date, let counted):
            return zh ? "客户 '\(customer)' 的交易行分散在其他客户的行之间，且本行日期（\(date)）早于已计数的一行（\(counted)）：请按客户分组输入（并按日期和 seq 排序），使使用次数按数据规定的顺序计数"
                : "customer '\(customer)' has lines before and after other customers' lines, and this one (\(date)) is dated before one already counted (\(counted)): group the input by customer (and sort by date and seq) so that uses are counted in the order the data defines"
        case .chargedNotMoney(let text, let currency, let digits):
            return zh ? "charged '\(text)' 不是 \(currency) 金额（数字，小数点后最多 \(digits) 位）"
                : "charged '\(text)' is not a money amount in \(currency) (digits, at most \(digits) after the point)"
        case .itemRemoved(let item, let version):
            return zh ? "'\(version)' 版中没有 '\(item)'：取消的服务项目需要单独公告"
                : "'\(item)' is not in version '\(version)': a removed item needs its own notice"
        }
    }
}

import FeeValues
import FeeJSON
import FeeWords

/// What a `fees check` problem says, written once per language (zh-Hans and en): one case per
/// message, its facts as values, so the loader and the checker decide what is wrong and the
/// reader's language decides the words (`Problem.message`, `Problem.in(_:)`). Ids, JSON keys and
/// file names stay as written, in single quotes, in both languages.
public enum CheckMessage: Sendable, Hashable {
    // MARK: JSON and the shape of objects (TableReader)

    /// The file starts with a UTF-8 byte-order mark.
    case byteOrderMark
    /// The file is not JSON: the parser's account (in English in both languages).
    case notJSON(detail: String)
    /// A value of the wrong JSON type.
    case wrongType(wanted: Wanted, found: JSONKind)
    /// A key the format does not define, with the nearest allowed key or else all of them.
    case unknownKey(key: String, nearest: String?, allowed: [String])
    /// A key given `times` times in one object.
    case keyRepeated(key: String, times: Int)
    /// A key whose value is `null`.
    case nullValue(key: String)
    /// A required key is absent.
    case missingKey(key: String)
    /// An object no rule reported, yet not read (the loader's no-silent-drop invariant).
    case unreadable(Part)
    /// A text customers read is empty.
    case emptyText
    /// An id that is not 1–64 characters of a–z, 0–9, `.`, `_`, `-`.
    case invalidId(text: String, kind: IDKind)
    /// A date that is not an existing day as YYYY-MM-DD.
    case invalidDate(text: String)
    /// A whole number outside its range.
    case numberOutOfRange(literal: String, range: ClosedRange<Int>)
    /// A money string that is not a plain decimal.
    case moneyNotDecimal(text: String)
    /// A money string with more fractional digits than the currency's minor units.
    case moneyTooManyDigits(text: String, digits: Int)
    /// A money string at or beyond the largest amount.
    case moneyTooLarge(text: String)
    /// A rate that is not a decimal fraction.
    case rateNotDecimal(text: String)
    /// A rate above 1.
    case rateAboveOne(text: String)
    /// A percentage that is not a decimal.
    case percentNotDecimal(text: String)
    /// A percentage not above 0 or above 100.
    case percentOutOfRange(text: String)
    /// A rate or percentage with more than `limit` fractional digits.
    case tooManyFractionDigits(text: String, limit: Int)
    /// Money, a rate or a percentage written as a JSON number.
    case numberNotString(literal: String, figure: Figure)
    /// A language given twice in one localized text.
    case languageTwice(tag: String)
    /// A localized text's translation is `null`.
    case nullText(tag: String)
    /// Warning: a translation in a language bank.json does not list.
    case undeclaredLanguage(tag: String, languages: [String])
    /// A localized text lacks some of the bank's languages.
    case missingLanguages(missing: [String], languages: [String])

    // MARK: bank.json

    /// A `format` other than the one the file kind expects.
    case unsupportedFormat(found: String, expected: String)
    /// bank.json `id` differs from its folder's name.
    case bankIdMismatch(id: String, directory: String)
    /// A branch id declared twice.
    case duplicateBranch(id: String)
    /// `languages` is empty.
    case noLanguages
    /// A language tag that is not BCP 47 shaped.
    case invalidLanguageTag(tag: String)
    /// A language listed twice in `languages`.
    case languageListedTwice(tag: String)

    // MARK: Version files

    /// `announced_on` after `effective_from`.
    case announcedAfterEffective(announcedOn: CalendarDate, effectiveFrom: CalendarDate)
    /// A `rounding` that is not a rounding mode.
    case unknownRounding(text: String)
    /// No tier is declared.
    case noTiers
    /// An item code used twice in one version.
    case duplicateItemCode(code: String)
    /// Warning: the version lists no items.
    case noItems
    /// A waiver id used twice in one version.
    case duplicateWaiver(id: String)
    /// A `currency` that is not an ISO 4217 code.
    case invalidCurrency(code: String)
    /// A currency whose minor units are unknown and not given.
    case unknownMinorUnits(code: String)
    /// A category, tier, segment, channel or reason id declared twice.
    case declaredTwice(Declared, id: String)
    /// A reference to an id the version (or bank.json, for branches) does not declare.
    case undeclared(Declared, id: String, nearest: String?)
    /// A `pricing` that is not a pricing kind.
    case unknownPricing(text: String)
    /// A banded formula that also has `key` outside its bands.
    case mixedFormula(key: String)
    /// A band holding `bands`.
    case nestedBands
    /// An empty `bands`.
    case noBands
    /// The last band has `up_to`.
    case lastBandBounded
    /// An `up_to` not above the previous band's (both as written in the table's minor digits).
    case bandsNotIncreasing(upTo: String, previous: String)
    /// A band other than the last without `up_to`.
    case bandWithoutUpTo
    /// A formula with neither `flat` nor `rate`.
    case formulaEmpty
    /// A formula whose `max` is below its `min` (as written in the table's minor digits).
    case maxBelowMin(max: String, min: String)
    /// An empty `applies_to`.
    case noPatterns
    /// An `applies_to` entry that is not a pattern.
    case invalidPattern(text: String)
    /// An `applies_to` pattern that matches no item, with the nearest item code.
    case patternMatchesNothing(pattern: String, nearest: String?)
    /// A waiver with none of its effects.
    case noEffect
    /// A waiver with several effects (`keys`, as found).
    case severalEffects(keys: [String])
    /// An empty condition list.
    case emptyCondition(Declared)
    /// `no_fault: false`.
    case noFaultFalse
    /// A promotion's `until` before its `from`.
    case untilBeforeFrom(from: CalendarDate, until: CalendarDate)
    /// A `free_uses.per` that is not a period.
    case unknownPeriod(text: String)

    // MARK: The tables directory (CatalogueLoader, the server's holder)

    /// The tables directory does not exist.
    case noTablesDirectory
    /// The tables directory exists but cannot be listed; `reason` is the system's.
    case tablesDirectoryUnreadable(reason: String)
    /// A draft without `--bank` when the tables hold `banks` banks.
    case draftNeedsBank(banks: Int)
    /// A draft for a bank the tables do not hold.
    case noBankForDraft(bank: String, directory: String, nearest: String?)
    /// The tables directory holds no bank folder.
    case noBankFolders
    /// A name ending .json beside bank.json that is a directory.
    case versionFileIsDirectory
    /// A table file over the size limit.
    case fileTooLarge(bytes: Int, limit: Int)
    /// A file that cannot be read.
    case fileUnreadable
    /// A bank folder without bank.json.
    case noBankFile
    /// A bank without version files.
    case noVersionFiles
    /// The tables changed during every attempt to load them (`fees serve`).
    case tablesKeptChanging

    // MARK: Across versions (CatalogueChecker)

    /// Two versions with one id; `otherFile` has it first.
    case duplicateVersion(version: String, otherFile: String)
    /// Two versions that take effect on one day; `otherFile` has it first.
    case duplicateEffectiveFrom(date: CalendarDate, otherFile: String)
    /// Warning: a waiver's conditions or items changed since `version`.
    case waiverConditionsChanged(id: String, version: String)
    /// A raise in `version` announced `notice` days ahead where `required` are due (spec §5):
    /// announce by `announceBy` or take effect on `effectiveAt` (nil when beyond the calendar).
    case raiseShortNotice(Raise, version: String, notice: Int, required: Int, announceBy: CalendarDate?, effectiveAt: CalendarDate?)
    /// A raise customers learn of only when `previous`, announced after this version, was
    /// announced: `notice` days ahead where `required` are due.
    case raiseLearnedLate(Raise, version: String, announcedOn: CalendarDate, effectiveFrom: CalendarDate,
                          previous: String, previousAnnouncedOn: CalendarDate, notice: Int, required: Int, effectiveAt: CalendarDate?)
    /// Note: a waiver in effect ends on `ends`, `daysLeft` days from the day checked.
    case waiverEnding(id: String, name: LocalizedText, ends: CalendarDate, daysLeft: Int, why: Ending)

    /// What a value should have been.
    public enum Wanted: Sendable, Hashable {
        /// A JSON object, an array, a string, `true` or `false`, a whole number.
        case object, array, string, bool, wholeNumber
        /// Money, a rate or a percentage, as a string.
        case figure(Figure)
        /// A localized text; `language` is the bank's first, for the example.
        case localizedText(language: String)
    }

    /// The decimal strings of a table: money, rates and percentages.
    public enum Figure: Sendable, Hashable {
        /// Money in the table's currency, a rate from 0 to 1, a percentage above 0 up to 100.
        case money, rate, percentage
    }

    /// The ids a version declares (branches: bank.json) and its conditions refer to.
    public enum Declared: Sendable, Hashable {
        /// An item category, a customer tier, a segment, a channel, a reason, a branch.
        case category, tier, segment, channel, reason, branch
    }

    /// The kinds of id a table gives.
    public enum IDKind: Sendable, Hashable {
        /// A version id, a bank id, an item code, a waiver id.
        case version, bank, itemCode, waiver
        /// A category, tier, segment, channel, reason or branch id.
        case declared(Declared)
    }

    /// The parts of a file that the loader reads as a whole.
    public enum Part: Sendable, Hashable {
        /// An item, a waiver, a glossary entry, a fee table (one version file), `bank.json`.
        case item, waiver, glossaryEntry, table, bankProfile
        /// A category, tier, segment, channel, reason or branch entry.
        case declared(Declared)
    }

    /// What rises in a raise (spec §5).
    public enum Raise: Sendable, Hashable {
        /// The currency changes (and so every price): codes and minor digits.
        case currency(from: String, fromDigits: Int, to: String, toDigits: Int)
        /// An item's fee rises from `from` to `to` at `at`.
        case fee(item: String, from: String, to: String, at: RaisePoint)
        /// A new item that is not free.
        case newItem(code: String)
        /// A waiver of `version` is removed while it still runs.
        case waiverRemoved(id: String, version: String)
        /// A waiver's `percent_off` falls.
        case percentOffFalls(id: String, from: String, to: String)
        /// A waiver's `amount_off` falls.
        case amountOffFalls(id: String, from: String, to: String)
        /// A waiver's fixed `fee` rises.
        case waiverFeeRises(id: String, from: String, to: String)
        /// A waiver's effect changes to another kind that is not a full waiver.
        case effectKindChanges(id: String)
    }

    /// Where a raise shows: an amount (grouped text) or a number of units.
    public enum RaisePoint: Sendable, Hashable {
        /// At a transaction amount, as grouped text.
        case amount(String)
        /// At a number of units (the quantity).
        case units(Int)
    }

    /// Why a waiver ends.
    public enum Ending: Sendable, Hashable {
        /// Its `until`.
        case until(CalendarDate)
        /// The next version, in effect from `from`, drops it.
        case droppedBy(version: String, from: CalendarDate)
    }

    /// The message in `language`.
    public func text(_ language: TextLanguage) -> String {
        let zh = language == .chinese
        func list(_ ids: [String]) -> String { ids.joined(separator: ", ") }
        func near(_ id: String?) -> String { language.didYouMean(id) }
        // "实为 null", "应为 true 或 false": a space between Chinese and a Latin word.
        func type(_ kind: JSONKind) -> String { zh && kind == .null ? " null" : kind.typeName(language) }
        switch self {
        case .byteOrderMark:
            return zh ? "文件以 UTF-8 字节顺序标记（EF BB BF）开头，格式不允许；请另存为不带 BOM 的 UTF-8"
                : "the file starts with a UTF-8 byte-order mark (EF BB BF), which the format forbids; save it as UTF-8 without BOM"
        case .notJSON(let detail):
            return zh ? "不是有效的 JSON：\(detail)" : "not valid JSON: \(detail)"
        case .wrongType(let wanted, let found):
            let want: (zh: String, en: String)
            switch wanted {
            case .object: want = ("对象", "an object")
            case .array: want = ("数组", "an array")
            case .string: want = ("字符串", "a string")
            case .bool: want = (" true 或 false", "true or false")
            case .wholeNumber: want = ("整数", "a whole number")
            case .figure(let f):
                return zh ? "应为写成字符串的\(f.name(language))（例如 \(f.example)），实为\(type(found))"
                    : "expected \(f.name(language)) as a string such as \(f.example), found \(found.typeName)"
            case .localizedText(let tag):
                return zh ? "应为多语言文本，例如 {\"\(tag)\": \"…\"}，实为\(type(found))"
                    : "expected a localized text such as {\"\(tag)\": \"…\"}, found \(found.typeName)"
            }
            return zh ? "应为\(want.zh)，实为\(type(found))" : "expected \(want.en), found \(found.typeName)"
        case .unknownKey(let key, let nearest, let allowed):
            if let nearest {
                return zh ? "未知的键 '\(key)'（是否要找 '\(nearest)'？）。未知的键一律按错误处理，以免拼写错误悄悄改变价格"
                    : "unknown key '\(key)': did you mean '\(nearest)'? Unknown keys are errors so that a typo cannot silently change a price."
            }
            return zh ? "未知的键 '\(key)'；此处允许的键：\(list(allowed))。未知的键一律按错误处理，以免拼写错误悄悄改变价格"
                : "unknown key '\(key)'; allowed keys here: \(list(allowed)) Unknown keys are errors so that a typo cannot silently change a price."
        case .keyRepeated(let key, let times):
            return zh ? "键 '\(key)' 在同一对象中出现了 \(times) 次；各 JSON 读取程序取哪个值并不一致，请只保留一个"
                : "the key '\(key)' appears \(times) times in one object; JSON readers disagree on which value wins, so keep exactly one"
        case .nullValue(let key):
            return zh ? "'\(key)' 为 null，而 null 在收费标准文件中不是值；请给出值，该键可选时也可删去"
                : "'\(key)' is null, which is not a value in a table file; give a value, or leave the key out if it is optional"
        case .missingKey(let key):
            return zh ? "缺少必需的键 '\(key)'" : "the required key '\(key)' is missing"
        case .unreadable(let part):
            return zh ? "这个\(part.name(language))无法读取，却没有任何规则说明原因；丢失文件部分内容的收费标准不用于计费。请连同该文件报告此问题"
                : "this \(part.name(language)) could not be read although no rule named why; nothing is quoted from a table that drops part of its file. Please report this with the file"
        case .emptyText:
            return zh ? "文本为空；请写出客户应看到的内容" : "the text is empty; write what customers should read"
        case .invalidId(let text, let kind):
            return zh ? "'\(text)' 不是有效的\(kind.name(language))：请用 1 至 64 个 a-z、0-9、'.'、'_' 和 '-' 字符，以字母或数字开头"
                : "'\(text)' is not a valid \(kind.name(language)): use 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit"
        case .invalidDate(let text):
            return zh ? "'\(text)' 不是日期：请写存在的日期，格式 YYYY-MM-DD" : "'\(text)' is not a date: write an existing day as YYYY-MM-DD"
        case .numberOutOfRange(let literal, let range):
            return zh ? "\(literal) 不是 \(range.lowerBound) 至 \(range.upperBound) 的整数"
                : "\(literal) is not a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .moneyNotDecimal(let text):
            return zh ? "'\(text)' 不是金额：只写数字，可带小数点 '.' 和小数部分，不带符号、空格或分隔符（\"1234.50\"）"
                : "'\(text)' is not a money amount: write digits with an optional '.' and fraction, no sign, spaces or separators (\"1234.50\")"
        case .moneyTooManyDigits(let text, let digits):
            return zh ? "'\(text)' 的小数多于 \(digits) 位（该币种的小数位数）"
                : "'\(text)' has more than \(digits) fractional digit\(digits == 1 ? "" : "s"), the currency's minor units"
        case .moneyTooLarge(let text):
            return zh ? "'\(text)' 太大：金额须小于 10^15 个主单位、10^17 个最小单位"
                : "'\(text)' is too large: amounts must be below 10^15 major and 10^17 minor units"
        case .rateNotDecimal(let text):
            return zh ? "'\(text)' 不是费率：请写十进制小数，例如 \"0.005\" 表示 0.5%"
                : "'\(text)' is not a rate: write a decimal fraction such as \"0.005\" for 0.5 %"
        case .rateAboveOne(let text):
            return zh ? "'\(text)' 大于 1：费率是金额的比例（\"0.005\" 即 0.5%）"
                : "'\(text)' is above 1: a rate is a fraction of the amount (\"0.005\" is 0.5 %)"
        case .percentNotDecimal(let text):
            return zh ? "'\(text)' 不是百分比：请写数字，例如 \"50\" 或 \"12.5\"" : "'\(text)' is not a percentage: write digits such as \"50\" or \"12.5\""
        case .percentOutOfRange(let text):
            return zh ? "'\(text)' 不在大于 0、至多 100 的范围内" : "'\(text)' is not above 0 and at most 100"
        case .tooManyFractionDigits(let text, let limit):
            return zh ? "'\(text)' 的小数多于 \(limit) 位" : "'\(text)' has more than \(limit) fractional digits"
        case .numberNotString(let literal, let figure):
            return zh ? "\(literal) 是 JSON 数字；\(figure.name(language))必须写成 JSON 字符串，例如 \(figure.example)，以免二进制浮点数影响价格"
                : "\(literal) is a JSON number; \(figure.name(language)) must be a JSON string such as \(figure.example), so that no binary float ever touches a price"
        case .languageTwice(let tag):
            return zh ? "语言 '\(tag)' 出现了两次；请只保留一个" : "the language '\(tag)' appears twice; keep exactly one"
        case .nullText(let tag):
            return zh ? "'\(tag)' 文本为 null，而 null 在收费标准文件中不是值；请写出客户看到的文本"
                : "the '\(tag)' text is null, which is not a value in a table file; write the text customers read"
        case .undeclaredLanguage(let tag, let languages):
            return zh ? "语言 '\(tag)' 不是银行（bank.json）所列的语言（\(list(languages))）；该文本不会发布"
                : "the language '\(tag)' is not one of the bank's languages (\(list(languages))); it will not be published"
        case .missingLanguages(let missing, let languages):
            let quoted = missing.map { "'\($0)'" }
            return zh ? "文本缺少 \(quoted.joined(separator: "、"))；每段文本都须以银行（bank.json）所列的全部语言（\(list(languages))）写出"
                : "the text lacks \(quoted.joined(separator: ", ")); every text must be given in all of the bank's languages (\(list(languages)))"

        case .unsupportedFormat(let found, let expected):
            return zh ? "不支持格式 '\(found)'：请写 \"\(expected)\"" : "'\(found)' is not supported: write \"\(expected)\""
        case .bankIdMismatch(let id, let directory):
            return zh ? "银行 id '\(id)' 与其目录名 '\(directory)' 不同；请改其一，使二者相同"
                : "the bank id '\(id)' differs from its directory name '\(directory)'; rename one so they are equal"
        case .duplicateBranch(let id):
            return zh ? "网点 id '\(id)' 声明了两次；网点 id 必须唯一" : "the branch id '\(id)' is declared twice; branch ids must be unique"
        case .noLanguages:
            return zh ? "请至少列出一个语言标签，例如 \"zh-Hans\"；第一个为默认语言"
                : "list at least one language tag, such as \"zh-Hans\"; the first is the default"
        case .invalidLanguageTag(let tag):
            return zh ? "'\(tag)' 不是 BCP 47 语言标签（例如 \"zh-Hans\" 或 \"en\"）" : "'\(tag)' is not a BCP 47 language tag such as \"zh-Hans\" or \"en\""
        case .languageListedTwice(let tag):
            return zh ? "语言 '\(tag)' 列出了两次" : "the language '\(tag)' is listed twice"

        case .announcedAfterEffective(let announcedOn, let effectiveFrom):
            return zh ? "announced_on \(announcedOn) 晚于 effective_from \(effectiveFrom)；版本须在生效当日或之前公告"
                : "announced_on \(announcedOn) is after effective_from \(effectiveFrom); a version is announced on or before the day it takes effect"
        case .unknownRounding(let text):
            return zh ? "'\(text)' 不是舍入方式：请用 \"half-up\"、\"half-even\"、\"down\" 或 \"up\""
                : "'\(text)' is not a rounding mode: use \"half-up\", \"half-even\", \"down\" or \"up\""
        case .noTiers:
            return zh ? "请至少声明一个客户等级；第一个为默认等级" : "declare at least one tier; the first is the default tier"
        case .duplicateItemCode(let code):
            return zh ? "服务项目代码 '\(code)' 用了两次；同一版本中的项目代码必须唯一"
                : "the item code '\(code)' is used twice; item codes must be unique within a version"
        case .noItems:
            return zh ? "该收费标准没有列出任何服务项目" : "the table lists no items"
        case .duplicateWaiver(let id):
            return zh ? "减免 id '\(id)' 用了两次；同一版本中的减免 id 必须唯一"
                : "the waiver id '\(id)' is used twice; waiver ids must be unique within a version"
        case .invalidCurrency(let code):
            return zh ? "'\(code)' 不是 ISO 4217 币种代码（例如 \"CNY\"）" : "'\(code)' is not an ISO 4217 currency code such as \"CNY\""
        case .unknownMinorUnits(let code):
            return zh ? "币种 '\(code)' 的小数位数未知；请给出 \"minor_units\"（0 至 4）"
                : "the currency '\(code)' is not one whose minor units are known; give \"minor_units\" (0 to 4)"
        case .declaredTwice(let kind, let id):
            return zh ? "\(kind.name(language)) id '\(id)' 声明了两次" : "the \(kind.name(language)) id '\(id)' is declared twice"
        case .undeclared(let kind, let id, let nearest):
            return zh ? "\(kind.name(language)) '\(id)' 未在 \(kind.declaredIn) 中声明\(near(nearest))；请声明它或改正 id"
                : "the \(kind.name(language)) '\(id)' is not declared in \(kind.declaredIn)\(near(nearest)); declare it or fix the id"
        case .unknownPricing(let text):
            return zh ? "'\(text)' 不是定价方式：请用 \"market\"（市场调节价）、\"government-guided\"（政府指导价）或 \"government-set\"（政府定价）"
                : "'\(text)' is not a pricing kind: use \"market\", \"government-guided\" or \"government-set\""
        case .mixedFormula(let key):
            return zh ? "分档公式只含 'bands'；请把 '\(key)' 移入各档" : "a banded formula holds only 'bands'; move '\(key)' into the bands"
        case .nestedBands:
            return zh ? "一档之内不能再分档；请把每一档都列在外层的 'bands' 数组中"
                : "a band may not contain bands; list every band in the outer 'bands' array"
        case .noBands:
            return zh ? "请至少列出一档；最后一档不写 'up_to'" : "list at least one band; the last band has no 'up_to'"
        case .lastBandBounded:
            return zh ? "最后一档不能写 'up_to'：它涵盖上一档以上的所有金额"
                : "the last band must omit 'up_to': it covers every amount above the previous band"
        case .bandsNotIncreasing(let upTo, let previous):
            return zh ? "up_to \(upTo) 不高于上一档的 up_to \(previous)；各档的 up_to 必须严格递增"
                : "up_to \(upTo) is not above the previous band's up_to \(previous); up_to values must strictly increase"
        case .bandWithoutUpTo:
            return zh ? "除最后一档外，每档都需要 'up_to'，即该档涵盖的最大金额"
                : "every band but the last needs 'up_to', the largest amount it covers"
        case .formulaEmpty:
            return zh ? "公式需要 'flat'（每单位）、'rate'（按金额的比例）或两者；免费服务请写 {\"flat\": \"0\"}"
                : "a formula needs 'flat' (per unit), 'rate' (of the amount) or both; write {\"flat\": \"0\"} for a free service"
        case .maxBelowMin(let max, let min):
            return zh ? "max \(max) 低于 min \(min)；min 不得超过 max" : "max \(max) is below min \(min); min must not exceed max"
        case .noPatterns:
            return zh ? "请至少列出一个服务项目代码或模式" : "list at least one item code or pattern"
        case .invalidPattern(let text):
            return zh ? "'\(text)' 不是模式：请用服务项目代码、'prefix.*' 或单独的 '*'"
                : "'\(text)' is not a pattern: use an item code, 'prefix.*' or '*' alone"
        case .patternMatchesNothing(let pattern, let nearest):
            return zh ? "'\(pattern)' 不匹配本版本的任何服务项目\(near(nearest))；请改正代码或删去"
                : "'\(pattern)' matches no item of this version\(near(nearest)); fix the code or remove it"
        case .noEffect:
            return zh ? "减免须有且只有一种效果：'percent_off'、'amount_off' 或 'fee'"
                : "a waiver needs exactly one effect: 'percent_off', 'amount_off' or 'fee'"
        case .severalEffects(let keys):
            let quoted = keys.map { "'\($0)'" }
            return zh ? "减免只能有一种效果，此处却有 \(quoted.joined(separator: " 和 "))；请只保留一个"
                : "a waiver has exactly one effect, but this one has \(quoted.joined(separator: " and ")); keep one"
        case .emptyCondition(let kind):
            return zh ? "空列表永远不成立；请至少列出一个\(kind.name(language)) id，或删去 '\(kind.key)'"
                : "an empty list never holds; list at least one \(kind.name(language)) id or remove '\(kind.key)'"
        case .noFaultFalse:
            return zh ? "'no_fault' 只允许 true；原因无关紧要时请删去该键" : "'no_fault' allows only true; remove the key if the reason does not matter"
        case .untilBeforeFrom(let from, let until):
            return zh ? "until \(until) 早于 from \(from)；该期间永远不会开始" : "until \(until) is before from \(from); the window would never be open"
        case .unknownPeriod(let text):
            return zh ? "'\(text)' 不是周期：请用 \"month\"（月）或 \"year\"（年）" : "'\(text)' is not a period: use \"month\" or \"year\""

        case .noTablesDirectory:
            return zh ? "此处没有收费标准目录；请用 --tables DIR 给出每家银行各占一个文件夹的目录"
                : "no tables directory here; give --tables DIR, the directory that holds one folder per bank"
        case .tablesDirectoryUnreadable(let reason):
            return zh ? "无法读取收费标准目录：\(reason)；请检查其权限，或用 --tables DIR 给出另一个目录"
                : "the tables directory cannot be read: \(reason); check its permissions, or give another with --tables DIR"
        case .draftNeedsBank(let banks):
            return zh ? "收费标准中有 \(banks) 家银行：请用 --bank 说明草稿属于哪家银行"
                : "the tables hold \(banks) banks: say which bank the draft belongs to with --bank"
        case .noBankForDraft(let bank, let directory, let nearest):
            return zh ? "\(directory) 下没有此草稿所属的银行 '\(bank)'\(near(nearest))"
                : "there is no bank '\(bank)' under \(directory) for this draft\(near(nearest))"
        case .noBankFolders:
            return zh ? "收费标准目录中没有银行文件夹；每家银行需要 <bank-id>/bank.json 及其版本文件"
                : "the tables directory holds no bank folders; each bank needs <bank-id>/bank.json and its version files"
        case .versionFileIsDirectory:
            return zh ? "这是目录，不是版本文件；bank.json 旁以 .json 结尾的名称都必须是收费标准文件：请改名或移走该目录"
                : "this is a directory, not a version file; every name ending .json beside bank.json must be a table file: rename or move the directory"
        case .fileTooLarge(let bytes, let limit):
            return zh ? "文件有 \(bytes) 字节；收费标准文件最多 \(limit) 字节"
                : "the file is \(bytes) bytes; a table file may have at most \(limit) bytes"
        case .fileUnreadable:
            return zh ? "无法读取该文件；请检查它是否存在及其权限" : "the file cannot be read; check that it exists and its permissions"
        case .noBankFile:
            return zh ? "每个银行文件夹都需要 bank.json，写明银行的名称、语言和联系方式"
                : "every bank folder needs a bank.json with the bank's name, languages and contacts"
        case .noVersionFiles:
            return zh ? "该银行没有版本文件；请在 bank.json 旁至少添加一个 <version>.json"
                : "the bank has no version files; add at least one <version>.json next to bank.json"
        case .tablesKeptChanging:
            return zh ? "加载期间收费标准一直在变；请写完后再重新加载"
                : "the tables kept changing while they were loaded; finish writing them, then reload"

        case .duplicateVersion(let version, let otherFile):
            return zh ? "版本 id '\(version)' 也被 \(otherFile) 使用；每个版本都需要自己的 id"
                : "the version id '\(version)' is also used by \(otherFile); every version needs its own id"
        case .duplicateEffectiveFrom(let date, let otherFile):
            return zh ? "effective_from \(date) 也是 \(otherFile) 的生效日；两个版本不能在同一天生效"
                : "effective_from \(date) is also the first day of \(otherFile); two versions cannot take effect on the same day"
        case .waiverConditionsChanged(let id, let version):
            return zh ? "减免 '\(id)' 的条件或适用项目自 '\(version)' 版以来有变化；符合条件的客户若因此减少，对他们而言就是涨价：请核查并公告"
                : "the conditions or items of waiver '\(id)' changed since version '\(version)'; if fewer customers now qualify, that is a raise for them: check it and announce it"
        case .raiseShortNotice(let raise, let version, let notice, let required, let announceBy, let effectiveAt):
            if zh {
                let by = announceBy.map { "在 \($0) 或之前公告" } ?? "提前公告"
                return "\(raise.text(language))；'\(version)' 版涨价，\(Self.notice(notice, required, language))。修正方法：\(by)，或\(Self.move(effectiveAt, language))"
            }
            return "\(raise.text(language)); version '\(version)' raises a fee with \(Self.notice(notice, required, language)). "
                + "To fix it, announce on or before \(announceBy.map { "\($0)" } ?? "earlier"), or \(Self.move(effectiveAt, language))"
        case .raiseLearnedLate(let raise, let version, let announcedOn, let effectiveFrom, let previous, let previousAnnouncedOn, let notice, let required, let effectiveAt):
            if zh {
                return "\(raise.text(language))；'\(previous)' 版于 \(previousAnnouncedOn) 公告，晚于本版本的公告日（\(announcedOn)），它改变了 '\(version)' 版生效前客户支付的价格，"
                    + "因此客户直到 \(previousAnnouncedOn) 才得知此次涨价：\(Self.notice(notice, required, language))。"
                    + "修正方法：重新公告 '\(version)' 版（announced_on 为 \(previousAnnouncedOn) 或之后），并\(Self.move(effectiveAt, language))；"
                    + "或把 '\(previous)' 版中的改动改为优惠（'until' 早于 \(effectiveFrom) 的减免），而不是新价格"
            }
            return "\(raise.text(language)); version '\(previous)', announced on \(previousAnnouncedOn), after this version's \(announcedOn), "
                + "changes the price customers pay before '\(version)' takes effect, so they learn of this raise only on \(previousAnnouncedOn): \(Self.notice(notice, required, language)). "
                + "To fix it, announce '\(version)' again (announced_on \(previousAnnouncedOn) or later) and \(Self.move(effectiveAt, language)), "
                + "or make the change in '\(previous)' a promotion (a waiver with 'until' before \(effectiveFrom)) instead of a new price"
        case .waiverEnding(let id, let name, let ends, let daysLeft, let why):
            let how: String
            switch why {
            case .until(let until): how = zh ? "其 'until' 为 \(until)" : "its 'until' is \(until)"
            case .droppedBy(let version, let from):
                how = zh ? "自 \(from) 起生效的 '\(version)' 版不再包含它" : "version '\(version)', in effect from \(from), drops it"
            }
            let named = name.translations.first { TextLanguage(tag: $0.tag) == language }?.text ?? name.translations.first?.text ?? id
            return zh ? "减免 '\(id)'（\(named)）于 \(ends) 结束，还剩 \(daysLeft) 天：\(how)。请以书面形式告知使用它的客户何时结束、此后应付多少"
                : "the waiver '\(id)' (\(named)) ends on \(ends), in \(daysLeft) day\(daysLeft == 1 ? "" : "s"): \(how). Tell the customers who use it, in writing, when it ends and what they will pay from then on"
        }
    }

    /// "31 days' notice where 90 are required (bank.json notice_days)".
    private static func notice(_ days: Int, _ required: Int, _ language: TextLanguage) -> String {
        language == .chinese ? "只提前 \(days) 天通知，而须提前 \(required) 天（bank.json notice_days）"
            : "\(days) day\(days == 1 ? "'s" : "s'") notice where \(required) are required (bank.json notice_days)"
    }

    /// "move effective_from to 2027-03-01 or later".
    private static func move(_ effectiveAt: CalendarDate?, _ language: TextLanguage) -> String {
        language == .chinese ? "把 effective_from 推迟到 \(effectiveAt.map { "\($0) 或之后" } ?? "更晚的日期")"
            : "move effective_from to \(effectiveAt.map { "\($0)" } ?? "later") or later"
    }
}

extension CheckMessage.Raise {
    /// What rises, in `language`: the first part of a notice-period message.
    public func text(_ language: TextLanguage) -> String {
        let zh = language == .chinese
        switch self {
        case .currency(let from, let fromDigits, let to, let toDigits):
            return zh ? "币种由 \(from)（\(fromDigits) 位小数）改为 \(to)（\(toDigits) 位），所有价格随之改变"
                : "the currency changes from \(from) (\(fromDigits) minor digits) to \(to) (\(toDigits)), which changes every price"
        case .fee(let item, let from, let to, let at):
            switch at {
            case .amount(let amount):
                return zh ? "'\(item)' 的收费在金额为 \(amount) 时由 \(from) 涨至 \(to)"
                    : "the fee of '\(item)' rises from \(from) to \(to) for an amount of \(amount)"
            case .units(let n):
                return zh ? "'\(item)' 的收费在 \(n) 个单位时由 \(from) 涨至 \(to)"
                    : "the fee of '\(item)' rises from \(from) to \(to) for \(n) unit\(n == 1 ? "" : "s")"
            }
        case .newItem(let code):
            return zh ? "新服务项目 '\(code)' 不是免费的" : "the new item '\(code)' is not free"
        case .waiverRemoved(let id, let version):
            return zh ? "'\(version)' 版的减免 '\(id)' 被删除（已结束的优惠须待其 'until' 早于 effective_from 才可删除）"
                : "the waiver '\(id)' of version '\(version)' is removed (an ended promotion may go once its 'until' is before effective_from)"
        case .percentOffFalls(let id, let from, let to):
            return zh ? "减免 '\(id)' 的折让由 \(from)% 降至 \(to)%" : "the waiver '\(id)' falls from \(from) % to \(to) % off"
        case .amountOffFalls(let id, let from, let to):
            return zh ? "减免 '\(id)' 的减免金额由 \(from) 降至 \(to)" : "the waiver '\(id)' falls from \(from) to \(to) off"
        case .waiverFeeRises(let id, let from, let to):
            return zh ? "减免 '\(id)' 的收费由 \(from) 涨至 \(to)" : "the waiver '\(id)' fee rises from \(from) to \(to)"
        case .effectKindChanges(let id):
            return zh ? "减免 '\(id)' 的效果改为另一种，且不是全额减免" : "the waiver '\(id)' changes its effect to another kind that is not a full waiver"
        }
    }
}

extension CheckMessage.Declared {
    /// The kind's name in `language`: "tier", "客户等级", …
    public func name(_ language: TextLanguage) -> String {
        switch self {
        case .category: return language.pick("类别", "category")
        case .tier: return language.pick("客户等级", "tier")
        case .segment: return language.pick("客户群体", "segment")
        case .channel: return language.pick("渠道", "channel")
        case .reason: return language.pick("原因", "reason")
        case .branch: return language.pick("网点", "branch")
        }
    }

    /// The key of the version (or of a waiver's `when`) that lists them: `tiers`, `branches`, …
    public var key: String {
        switch self {
        case .category: return "categories"
        case .tier: return "tiers"
        case .segment: return "segments"
        case .channel: return "channels"
        case .reason: return "reasons"
        case .branch: return "branches"
        }
    }

    /// Where the ids are declared: `'tiers'` of the version, or bank.json for branches.
    var declaredIn: String { self == .branch ? "bank.json" : "'\(key)'" }
}

extension CheckMessage.IDKind {
    /// "version id", "项目代码", …
    func name(_ language: TextLanguage) -> String {
        switch self {
        case .version: return language.pick("版本 id", "version id")
        case .bank: return language.pick("银行 id", "bank id")
        case .itemCode: return language.pick("服务项目代码", "item code")
        case .waiver: return language.pick("减免 id", "waiver id")
        case .declared(let d): return "\(d.name(language)) id"
        }
    }
}

extension CheckMessage.Part {
    /// "item", "服务项目", …
    func name(_ language: TextLanguage) -> String {
        switch self {
        case .item: return language.pick("服务项目", "item")
        case .waiver: return language.pick("减免", "waiver")
        case .glossaryEntry: return language.pick("术语条目", "glossary entry")
        case .table: return language.pick("收费标准", "table")
        case .bankProfile: return language.pick("银行资料", "bank profile")
        case .declared(let d): return d.name(language)
        }
    }
}

extension CheckMessage.Figure {
    /// "money", "a rate", "金额", …
    func name(_ language: TextLanguage) -> String {
        switch self {
        case .money: return language.pick("金额", "money")
        case .rate: return language.pick("费率", "a rate")
        case .percentage: return language.pick("百分比", "a percentage")
        }
    }

    /// A valid value as JSON writes it: `"5.00"`.
    var example: String {
        switch self {
        case .money: return "\"5.00\""
        case .rate: return "\"0.005\""
        case .percentage: return "\"50\""
        }
    }
}

/// The lines `fees check` ends its report with, in Chinese and English.
public enum CheckSummary: Sendable, Hashable {
    /// A bank that loaded: `demo-bank: 3 versions, 41 item codes: ok`.
    case bank(id: String, versions: Int, itemCodes: Int)
    /// The counts: `0 errors, 1 warning` (and `, 2 notes` when there are notes).
    case counts(errors: Int, warnings: Int, notes: Int)

    /// The line in `language`, without its newline.
    public func text(_ language: TextLanguage) -> String {
        let zh = language == .chinese
        func s(_ n: Int) -> String { n == 1 ? "" : "s" }
        switch self {
        case .bank(let id, let versions, let itemCodes):
            return zh ? "\(id)：\(versions) 个版本，共 \(itemCodes) 个服务项目代码，检查通过"
                : "\(id): \(versions) version\(s(versions)), \(itemCodes) item codes: ok"
        case .counts(let errors, let warnings, let notes):
            if zh { return "\(errors) 个错误，\(warnings) 个警告" + (notes > 0 ? "，\(notes) 条提示" : "") }
            return "\(errors) error\(s(errors)), \(warnings) warning\(s(warnings))" + (notes > 0 ? ", \(notes) note\(s(notes))" : "")
        }
    }
}

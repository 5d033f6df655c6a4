/// Why `fees merge` (or a reader of one partial) refuses partials, written once per language
/// (zh-Hans and en) like `CommandMessage`: one case per message, its facts as values. Paths,
/// customer refs, piece names, versions and dates stay as written in both languages; so does the
/// JSON parser's account of a syntax error, and the system's reason a file cannot be read.
package enum PartialMessage: Sendable, Hashable {
    // One partial's frame: header, trailer, checksum.
    case cannotRead(path: String, reason: String)
    case headerNotJSON(detail: String)
    case headerNotAnObject
    case notStartingWithHeader
    case olderFormat(found: String, current: String)
    case headerLacksKindBankOrTables
    case headerLacks(key: String)
    case headerValueNotAString(key: String)
    case fingerprintNotAString(version: String)
    case linesAfterTrailer
    case trailerUnreadable
    case checksumMismatch
    case lineTooLong
    case empty
    case noTrailer
    // One partial's body.
    case periodNotDates
    case customersOutOfOrder(customer: String, after: String)
    case lineNotJSON
    case unreadableLine(Kind)
    case impactLineNamesNothing
    case auditCountsUnreadable
    case auditCountsMissing
    case unreadableFinding
    case findingInconsistent
    case unreadableMissingFact
    /// Sums inside one partial beyond exact arithmetic: no partial fees wrote holds them.
    case sumsOverflow(Kind)
    // Partials that do not belong together.
    case noPartials
    /// A customer in two pieces; `first` is nil when only the second is known.
    case customerInTwo(customer: String, first: Source?, second: Source)
    case kindsDiffer(first: Source, Kind, other: Source, Kind)
    case scopesDiffer(first: Source, Scope, other: Source, Scope)
    case banksDiffer(first: Source, bank: String, other: Source, otherBank: String)
    case tablesDiffer(first: Source, other: Source, TableDifference)
    case otherBank(partials: String, given: String)
    case otherTables(TableDifference)
    case pieceNamedTwice(Source, piece: String)
    case givenTwice(Source)
    case pieceInTwo(first: Source, second: Source, piece: String)
    case changedBetweenReads(Source)
    /// The sums (`counts: false`) or counts of the partials together beyond exact arithmetic.
    case overflow(counts: Bool)
    /// A message about one partial, naming it first ("part-0.partial: it is empty").
    indirect case about(Source, PartialMessage)

    /// Where a partial came from, as messages name it.
    package enum Source: Sendable, Hashable {
        case file(String)
        /// Standard input; `part` counts from 1 when it held several partials.
        case standardInput(part: Int?)

        /// Its name in `language`: the path as given, or standard input in words.
        package func text(_ language: TextLanguage) -> String {
            switch self {
            case .file(let path): return path
            case .standardInput(nil): return language == .chinese ? "标准输入" : "standard input"
            case .standardInput(let part?): return language == .chinese ? "标准输入（第 \(part) 个分片文件）" : "standard input (partial \(part))"
            }
        }
    }

    /// The report a partial is a piece of (`PartialHeader.Kind`).
    package typealias Kind = PartialKind

    /// What a partial covers: a statement's or an audit's period (an audit's ends may be open),
    /// or an impact's pair of versions.
    package enum Scope: Sendable, Hashable {
        case period(from: String?, to: String?)
        case versions(from: String, to: String)

        func text(_ language: TextLanguage) -> String {
            let zh = language == .chinese
            switch self {
            case .period(let from, let to):
                let none = zh ? "（无）" : "(none)"
                return zh ? "\(from ?? none) 至 \(to ?? none)" : "from \(from ?? none) to \(to ?? none)"
            case .versions(let from, let to):
                return zh ? "版本 \(from) 至版本 \(to)" : "from version \(from) to version \(to)"
            }
        }
    }

    /// The first way two lists of the tables' fingerprints differ.
    package enum TableDifference: Sendable, Hashable {
        case missingFromFirst(version: String)
        case missingFromSecond(version: String)
        /// The fingerprints' first 19 characters each.
        case fingerprints(version: String, String, String)

        func text(_ language: TextLanguage) -> String {
            let zh = language == .chinese
            switch self {
            case .missingFromFirst(let v): return zh ? "前者缺少版本 \(v)" : "version \(v) is missing from the first"
            case .missingFromSecond(let v): return zh ? "后者缺少版本 \(v)" : "version \(v) is missing from the second"
            case .fingerprints(let v, let a, let b): return zh ? "版本 \(v) 的指纹不同：\(a)… 与 \(b)…" : "version \(v): \(a)… against \(b)…"
            }
        }
    }

    /// The message in `language`.
    package func text(_ language: TextLanguage) -> String {
        let zh = language == .chinese
        let notWritten = zh ? "它不是 fees --partial 写出的" : "it was not written by fees --partial"
        switch self {
        case .cannotRead(let path, let reason):
            return zh ? "无法读取 '\(path)'：\(reason)" : "cannot read '\(path)': \(reason)"
        case .headerNotJSON(let detail):
            return zh ? "第一行不是 JSON：\(detail)" : "its first line is not JSON: \(detail)"
        case .headerNotAnObject:
            return zh ? "第一行不是分片文件的文件头" : "its first line is not a partial's header"
        case .notStartingWithHeader:
            return zh ? "开头不是 --partial 写出的文件头" : "it does not start with the header written by --partial"
        case .olderFormat(let found, let current):
            return zh ? "它的格式是 \(found)，由较早版本的 fees 写出；请用当前版本的 fees（\(current)）重新运行映射步骤"
                : "it is in the format \(found), written by an older fees; run the map step again with this fees (\(current))"
        case .headerLacksKindBankOrTables:
            return zh ? "文件头缺少 kind、bank 或 tables" : "its header lacks the kind, the bank or the tables"
        case .headerLacks(let key):
            return zh ? "文件头缺少 '\(key)'" : "its header lacks '\(key)'"
        case .headerValueNotAString(let key):
            return zh ? "文件头的 '\(key)' 不是字符串" : "its header's '\(key)' is not a string"
        case .fingerprintNotAString(let version):
            return zh ? "文件头中 '\(version)' 的指纹不是字符串" : "its header's fingerprint of '\(version)' is not a string"
        case .linesAfterTrailer:
            return zh ? "文件尾之后还有内容" : "it has lines after its trailer"
        case .trailerUnreadable:
            return zh ? "文件尾无法读取" : "its trailer is unreadable"
        case .checksumMismatch:
            return zh ? "校验和与内容不符：fees 写出后它被改动或损坏；请重新复制，或重新运行它的映射步骤"
                : "its checksum does not match its contents: it was altered or damaged after fees wrote it; copy it again or run its map step again"
        case .lineTooLong:
            return zh ? "其中一行超过了分片文件行的最大长度" : "it has a line longer than a partial's lines can be"
        case .empty:
            return zh ? "文件为空" : "it is empty"
        case .noTrailer:
            return zh ? "它没有文件尾就结束了：内容不完整（映射步骤未完成，或复制不完整）；请重新运行该分片的映射步骤"
                : "it ends without its trailer: it was cut short (a map step that did not finish, or an incomplete copy); run that piece again"
        case .periodNotDates:
            return zh ? "文件头的期间不是日期" : "its header's period is not dates"
        case .customersOutOfOrder(let customer, let after):
            return zh ? "客户未按顺序排列（'\(customer)' 在 '\(after)' 之后）：\(notWritten)"
                : "its customers are not in order ('\(customer)' after '\(after)'): \(notWritten)"
        case .lineNotJSON:
            return zh ? "分片文件中有一行不是 JSON" : "a line of the partial is not JSON"
        case .unreadableLine(let kind):
            return zh ? "\(kind.text(language))分片文件中有一行无法读取" : "an unreadable line in the \(kind.text(language)) partial"
        case .impactLineNamesNothing:
            return zh ? "调价影响评估分片文件中有一行未指明客户、项目或客户等级" : "a line of the impact partial names no customer, item or tier"
        case .auditCountsUnreadable:
            return zh ? "收费核查分片文件的计数缺失、重复或超出范围" : "the audit partial's counts are missing, repeated or out of range"
        case .auditCountsMissing:
            return zh ? "收费核查分片文件缺少计数" : "the audit partial lacks its counts"
        case .unreadableFinding:
            return zh ? "收费核查分片文件中有一笔有问题的记录无法读取" : "an unreadable finding in the audit partial"
        case .findingInconsistent:
            return zh ? "收费核查分片文件中有一笔有问题的记录超出范围，或其退款与所收金额及应收费用不符"
                : "a finding of the audit partial is out of range or its refund does not follow from its charge and fee"
        case .unreadableMissingFact:
            return zh ? "收费核查分片文件中有一项缺失事实无法读取" : "an unreadable missing fact in the audit partial"
        case .sumsOverflow(let kind):
            return zh ? "溢出：\(kind.text(language))分片文件中的合计超出了精确计算的范围；\(notWritten)"
                : "overflow: the sums in the \(kind.text(language)) partial are beyond what is computed exactly; \(notWritten)"
        case .noPartials:
            return zh ? "没有给出分片文件" : "no partials given"
        case .customerInTwo(let customer, let first?, let second):
            return zh ? """
                \(first.text(language)) 和 \(second.text(language)) 都含有客户 '\(customer)'：该客户的使用次数在两个分片中分别计数，\
                免费次数会因此出错。请把每位客户的交易行发往同一个分片（按 customer_ref 分区），然后重新运行映射步骤
                """ : """
                \(first.text(language)) and \(second.text(language)) both hold customer '\(customer)': a customer's uses were counted in two pieces, \
                so free uses would be wrong. Send each customer's lines to one piece (partition by customer_ref) and run the map step again
                """
        case .customerInTwo(let customer, nil, let second):
            return zh ? "客户 '\(customer)' 出现在两个分片中，其中一个是 \(second.text(language))"
                : "customer '\(customer)' is in two pieces, one of them \(second.text(language))"
        case .kindsDiffer(let first, let kind, let other, let otherKind):
            return zh ? "\(first.text(language)) 是\(kind.text(language))分片文件，而 \(other.text(language)) 是\(otherKind.text(language))分片文件：请合并同一种分片文件"
                : "\(first.text(language)) is a \(kind.text(language)) partial and \(other.text(language)) a \(otherKind.text(language)) one: merge partials of one kind"
        case .scopesDiffer(let first, let scope, let other, let otherScope):
            let versions: Bool
            if case .versions = scope { versions = true } else { versions = false }
            return zh ? "\(first.text(language)) 涵盖 \(scope.text(language))，而 \(other.text(language)) 涵盖 \(otherScope.text(language))：请合并同一\(versions ? "对版本" : "期间")的分片文件"
                : "\(first.text(language)) covers \(scope.text(language)) and \(other.text(language)) \(otherScope.text(language)): merge partials of one \(versions ? "pair of versions" : "period")"
        case .banksDiffer(let first, let bank, let other, let otherBank):
            return zh ? "\(first.text(language)) 属于银行 '\(bank)'，而 \(other.text(language)) 属于 '\(otherBank)'：请只合并同一家银行的分片文件"
                : "\(first.text(language)) is of bank '\(bank)' and \(other.text(language)) of '\(otherBank)': merge one bank's partials"
        case .tablesDiffer(let first, let other, let difference):
            return zh ? "\(first.text(language)) 和 \(other.text(language)) 是用不同的收费标准计算的（\(difference.text(language))）：请用同一份收费标准计算每个分片，然后重新运行映射步骤"
                : "\(first.text(language)) and \(other.text(language)) were priced with different tables (\(difference.text(language))): price every piece with the same copy of the tables and run the map steps again"
        case .otherBank(let partials, let given):
            return zh ? "这些分片文件属于银行 '\(partials)'，不是 '\(given)'：请给出 --bank \(partials)"
                : "the partials are of bank '\(partials)', not '\(given)': give --bank \(partials)"
        case .otherTables(let difference):
            return zh ? "这些分片文件所用的收费标准与这里的不同（\(difference.text(language))）：请用映射步骤所用的收费标准合并（给出相同的 --tables 和 --with）"
                : "the partials were priced with other tables than these (\(difference.text(language))): merge with the tables the map steps used (give the same --tables and --with)"
        case .pieceNamedTwice(let source, let piece):
            return zh ? "\(source.text(language)) 两次列出分片 '\(piece)'：\(notWritten)"
                : "\(source.text(language)) names piece '\(piece)' twice: \(notWritten)"
        case .givenTwice(let source):
            return zh ? "\(source.text(language)) 被重复给出：每个分片只能给出一次" : "\(source.text(language)) is given twice: give each piece once"
        case .pieceInTwo(let first, let second, let piece):
            return zh ? "\(first.text(language)) 和 \(second.text(language)) 都含有分片 '\(piece)'（合并后的分片文件含有它合并过的每个分片）：每个分片只给一次"
                : "\(first.text(language)) and \(second.text(language)) both hold piece '\(piece)' (a merged partial holds every piece it merged): give each piece once"
        case .changedBetweenReads(let source):
            return zh ? "\(source.text(language)) 在合并的两次读取之间发生了变化（管道，或仍在写入的文件）：请给出内容不再变化的分片文件"
                : "\(source.text(language)) changed between the merge's two reads (a pipe, or a file still being written): give partial files that stay as they are"
        case .overflow(let counts):
            let what = counts ? (zh ? "笔数" : "counts") : (zh ? "金额" : "sums")
            return zh ? "溢出：各分片文件的\(what)合计超出了精确计算的范围；请每次合并较少的分片"
                : "overflow: the partials' \(what) together are beyond what is computed exactly; merge fewer pieces at a time"
        case .about(let source, let message):
            return source.text(language) + (zh ? "：" : ": ") + message.text(language)
        }
    }
}

/// The report a partial is a piece of: what `fees statement`, `fees impact` and `fees audit`
/// write with `--partial`, named by its `kind` in the partial's header.
public enum PartialKind: String, Sendable, Hashable {
    /// Of `fees statement`, `fees impact`, `fees audit`; the raw value is the header's `kind`.
    case statement, impact, audit

    /// The kind in words of `language`.
    package func text(_ language: TextLanguage) -> String {
        guard language == .chinese else { return rawValue }
        switch self {
        case .statement: return "对账单"
        case .impact: return "调价影响评估"
        case .audit: return "收费核查"
        }
    }
}

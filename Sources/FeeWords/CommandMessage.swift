/// What the `fees` command line says when it is used wrongly or cannot finish, written once per
/// language (zh-Hans and en) like `QuoteMessage`: one case per message, its facts as values.
/// Option names, ids, file names and `YYYY-MM-DD` stay as typed in both languages; the keywords
/// `error:` and `Usage:` that start the lines do not change (scripts and editors read them).
package enum CommandMessage: Sendable, Hashable {
    case unknownOption(String, nearest: String?)
    case optionNeedsValue(option: String, valueName: String)
    case optionTwice(option: String)
    case optionTakesNoValue(option: String)
    case chooseOne(String, String)
    case onlyWith(option: String, flag: String)
    case notWith(option: String, flag: String)
    /// The command needs these options (`--from-version and --to-version`).
    case give([String])
    case unexpectedArgument(String)
    case giveItem
    case giveItemToQuote
    case noItemWithBatch
    case wholeNumber(option: String, from: Int, to: Int)
    case seconds(option: String)
    case watchSeconds
    case cannotOpenLog(path: String, reason: String)
    case unknownCommand(String, nearest: String?)
    case notADate(option: String, text: String)
    /// An option whose value must be one of a few words (`--format must be html, md or txt`).
    case mustBeOneOf(option: String, values: [String])
    case unknownFormat(String)
    case notALanguage(tag: String, bank: String, languages: [String])
    case langNeedsOne(languages: [String])
    /// `fees check --lang` names a language its messages are not written in.
    case notAMessageLanguage(tag: String)
    /// An option that writes several files: `--out DIR` is needed.
    case needsOutDirectory(option: String, per: OutputUnit)
    case largePrintIsForHTML(format: String)
    case statementLargePrintIsForHTML
    case branchOrAllBranches
    case displayIsOneBranchInHTML(leaveOut: [String])
    case cannotCreate(path: String, reason: String)
    case firstVersionHasNothingBefore(version: String)
    case invalidPiece(piece: String, reserved: String)
    case givePeriod
    case periodOrder(from: String, to: String)
    case giveAnnouncedVersion
    case fromVersionNeeded(target: String, from: String)
    case matchesSeveral(option: String, text: String, ids: [String])
    case itemMatchesSeveral(text: String, list: String)
    /// The teller's item that no code or name matches; `closest` lists the nearest, one per line.
    case noItem(text: String, version: String, closest: String?)
    /// `nothing`: what was not done (quoted, served), when the count of errors is given.
    case tablesFailChecks(directory: String, errors: Int?, withDrafts: [String], nothing: Undone?)
    case cannotWriteAnswers(reason: String)
    /// `--out PATH` that cannot be written, and why; what is left at the path.
    case outIsDanglingLink(path: String)
    case outIsDirectory(path: String)
    case outIsNotRegularFile(path: String)
    case outCannotCreate(path: String, reason: String, directory: String)
    case outCannotWrite(path: String, reason: String)
    case outCannotReplace(path: String, reason: String)
    /// A file name of `--all-branches` or `--layout display` that would leave its directory.
    case outNameLeaves(name: String, directory: String)
    case outNameResolvesOutside(name: String, directory: String)
    case cannotWriteOutput(reason: String)
    /// A customer's statement sums beyond exact arithmetic (`fees statement`, which then stops).
    case customerSumsOverflow
    /// A transaction line that could not be priced, as `fees audit` and `fees notify` list them.
    case unpricedLine(id: String, code: String, message: String)
    /// Partials `fees merge` refuses.
    case partial(PartialMessage)
    /// Why `fees serve` cannot start.
    case server(ServerMessage)
    /// A branch closed by the day asked for has no board (a note from `board --all-branches`, a
    /// page of `fees serve`).
    case branchClosed(branch: String, on: String)
    /// What `--layout display --out DIR` wrote: `count` pages, the first named `first`.
    case screensWritten(count: Int, directory: String, first: String)
    /// A quote error named with its code (`unknown_branch: …`).
    case quote(code: String, QuoteMessage)
    /// A quote error's words where the command line reports it as a usage mistake (no code).
    case usage(QuoteMessage)

    /// What one file of a several-file output holds.
    package enum OutputUnit: Sendable, Hashable {
        case screen, branch
    }

    /// What a command did not do because its tables failed their checks.
    package enum Undone: Sendable, Hashable {
        case quoted, served
    }

    /// The message in `language`.
    package func text(_ language: TextLanguage) -> String {
        let zh = language == .chinese
        func list(_ ids: [String]) -> String { ids.joined(separator: ", ") }
        func alternatives(_ words: [String]) -> String {
            guard let last = words.last, words.count > 1 else { return words.first ?? "" }
            return words.dropLast().joined(separator: zh ? "、" : ", ") + (zh ? " 或 " : " or ") + last
        }
        func near(_ id: String?) -> String { language.didYouMean(id) }
        switch self {
        case .unknownOption(let option, let nearest):
            return zh ? "未知选项 '\(option)'\(near(nearest))" : "unknown option '\(option)'\(near(nearest))"
        case .optionNeedsValue(let option, let valueName):
            return zh ? "选项 '--\(option)' 需要一个值：--\(option) \(valueName)" : "option '--\(option)' needs a value: --\(option) \(valueName)"
        case .optionTwice(let option):
            return zh ? "选项 '--\(option)' 重复给出" : "option '--\(option)' is given twice"
        case .optionTakesNoValue(let option):
            return zh ? "选项 '--\(option)' 不接受值" : "option '--\(option)' takes no value"
        case .chooseOne(let a, let b):
            return zh ? "--\(a) 和 --\(b) 只能选一个" : "choose one of --\(a) and --\(b)"
        case .onlyWith(let option, let flag):
            return zh ? "选项 '--\(option)' 只能与 --\(flag) 一起使用" : "option '--\(option)' applies only with --\(flag)"
        case .notWith(let option, let flag):
            return zh ? "选项 '--\(option)' 不适用于 --\(flag)：请去掉它" : "option '--\(option)' does not apply with --\(flag): leave it out"
        case .give(let options):
            return zh ? "请给出 " + options.joined(separator: " 和 ") : "give " + options.joined(separator: " and ")
        case .unexpectedArgument(let argument):
            return zh ? "多余的参数 '\(argument)'" : "unexpected argument '\(argument)'"
        case .giveItem:
            return zh ? "请给出要查看的服务项目" : "give the item to show"
        case .giveItemToQuote:
            return zh ? "请给出要计费的服务项目，或用 --jsonl 批量计费" : "give the item to quote, or --jsonl for the batch mode"
        case .noItemWithBatch:
            return zh ? "--jsonl 从标准输入读取请求；请不要给出 ITEM" : "--jsonl reads requests from standard input; give no ITEM"
        case .wholeNumber(let option, let from, let to):
            return zh ? "\(option) 取 \(from) 至 \(to) 的整数" : "\(option) takes a whole number from \(from) to \(to)"
        case .seconds(let option):
            return zh ? "\(option) 取大于 0 的秒数，例如 10 或 0.5" : "\(option) takes a number of seconds above 0, such as 10 or 0.5"
        case .watchSeconds:
            return zh ? "--watch 取两次查看之间的秒数，0 至 3600（0：只在收到 SIGHUP 时）" : "--watch takes seconds between looks, 0 to 3600 (0: only on SIGHUP)"
        case .cannotOpenLog(let path, let reason):
            return zh ? "无法打开访问日志 '\(path)'：\(reason)" : "cannot open the access log '\(path)': \(reason)"
        case .unknownCommand(let command, let nearest):
            return zh ? "未知命令 '\(command)'\(near(nearest))" : "unknown command '\(command)'\(near(nearest))"
        case .notADate(let option, let text):
            return zh ? "\(option) '\(text)' 不是日期：请按 YYYY-MM-DD 给出" : "\(option) '\(text)' is not a date: give YYYY-MM-DD"
        case .mustBeOneOf(let option, let values):
            return zh ? "\(option) 只能是 \(alternatives(values))" : "\(option) must be \(alternatives(values))"
        case .unknownFormat(let format):
            return zh ? "未知的 --format '\(format)'" : "unknown --format '\(format)'"
        case .notALanguage(let tag, let bank, let languages):
            return zh ? "'\(tag)' 不是 \(bank) 的语言；可用：\(list(languages))" : "'\(tag)' is not a language of \(bank); use one of: \(list(languages))"
        case .langNeedsOne(let languages):
            return zh ? "--lang 需要一种语言：\(list(languages)) 之一" : "--lang needs a language: one of \(list(languages))"
        case .notAMessageLanguage(let tag):
            return zh ? "--lang '\(tag)' 不是消息所用的语言：请给出 zh-Hans 或 en" : "--lang '\(tag)' is not a language of the messages: give zh-Hans or en"
        case .needsOutDirectory(let option, let per):
            switch per {
            case .screen: return zh ? "\(option) 每屏写一页：请给出 --out DIR" : "\(option) writes one page per screen: give --out DIR"
            case .branch: return zh ? "\(option) 每个网点写一个文件：请给出 --out DIR" : "\(option) writes one file per branch: give --out DIR"
            }
        case .largePrintIsForHTML(let format):
            return zh ? "--large-print 用于 HTML（打印和屏幕显示页面的字号）；使用 --format \(format) 时请去掉它"
                : "--large-print is for HTML (the type size of the printed and shown page); leave it out with --format \(format)"
        case .statementLargePrintIsForHTML:
            return zh ? "--large-print 用于 HTML（对账单或信函）：请给出 --format html，或去掉它"
                : "--large-print is for HTML (the statement or the letters): give --format html, or leave it out"
        case .branchOrAllBranches:
            return zh ? "请给出 --branch 或 --all-branches 之一" : "give either --branch or --all-branches"
        case .displayIsOneBranchInHTML(let leaveOut):
            return zh ? "--layout display 是一个网点的 HTML 屏幕页：请去掉 " + leaveOut.joined(separator: " 和 ")
                : "--layout display is one branch's screens in HTML: leave out " + leaveOut.joined(separator: " and ")
        case .cannotCreate(let path, let reason):
            return zh ? "无法创建 '\(path)'：\(reason)" : "cannot create '\(path)': \(reason)"
        case .firstVersionHasNothingBefore(let version):
            return zh ? "'\(version)' 版是第一个版本：没有可比较的旧版本；请给出更晚的 --to"
                : "version '\(version)' is the first: there is nothing to compare it with; give a later --to"
        case .invalidPiece(let piece, let reserved):
            return zh ? "--piece '\(piece)' 不能作为分片名：请给出非空、可打印、且不是 '\(reserved)' 的名称（例如计算引擎的任务编号）"
                : "--piece '\(piece)' cannot name a piece: give a non-empty printable name other than '\(reserved)' (e.g. the engine's task id)"
        case .givePeriod:
            return zh ? "请以 --from YYYY-MM-DD --to YYYY-MM-DD 给出期间（起日不晚于止日）"
                : "give the period as --from YYYY-MM-DD --to YYYY-MM-DD (from on or before to)"
        case .periodOrder(let from, let to):
            return zh ? "--from \(from) 晚于 --to \(to)；请按先后给出期间" : "--from \(from) is after --to \(to); give the period in order"
        case .giveAnnouncedVersion:
            return zh ? "请给出 --for VERSION，即已公告的版本" : "give --for VERSION, the announced version"
        case .fromVersionNeeded(let target, let from):
            return zh ? "请给出 --from-version：'\(target)' 是第一个版本，或 '\(from)' 不是版本"
                : "give --from-version: '\(target)' is the first version, or '\(from)' is not a version"
        case .matchesSeveral(let option, let text, let ids):
            return zh ? "--\(option) '\(text)' 匹配多个：\(list(ids))；请给出 id（见 'fees vocabulary'）"
                : "--\(option) '\(text)' matches several: \(list(ids)); give the id (see 'fees vocabulary')"
        case .itemMatchesSeveral(let text, let list):
            return zh ? "unknown_item: '\(text)' 匹配多个服务项目；请多给出代码的一部分：\n\(list)"
                : "unknown_item: '\(text)' matches several items; give more of the code:\n\(list)"
        case .noItem(let text, let version, let closest):
            guard let closest else {
                return zh ? "unknown_item: '\(version)' 版中没有服务项目 '\(text)'；运行 'fees items' 查看全部服务项目"
                    : "unknown_item: no item '\(text)' in version '\(version)'; run 'fees items' to list the items"
            }
            return zh ? "unknown_item: '\(version)' 版中没有服务项目 '\(text)'。最接近的服务项目：\n\(closest)"
                : "unknown_item: no item '\(text)' in version '\(version)'. Closest items:\n\(closest)"
        case .tablesFailChecks(let directory, let errors, let drafts, let nothing):
            let run = "fees check --tables \(directory)" + drafts.map { " --with \($0)" }.joined()
            if let errors, let nothing {
                let undone = nothing == .quoted ? (zh ? "没有计费" : "nothing was quoted") : (zh ? "不提供服务" : "nothing is served")
                let s = errors == 1 ? "" : "s"
                return zh ? "'\(directory)' 中的收费标准未通过检查（\(errors) 个错误）；\(undone)。请运行 '\(run)'。"
                    : "the tables in '\(directory)' fail their checks (\(errors) error\(s)); \(undone). Run '\(run)'."
            }
            let with = drafts.isEmpty ? "" : (zh ? "（连同所给草稿）" : " with the drafts given")
            return zh ? "'\(directory)' 中的收费标准\(with)未通过检查；请运行 '\(run)'"
                : "the tables in '\(directory)'\(with) fail their checks; run '\(run)'"
        case .outIsDanglingLink(let path):
            return zh ? "无法写入 '\(path)'：它是指向不存在位置的符号链接；请给出文件路径" : "cannot write '\(path)': it is a symbolic link to a missing place; give a file path"
        case .outIsDirectory(let path):
            return zh ? "无法写入 '\(path)'：它是目录；请给出文件路径" : "cannot write '\(path)': it is a directory; give a file path"
        case .outIsNotRegularFile(let path):
            return zh ? "无法写入 '\(path)'：它不是普通文件（设备、管道或套接字），会被替换；去掉 --out 即写到标准输出"
                : "cannot write '\(path)': it is not a regular file (a device, pipe or socket) and would be replaced; leave out --out to write standard output"
        case .outCannotCreate(let path, let reason, let directory):
            return zh ? "无法写入 '\(path)'：\(reason)；请确认目录 '\(directory)' 存在且可写"
                : "cannot write '\(path)': \(reason); check that the directory '\(directory)' exists and is writable"
        case .outCannotWrite(let path, let reason):
            return zh ? "无法写入 '\(path)'：\(reason)；原有文件（如有）未改动" : "cannot write '\(path)': \(reason); the previous file, if any, is unchanged"
        case .outCannotReplace(let path, let reason):
            return zh ? "无法替换 '\(path)'：\(reason)；原有文件（如有）未改动" : "cannot replace '\(path)': \(reason); the previous file, if any, is unchanged"
        case .outNameLeaves(let name, let directory):
            return zh ? "拒绝文件名 '\(name)'：它可能离开 '\(directory)'" : "refusing the file name '\(name)': it could leave '\(directory)'"
        case .outNameResolvesOutside(let name, let directory):
            return zh ? "拒绝 '\(name)'：它解析到 '\(directory)' 之外" : "refusing '\(name)': it resolves outside '\(directory)'"
        case .cannotWriteAnswers(let reason):
            return zh ? "无法写出答复：\(reason)" : "cannot write the answers: \(reason)"
        case .cannotWriteOutput(let reason):
            return zh ? "无法写入标准输出：\(reason)；输出不完整" : "cannot write standard output: \(reason); the output is incomplete"
        case .customerSumsOverflow:
            return zh ? "溢出：某位客户的合计超出了精确计算的范围" : "overflow: a customer's sums are beyond what is computed exactly"
        case .unpricedLine(let id, let code, let message):
            if id.isEmpty { return zh ? "行（无 id）：\(code)：\(message)" : "line (no id): \(code): \(message)" }
            return zh ? "行 \(id)：\(code)：\(message)" : "line \(id): \(code): \(message)"
        case .quote(let code, let message):
            return "\(code): " + message.text(language)
        case .usage(let message):
            return message.text(language)
        case .partial(let message):
            return message.text(language)
        case .server(let message):
            return message.text(language)
        case .branchClosed(let branch, let on):
            return zh ? "网点 '\(branch)' 已于 \(on) 关闭：没有公示" : "branch '\(branch)' closed on \(on): it has no board"
        case .screensWritten(let count, let directory, let first):
            return zh ? "已在 \(directory) 写入 \(count) 屏：在网点的屏幕上打开 \(directory)/\(first)"
                : "\(count) screen\(count == 1 ? "" : "s") in \(directory): open \(directory)/\(first) on the branch's screen"
        }
    }

    /// The usage line (its keyword `Usage:` in both languages), and the pointer to the help of
    /// `command` ("" for `fees --help`).
    package static func usage(_ line: String, help command: String?, _ language: TextLanguage) -> String {
        let zh = language == .chinese
        var s = "Usage: " + line + "\n"
        if let command {
            let help = command.isEmpty ? "fees --help" : "fees \(command) --help"
            s += zh ? "参见 '\(help)'。\n" : "See '\(help)'.\n"
        }
        return s
    }
}

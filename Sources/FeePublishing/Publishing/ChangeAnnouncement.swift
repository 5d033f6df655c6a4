import FeeValues
import FeeCore
import FeeWords

/// The change announcement (调价公告) of a version against the one before it: new, raised, lowered
/// and removed fees with old and new prices, waiver changes, dates, notice period and contacts.
public struct ChangeAnnouncement: Sendable {
    /// The bank whose version is announced.
    public let bank: Bank
    /// The version before `version` in the bank's order, which the announcement compares with.
    public let previous: FeeTable
    /// The version announced.
    public let version: FeeTable
    /// The language tags the announcement is written in, in order; the bank's languages by default.
    public let languages: [String]

    /// The announcement of `version`; nil for the first version, which has nothing to compare with.
    public init?(bank: Bank, version: FeeTable, languages: [String]? = nil) {
        guard let index = bank.versions.firstIndex(where: { $0.version == version.version }), index > 0 else { return nil }
        self.bank = bank
        self.previous = bank.versions[index - 1]
        self.version = version
        self.languages = languages ?? bank.profile.languages
    }

    /// What changes from `previous` to `version`, computed anew on each use.
    public var diff: VersionDiff { VersionDiff(from: previous, to: version) }

    /// The announcement as a document, for any renderer.
    public var document: Document {
        let parts = NoticeParts(bank: bank.profile, table: version, languages: languages)
        let lang = parts.lang
        let diff = self.diff
        let notice = version.announcedOn.days(to: version.effectiveFrom)
        let title = lang.say("收费标准调整公告", "Notice of fee changes")
        var blocks: [DocBlock] = [.heading(level: 1, lang.text(bank.profile.name)), .heading(level: 2, title)]
        blocks.append(.facts([
            (lang.say("公告日期", "Announced on"), lang.same("\(version.announcedOn)")),
            (lang.say("执行日期", "Takes effect on"), lang.same("\(version.effectiveFrom)")),
            (lang.say("提前公告", "Notice given"), lang.each { _, L in L.pick("\(notice) 天（规定不少于 \(bank.profile.noticeDays) 天，仅适用于上调）", "\(notice) days (at least \(bank.profile.noticeDays) are required for raises)") }),
            (lang.say("新版本", "New version"), lang.same("\(version.version)  \(version.fingerprintGroups)")),
            (lang.say("原版本", "Replaces"), lang.same("\(previous.version)  \(previous.fingerprintGroups)")),
            (lang.say("适用客户", "Who is affected"), lang.say("使用下列服务的全部个人客户", "All personal customers who use the services below")),
        ]))
        blocks.append(.paragraph(lang.each { _, L in
            L.pick("尊敬的客户：根据《商业银行服务价格管理办法》，本行将自 \(version.effectiveFrom) 起调整以下服务价格。调整前您仍可按现行价格办理。",
                   "Dear customer: under the commercial bank service price rules we will change the prices below from \(version.effectiveFrom). Until then the current prices apply.")
        }))
        let groups: [(PriceChange, String, String)] = [(.raised, "上调的收费", "Raised fees"), (.mixed, "调整的收费", "Changed fees"),
                                                       (.new, "新增的收费项目", "New services"), (.lowered, "下调的收费", "Lowered fees"),
                                                       (.removed, "取消的收费项目", "Withdrawn services")]
        for (change, zh, en) in groups {
            let rows = parts.changeRows(diffSlice(diff, change))
            guard !rows.isEmpty else { continue }
            blocks.append(.heading(level: 2, lang.say(zh, en)))
            blocks.append(.table(className: "changes", columns: parts.changeColumns, rows: rows))
        }
        if !diff.waivers.isEmpty {
            blocks.append(.heading(level: 2, lang.say("优惠措施调整", "Changes to discounts and waivers")))
            blocks.append(.table(className: "changes", columns: [lang.say("优惠项目", "Discount"), lang.say("调整前", "Before"), lang.say("调整后", "After"), lang.say("变化", "Change")],
                                 rows: parts.waiverChangeRows(diff)))
        }
        if diff.isEmpty {
            blocks.append(.paragraph(lang.say("本次调整不改变任何收费金额。", "This version changes no fee.")))
        }
        blocks.append(.heading(level: 2, lang.say("咨询与投诉", "Questions and complaints")))
        blocks.append(parts.contacts(branch: nil))
        blocks.append(parts.footer(generated: version.announcedOn))
        return Document(languages: languages, title: lang.each { tag, L in "\(bank.profile.name.text(tag)) · " + L.pick("收费标准调整公告", "Notice of fee changes") }, blocks: blocks,
                        options: PageOptions(pageMark: version.pageMark))
    }
}

/// The item changes of one kind, for one table of the announcement.
private func diffSlice(_ diff: VersionDiff, _ change: PriceChange) -> VersionDiff {
    var copy = diff
    copy.items = diff.items.filter { $0.change == change }
    copy.waivers = []
    return copy
}

import FeeValues
import FeeCore
import FeeWords

/// The full price catalogue for the website: every version, newest first, with its status,
/// dates, fingerprint, items and waivers — the record of every change (明码标价 keeps them all).
public struct PriceCatalogue: Sendable {
    /// The bank whose versions are listed.
    public let bank: Bank
    /// The day each version's status is given for.
    public let date: CalendarDate
    /// The language tags of the catalogue, in order; the bank's languages by default.
    public let languages: [String]

    /// The catalogue of every version of `bank`, with statuses on `date`, in `languages` (default: the bank's).
    public init(bank: Bank, date: CalendarDate, languages: [String]? = nil) {
        self.bank = bank
        self.date = date
        self.languages = languages ?? bank.profile.languages
    }

    /// The catalogue as a document, for any renderer.
    public var document: Document {
        let lang = DocLanguages(languages)
        var blocks: [DocBlock] = [.heading(level: 1, lang.text(bank.profile.name)), .heading(level: 2, lang.say("服务价格目录（全部版本）", "Price catalogue: every version"))]
        blocks.append(.table(className: "versions",
                             columns: [lang.say("版本", "Version"), lang.say("公告日期", "Announced"), lang.say("生效日期", "Effective"), lang.say("状态", "Status"), lang.say("版本指纹", "Fingerprint")],
                             rows: bank.versions.reversed().map { t in
                                 [lang.same(t.version), lang.same("\(t.announcedOn)"), lang.same("\(t.effectiveFrom)"),
                                  lang.each { _, L in VersionWords.status(bank.status(of: t, on: date), L) }, lang.same(t.fingerprintGroups)]
                             }))
        for (index, table) in bank.versions.enumerated().reversed() {
            let parts = NoticeParts(bank: bank.profile, table: table, languages: languages)
            blocks.append(.heading(level: 2, lang.each { _, L in
                L.pick("收费标准 \(table.version) 版（\(VersionWords.status(bank.status(of: table, on: date), L))）", "Fee table \(table.version) (\(VersionWords.status(bank.status(of: table, on: date), L)))")
            }))
            blocks.append(.paragraph(lang.each { _, L in
                L.pick("\(table.announcedOn) 公告，\(table.effectiveFrom) 起执行；版本指纹 \(table.fingerprintGroups)。", "Announced \(table.announcedOn), in effect from \(table.effectiveFrom); fingerprint \(table.fingerprintGroups).")
            }))
            if index > 0 {
                let diff = VersionDiff(from: bank.versions[index - 1], to: table)
                if !diff.items.isEmpty {
                    blocks.append(.heading(level: 3, lang.say("与上一版本相比", "Compared with the version before")))
                    blocks.append(.table(className: "changes", columns: parts.changeColumns, rows: parts.changeRows(diff)))
                }
            }
            blocks += parts.itemSections(table.items).map { block in
                if case .section(_, let inner) = block { return .section(className: "category", inner.map(Self.demote)) }
                return block
            }
            if !table.waivers.isEmpty {
                blocks.append(.heading(level: 3, lang.say("优惠减免措施", "Discounts and waivers")))
                blocks.append(parts.waiverTable(table.waivers))
            }
        }
        blocks.append(.heading(level: 2, lang.say("咨询与投诉", "Questions and complaints")))
        blocks.append(NoticeParts(bank: bank.profile, table: bank.versions.last!, languages: languages).contacts(branch: nil))
        return Document(languages: languages, title: lang.each { tag, L in "\(bank.profile.name.text(tag)) · " + L.pick("服务价格目录", "Price catalogue") }, blocks: blocks,
                        options: PageOptions(pageMark: bank.versions.last.map { "\(bank.id) · " + $0.pageMark }))
    }

    private static func demote(_ block: DocBlock) -> DocBlock {
        if case .heading(let level, let t) = block { return .heading(level: level + 1, t) }
        return block
    }
}

import FeeValues

extension BankProfile {
    /// Reads `bank.json` (spec §1.1); returns nil when it has errors, which `reader` then holds.
    package static func read(_ reader: inout TableReader, directoryName: String) -> BankProfile? {
        guard let root = reader.parse() else { return nil }
        guard let f = reader.object(root, "", allowed: ["format", "id", "name", "languages", "notice_days", "contacts", "branches"],
                                    required: ["format", "id", "name", "languages", "contacts"]) else { return nil }
        if let node = f["format"], let format = reader.string(node, "format"), format != "fee-bank/1" {
            reader.report(.unsupportedFormat, "format", at: node.offset, .unsupportedFormat(found: format, expected: "fee-bank/1"))
        }
        let id = f["id"].flatMap { reader.id($0, "id", what: .bank) }
        if let id, id != directoryName, let node = f["id"] {
            reader.report(.bankIdMismatch, "id", at: node.offset, .bankIdMismatch(id: id, directory: directoryName))
        }
        let languages = readLanguages(&reader, f)
        reader.languages = languages ?? []
        let name = f["name"].flatMap { reader.localized($0, "name") }
        var noticeDays = 90
        if let node = f["notice_days"], let n = reader.integer(node, "notice_days", range: noticeDaysRange) { noticeDays = n }
        let contacts = f["contacts"].flatMap { readContacts(&reader, $0) }
        var branches: [Branch] = []
        if let node = f["branches"], let elements = reader.array(node, "branches") {
            var seen = UniqueIDs()
            for (element, path) in elements {
                let before = reader.errorCount
                guard let b = reader.unlessReported(readBranch(&reader, element, path), since: before, path,
                                                    at: element.offset, what: .declared(.branch)) else { continue }
                if !seen.insert(b.id) {
                    reader.report(.duplicateId, JSONPath.key(path, "id"), at: element.offset, .duplicateBranch(id: b.id))
                }
                branches.append(b)
            }
        }
        guard !reader.hasErrors, let id, let name, let languages, let contacts else { return nil }
        // Every rule of the profile was reported above; one the model still refuses is reported rather than dropped.
        return reader.unlessReported(try? BankProfile(id: id, name: name, languages: languages, noticeDays: noticeDays,
                                                      contacts: contacts, branches: branches),
                                     since: 0, "", at: 0, what: .bankProfile)
    }

    private static func readLanguages(_ reader: inout TableReader, _ f: Fields) -> [String]? {
        guard let node = f["languages"], let elements = reader.array(node, "languages") else { return nil }
        if flaw(languageCount: elements.count) == .noLanguages {
            reader.report(.noLanguages, "languages", at: node.offset, .noLanguages)
            return nil
        }
        var tags: [String] = []
        var seen = UniqueIDs()
        for (element, path) in elements {
            guard let tag = reader.string(element, path) else { continue }
            if !isLanguageTag(tag) {
                reader.report(.invalidLanguageTag, path, at: element.offset, .invalidLanguageTag(tag: tag))
                continue
            }
            if !seen.insert(tag) {
                reader.report(.duplicateId, path, at: element.offset, .languageListedTwice(tag: tag))
                continue
            }
            tags.append(tag)
        }
        reader.listedLanguages = tags
        return tags.count == elements.count ? tags : nil
    }

    private static func readContacts(_ reader: inout TableReader, _ node: Node) -> Contacts? {
        guard let f = reader.object(node, "contacts", allowed: ["hotline", "complaints", "website", "address"], required: ["hotline"]) else { return nil }
        let hotline = f["hotline"].flatMap { reader.nonEmptyString($0, "contacts.hotline") }
        let complaints = f["complaints"].flatMap { reader.nonEmptyString($0, "contacts.complaints") }
        let website = f["website"].flatMap { reader.nonEmptyString($0, "contacts.website") }
        let address = reader.optionalLocalized(f, "address")
        guard let hotline else { return nil }
        return try? Contacts(hotline: hotline, complaints: complaints, website: website, address: address)
    }

    private static func readBranch(_ reader: inout TableReader, _ node: Node, _ path: String) -> Branch? {
        guard let f = reader.object(node, path, allowed: ["id", "name", "address", "phone", "closed_on"], required: ["id", "name", "address"]) else { return nil }
        let id = f["id"].flatMap { reader.id($0, f.childPath("id"), what: .declared(.branch)) }
        let name = f["name"].flatMap { reader.localized($0, f.childPath("name")) }
        let address = f["address"].flatMap { reader.localized($0, f.childPath("address")) }
        let phone = f["phone"].flatMap { reader.nonEmptyString($0, f.childPath("phone")) }
        let closedOn = f["closed_on"].flatMap { reader.date($0, f.childPath("closed_on")) }
        guard let id, let name, let address else { return nil }
        return try? Branch(id: id, name: name, address: address, phone: phone, closedOn: closedOn)
    }
}

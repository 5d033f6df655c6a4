import FeeKit

/// `fees items`: list or search the items in effect on a day, by category.
enum ItemsCommand: Command {
    static let name = "items"
    static let summary = "List or search items (code, names, unit, price in words), grouped by category."
    static let operands = "[QUERY]"
    static let options = [Session.dateOption, Session.langOption, tablesOption, Session.bankOption]
    static let examples = ["fees items", "fees items 转账 --lang en", "fees items card --date 2027-01-01"]

    static func run(_ args: Arguments) -> Int32 {
        guard args.positionals.count <= 1 else {
            return usageMistake(.unexpectedArgument(args.positionals[1]))
        }
        return Session.open(args, for: self).run { session in session.table().run { table in
            Console.out(CatalogueListing(bank: session.bank, tag: session.tag).items(table, matching: args.positionals.first))
            return ExitCode.success
        } }
    }
}

/// `fees show`: one item's full record and its price history across every version.
enum ShowCommand: Command {
    static let name = "show"
    static let summary = "Show an item's full record, its waivers and its price in every version."
    static let operands = "ITEM"
    static let options = [Session.dateOption, Session.langOption, tablesOption, Session.bankOption]
    static let examples = ["fees show remit.overseas", "fees show card.reissue --lang en"]

    static func run(_ args: Arguments) -> Int32 {
        guard args.positionals.count == 1 else {
            return usageMistake(args.positionals.isEmpty ? .giveItem : .unexpectedArgument(args.positionals[1]))
        }
        return Session.open(args, for: self).run { session in
            // An item may exist only in an announced version: look in the version in effect, else the latest.
            guard let table = session.bank.version(on: session.date) ?? session.bank.versions.last else { return ExitCode.failure }
            var found = session.item(args.positionals[0], in: table)
            if case .failure = found, let latest = session.bank.versions.last, latest.version != table.version,
               case .success(let later) = session.item(args.positionals[0], in: latest) {
                found = .success(later)
                return found.run { item in
                    Console.out(CatalogueListing(bank: session.bank, tag: session.tag).show(item, in: latest, on: session.date))
                    return ExitCode.success
                }
            }
            return found.run { item in
                Console.out(CatalogueListing(bank: session.bank, tag: session.tag).show(item, in: table, on: session.date))
                return ExitCode.success
            }
        }
    }
}

/// `fees versions`: every version with its dates, status and fingerprint.
enum VersionsCommand: Command {
    static let name = "versions"
    static let summary = "List the versions with announced and effective dates, status and fingerprint."
    static let options = [Session.dateOption, Session.langOption, tablesOption, Session.bankOption]
    static let examples = ["fees versions", "fees versions --date 2027-01-01 --lang en"]

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        return Session.open(args, for: self).run { session in
            Console.out(CatalogueListing(bank: session.bank, tag: session.tag).versions(on: session.date))
            return ExitCode.success
        }
    }
}

/// `fees vocabulary`: the tiers, segments, channels, reasons and branches a quote may name.
enum VocabularyCommand: Command {
    static let name = "vocabulary"
    static let summary = "List the tiers, segments, channels, reasons and branches, with their ids and names."
    static let options = [Session.dateOption, Session.langOption, tablesOption, Session.bankOption]
    static let examples = ["fees vocabulary", "fees vocabulary --lang en --date 2027-01-01"]

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        return Session.open(args, for: self).run { session in session.table().run { table in
            Console.out(CatalogueListing(bank: session.bank, tag: session.tag).vocabulary(table, on: session.date))
            return ExitCode.success
        } }
    }
}

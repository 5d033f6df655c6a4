import FeeValues

/// The checks of spec §5 that span a bank's versions: unique versions and dates, and the notice period.
public enum CatalogueChecker {
    static func crossVersionProblems(bank: BankProfile, versions: [LoadedVersion]) -> [Problem] {
        var problems: [Problem] = []
        let sorted = versions.sorted { ($0.table.effectiveFrom, $0.file) < ($1.table.effectiveFrom, $1.file) }
        // Unique version ids and effective dates: the bank's rule (`Bank.flaws`), reported in file order.
        let byFile = versions.sorted(by: { $0.file < $1.file })
        for flaw in Bank.flaws(byFile.map(\.table)) {
            switch flaw {
            case .repeatedVersion(let i, let first):
                let v = byFile[i], other = byFile[first]
                problems.append(Problem(severity: .error, rule: .duplicateVersion, file: v.file, path: "version",
                                        position: v.position(of: "version"),
                                        detail: .duplicateVersion(version: v.table.version, otherFile: other.file)))
            case .repeatedEffectiveFrom(let i, let first):
                let v = byFile[i], other = byFile[first]
                problems.append(Problem(severity: .error, rule: .duplicateEffectiveFrom, file: v.file, path: "effective_from",
                                        position: v.position(of: "effective_from"),
                                        detail: .duplicateEffectiveFrom(date: v.table.effectiveFrom, otherFile: other.file)))
            }
        }
        for (previous, current) in zip(sorted, sorted.dropFirst()) where previous.table.effectiveFrom < current.table.effectiveFrom {
            problems += compare(previous: previous, current: current, bank: bank)
        }
        return problems
    }

    /// Raises of `current` against `previous` that lack notice, and warnings for changed waiver conditions.
    static func compare(previous: LoadedVersion, current: LoadedVersion, bank: BankProfile) -> [Problem] {
        var problems: [Problem] = []
        let old = previous.table, new = current.table
        // Spec §5 (revised): customers can know of a raise only from the later of the two
        // announcements. A lowering announced after a later raise turns that raise into news.
        let knownFrom = Swift.max(new.announcedOn, old.announcedOn)
        let notice = knownFrom.days(to: new.effectiveFrom)
        let shortNotice = notice < bank.noticeDays

        func raise(_ path: String, _ what: CheckMessage.Raise) {
            guard shortNotice else { return }
            let effectiveAt = knownFrom.adding(days: bank.noticeDays)
            let message: CheckMessage
            if old.announcedOn > new.announcedOn {
                message = .raiseLearnedLate(what, version: new.version, announcedOn: new.announcedOn, effectiveFrom: new.effectiveFrom,
                                            previous: old.version, previousAnnouncedOn: old.announcedOn,
                                            notice: notice, required: bank.noticeDays, effectiveAt: effectiveAt)
            } else {
                message = .raiseShortNotice(what, version: new.version, notice: notice, required: bank.noticeDays,
                                            announceBy: new.effectiveFrom.adding(days: -bank.noticeDays), effectiveAt: effectiveAt)
            }
            problems.append(Problem(severity: .error, rule: .noticePeriod, file: current.file, path: path,
                                    position: current.position(of: path), detail: message))
        }

        for (k, w) in new.waivers.enumerated() {
            guard let ow = old.waivers.first(where: { $0.id == w.id }) else { continue }
            if ow.conditions != w.conditions || ow.appliesTo != w.appliesTo {
                let path = JSONPath.index("waivers", k)
                problems.append(Problem(severity: .warning, rule: .waiverConditionsChanged, file: current.file, path: path,
                                        position: current.position(of: path),
                                        detail: .waiverConditionsChanged(id: w.id, version: old.version)))
            }
        }
        guard shortNotice else { return problems }

        if old.currency != new.currency {
            raise("currency", .currency(from: old.currency.code, fromDigits: old.currency.minorDigits, to: new.currency.code, toDigits: new.currency.minorDigits))
            return problems
        }
        let digits = new.currency.minorDigits
        for (i, item) in new.items.enumerated() {
            if let oldItem = old.item(item.code) {
                if let w = FeeComparison.firstRaise(old: oldItem.fee, oldRounding: old.rounding, new: item.fee,
                                                    newRounding: new.rounding, minorDigits: digits) {
                    raise(JSONPath.key(JSONPath.index("items", i), "fee"), describe(w, item: item.code, digits: digits))
                }
            } else if !FeeComparison.isAlwaysFree(item.fee, rounding: new.rounding, minorDigits: digits) {
                raise(JSONPath.index("items", i), .newItem(code: item.code))
            }
        }
        for ow in old.waivers {
            if let until = ow.conditions.until, until < new.effectiveFrom { continue }
            guard let k = new.waivers.firstIndex(where: { $0.id == ow.id }) else {
                raise("waivers", .waiverRemoved(id: ow.id, version: old.version))
                continue
            }
            let path = JSONPath.index("waivers", k)
            switch (ow.effect, new.waivers[k].effect) {
            case let (.percentOff(a), .percentOff(b)) where b < a:
                raise(JSONPath.key(path, "percent_off"), .percentOffFalls(id: ow.id, from: a.text, to: b.text))
            case let (.amountOff(a), .amountOff(b)) where b < a:
                raise(JSONPath.key(path, "amount_off"), .amountOffFalls(id: ow.id, from: a.groupedText(minorDigits: digits), to: b.groupedText(minorDigits: digits)))
            case let (.fixedFee(a), .fixedFee(b)) where b > a:
                raise(JSONPath.key(path, "fee"), .waiverFeeRises(id: ow.id, from: a.groupedText(minorDigits: digits), to: b.groupedText(minorDigits: digits)))
            case (.percentOff, .percentOff), (.amountOff, .amountOff), (.fixedFee, .fixedFee):
                break
            case (_, let effect) where !effect.isFullWaiver:
                raise(path, .effectKindChanges(id: ow.id))
            default:
                break
            }
        }
        return problems
    }

    /// The raise of `item`'s fee that `w` witnesses: "from 10.00 to 12.00 for an amount of 50,000.00" or "… for 26 units".
    static func describe(_ w: RaiseWitness, item: String, digits: Int) -> CheckMessage.Raise {
        let at: CheckMessage.RaisePoint
        switch w.domain {
        case .amount: at = .amount(Money(minorUnits: w.point).groupedText(minorDigits: digits))
        case .quantity: at = .units(Int(clamping: w.point))   // a quantity is at most 1,000,000
        }
        return .fee(item: item, from: w.oldFee.groupedText(minorDigits: digits), to: w.newFee.groupedText(minorDigits: digits), at: at)
    }
}

extension CatalogueChecker {
    /// Notes for the waivers and promotions in effect on `date` that end within `days` (spec §5
    /// and the rule that customers are told when a discount ends and the regular price resumes):
    /// a waiver's `until`, or a waiver the next version drops when that version takes effect.
    public static func endingWaivers(in catalogue: Catalogue, directory: String, files: [String: String] = [:],
                                     on date: CalendarDate, within days: Int = 30) -> [Problem] {
        var notes: [Problem] = []
        guard let horizon = date.adding(days: days) else { return notes }
        for bank in catalogue.banks {
            guard let current = bank.version(on: date) else { continue }
            let next = bank.versions.first { $0.effectiveFrom > date && $0.effectiveFrom <= horizon }
            // The file the version came from: a draft's own path, else the bank's folder.
            let file = files[bank.id + "/" + current.version] ?? CatalogueLoader.join(CatalogueLoader.join(directory, bank.id), current.fileName)
            for (k, w) in current.waivers.enumerated() {
                // Only what is still running on the day can end: a promotion already over is not news.
                if let until = w.conditions.until, until < date { continue }
                var end: CalendarDate?
                var how: CheckMessage.Ending?
                if let until = w.conditions.until, until >= date, until <= horizon {
                    end = until
                    how = .until(until)
                }
                if end == nil, let next, !next.waivers.contains(where: { $0.id == w.id }) {
                    end = next.effectiveFrom.adding(days: -1)
                    how = .droppedBy(version: next.version, from: next.effectiveFrom)
                }
                guard let end, let how else { continue }
                notes.append(Problem(severity: .note, rule: .waiverEnding, file: file, path: JSONPath.index("waivers", k), position: nil,
                                     detail: .waiverEnding(id: w.id, name: w.name, ends: end, daysLeft: date.days(to: end), why: how)))
            }
        }
        return notes
    }
}

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
                                        message: "the version id '\(v.table.version)' is also used by \(other.file); every version needs its own id"))
            case .repeatedEffectiveFrom(let i, let first):
                let v = byFile[i], other = byFile[first]
                problems.append(Problem(severity: .error, rule: .duplicateEffectiveFrom, file: v.file, path: "effective_from",
                                        position: v.position(of: "effective_from"),
                                        message: "effective_from \(v.table.effectiveFrom) is also the first day of \(other.file); two versions cannot take effect on the same day"))
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

        func raise(_ path: String, _ what: String) {
            guard shortNotice else { return }
            let effectiveAt = knownFrom.adding(days: bank.noticeDays).map { "\($0)" } ?? "later"
            let days = "\(notice) day\(notice == 1 ? "'s" : "s'") notice where \(bank.noticeDays) are required (bank.json notice_days)"
            let message: String
            if old.announcedOn > new.announcedOn {
                message = "\(what); version '\(old.version)', announced on \(old.announcedOn), after this version's \(new.announcedOn), "
                    + "changes the price customers pay before '\(new.version)' takes effect, so they learn of this raise only on \(old.announcedOn): \(days). "
                    + "To fix it, announce '\(new.version)' again (announced_on \(old.announcedOn) or later) and move effective_from to \(effectiveAt) or later, "
                    + "or make the change in '\(old.version)' a promotion (a waiver with 'until' before \(new.effectiveFrom)) instead of a new price"
            } else {
                let announceBy = new.effectiveFrom.adding(days: -bank.noticeDays).map { "\($0)" } ?? "earlier"
                message = "\(what); version '\(new.version)' raises a fee with \(days). To fix it, announce on or before \(announceBy), or move effective_from to \(effectiveAt) or later"
            }
            problems.append(Problem(severity: .error, rule: .noticePeriod, file: current.file, path: path,
                                    position: current.position(of: path), message: message))
        }

        for (k, w) in new.waivers.enumerated() {
            guard let ow = old.waivers.first(where: { $0.id == w.id }) else { continue }
            if ow.conditions != w.conditions || ow.appliesTo != w.appliesTo {
                let path = JSONPath.index("waivers", k)
                problems.append(Problem(severity: .warning, rule: .waiverConditionsChanged, file: current.file, path: path,
                                        position: current.position(of: path),
                                        message: "the conditions or items of waiver '\(w.id)' changed since version '\(old.version)'; if fewer customers now qualify, that is a raise for them: check it and announce it"))
            }
        }
        guard shortNotice else { return problems }

        if old.currency != new.currency {
            raise("currency", "the currency changes from \(old.currency.code) (\(old.currency.minorDigits) minor digits) to \(new.currency.code) (\(new.currency.minorDigits)), which changes every price")
            return problems
        }
        let digits = new.currency.minorDigits
        for (i, item) in new.items.enumerated() {
            if let oldItem = old.item(item.code) {
                if let w = FeeComparison.firstRaise(old: oldItem.fee, oldRounding: old.rounding, new: item.fee,
                                                    newRounding: new.rounding, minorDigits: digits) {
                    raise(JSONPath.key(JSONPath.index("items", i), "fee"), "the fee of '\(item.code)' rises \(describe(w, digits: digits))")
                }
            } else if !FeeComparison.isAlwaysFree(item.fee, rounding: new.rounding, minorDigits: digits) {
                raise(JSONPath.index("items", i), "the new item '\(item.code)' is not free")
            }
        }
        for ow in old.waivers {
            if let until = ow.conditions.until, until < new.effectiveFrom { continue }
            guard let k = new.waivers.firstIndex(where: { $0.id == ow.id }) else {
                raise("waivers", "the waiver '\(ow.id)' of version '\(old.version)' is removed (an ended promotion may go once its 'until' is before effective_from)")
                continue
            }
            let path = JSONPath.index("waivers", k)
            switch (ow.effect, new.waivers[k].effect) {
            case let (.percentOff(a), .percentOff(b)) where b < a:
                raise(JSONPath.key(path, "percent_off"), "the waiver '\(ow.id)' falls from \(a.text) % to \(b.text) % off")
            case let (.amountOff(a), .amountOff(b)) where b < a:
                raise(JSONPath.key(path, "amount_off"), "the waiver '\(ow.id)' falls from \(a.groupedText(minorDigits: digits)) to \(b.groupedText(minorDigits: digits)) off")
            case let (.fixedFee(a), .fixedFee(b)) where b > a:
                raise(JSONPath.key(path, "fee"), "the waiver '\(ow.id)' fee rises from \(a.groupedText(minorDigits: digits)) to \(b.groupedText(minorDigits: digits))")
            case (.percentOff, .percentOff), (.amountOff, .amountOff), (.fixedFee, .fixedFee):
                break
            case (_, let effect) where !effect.isFullWaiver:
                raise(path, "the waiver '\(ow.id)' changes its effect to another kind that is not a full waiver")
            default:
                break
            }
        }
        return problems
    }

    /// "from 10.00 to 12.00 for an amount of 50,000.00" or "… for 26 units".
    static func describe(_ w: RaiseWitness, digits: Int) -> String {
        let fees = "from \(w.oldFee.groupedText(minorDigits: digits)) to \(w.newFee.groupedText(minorDigits: digits))"
        switch w.domain {
        case .amount: return "\(fees) for an amount of \(Money(minorUnits: w.point).groupedText(minorDigits: digits))"
        case .quantity: return "\(fees) for \(w.point) unit\(w.point == 1 ? "" : "s")"
        }
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
                var how = ""
                if let until = w.conditions.until, until >= date, until <= horizon {
                    end = until
                    how = "its 'until' is \(until)"
                }
                if end == nil, let next, !next.waivers.contains(where: { $0.id == w.id }) {
                    end = next.effectiveFrom.adding(days: -1)
                    how = "version '\(next.version)', in effect from \(next.effectiveFrom), drops it"
                }
                guard let end else { continue }
                let left = date.days(to: end)
                notes.append(Problem(severity: .note, rule: .waiverEnding, file: file, path: JSONPath.index("waivers", k), position: nil,
                                     message: "the waiver '\(w.id)' (\(w.name.translations.first?.text ?? w.id)) ends on \(end), in \(left) day\(left == 1 ? "" : "s"): \(how). Tell the customers who use it, in writing, when it ends and what they will pay from then on"))
            }
        }
        return notes
    }
}

/// The one calculator every user shares: pure functions over an immutable catalogue (spec §3).
/// Safe to use from many threads at once.
public struct FeeCalculator: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
    }

    /// The largest quantity a request may give (spec §2).
    public static let maxQuantity = RequestLimits.quantity.upperBound

    /// Quotes one request, or says why it cannot be quoted.
    public func quote(_ r: QuoteRequest) -> Result<Quote, QuoteError> {
        quote(r, version: nil)
    }

    /// Quotes a request under a given version instead of the one in effect on its date (for
    /// repricing: conditions still read the request's date).
    public func quote(_ r: QuoteRequest, version: String?) -> Result<Quote, QuoteError> {
        // The bank.
        let bank: Bank
        if let id = r.bank {
            guard let b = catalogue.bank(id) else {
                return .failure(QuoteError(.unknownBank, "no bank '\(id)' in the tables\(suggestion(id, catalogue.banks.map(\.id))); banks: \(catalogue.banks.map(\.id).joined(separator: ", "))"))
            }
            bank = b
        } else {
            guard catalogue.banks.count == 1 else {
                return .failure(QuoteError(.invalidRequest, "the tables hold several banks (\(catalogue.banks.map(\.id).joined(separator: ", "))): give \"bank\""))
            }
            bank = catalogue.banks[0]
        }
        // Range checks that need no table.
        guard RequestLimits.quantity.contains(r.quantity) else { return .failure(RequestLimits.quantityError(r.quantity)) }
        if let age = r.customer.age, !RequestLimits.age.contains(age) { return .failure(RequestLimits.ageError(age)) }
        if let uses = r.usesInPeriod, !RequestLimits.uses.contains(uses) { return .failure(RequestLimits.usesError(uses)) }
        // The version in effect (spec §3.1).
        if let version, bank.version(id: version) == nil {
            return .failure(QuoteError(.noTableInEffect, "bank '\(bank.id)' has no version '\(version)'; versions: \(bank.versions.map(\.version).joined(separator: ", "))"))
        }
        guard let table = version.flatMap(bank.version(id:)) ?? bank.version(on: r.date) else {
            let first = bank.versions.first
            let hint = first.map { ": the first version ('\($0.version)') takes effect on \($0.effectiveFrom)" } ?? ""
            return .failure(QuoteError(.noTableInEffect, "no fee table of bank '\(bank.id)' is in effect on \(r.date)\(hint)"))
        }
        guard let itemIndex = table.itemIndex(r.item) else {
            let near = table.closestItemCodes(to: r.item)
            let hint = near.isEmpty ? "; run 'fees items' to list the items" : "; closest codes: \(near.joined(separator: ", "))"
            return .failure(QuoteError(.unknownItem, "no item '\(r.item)' in version '\(table.version)' of bank '\(bank.id)'\(hint)", suggestions: near))
        }
        let items = table.storage.items
        let code = items[itemIndex].code
        let fee = items[itemIndex].fee
        // The amount and quantity.
        let digits = table.currency.minorDigits
        var amount: Money?
        if let text = r.amount {
            switch Money.parse(text, minorDigits: digits) {
            case .success(let m): amount = m
            case .failure(.notDecimal):
                return .failure(QuoteError(.invalidAmount, "amount '\(text)' is not a decimal string: write digits with an optional '.', no sign or separators, such as \"500.00\""))
            case .failure(.tooManyFractionDigits):
                return .failure(QuoteError(.invalidAmount, "amount '\(text)' has more than \(digits) fractional digit\(digits == 1 ? "" : "s"); \(table.currency.code) has \(digits) minor digit\(digits == 1 ? "" : "s")"))
            case .failure(.tooLarge) where !fee.needsAmount:
                amount = nil  // well-formed, and ignored by an item priced per unit (spec §2)
            case .failure(.tooLarge):
                let limit = Money(minorUnits: Money.limit(minorDigits: digits)).groupedText(minorDigits: digits)
                return .failure(QuoteError(.overflow, "amount '\(text)' is beyond what is quoted exactly: the largest amount is \(limit)"))
            }
        }
        let needsAmount = fee.needsAmount
        if needsAmount && amount == nil {
            return .failure(QuoteError(.amountRequired, "item '\(code)' is priced by the transaction amount: give \"amount\" as a decimal string such as \"500.00\""))
        }
        if needsAmount && r.quantity != 1 {
            return .failure(QuoteError(.invalidQuantity, "item '\(code)' is priced per transaction, so its quantity is always 1; quote each transaction separately"))
        }
        // The customer and the request's ids.
        let tierID = r.customer.tier ?? table.tiers[0].id
        guard let tierRank = table.tierRank(tierID) else {
            return .failure(QuoteError(.unknownTier, "tier '\(tierID)' is not declared in version '\(table.version)'\(suggestion(tierID, table.tiers.map(\.id))); tiers: \(table.tiers.map(\.id).joined(separator: ", "))"))
        }
        for s in r.customer.segments where !table.segments.contains(where: { $0.id == s }) {
            return .failure(QuoteError(.unknownSegment, "segment '\(s)' is not declared in version '\(table.version)'\(suggestion(s, table.segments.map(\.id))); segments: \(listOrNone(table.segments.map(\.id)))"))
        }
        if let ch = r.channel, !table.channels.contains(where: { $0.id == ch }) {
            return .failure(QuoteError(.unknownChannel, "channel '\(ch)' is not declared in version '\(table.version)'\(suggestion(ch, table.channels.map(\.id))); channels: \(listOrNone(table.channels.map(\.id)))"))
        }
        var reason: Reason?
        if let id = r.reason {
            guard let found = table.reasons.first(where: { $0.id == id }) else {
                return .failure(QuoteError(.unknownReason, "reason '\(id)' is not declared in version '\(table.version)'\(suggestion(id, table.reasons.map(\.id))); reasons: \(listOrNone(table.reasons.map(\.id)))"))
            }
            reason = found
        }
        if let b = r.branch, bank.profile.branch(b) == nil {
            let ids = bank.profile.branches.map(\.id)
            return .failure(QuoteError(.unknownBranch, "branch '\(b)' is not declared in bank.json of '\(bank.id)'\(suggestion(b, ids)); branches: \(listOrNone(ids))"))
        }

        // The gross fee (spec §3.2).
        let (formula, bandIndex) = fee.formula(for: amount)
        let step = formula.gross(quantity: Int128(r.quantity), amount: amount?.minorUnits ?? 0, rounding: table.rounding)
        let (exact, rounded, gross, clamp) = (step.exact, step.rounded, step.fee, step.clamp)
        let grossMoney = Money(minorUnits: gross)

        // Waivers (spec §3.3).
        var eligible: [WaiverOutcome] = []
        var applied: WaiverOutcome?
        if gross > 0 {
            let context = ConditionContext(date: r.date, tier: tierID, tierRank: tierRank, segments: r.customer.segments, age: r.customer.age,
                                           channel: r.channel, reason: reason, branch: r.branch, usesInPeriod: r.usesInPeriod)
            let waivers = table.waivers
            for index in table.waiverIndexes(forItem: itemIndex) {
                let w = waivers[index]
                guard w.conditions.holds(context, minimumRank: table.minimumRank(ofWaiver: index)) else { continue }
                let net = w.effect.net(gross: grossMoney, quantity: r.quantity, rounding: table.rounding)
                let outcome = WaiverOutcome(index: index, id: w.id, net: net)
                eligible.append(outcome)
                if net < grossMoney, net < (applied?.net ?? grossMoney) { applied = outcome }
            }
        }
        let net = applied?.net ?? grossMoney
        return .success(Quote(bank: bank.id, itemIndex: itemIndex, version: table, request: r, amount: needsAmount ? amount : nil,
                              tier: tierID, bandIndex: bandIndex, formula: formula, exactFee: exact,
                              rounded: Money(minorUnits: rounded), clamp: clamp, gross: grossMoney,
                              discount: Money(minorUnits: gross - net.minorUnits), net: net,
                              eligible: eligible, applied: applied))
    }
}

private func listOrNone(_ ids: [String]) -> String {
    ids.isEmpty ? "none are declared" : ids.joined(separator: ", ")
}

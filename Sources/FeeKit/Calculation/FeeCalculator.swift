/// The one calculator every user shares: pure functions over an immutable catalogue (spec §3),
/// compiled once into a `QuotePlan`. Safe to use from many threads at once.
public struct FeeCalculator: Sendable {
    public let catalogue: Catalogue
    let plan: QuotePlan

    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
        plan = QuotePlan(catalogue)
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
        switch price(r, version: version) {
        case .success(let facts): return .success(Quote(facts: facts, plan: plan, request: r))
        case .failure(let e): return .failure(e)
        }
    }

    /// Prices one request and returns only its facts: the library's hot path, with no `Quote`
    /// (no copy of the request, no reference to the tables) and no heap allocation for a request
    /// that prices. `quote(_:facts:)` makes the `Quote` when more is wanted.
    public func facts(for r: QuoteRequest) -> Result<QuoteFacts, QuoteError> {
        price(r, version: nil)
    }

    /// The `Quote` of facts this calculator found for `r` (as `quote(r)` would give).
    public func quote(_ r: QuoteRequest, facts: QuoteFacts) -> Quote {
        Quote(facts: facts, plan: plan, request: r)
    }

    /// Prices one request (spec §3): the one home of the calculation, for requests built in code
    /// and request lines alike. Errors come in the order documented in Docs/DECISIONS.md.
    func price<R: QuoteInput>(_ r: R, version: String? = nil) -> Result<QuoteFacts, QuoteError> {
        // The bank.
        let bankIndex: Int
        switch r.lookup(.bank, in: plan.bankIDs) {
        case .found(let k): bankIndex = k
        case .unknown(let id):
            return .failure(unknownID(.unknownBank, "bank", id, memo: plan.messages) { "no bank '\(id)' in the tables\(suggestion(id, catalogue.banks.map(\.id))); banks: \(catalogue.banks.map(\.id).joined(separator: ", "))" })
        case .absent:
            guard plan.banks.count == 1 else {
                return .failure(QuoteError(.invalidRequest, "the tables hold several banks (\(catalogue.banks.map(\.id).joined(separator: ", "))): give \"bank\""))
            }
            bankIndex = 0
        }
        let bank = plan.banks[bankIndex]
        // Range checks that need no table.
        let quantity = r.quantity
        guard RequestLimits.quantity.contains(quantity) else { return .failure(RequestLimits.quantityError(quantity)) }
        if let age = r.age, !RequestLimits.age.contains(age) { return .failure(RequestLimits.ageError(age)) }
        if let uses = r.usesInPeriod, !RequestLimits.uses.contains(uses) { return .failure(RequestLimits.usesError(uses)) }
        // The version in effect (spec §3.1).
        let versionIndex: Int
        if let version {
            guard let k = bank.versions.firstIndex(where: { $0.table.version == version }) else {
                return .failure(QuoteError(.noTableInEffect, "bank '\(bank.bank.id)' has no version '\(version)'; versions: \(bank.bank.versions.map(\.version).joined(separator: ", "))"))
            }
            versionIndex = k
        } else {
            guard let k = bank.version(on: r.date) else {
                let first = bank.bank.versions.first
                let hint = first.map { ": the first version ('\($0.version)') takes effect on \($0.effectiveFrom)" } ?? ""
                return .failure(QuoteError(.noTableInEffect, "no fee table of bank '\(bank.bank.id)' is in effect on \(r.date)\(hint)"))
            }
            versionIndex = k
        }
        let v = bank.versions[versionIndex]
        let itemIndex: Int
        switch r.lookup(.item, in: v.items) {
        case .found(let k): itemIndex = k
        case .unknown, .absent:
            let table = v.table
            let code = r.text(.item) ?? ""
            let near = table.closestItemCodes(to: code)
            let hint = near.isEmpty ? "; run 'fees items' to list the items" : "; closest codes: \(near.joined(separator: ", "))"
            return .failure(QuoteError(.unknownItem, "no item '\(code)' in version '\(table.version)' of bank '\(bank.bank.id)'\(hint)", suggestions: near))
        }
        let needsAmount = v.needsAmount[itemIndex]
        // The amount and quantity.
        let digits = v.minorDigits
        var amount: Money?
        if let parsed = r.amount(minorDigits: digits) {
            switch parsed {
            case .success(let m): amount = m
            case .failure(.notDecimal):
                return .failure(QuoteError(.invalidAmount, "amount '\(r.amountText ?? "")' is not a decimal string: write digits with an optional '.', no sign or separators, such as \"500.00\""))
            case .failure(.tooManyFractionDigits):
                return .failure(QuoteError(.invalidAmount, "amount '\(r.amountText ?? "")' has more than \(digits) fractional digit\(digits == 1 ? "" : "s"); \(v.table.currency.code) has \(digits) minor digit\(digits == 1 ? "" : "s")"))
            case .failure(.tooLarge) where !needsAmount:
                amount = nil  // well-formed, and ignored by an item priced per unit (spec §2)
            case .failure(.tooLarge):
                let limit = Money(minorUnits: Money.limit(minorDigits: digits)).groupedText(minorDigits: digits)
                return .failure(QuoteError(.overflow, "amount '\(r.amountText ?? "")' is beyond what is quoted exactly: the largest amount is \(limit)"))
            }
        }
        if needsAmount && amount == nil {
            return .failure(QuoteError(.amountRequired, "item '\(v.table.items[itemIndex].code)' is priced by the transaction amount: give \"amount\" as a decimal string such as \"500.00\""))
        }
        if needsAmount && quantity != 1 {
            return .failure(QuoteError(.invalidQuantity, "item '\(v.table.items[itemIndex].code)' is priced per transaction, so its quantity is always 1; quote each transaction separately"))
        }
        // The customer and the request's ids.
        let tier: Int
        switch r.lookup(.tier, in: v.tiers) {
        case .found(let k): tier = k
        case .absent where v.hasTiers: tier = 0
        case .absent, .unknown:
            let table = v.table
            let tierID = r.text(.tier) ?? ""
            return .failure(unknownID(.unknownTier, "tier", tierID, memo: v.messages) { "tier '\(tierID)' is not declared in version '\(table.version)'\(suggestion(tierID, table.tiers.map(\.id))); tiers: \(table.tiers.map(\.id).joined(separator: ", "))" })
        }
        let segments: IndexMask
        switch r.segments(in: v.segments) {
        case .success(let m): segments = m
        case .failure(let unknown):
            let table = v.table
            let s = unknown.text
            return .failure(unknownID(.unknownSegment, "segment", s, memo: v.messages) { "segment '\(s)' is not declared in version '\(table.version)'\(suggestion(s, table.segments.map(\.id))); segments: \(listOrNone(table.segments.map(\.id)))" })
        }
        var channel: Int?
        switch r.lookup(.channel, in: v.channels) {
        case .found(let k): channel = k
        case .absent: channel = nil
        case .unknown(let ch):
            let table = v.table
            return .failure(unknownID(.unknownChannel, "channel", ch, memo: v.messages) { "channel '\(ch)' is not declared in version '\(table.version)'\(suggestion(ch, table.channels.map(\.id))); channels: \(listOrNone(table.channels.map(\.id)))" })
        }
        var reason: Int?
        switch r.lookup(.reason, in: v.reasons) {
        case .found(let k): reason = k
        case .absent: reason = nil
        case .unknown(let id):
            let table = v.table
            return .failure(unknownID(.unknownReason, "reason", id, memo: v.messages) { "reason '\(id)' is not declared in version '\(table.version)'\(suggestion(id, table.reasons.map(\.id))); reasons: \(listOrNone(table.reasons.map(\.id)))" })
        }
        var branch: Int?
        switch r.lookup(.branch, in: bank.branches) {
        case .found(let k): branch = k
        case .absent: branch = nil
        case .unknown(let b):
            return .failure(unknownID(.unknownBranch, "branch", b, memo: bank.messages) {
                let ids = bank.bank.profile.branches.map(\.id)
                return "branch '\(b)' is not declared in bank.json of '\(bank.bank.id)'\(suggestion(b, ids)); branches: \(listOrNone(ids))"
            })
        }

        // The gross fee (spec §3.2).
        let (formula, bandIndex) = v.fees[itemIndex].formula(for: amount)
        let rounding = v.rounding
        let step = formula.gross(quantity: Int128(quantity), amount: amount?.minorUnits ?? 0, rounding: rounding)
        let grossMoney = Money(minorUnits: step.fee)

        // Waivers (spec §3.3).
        var eligible = IndexMask()
        var applied: Int?
        var net = grossMoney
        let context = ConditionContext(date: r.date, tier: tier, segments: segments, age: r.age, channel: channel,
                                       reason: reason, reasonIsNoFault: reason.map(v.noFaultReasons.contains),
                                       branch: branch, usesInPeriod: r.usesInPeriod)
        if step.fee > 0 {
            for j in v.waiverStarts[itemIndex]..<v.waiverStarts[itemIndex + 1] {
                let index = v.itemWaivers[j]
                guard v.conditions[index].holds(context) else { continue }
                let waiverNet = v.effects[index].net(gross: grossMoney, quantity: quantity, rounding: rounding)
                eligible.insert(index)
                if waiverNet < net { net = waiverNet; applied = index }
            }
        }
        return .success(QuoteFacts(bank: bankIndex, version: versionIndex, item: itemIndex, tier: tier,
                                   amount: needsAmount ? amount : nil, bandIndex: bandIndex,
                                   exact: step.exact, rounded: Money(minorUnits: step.rounded), clamp: step.clamp,
                                   gross: grossMoney, discount: Money(minorUnits: step.fee - net.minorUnits), net: net,
                                   eligible: eligible, applied: applied, context: context))
    }
}

extension FeeCalculator {
    /// The error for an id the tables do not declare, its message (with the nearest id, an edit
    /// distance against every declared one) made once per id and remembered: a batch that names
    /// an unknown id usually names it on many lines.
    @inline(never)
    func unknownID(_ code: QuoteErrorCode, _ kind: String, _ word: String, memo: SuggestionMemo, _ message: () -> String) -> QuoteError {
        QuoteError(code, memo.suggestions(for: kind + "\u{0}" + word) { [message()] }[0])
    }
}

private func listOrNone(_ ids: [String]) -> String {
    ids.isEmpty ? "none are declared" : ids.joined(separator: ", ")
}

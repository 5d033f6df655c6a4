import FeeValues
import FeeWords

/// The one calculator every user shares: pure functions over an immutable catalogue (spec §3),
/// compiled once into a `QuotePlan`. Safe to use from many threads at once.
public struct FeeCalculator: Sendable {
    /// The catalogue it prices from, as it was given.
    public let catalogue: Catalogue
    let plan: QuotePlan

    /// A calculator over `catalogue`, compiled once into its plan: build it once per catalogue and share it.
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
        var found: QuoteFacts?
        if let e = price(r, version: version, into: &found) { return .failure(e) }
        return .success(found!)
    }

    /// `price(_:version:)` writing the facts into `found` (the batch's own, so that they are not
    /// copied on their way out): the line's error, or nil when `found` holds the facts.
    @inline(__always)
    func price<R: QuoteInput>(_ r: R, version: String? = nil, into found: inout QuoteFacts?) -> QuoteError? {
        guard let e = facts(r, version: version, into: &found) else { return nil }
        return e.in(messageLanguage(r))
    }

    /// The language of messages about a request that names no bank of the tables: the first
    /// bank's first language.
    public var defaultLanguage: TextLanguage { TextLanguage(tag: plan.banks.first?.bank.profile.languages.first ?? "en") }

    /// The language of errors about a request line (or what the decoder kept of a line that failed).
    package func messageLanguage(of line: RequestView) -> TextLanguage { messageLanguage(line) }
    /// The language of errors about a request built in code (or kept by the decoder of a line that failed).
    package func messageLanguage(of request: QuoteRequest) -> TextLanguage { messageLanguage(request) }

    /// The language of a request's error messages: its `lang`, else its bank's first language
    /// (the first bank's when the request names none the tables hold).
    func messageLanguage<R: QuoteInput>(_ r: R) -> TextLanguage {
        if let tag = r.langTag { return TextLanguage(tag: tag) }
        var bank = plan.banks.first
        if case .found(let k) = r.lookup(.bank, in: plan.bankIDs) { bank = plan.banks[k] }
        return TextLanguage(tag: bank?.bank.profile.languages.first ?? "en")
    }

    /// The facts of a quote, or the error (its message in English until `price` sets it).
    @inline(__always)
    private func facts<R: QuoteInput>(_ r: R, version: String?, into found: inout QuoteFacts?) -> QuoteError? {
        // The bank.
        let bankIndex: Int
        switch r.lookup(.bank, in: plan.bankIDs) {
        case .found(let k): bankIndex = k
        case .unknown(let id):
            return unknownBank(id)
        case .absent:
            guard plan.banks.count == 1 else {
                return QuoteError(.invalidRequest, .severalBanks(banks: catalogue.banks.map(\.id), option: "\"bank\""))
            }
            bankIndex = 0
        }
        let bank = plan.banks[bankIndex]
        // Range checks that need no table.
        let quantity = r.quantity
        guard RequestLimits.quantity.contains(quantity) else { return RequestLimits.quantityError(quantity) }
        if let age = r.age, !RequestLimits.age.contains(age) { return RequestLimits.ageError(age) }
        if let uses = r.usesInPeriod, !RequestLimits.uses.contains(uses) { return RequestLimits.usesError(uses) }
        // The version in effect (spec §3.1).
        let versionIndex: Int
        if let version {
            guard let k = bank.versions.firstIndex(where: { $0.table.version == version }) else {
                return QuoteError(.noTableInEffect, .noSuchVersion(bank: bank.bank.id, version: version, versions: bank.bank.versions.map(\.version)))
            }
            versionIndex = k
        } else {
            guard let k = bank.version(on: r.date) else {
                return QuoteError(.noTableInEffect, .noTableInEffect(bank.bank, on: r.date))
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
            return QuoteError(.unknownItem, .unknownItem(code: code, version: table.version, bank: bank.bank.id, closest: near), suggestions: near)
        }
        let needsAmount = v.needsAmount[itemIndex]
        // The amount and quantity.
        let digits = v.minorDigits
        var amount: Money?
        if let parsed = r.amount(minorDigits: digits) {
            switch parsed {
            case .success(let m): amount = m
            case .failure(.notDecimal):
                return QuoteError(.invalidAmount, .amountNotDecimal(text: r.amountText ?? ""))
            case .failure(.tooManyFractionDigits):
                return QuoteError(.invalidAmount, .amountTooManyDigits(text: r.amountText ?? "", digits: digits, currency: v.table.currency.code))
            case .failure(.tooLarge) where !needsAmount:
                amount = nil  // well-formed, and ignored by an item priced per unit (spec §2)
            case .failure(.tooLarge):
                let limit = Money(minorUnits: Money.limit(minorDigits: digits)).groupedText(minorDigits: digits)
                return QuoteError(.overflow, .amountTooLarge(text: r.amountText ?? "", largest: limit))
            }
        }
        if needsAmount && amount == nil {
            return QuoteError(.amountRequired, .amountRequired(item: v.table.items[itemIndex].code, atCounter: false))
        }
        if needsAmount && quantity != 1 {
            return QuoteError(.invalidQuantity, .quantityOnAmountItem(item: v.table.items[itemIndex].code))
        }
        // The customer and the request's ids.
        let tier: Int
        switch r.lookup(.tier, in: v.tiers) {
        case .found(let k): tier = k
        case .absent where v.hasTiers: tier = 0
        case .absent, .unknown:
            let table = v.table
            let tierID = r.text(.tier) ?? ""
            return undeclared(.unknownTier, .tier, tierID, table.tiers.map(\.id), version: table.version, memo: v.messages)
        }
        let segments: IndexMask
        switch r.segments(in: v.segments) {
        case .success(let m): segments = m
        case .failure(let unknown):
            let table = v.table
            let s = unknown.text
            return undeclared(.unknownSegment, .segment, s, table.segments.map(\.id), version: table.version, memo: v.messages)
        }
        var channel: Int?
        switch r.lookup(.channel, in: v.channels) {
        case .found(let k): channel = k
        case .absent: channel = nil
        case .unknown(let ch):
            let table = v.table
            return undeclared(.unknownChannel, .channel, ch, table.channels.map(\.id), version: table.version, memo: v.messages)
        }
        var reason: Int?
        switch r.lookup(.reason, in: v.reasons) {
        case .found(let k): reason = k
        case .absent: reason = nil
        case .unknown(let id):
            let table = v.table
            return undeclared(.unknownReason, .reason, id, table.reasons.map(\.id), version: table.version, memo: v.messages)
        }
        var branch: Int?
        switch r.lookup(.branch, in: bank.branches) {
        case .found(let k): branch = k
        case .absent: branch = nil
        case .unknown(let b):
            let ids = bank.bank.profile.branches.map(\.id)
            return QuoteError(.unknownBranch, .unknownBranch(id: b, bank: bank.bank.id, nearest: nearest("branch", b, ids, memo: bank.messages), branches: ids))
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
        found = QuoteFacts(bank: bankIndex, version: versionIndex, item: itemIndex, tier: tier,
                           amount: needsAmount ? amount : nil, bandIndex: bandIndex,
                           exact: step.exact, rounded: Money(minorUnits: step.rounded), clamp: step.clamp,
                           gross: grossMoney, discount: Money(minorUnits: step.fee - net.minorUnits), net: net,
                           eligible: eligible, applied: applied, context: context)
        return nil
    }
}

extension FeeCalculator {
    /// `unknown_bank` for a bank id the tables do not hold, with the nearest bank id and the
    /// banks there are (its message in English until `in(_:)`): the one home of the error, for
    /// request lines and the teller's `--bank` alike.
    @inline(never)
    package func unknownBank(_ id: String) -> QuoteError {
        let ids = catalogue.banks.map(\.id)
        return QuoteError(.unknownBank, .unknownBank(id: id, nearest: nearest("bank", id, ids, memo: plan.messages), banks: ids))
    }

    /// The declared id nearest to `word` (an edit distance against every declared one), found once
    /// per id and remembered: a batch that names an unknown id usually names it on many lines.
    @inline(never)
    func nearest(_ kind: String, _ word: String, _ ids: [String], memo: SuggestionMemo) -> String? {
        memo.suggestions(for: kind + "\u{0}" + word) { closestMatches(to: word, in: ids, limit: 1) }.first
    }

    /// The error for a tier, segment, channel or reason the version does not declare.
    @inline(never)
    func undeclared(_ code: QuoteErrorCode, _ kind: QuoteMessage.DeclaredKind, _ word: String, _ ids: [String], version: String, memo: SuggestionMemo) -> QuoteError {
        QuoteError(code, .undeclared(kind: kind, id: word, version: version, nearest: nearest(kind.rawValue, word, ids, memo: memo), declared: ids))
    }
}

extension QuoteMessage {
    /// No version of `bank` is in effect on `date`; the first version and its day, if any.
    public static func noTableInEffect(_ bank: Bank, on date: CalendarDate) -> QuoteMessage {
        let first = bank.versions.first
        return .noTableInEffect(bank: bank.id, date: "\(date)", firstVersion: first?.version, firstEffective: first.map { "\($0.effectiveFrom)" })
    }
}

import FeeValues

/// What one eligible waiver would leave the customer to pay.
public struct WaiverOutcome: Sendable, Hashable {
    /// Index into the version's `waivers`.
    public var index: Int
    /// The waiver's id.
    public var id: String
    /// The fee to pay with this waiver's effect on the gross fee.
    public var net: Money
}

/// What the calculator found for one request, as plain data (no strings): where the request
/// landed in the plan and every number of spec §3. The batch encodes answers from it directly,
/// and the library's hot path (`FeeCalculator.facts(for:)`) returns it without making a `Quote`;
/// `Quote` wraps it with the table and the request for everyone else.
public struct QuoteFacts: Sendable {
    /// Positions of the bank, version and item in the catalogue (`Catalogue.banks`, the bank's
    /// `versions`, the version's `items`).
    public let bank: Int
    /// The version's position in the bank's `versions`.
    public let version: Int
    /// The item's position in the version's `items`.
    public let item: Int
    /// The tier's position in the version's tiers (its rank), after defaulting to the first.
    public let tier: Int
    /// The parsed amount, when the item needs one.
    public let amount: Money?
    /// The band's position in the item's bands, for a banded fee; nil for a simple one.
    public let bandIndex: Int?
    /// `flat × quantity + rate × amount` exactly, in units of 10^-8 minor units.
    public let exact: Int128
    /// The exact fee rounded to a minor unit by the version's rounding mode, before the clamp.
    public let rounded: Money
    /// Whether the formula's minimum raised the rounded fee or its maximum lowered it.
    public let clamp: ClampOutcome
    /// The standard fee: the rounded fee after the clamp, before waivers (spec §3.2).
    public let gross: Money
    /// What the applied waiver saves, `gross − net`; zero when none applies.
    public let discount: Money
    /// The fee to pay: the lowest net of the eligible waivers, or `gross` when none is lower (spec §3.3).
    public let net: Money
    /// The eligible waivers' indexes in the version's `waivers` (file order).
    public let eligible: IndexMask
    /// The applied waiver's index in the version's `waivers`.
    public let applied: Int?
    /// The request's facts as the waiver conditions read them.
    let context: ConditionContext
}

/// A priced request: the fee to pay and every fact behind it (spec §3, §4).
public struct Quote: Sendable {
    let facts: QuoteFacts
    /// The request as it was priced.
    public let request: QuoteRequest
    /// The compiled catalogue that priced it.
    let plan: QuotePlan

    init(facts: QuoteFacts, plan: QuotePlan, request: QuoteRequest) {
        self.facts = facts
        self.plan = plan
        self.request = request
    }

    /// The version that priced the request.
    public var version: FeeTable { versionPlan.table }
    /// The bank's id.
    public var bank: String { plan.banks[facts.bank].bank.id }

    /// The item's index in `version.items`.
    public var itemIndex: Int { facts.item }
    /// The parsed amount, when the item needs one.
    public var amount: Money? { facts.amount }
    /// The customer's tier, after defaulting to the version's first tier.
    public var tier: String { version.tiers[facts.tier].id }
    /// Index of the band used, for a banded fee.
    public var bandIndex: Int? { facts.bandIndex }
    /// The simple formula that priced it: the band's for a banded fee (the same `formula(for:)` the calculator used).
    public var formula: SimpleFormula { item.fee.formula(for: facts.amount).formula }
    /// `flat × quantity + rate × amount` exactly, in units of 10^-8 minor units.
    public var exactFee: Int128 { facts.exact }
    /// The exact fee rounded to a minor unit, before the clamp.
    public var rounded: Money { facts.rounded }
    /// Whether the formula's minimum raised the rounded fee or its maximum lowered it.
    public var clamp: ClampOutcome { facts.clamp }
    /// The standard fee: the rounded fee after the clamp, before waivers (spec §3.2).
    public var gross: Money { facts.gross }
    /// What the applied waiver saves, `gross − net`; zero when none applies.
    public var discount: Money { facts.discount }
    /// The fee to pay after the applied waiver, if any (spec §3.3).
    public var net: Money { facts.net }
    /// Every eligible waiver in file order (empty when the gross fee is zero).
    public var eligible: [WaiverOutcome] { facts.eligible.members.map(outcome) }
    /// The applied waiver, if any saves money.
    public var applied: WaiverOutcome? { facts.applied.map(outcome) }

    /// A waiver's outcome for this quote: the same effect arithmetic the calculator used.
    private func outcome(_ index: Int) -> WaiverOutcome {
        let w = version.waivers[index]
        return WaiverOutcome(index: index, id: w.id, net: w.effect.net(gross: gross, quantity: request.quantity, rounding: version.rounding))
    }

    /// The compiled version that priced it.
    var versionPlan: VersionPlan { plan.banks[facts.bank].versions[facts.version] }

    /// The priced item.
    public var item: FeeItem { version.items[itemIndex] }
    /// The version's currency: every amount of the quote is in its minor units.
    public var currency: Currency { version.currency }
    /// The version's fingerprint (`sha256:` and hex), so a quote can be traced to the file that priced it.
    public var fingerprint: String { version.fingerprint }
}

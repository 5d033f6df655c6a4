/// How the clamp of spec §3.2 step 4 changed the rounded fee.
public enum ClampOutcome: Sendable, Hashable {
    case none
    case raisedToMin
    case loweredToMax
}

/// What one eligible waiver would leave the customer to pay.
public struct WaiverOutcome: Sendable, Hashable {
    /// Index into the version's `waivers`.
    public var index: Int
    public var id: String
    public var net: Money
}

/// A priced request: the fee to pay and every fact behind it (spec §3, §4).
public struct Quote: Sendable {
    public var bank: String
    /// The item's index in `version.items`.
    public var itemIndex: Int
    public var version: FeeTable
    public var request: QuoteRequest
    /// The parsed amount, when the item needs one.
    public var amount: Money?
    /// The customer's tier, after defaulting to the version's first tier.
    public var tier: String
    /// Index of the band used, for a banded fee.
    public var bandIndex: Int?
    public var formula: SimpleFormula
    /// `flat × quantity + rate × amount` exactly, in units of 10^-8 minor units.
    public var exactFee: Int128
    /// The exact fee rounded to a minor unit, before the clamp.
    public var rounded: Money
    public var clamp: ClampOutcome
    public var gross: Money
    public var discount: Money
    public var net: Money
    /// Every eligible waiver in file order (empty when the gross fee is zero).
    public var eligible: [WaiverOutcome]
    /// The applied waiver, if any saves money.
    public var applied: WaiverOutcome?

    /// The priced item.
    public var item: FeeItem { version.items[itemIndex] }
    public var currency: Currency { version.currency }
    public var fingerprint: String { version.fingerprint }
}

import FeeValues

/// A catalogue compiled for quoting, once, when a calculator is made: every id a request names is
/// found by hashing its bytes, and every waiver condition is a test on small integers. It holds no
/// rule of its own: the calculator (`FeeCalculator.price`) and the condition judge read it.
final class QuotePlan: Sendable {
    let bankIDs: IdentifierIndex
    let banks: [BankPlan]
    /// Messages for unknown banks, remembered.
    let messages = SuggestionMemo()

    init(_ catalogue: Catalogue) {
        bankIDs = IdentifierIndex(catalogue.banks.map(\.id))
        banks = catalogue.banks.map(BankPlan.init)
    }
}

/// One bank compiled: its branches and each version, in the bank's order (by effective date).
final class BankPlan: Sendable {
    let bank: Bank
    let branches: IdentifierIndex
    let versions: [VersionPlan]
    /// Messages for unknown branches, remembered.
    let messages = SuggestionMemo()

    init(_ bank: Bank) {
        self.bank = bank
        let branches = IdentifierIndex(bank.profile.branches.map(\.id))
        self.branches = branches
        versions = bank.versions.map { VersionPlan($0, branches: branches) }
    }

    /// The position of the version in effect on `date` (spec §3.1): the last that took effect.
    @inline(__always)
    func version(on date: CalendarDate) -> Int? {
        var found: Int?
        for k in 0..<versions.count where versions[k].effectiveFrom <= date { found = k }
        return found
    }
}

/// One version compiled: indexes of its ids and its waivers' conditions as integer tests.
/// Immutable once made (its buffers are written only by `init`), hence `@unchecked Sendable`.
final class VersionPlan: @unchecked Sendable {
    let table: FeeTable
    let effectiveFrom: CalendarDate
    let items: IdentifierIndex
    let tiers: IdentifierIndex
    let segments: IdentifierIndex
    let channels: IdentifierIndex
    let reasons: IdentifierIndex
    /// The reasons declared `no_fault`.
    let noFaultReasons: IndexMask
    /// Each waiver's conditions, in file order.
    let tests: [WaiverTest]
    /// Messages for unknown tiers, segments, channels and reasons, remembered.
    let messages = SuggestionMemo()
    /// What the calculator reads per quote, each held in memory the plan owns (allocated once,
    /// freed with the plan) and read in place: a quote copies no item or waiver and counts no
    /// references. Each item's fee, and whether it is priced by the amount:
    let fees: UnsafeMutableBufferPointer<FeeFormula>
    let needsAmount: UnsafeMutableBufferPointer<Bool>
    /// Each item's waivers (indexes in the version's `waivers`, file order), one after another:
    /// item `k`'s are `itemWaivers[waiverStarts[k]..<waiverStarts[k + 1]]`.
    let itemWaivers: UnsafeMutableBufferPointer<Int>
    let waiverStarts: UnsafeMutableBufferPointer<Int>
    /// Each waiver's effect and conditions (`tests`, in place).
    let effects: UnsafeMutableBufferPointer<WaiverEffect>
    let conditions: UnsafeMutableBufferPointer<WaiverTest>
    let rounding: RoundingMode
    let minorDigits: Int
    /// Whether the version declares tiers (an absent tier is then the first).
    let hasTiers: Bool

    /// A copy of `elements` in memory the plan owns.
    private static func owned<T>(_ elements: [T]) -> UnsafeMutableBufferPointer<T> {
        let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(elements.count, 1))
        _ = b.initialize(from: elements)
        return UnsafeMutableBufferPointer(rebasing: b[0..<elements.count])
    }

    private static func free<T>(_ b: UnsafeMutableBufferPointer<T>) {
        b.deinitialize()
        b.baseAddress?.deallocate()
    }

    deinit {
        Self.free(fees)
        Self.free(needsAmount)
        Self.free(itemWaivers)
        Self.free(waiverStarts)
        Self.free(effects)
        Self.free(conditions)
    }

    init(_ table: FeeTable, branches: IdentifierIndex) {
        self.table = table
        effectiveFrom = table.effectiveFrom
        let storage = table.storage
        fees = Self.owned(storage.items.map(\.fee))
        needsAmount = Self.owned(storage.items.map(\.fee.needsAmount))
        var flat: [Int] = []
        var starts = [0]
        for list in storage.waiversByItem { flat += list; starts.append(flat.count) }
        itemWaivers = Self.owned(flat)
        waiverStarts = Self.owned(starts)
        effects = Self.owned(storage.waivers.map(\.effect))
        rounding = storage.rounding
        minorDigits = storage.currency.minorDigits
        hasTiers = !storage.tiers.isEmpty
        items = table.storage.itemCodes
        tiers = IdentifierIndex(table.tiers.map(\.id))
        segments = IdentifierIndex(table.segments.map(\.id))
        channels = IdentifierIndex(table.channels.map(\.id))
        reasons = IdentifierIndex(table.reasons.map(\.id))
        var noFault = IndexMask()
        for (k, r) in table.reasons.enumerated() where r.noFault && reasons.index(of: r.id) == k { noFault.insert(k) }
        noFaultReasons = noFault
        let (tiers, segments, channels, reasons) = (self.tiers, self.segments, self.channels, self.reasons)
        tests = table.waivers.map { WaiverTest($0.conditions, tiers: tiers, segments: segments, channels: channels, reasons: reasons, branches: branches) }
        conditions = Self.owned(tests)
    }
}

/// A waiver's conditions (spec §1.4.1) with each id list as a set of positions in the version's
/// (or, for branches, the bank's) declared list. An id a condition names that is not declared is in
/// no set: a request can only name declared ids, so it matches nothing, as with the text.
struct WaiverTest: Sendable {
    let tiers: IndexMask?
    /// The rank of the tier `tier_at_least` names; nil when absent or not declared.
    let minimumRank: Int?
    let segments: IndexMask?
    let minAge: Int?
    let channels: IndexMask?
    let branches: IndexMask?
    let reasons: IndexMask?
    let noFault: Bool
    let from: CalendarDate?
    let until: CalendarDate?
    let freeUses: Int?

    init(_ c: WaiverConditions, tiers: IdentifierIndex, segments: IdentifierIndex, channels: IdentifierIndex,
         reasons: IdentifierIndex, branches: IdentifierIndex) {
        func mask(_ ids: [String]?, _ index: IdentifierIndex) -> IndexMask? {
            guard let ids else { return nil }
            var m = IndexMask()
            for id in ids { if let k = index.index(of: id) { m.insert(k) } }
            return m
        }
        self.tiers = mask(c.tiers, tiers)
        minimumRank = c.tierAtLeast.flatMap { tiers.index(of: $0) }
        self.segments = mask(c.segments, segments)
        minAge = c.minAge
        self.channels = mask(c.channels, channels)
        self.branches = mask(c.branches, branches)
        self.reasons = mask(c.reasons, reasons)
        noFault = c.noFault
        from = c.from
        until = c.until
        freeUses = c.freeUses?.count
    }
}

import FeeValues

/// What changes for customers from one version to the next: items whose price changed, and
/// waivers added, removed or changed (decided exactly, as the notice rule does).
public struct VersionDiff: Sendable {
    /// One item whose price is new, raised, lowered, mixed or removed.
    public struct ItemChange: Sendable {
        /// The item's code, in whichever version lists it.
        public var code: String
        /// The item in the old version; nil when it is new.
        public var old: FeeItem?
        /// The item in the new version; nil when it is removed.
        public var new: FeeItem?
        /// How its price changed, decided exactly as `fees check` decides a raise; never `unchanged`.
        public var change: PriceChange
    }

    /// How a waiver changed.
    public enum WaiverChangeKind: String, Sendable {
        /// `added`: only in the new version; `removed`: only in the old one.
        case added, removed
        /// Its effect changed (more or less generous).
        case effect
        /// Its conditions or the items it applies to changed.
        case conditions
    }

    /// One waiver added, removed or changed, matched across the two versions by id.
    public struct WaiverChange: Sendable {
        /// The waiver's id, in whichever version has it.
        public var id: String
        /// The waiver in the old version; nil when it is added.
        public var old: Waiver?
        /// The waiver in the new version; nil when it is removed.
        public var new: Waiver?
        /// What changed; a changed effect is reported as `effect` even when the conditions changed too.
        public var kind: WaiverChangeKind
    }

    /// The earlier version, compared from.
    public let old: FeeTable
    /// The later version, compared to.
    public let new: FeeTable
    /// In the new version's item order, then removed items in the old order.
    public package(set) var items: [ItemChange]
    /// In the new version's waiver order, then removed waivers in the old order.
    public package(set) var waivers: [WaiverChange]

    /// The changes from `old` to `new`: any two versions, usually consecutive ones of one bank.
    public init(from old: FeeTable, to new: FeeTable) {
        self.old = old
        self.new = new
        var items: [ItemChange] = []
        for item in new.items {
            if let o = old.item(item.code) {
                let change = Bank.compare(old: o.fee, oldTable: old, new: item.fee, newTable: new)
                if change != .unchanged { items.append(ItemChange(code: item.code, old: o, new: item, change: change)) }
            } else {
                items.append(ItemChange(code: item.code, old: nil, new: item, change: .new))
            }
        }
        for o in old.items where new.item(o.code) == nil {
            items.append(ItemChange(code: o.code, old: o, new: nil, change: .removed))
        }
        self.items = items
        var waivers: [WaiverChange] = []
        for w in new.waivers {
            guard let o = old.waivers.first(where: { $0.id == w.id }) else {
                waivers.append(WaiverChange(id: w.id, old: nil, new: w, kind: .added))
                continue
            }
            if o.effect != w.effect {
                waivers.append(WaiverChange(id: w.id, old: o, new: w, kind: .effect))
            } else if o.conditions != w.conditions || o.appliesTo != w.appliesTo {
                waivers.append(WaiverChange(id: w.id, old: o, new: w, kind: .conditions))
            }
        }
        for o in old.waivers where !new.waivers.contains(where: { $0.id == o.id }) {
            waivers.append(WaiverChange(id: o.id, old: o, new: nil, kind: .removed))
        }
        self.waivers = waivers
    }

    /// Whether anything a customer pays changes.
    public var isEmpty: Bool { items.isEmpty && waivers.isEmpty }
}

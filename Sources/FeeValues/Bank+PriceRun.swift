extension FeeItem {
    /// Whether a customer pays the same for this item as for `other`: the same formula, unit and
    /// kind of pricing (names and notes may differ).
    public func hasSamePrice(as other: FeeItem) -> Bool {
        fee == other.fee && unit == other.unit && pricing == other.pricing
    }
}

extension Bank {
    /// The version from which `item` has had the price it has in `version`: walking back over the
    /// versions before it for as long as the item's price stays the same. A statement shows one
    /// line per price, so a new version that leaves an item's price alone does not split its line.
    public func priceSince(item: String, version: String) -> String {
        guard var k = versions.firstIndex(where: { $0.version == version }), let current = versions[k].item(item) else { return version }
        while k > 0, let earlier = versions[k - 1].item(item), earlier.hasSamePrice(as: current) { k -= 1 }
        return versions[k].version
    }
}

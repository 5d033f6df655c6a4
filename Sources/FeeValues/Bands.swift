/// The bands of a banded fee, well formed by construction: at least one band, upper bounds that
/// strictly increase, every band bounded but the last, which covers everything above (spec §1.3.1).
/// A list that breaks the rule cannot be built, so a banded formula can always price an amount.
public struct Bands: Sendable, Hashable, RandomAccessCollection {
    private let bands: [Band]

    /// What keeps a list of bands from being a banded fee.
    public enum Flaw: Error, Sendable, Hashable {
        /// No band at all.
        case empty
        /// The last band has an upper bound: nothing would cover the amounts above it.
        case lastBounded(index: Int)
        /// A band's bound is not above the bound before it.
        case notAbove(index: Int, bound: Money, previous: Money)
        /// A band before the last has no bound: the bands after it could never apply.
        case openBeforeLast(index: Int)
    }

    /// A band's upper bound as a reader saw it: given, absent, or given but unreadable (already
    /// reported elsewhere, so it is not judged again).
    package enum Bound: Sendable, Hashable {
        /// `up_to` given: the band's inclusive upper bound.
        case upTo(Money)
        /// No `up_to`: the band covers every amount above the previous one.
        case open
        /// `up_to` given but not readable; its problem is reported already.
        case unreadable
    }

    /// Every flaw of bands with these bounds, in band order: the one home of the rule, used to
    /// build `Bands` and by the loader to report each flaw at its place in the file.
    package static func flaws(_ bounds: [Bound]) -> [Flaw] {
        guard !bounds.isEmpty else { return [.empty] }
        var flaws: [Flaw] = []
        var previous: Money?
        for (index, bound) in bounds.enumerated() {
            let isLast = index == bounds.count - 1
            switch bound {
            case .upTo(let u):
                if isLast { flaws.append(.lastBounded(index: index)) }
                if let p = previous, u <= p { flaws.append(.notAbove(index: index, bound: u, previous: p)) }
                previous = u
            case .open:
                if !isLast { flaws.append(.openBeforeLast(index: index)) }
            case .unreadable:
                break
            }
        }
        return flaws
    }

    /// The bands, or the first flaw that keeps them from being a banded fee.
    public init(_ bands: [Band]) throws(Flaw) {
        if let flaw = Self.flaws(bands.map { $0.upTo.map(Bound.upTo) ?? .open }).first { throw flaw }
        self.bands = bands
    }

    /// The first band's position (0).
    public var startIndex: Int { bands.startIndex }
    /// One past the last band's position.
    public var endIndex: Int { bands.endIndex }
    /// The band at `position`, in ascending order of bound.
    public subscript(position: Int) -> Band { bands[position] }
}

/// The ranges a request's numbers must lie in (spec §2): the one home of these rules, read by the
/// request decoder, the calculator (for requests built in code), the raise detection and the
/// teller's command line. The errors for leaving them are in `RequestLimits+Errors.swift`.
public enum RequestLimits {
    /// Units of a per-unit item in one request.
    public static let quantity: ClosedRange<Int> = 1...1_000_000
    /// A customer's age in whole years.
    public static let age: ClosedRange<Int> = 0...150
    /// Earlier uses of the item in the period: 0 or more.
    public static let uses: PartialRangeFrom<Int> = 0...
}

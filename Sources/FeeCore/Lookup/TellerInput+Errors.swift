import FeeWords

extension TellerInput {
    /// What a person typed as an amount (at the counter, or in the calculator form), read as
    /// `amount(_:)` reads it, or the quote error that says how to type it: the one wording for the
    /// command line and the server's form.
    public static func readAmount(_ text: String) -> Result<String, QuoteError> {
        switch amount(text) {
        case .success(let amount): return .success(amount)
        case .failure(.notAnAmount):
            return .failure(QuoteError(.invalidAmount, .notAnAmount(text: text)))
        case .failure(.misplacedSeparators(let meant)):
            return .failure(QuoteError(.invalidAmount, .ambiguousAmount(text: text, meant: meant)))
        }
    }

    /// The whole numbers a request may take from what a person typed.
    public enum Count: String, Sendable, CaseIterable {
        /// How many units.
        case quantity
        /// The customer's age.
        case age
        /// Earlier uses in the period.
        case uses

        /// The error code of a value that is not a whole number.
        public var code: QuoteErrorCode {
            switch self {
            case .quantity: return .invalidQuantity
            case .age: return .invalidAge
            case .uses: return .invalidUses
            }
        }

        /// What to give instead, in the message.
        var wanted: QuoteMessage.WholeNumber {
            switch self {
            case .quantity: return .quantity
            case .age: return .age
            case .uses: return .uses
            }
        }
    }

    /// A whole number typed for `field` (`--quantity`, or a form's `quantity`), or the quote error
    /// saying what to give.
    public static func readWholeNumber(_ text: String, _ count: Count, field: String) -> Result<Int, QuoteError> {
        guard let v = wholeNumber(text) else { return .failure(QuoteError(count.code, .notWholeNumber(field: field, text: text, what: count.wanted))) }
        return .success(v)
    }

    /// Sets the request's amount, quantity, customer age and earlier uses from what a person typed
    /// under those names (the teller's options, the calculator form's fields; `typed("amount")`),
    /// or gives the first that cannot be read: amount, then quantity, age, uses. `field` names a
    /// value in a message as the person typed it (`--quantity`, `quantity`).
    public static func readTyped(into r: inout QuoteRequest, _ typed: (String) -> String?, field: (String) -> String) -> QuoteError? {
        if let a = typed("amount") {
            switch readAmount(a) {
            case .success(let amount): r.amount = amount
            case .failure(let e): return e
            }
        }
        var counts: [Count: Int] = [:]
        for count in [Count.quantity, .age, .uses] {
            guard let text = typed(count.rawValue) else { continue }
            switch readWholeNumber(text, count, field: field(count.rawValue)) {
            case .success(let v): counts[count] = v
            case .failure(let e): return e
            }
        }
        r.quantity = counts[.quantity] ?? 1
        r.customer.age = counts[.age]
        r.usesInPeriod = counts[.uses]
        return nil
    }
}

import FeeValues
import FeeWords

/// The quote errors for a number outside `RequestLimits`, one per range.
extension RequestLimits {
    /// `invalid_quantity` for a quantity outside `quantity`.
    package static func quantityError(_ q: Int) -> QuoteError {
        QuoteError(.invalidQuantity, .quantityOutOfRange(q))
    }

    /// `invalid_age` for an age outside `age`.
    package static func ageError(_ age: Int) -> QuoteError {
        QuoteError(.invalidAge, .ageOutOfRange(age))
    }

    /// `invalid_uses` for a negative count.
    package static func usesError(_ uses: Int) -> QuoteError {
        QuoteError(.invalidUses, .usesNegative(uses))
    }
}

/// Every rule `fees check` applies, with its stable code (shown in problems and in `--json`),
/// in one catalogue: the loader and the checker report problems only through these cases, and
/// Docs/PROBLEM-CODES.md lists the same codes (a test compares the two).
public enum ProblemCode: String, Sendable, Hashable, CaseIterable {
    /// The file is not valid JSON (including invalid UTF-8 and nesting deeper than 256 levels).
    case jsonSyntax = "json_syntax"
    /// The file starts with a UTF-8 byte-order mark, which the format forbids.
    case byteOrderMark = "byte_order_mark"
    /// A key the format does not define (a typo such as `up_too`).
    case unknownKey = "unknown_key"
    /// A key given twice in one object, or a language twice in one text.
    case duplicateKey = "duplicate_key"
    /// A required key is absent (also: a band other than the last without `up_to`, a waiver without an effect, an unknown currency without `minor_units`).
    case missingKey = "missing_key"
    /// A key whose value is `null`: in a table file null is never "absent" (spec §6).
    case nullValue = "null_value"
    /// A value of the wrong JSON type (an object where a string belongs, …).
    case wrongType = "wrong_type"
    /// An object that could not be read although no other rule said why; the table does not load (the loader's no-silent-drop invariant).
    case unreadable = "unreadable"
    /// A text customers read is empty or only spaces.
    case emptyText = "empty_text"
    /// An id that is not 1–64 characters of a–z, 0–9, `.`, `_`, `-` (bank folder names too).
    case invalidId = "invalid_id"
    /// A date that is not an existing day written YYYY-MM-DD.
    case invalidDate = "invalid_date"
    /// Dates in the wrong order: `announced_on` after `effective_from`, or a promotion's `until` before its `from`.
    case datesOrder = "dates_order"
    /// A whole number outside its range (`notice_days`, `minor_units`, `min_age`, `free_uses.count`).
    case numberOutOfRange = "number_out_of_range"
    /// A money string that is not a plain decimal, has more fractional digits than the currency, or is too large.
    case invalidMoney = "invalid_money"
    /// Money, a rate or a percentage written as a JSON number instead of a string.
    case moneyNotString = "money_not_string"
    /// A rate that is not a decimal fraction from 0 to 1 with at most 8 fractional digits.
    case invalidRate = "invalid_rate"
    /// A `percent_off` that is not above 0 and at most 100 with at most 2 fractional digits.
    case invalidPercent = "invalid_percent"
    /// A `format` other than `fee-bank/1` or `fee-table/1`.
    case unsupportedFormat = "unsupported_format"
    /// A `currency` that is not a three-letter ISO 4217 code.
    case invalidCurrency = "invalid_currency"
    /// A `rounding` other than half-up, half-even, down or up.
    case unknownRounding = "unknown_rounding"
    /// A `pricing` other than market, government-guided or government-set.
    case unknownPricing = "unknown_pricing"
    /// A `free_uses.per` other than month or year.
    case unknownPeriod = "unknown_period"
    /// `languages` in bank.json lists no language.
    case noLanguages = "no_languages"
    /// A language tag that is not BCP 47 shaped (`zh-Hans`, `en`).
    case invalidLanguageTag = "invalid_language_tag"
    /// A localized text lacks one of the bank's languages.
    case missingLanguage = "missing_language"
    /// Warning: a text in a language bank.json does not list (it would never be published).
    case undeclaredLanguage = "undeclared_language"
    /// A version declares no customer tier (the first tier is the default).
    case noTiers = "no_tiers"
    /// Warning: a version lists no items.
    case noItems = "no_items"
    /// An id declared twice in one list (categories, tiers, items, waivers, branches, languages, reasons).
    case duplicateId = "duplicate_id"
    /// A reference to an id the version (or bank.json, for branches) does not declare.
    case undeclaredId = "undeclared_id"
    /// A formula with neither `flat` nor `rate`.
    case formulaEmpty = "formula_empty"
    /// A formula whose `min` is above its `max`.
    case minAboveMax = "min_above_max"
    /// A banded formula that also has `flat`, `rate`, `min` or `max` outside its bands.
    case mixedFormula = "mixed_formula"
    /// A band that contains `bands`.
    case nestedBands = "nested_bands"
    /// A banded formula with an empty `bands` list.
    case noBands = "no_bands"
    /// The last band has `up_to`; it must be open-ended.
    case bandOpenEnd = "band_open_end"
    /// Band `up_to` values that do not strictly increase.
    case bandOrder = "band_order"
    /// A waiver whose `applies_to` is empty.
    case noPatterns = "no_patterns"
    /// An `applies_to` pattern that is not a code, `prefix.*` or `*` alone.
    case invalidPattern = "invalid_pattern"
    /// An `applies_to` pattern that matches no item of the version.
    case patternMatchesNothing = "pattern_matches_nothing"
    /// A waiver with more than one of `percent_off`, `amount_off` and `fee`.
    case severalEffects = "several_effects"
    /// A condition list (`tiers`, `segments`, `channels`, `branches`, `reasons`) that is empty and so never holds.
    case emptyCondition = "empty_condition"
    /// `no_fault: false`; the only allowed value is true.
    case noFaultFalse = "no_fault_false"
    /// bank.json `id` differs from its folder name.
    case bankIdMismatch = "bank_id_mismatch"
    /// The tables directory does not exist, is not a directory, or cannot be listed.
    case missingDirectory = "missing_directory"
    /// The tables directory holds no bank folder.
    case noBanks = "no_banks"
    /// A bank folder without bank.json.
    case missingBankFile = "missing_bank_file"
    /// A bank with no version file.
    case noVersions = "no_versions"
    /// A name ending .json beside bank.json that is a directory.
    case notAFile = "not_a_file"
    /// A table file over 16 MiB.
    case fileTooLarge = "file_too_large"
    /// A file that exists but cannot be read.
    case unreadableFile = "unreadable_file"
    /// Two versions of a bank with the same `version` id.
    case duplicateVersion = "duplicate_version"
    /// Two versions of a bank that take effect on the same day.
    case duplicateEffectiveFrom = "duplicate_effective_from"
    /// A version that raises a fee (spec §5) with less notice than `notice_days`, counted from the later of the two announcements.
    case noticePeriod = "notice_period"
    /// A draft given with `--with` names a bank the tables do not hold, or the tables hold several and `--bank` is missing.
    case unknownDraftBank = "unknown_draft_bank"
    /// Note: a waiver or promotion in effect ends within 30 days of `--date`; the customers who use it must be told.
    case waiverEnding = "waiver_ending"
    /// Warning: a waiver's conditions or items changed between versions; fewer customers may qualify.
    case waiverConditionsChanged = "waiver_conditions_changed"
}

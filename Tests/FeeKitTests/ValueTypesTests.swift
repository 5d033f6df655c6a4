import Testing
import FeeKit

@Suite struct DecimalTextTests {
    @Test(arguments: [("5", 2, Int128(500)), ("5.00", 2, 500), ("0.4", 2, 40), ("007", 0, 7), ("1.230", 3, 1230), ("0", 2, 0)])
    func parsesDecimals(text: String, scale: Int, value: Int128) throws {
        #expect(try DecimalText.parse(text, scale: scale).get() == value)
    }

    @Test(arguments: ["", "-1", "+1", "1.", ".5", "1e3", "1,000", " 1", "1 ", "NaN", "Infinity", "１", "1.2.3"])
    func rejectsNonDecimals(text: String) {
        #expect(DecimalText.parse(text, scale: 2) == .failure(.notDecimal))
    }

    @Test func countsFractionDigitsAsWritten() {
        #expect(DecimalText.parse("1.230", scale: 2) == .failure(.tooManyFractionDigits(allowed: 2)))
        #expect(Money.parse("500.0", minorDigits: 0) == .failure(.tooManyFractionDigits(allowed: 0)))
    }

    @Test func moneyLimitFollowsSpec() {
        #expect(Money.limit(minorDigits: 2) == 99_999_999_999_999_999)
        #expect(Money.limit(minorDigits: 0) == 999_999_999_999_999)
        #expect(Money.limit(minorDigits: 3) == 99_999_999_999_999_999)
        #expect((try? Money.parse("999999999999999.99", minorDigits: 2).get()) == Money(minorUnits: 99_999_999_999_999_999))
        #expect(Money.parse("1000000000000000.00", minorDigits: 2) == .failure(.tooLarge))
        #expect(Money.parse(String(repeating: "9", count: 60), minorDigits: 2) == .failure(.tooLarge))
    }

    @Test func formatsWithoutLocale() throws {
        #expect(Money(minorUnits: 123_456_789).groupedText(minorDigits: 2) == "1,234,567.89")
        #expect(Money(minorUnits: 5).plainText(minorDigits: 2) == "0.05")
        #expect(Money(minorUnits: 500).plainText(minorDigits: 0) == "500")
        #expect(Money(minorUnits: 1_000).groupedText(minorDigits: 0) == "1,000")
        #expect(Money(minorUnits: 999).groupedText(minorDigits: 3) == "0.999")
        #expect(try Rate(hundredMillionths: 500_000).percentText == "0.5")
        #expect(try Rate(hundredMillionths: 2_000).fractionText == "0.00002")
    }

    @Test func ratesAndPercentagesHaveBounds() throws {
        #expect(try Rate.parse("1") == .success(Rate(hundredMillionths: 100_000_000)))
        #expect(Rate.parse("1.00000001") == .failure(.tooLarge))
        #expect(Rate.parse("0.000000001") == .failure(.tooManyFractionDigits(allowed: 8)))
        #expect(Percentage.parse("0") == .failure(.tooLarge))
        #expect(Percentage.parse("100.01") == .failure(.tooLarge))
        #expect(try Percentage.parse("12.5") == .success(Percentage(hundredths: 1250)))
    }
}

@Suite struct RoundingTests {
    /// 2.5 → half-up 3, half-even 2, down 2, up 3; 3.5 → half-even 4; 2.4 and 2.6 are not ties.
    @Test(arguments: [
        (RoundingMode.halfUp, [Int128(3), 4, 2, 3]), (.halfEven, [2, 4, 2, 3]), (.down, [2, 3, 2, 2]), (.up, [3, 4, 3, 3]),
    ])
    func roundsTiesAndNonTies(mode: RoundingMode, expected: [Int128]) {
        #expect([mode.divide(25, by: 10), mode.divide(35, by: 10), mode.divide(24, by: 10), mode.divide(26, by: 10)] == expected)
    }

    @Test func exactValuesAreUnchanged() {
        for mode in RoundingMode.allCases { #expect(mode.divide(300, by: 100) == 3) }
    }

    /// `divide` against the definition of each mode, compared as exact fractions, for odd and even
    /// denominators (the floor-and-tie form it is written in is shared with the raise detection).
    @Test func divideFollowsEachModesDefinition() {
        for d in [Int128(1), 2, 3, 7, 10, 100, 10_000, 100_000_000] {
            for x in Int128(0)...Int128(400) {
                let n = x * (d > 100 ? d / 40 + 1 : 1)
                let q = n / d, twice = 2 * (n - q * d)  // n/d = q + twice/(2d)
                let expected: [RoundingMode: Int128] = [
                    .down: q,
                    .up: twice == 0 ? q : q + 1,
                    .halfUp: twice >= d ? q + 1 : q,
                    .halfEven: twice > d || (twice == d && q % 2 == 1) ? q + 1 : q,
                ]
                for mode in RoundingMode.allCases {
                    #expect(mode.divide(n, by: d) == expected[mode], "\(mode) \(n)/\(d)")
                }
            }
        }
    }
}

@Suite struct CalendarDateTests {
    @Test(arguments: ["2025-02-30", "2025-13-01", "2025-00-10", "2025-1-01", "25-01-01", "2025/01/01", "2025-01-01T00:00", "2023-02-29", "0000-01-01",
                            "2025-0a-01", "202/-01-01", "2025-01-:1", "+025-01-01", "2025- 1-01", "2025-01-1\u{0}", "２０２５-01-01"])
    func rejectsNonDates(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func acceptsLeapDaysAndCountsDays() throws {
        let leap = try #require(CalendarDate("2024-02-29"))
        #expect(leap.description == "2024-02-29")
        let a = try #require(CalendarDate("2025-06-01")), b = try #require(CalendarDate("2025-07-01"))
        #expect(a.days(to: b) == 30)
        #expect(b.adding(days: -90)?.description == "2025-04-02")
        #expect(a.adding(days: 90)?.description == "2025-08-30")
        #expect(CalendarDate("1970-01-01")?.dayNumber == 0)
        #expect(CalendarDate("0001-01-01")?.dayNumber == -719_162)
        #expect(CalendarDate(dayNumber: -719_163) == nil)
        for n in stride(from: -719_162, through: 2_932_896, by: 997) {
            #expect(CalendarDate(dayNumber: n)?.dayNumber == n)
        }
    }
}

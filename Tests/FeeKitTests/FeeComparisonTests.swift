import Testing
@testable import FeeKit

/// The exact raise detection of spec §5, checked against exhaustive enumeration on small ranges.
@Suite struct FeeComparisonTests {
    private func randomFee(_ rng: inout SeededRandom, perUnit: Bool) -> LinearFee {
        let modes = RoundingMode.allCases
        let flat = Int128(Int.random(in: 0...3, using: &rng) == 0 ? 0 : Int.random(in: 0...40, using: &rng))
        // Small scale-compatible rates: k in 1e-8 per minor unit; pick values that make ties likely.
        let rates: [Int128] = [0, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 12_345_678, 50_000_000, 100_000_000, 33_333_333, 2_000]
        let k = perUnit ? 0 : rates[Int.random(in: 0..<rates.count, using: &rng)]
        var min = Int.random(in: 0...2, using: &rng) == 0 ? Int128(Int.random(in: 0...60, using: &rng)) : nil
        var max = Int.random(in: 0...2, using: &rng) == 0 ? Int128(Int.random(in: 0...90, using: &rng)) : nil
        if let a = min, let b = max, a > b { (min, max) = (b, a) }
        let f = SimpleFormula(flat: Money(minorUnits: flat), rate: k == 0 && perUnit ? nil : Rate(hundredMillionths: k),
                              min: min.map { Money(minorUnits: $0) }, max: max.map { Money(minorUnits: $0) })
        let mode = modes[Int.random(in: 0..<modes.count, using: &rng)]
        return perUnit ? LinearFee(perUnit: f, rounding: mode) : LinearFee(perTransaction: f, rounding: mode)
    }

    @Test func agreesWithBruteForceOnRandomFormulas() {
        var rng = SeededRandom(seed: 20_261_123)
        var raises = 0, none = 0
        for _ in 0..<3_000 {
            let perUnit = Int.random(in: 0...4, using: &rng) == 0
            let old = randomFee(&rng, perUnit: perUnit), new = randomFee(&rng, perUnit: perUnit)
            let lo = Int128(Int.random(in: 0...50, using: &rng))
            let hi = lo + Int128(Int.random(in: 0...600, using: &rng))
            let brute = (lo...hi).first { new.value($0) > old.value($0) }
            let found = FeeComparison.firstRaise(old: old, new: new, lo: lo, hi: hi)
            #expect((found == nil) == (brute == nil), "old \(old) new \(new) in \(lo)...\(hi): brute \(String(describing: brute)) found \(String(describing: found))")
            if let p = found?.point {
                #expect(p >= lo && p <= hi)
                #expect(new.value(p) > old.value(p), "witness \(p) is not a raise")
                raises += 1
            } else {
                none += 1
            }
        }
        // Both outcomes are exercised.
        #expect(raises > 300 && none > 300)
    }

    @Test func findsARaiseHiddenInsideOneBand() {
        let old = FeeFormula.banded([Band(upTo: Money(minorUnits: 1_000_000), formula: SimpleFormula(flat: Money(minorUnits: 500))),
                                     Band(upTo: Money(minorUnits: 10_000_000), formula: SimpleFormula(flat: Money(minorUnits: 1_000))),
                                     Band(upTo: nil, formula: SimpleFormula(rate: Rate(hundredMillionths: 2_000), max: Money(minorUnits: 20_000)))])
        var bands = { if case .banded(let b) = old { return b } else { return [] } }()
        bands[1].formula.flat = Money(minorUnits: 1_001)
        let w = FeeComparison.firstRaise(old: old, oldRounding: .halfUp, new: .banded(bands), newRounding: .halfUp, minorDigits: 2)
        #expect(w?.domain == .amount)
        #expect(w?.point == 1_000_001)
        #expect(w?.oldFee == Money(minorUnits: 1_000) && w?.newFee == Money(minorUnits: 1_001))
    }

    @Test func lowerBandEdgeMovesAmountsIntoADearerBand() {
        func bands(_ edge: Int128) -> FeeFormula {
            .banded([Band(upTo: Money(minorUnits: edge), formula: SimpleFormula(flat: Money(minorUnits: 500))),
                     Band(upTo: nil, formula: SimpleFormula(flat: Money(minorUnits: 1_000)))])
        }
        let w = FeeComparison.firstRaise(old: bands(1_000_000), oldRounding: .halfUp, new: bands(999_999), newRounding: .halfUp, minorDigits: 2)
        #expect(w?.point == 1_000_000)
        #expect(FeeComparison.firstRaise(old: bands(999_999), oldRounding: .halfUp, new: bands(1_000_000), newRounding: .halfUp, minorDigits: 2) == nil)
    }

    @Test func raisedMaxOnlyCountsWhereItIsReached() {
        let old = FeeFormula.simple(SimpleFormula(rate: Rate(hundredMillionths: 100_000), max: Money(minorUnits: 5_000)))
        let new = FeeFormula.simple(SimpleFormula(rate: Rate(hundredMillionths: 100_000), max: Money(minorUnits: 6_000)))
        let w = FeeComparison.firstRaise(old: old, oldRounding: .halfUp, new: new, newRounding: .halfUp, minorDigits: 2)
        // 0.1 % reaches 50.00 at 50,000.00; the fee first rounds to 50.01 at 50,005.00 (50.005, half-up).
        #expect(w?.point == 5_000_500)
        #expect(w.map { $0.newFee > $0.oldFee } == true)
    }

    @Test func roundingModeChangeAloneIsARaiseOnlyWhenItRoundsUp() {
        let f = FeeFormula.simple(SimpleFormula(flat: Money(minorUnits: 8_000), rate: Rate(hundredMillionths: 100_000)))
        // half-even → half-up raises ties; half-up → half-even never raises.
        let up = FeeComparison.firstRaise(old: f, oldRounding: .halfEven, new: f, newRounding: .halfUp, minorDigits: 2)
        #expect(up != nil)
        #expect(FeeComparison.firstRaise(old: f, oldRounding: .halfUp, new: f, newRounding: .halfEven, minorDigits: 2) == nil)
        #expect(FeeComparison.firstRaise(old: f, oldRounding: .up, new: f, newRounding: .down, minorDigits: 2) == nil)
        #expect(FeeComparison.firstRaise(old: f, oldRounding: .down, new: f, newRounding: .up, minorDigits: 2)?.point == 1)
    }

    @Test func zeroIsDecidedByValuesNotSpelling() {
        #expect(FeeComparison.isAlwaysFree(.simple(SimpleFormula(rate: .zero)), rounding: .halfUp, minorDigits: 2))
        #expect(FeeComparison.isAlwaysFree(.simple(SimpleFormula(rate: Rate(hundredMillionths: 1_000), max: .zero)), rounding: .halfUp, minorDigits: 2))
        #expect(FeeComparison.isAlwaysFree(.simple(SimpleFormula(rate: Rate(hundredMillionths: 1))), rounding: .down, minorDigits: 2) == false)
        #expect(FeeComparison.isAlwaysFree(.simple(SimpleFormula(flat: .zero, min: Money(minorUnits: 1))), rounding: .halfUp, minorDigits: 2) == false)
    }

    @Test func perUnitAgainstPerTransactionComparesAtQuantityOne() {
        let perUnit = FeeFormula.simple(SimpleFormula(flat: Money(minorUnits: 500)))
        let perTx = FeeFormula.simple(SimpleFormula(rate: Rate(hundredMillionths: 100_000), max: Money(minorUnits: 400)))
        #expect(FeeComparison.firstRaise(old: perUnit, oldRounding: .halfUp, new: perTx, newRounding: .halfUp, minorDigits: 2) == nil)
        #expect(FeeComparison.firstRaise(old: perTx, oldRounding: .halfUp, new: perUnit, newRounding: .halfUp, minorDigits: 2)?.point == 0)
    }

    @Test func modularSearchAgreesWithBruteForce() {
        var rng = SeededRandom(seed: 7)
        for _ in 0..<4_000 {
            let m = Int128(Int.random(in: 1...400, using: &rng))
            let a = Int128(Int.random(in: 0..<Int(m), using: &rng)), b = Int128(Int.random(in: 0..<Int(m), using: &rng))
            var l = Int128(Int.random(in: 0..<Int(m), using: &rng)), r = Int128(Int.random(in: 0..<Int(m), using: &rng))
            if l > r { (l, r) = (r, l) }
            let brute = (Int128(0)..<(2 * m + 2)).first { j in
                let v = (b + a * j) % m
                return v >= l && v <= r
            }
            #expect(ModularSearch.firstStep(stride: a, start: b, modulus: m, low: l, high: r) == brute, "a \(a) b \(b) m \(m) [\(l), \(r)]")
        }
    }
}

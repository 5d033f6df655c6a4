import Testing
import FeeKit
import FeeTestSupport

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
        let f = try! SimpleFormula(flat: Money(minorUnits: flat), rate: k == 0 && perUnit ? nil : try! Rate(hundredMillionths: k),
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
            // The first raise exactly, not just whether there is one (the check names it).
            #expect(found == brute, "old \(old) new \(new) in \(lo)...\(hi): brute \(String(describing: brute)) found \(String(describing: found))")
            if let p = found {
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

    @Test func findsARaiseHiddenInsideOneBand() throws {
        var bands = [Band(upTo: Money(minorUnits: 1_000_000), formula: try! SimpleFormula(flat: Money(minorUnits: 500))),
                     Band(upTo: Money(minorUnits: 10_000_000), formula: try! SimpleFormula(flat: Money(minorUnits: 1_000))),
                     Band(upTo: nil, formula: try! SimpleFormula(rate: try! Rate(hundredMillionths: 2_000), max: Money(minorUnits: 20_000)))]
        let old = FeeFormula.banded(try Bands(bands))
        bands[1] = Band(upTo: bands[1].upTo, formula: try SimpleFormula(flat: Money(minorUnits: 1_001)))
        let w = FeeComparison.firstRaise(old: old, oldRounding: .halfUp, new: .banded(try Bands(bands)), newRounding: .halfUp, minorDigits: 2)
        #expect(w?.domain == .amount)
        #expect(w?.point == 1_000_001)
        #expect(w?.oldFee == Money(minorUnits: 1_000) && w?.newFee == Money(minorUnits: 1_001))
    }

    /// A band list that breaks the rule cannot be built: every flaw, and a well-formed list.
    @Test func bandsAreWellFormedByConstruction() throws {
        func band(_ upTo: Int128?) -> Band { Band(upTo: upTo.map { Money(minorUnits: $0) }, formula: try! SimpleFormula(flat: Money(minorUnits: 100))) }
        func flaw(_ bands: [Band]) -> Bands.Flaw? {
            do { _ = try Bands(bands); return nil } catch { return error }
        }
        #expect(flaw([]) == .empty)
        #expect(flaw([band(100)]) == .lastBounded(index: 0))
        #expect(flaw([band(100), band(100), band(nil)]) == .notAbove(index: 1, bound: Money(minorUnits: 100), previous: Money(minorUnits: 100)))
        #expect(flaw([band(nil), band(nil)]) == .openBeforeLast(index: 0))
        #expect(flaw([band(nil)]) == nil && flaw([band(1), band(2), band(nil)]) == nil)
        // Every flaw of a list, in band order (the loader reports each at its place).
        #expect(Bands.flaws([.upTo(Money(minorUnits: 5)), .open, .upTo(Money(minorUnits: 4))])
                == [.openBeforeLast(index: 1), .lastBounded(index: 2), .notAbove(index: 2, bound: Money(minorUnits: 4), previous: Money(minorUnits: 5))])
        #expect(Bands.flaws([.upTo(Money(minorUnits: 5)), .unreadable, .open]) == [])
        // Built, they price every amount: the last band covers everything above.
        let fee = FeeFormula.banded(try Bands([band(1_000), band(nil)]))
        #expect(fee.formula(for: Money(minorUnits: 1_000)).bandIndex == 0 && fee.formula(for: Money(minorUnits: 1_001)).bandIndex == 1)
    }

    @Test func lowerBandEdgeMovesAmountsIntoADearerBand() throws {
        func bands(_ edge: Int128) throws -> FeeFormula {
            .banded(try Bands([Band(upTo: Money(minorUnits: edge), formula: try! SimpleFormula(flat: Money(minorUnits: 500))),
                               Band(upTo: nil, formula: try! SimpleFormula(flat: Money(minorUnits: 1_000)))]))
        }
        let w = FeeComparison.firstRaise(old: try bands(1_000_000), oldRounding: .halfUp, new: try bands(999_999), newRounding: .halfUp, minorDigits: 2)
        #expect(w?.point == 1_000_000)
        #expect(FeeComparison.firstRaise(old: try bands(999_999), oldRounding: .halfUp, new: try bands(1_000_000), newRounding: .halfUp, minorDigits: 2) == nil)
    }

    @Test func raisedMaxOnlyCountsWhereItIsReached() {
        let old = FeeFormula.simple(try! SimpleFormula(rate: try! Rate(hundredMillionths: 100_000), max: Money(minorUnits: 5_000)))
        let new = FeeFormula.simple(try! SimpleFormula(rate: try! Rate(hundredMillionths: 100_000), max: Money(minorUnits: 6_000)))
        let w = FeeComparison.firstRaise(old: old, oldRounding: .halfUp, new: new, newRounding: .halfUp, minorDigits: 2)
        // 0.1 % reaches 50.00 at 50,000.00; the fee first rounds to 50.01 at 50,005.00 (50.005, half-up).
        #expect(w?.point == 5_000_500)
        #expect(w.map { $0.newFee > $0.oldFee } == true)
    }

    @Test func roundingModeChangeAloneIsARaiseOnlyWhenItRoundsUp() {
        let f = FeeFormula.simple(try! SimpleFormula(flat: Money(minorUnits: 8_000), rate: try! Rate(hundredMillionths: 100_000)))
        // half-even → half-up raises ties; half-up → half-even never raises.
        let up = FeeComparison.firstRaise(old: f, oldRounding: .halfEven, new: f, newRounding: .halfUp, minorDigits: 2)
        #expect(up != nil)
        #expect(FeeComparison.firstRaise(old: f, oldRounding: .halfUp, new: f, newRounding: .halfEven, minorDigits: 2) == nil)
        #expect(FeeComparison.firstRaise(old: f, oldRounding: .up, new: f, newRounding: .down, minorDigits: 2) == nil)
        #expect(FeeComparison.firstRaise(old: f, oldRounding: .down, new: f, newRounding: .up, minorDigits: 2)?.point == 1)
    }

    @Test func zeroIsDecidedByValuesNotSpelling() {
        #expect(FeeComparison.isAlwaysFree(.simple(try! SimpleFormula(rate: .zero)), rounding: .halfUp, minorDigits: 2))
        #expect(FeeComparison.isAlwaysFree(.simple(try! SimpleFormula(rate: try! Rate(hundredMillionths: 1_000), max: .zero)), rounding: .halfUp, minorDigits: 2))
        #expect(FeeComparison.isAlwaysFree(.simple(try! SimpleFormula(rate: try! Rate(hundredMillionths: 1))), rounding: .down, minorDigits: 2) == false)
        #expect(FeeComparison.isAlwaysFree(.simple(try! SimpleFormula(flat: .zero, min: Money(minorUnits: 1))), rounding: .halfUp, minorDigits: 2) == false)
    }

    @Test func perUnitAgainstPerTransactionComparesAtQuantityOne() {
        let perUnit = FeeFormula.simple(try! SimpleFormula(flat: Money(minorUnits: 500)))
        let perTx = FeeFormula.simple(try! SimpleFormula(rate: try! Rate(hundredMillionths: 100_000), max: Money(minorUnits: 400)))
        #expect(FeeComparison.firstRaise(old: perUnit, oldRounding: .halfUp, new: perTx, newRounding: .halfUp, minorDigits: 2) == nil)
        #expect(FeeComparison.firstRaise(old: perTx, oldRounding: .halfUp, new: perUnit, newRounding: .halfUp, minorDigits: 2)?.point == 0)
    }

    /// High rates, rate differences of 1e-8 and wide ranges: the cases a step-by-step search gave
    /// up on (0.2 → 0.19999999 was "treated as a raise"). Compared with brute force on every point.
    @Test func agreesWithBruteForceOnHighRatesAndTinyRateDifferences() {
        var rng = SeededRandom(seed: 2_026_1201)
        let bases: [Int128] = [20_000_000, 50_000_000, 100_000_000, 99_999_999, 33_333_333, 12_500_000, 75_000_001]
        var raises = 0, none = 0
        for _ in 0..<120 {
            let k = bases[Int.random(in: 0..<bases.count, using: &rng)]
            let dk = Int128(Int.random(in: -3...3, using: &rng))
            let modes = RoundingMode.allCases
            func fee(_ k: Int128) -> LinearFee {
                let flat = Int.random(in: 0...2, using: &rng) == 0 ? Int128(Int.random(in: 0...3, using: &rng)) : 0
                let f = try! SimpleFormula(flat: Money(minorUnits: flat), rate: try! Rate(hundredMillionths: Swift.min(k, 100_000_000)))
                return LinearFee(perTransaction: f, rounding: modes[Int.random(in: 0..<modes.count, using: &rng)])
            }
            let old = fee(k), new = fee(k + dk)
            let lo = Int128(Int.random(in: 0...1_000_000_000, using: &rng))
            let hi = lo + 60_000
            let brute = (lo...hi).first { new.value($0) > old.value($0) }
            let found = FeeComparison.firstRaise(old: old, new: new, lo: lo, hi: hi)
            #expect(found == brute, "old \(old) new \(new) in \(lo)...\(hi)")
            if found == nil { none += 1 } else { raises += 1 }
        }
        #expect(raises > 10 && none > 10)
    }

    /// A cut of a high rate by 1e-8 over a band that reaches the largest amount is never a raise,
    /// and is decided at once; a rise by 1e-8 is found at the first amount where it rounds higher.
    @Test(arguments: [(Int128(20_000_000), RoundingMode.halfUp), (Int128(50_000_000), .halfEven), (Int128(100_000_000), .down), (Int128(100_000_000), .up), (Int128(33_333_333), .halfEven)])
    func tinyRateCutsOverLongBandsAreNotRaises(rate: Int128, mode: RoundingMode) throws {
        let high = FeeFormula.simple(try! SimpleFormula(rate: try! Rate(hundredMillionths: rate)))
        let lower = FeeFormula.simple(try! SimpleFormula(rate: try! Rate(hundredMillionths: rate - 1)))
        #expect(FeeComparison.firstRaise(old: high, oldRounding: mode, new: lower, newRounding: mode, minorDigits: 2) == nil)
        let w = try #require(FeeComparison.firstRaise(old: lower, oldRounding: mode, new: high, newRounding: mode, minorDigits: 2))
        #expect(w.newFee > w.oldFee)
        // Nothing below the witness is a raise: check the last 100,000 amounts before it.
        let o = LinearFee(perTransaction: try! SimpleFormula(rate: try! Rate(hundredMillionths: rate - 1)), rounding: mode)
        let n = LinearFee(perTransaction: try! SimpleFormula(rate: try! Rate(hundredMillionths: rate)), rounding: mode)
        let from = Swift.max(0, w.point - 100_000)
        #expect((from..<w.point).allSatisfy { n.value($0) <= o.value($0) })
    }

    @Test func floorSumAgreesWithBruteForce() {
        var rng = SeededRandom(seed: 11)
        for _ in 0..<3_000 {
            let n = Int128(Int.random(in: 0...60, using: &rng)), m = Int128(Int.random(in: 1...50, using: &rng))
            let a = Int128(Int.random(in: -200...200, using: &rng)), b = Int128(Int.random(in: -500...500, using: &rng))
            let brute = (Int128(0)..<Swift.max(n, 0)).reduce(Int128(0)) { $0 + LatticeCount.floorDiv(a * $1 + b, m) }
            #expect(LatticeCount.floorSum(count: n, modulus: m, slope: a, offset: b) == brute, "n \(n) m \(m) a \(a) b \(b)")
        }
    }

    @Test func congruencesAndIntersectionsAgreeWithBruteForce() {
        var rng = SeededRandom(seed: 12)
        for _ in 0..<2_000 {
            let m = Int128(Int.random(in: 1...60, using: &rng))
            let k = Int128(Int.random(in: -100...100, using: &rng)), r = Int128(Int.random(in: -100...100, using: &rng))
            let brute = (Int128(0)..<(3 * m)).filter { (k * $0 - r) % m == 0 }
            let p = LatticeCount.solve(k, r, modulo: m)
            #expect(p.map { p in (Int128(0)..<(3 * m)).filter { ($0 - p.first) % p.step == 0 } } ?? [] == brute, "k \(k) r \(r) m \(m)")
            let q = LatticeCount.Progression(first: Int128(Int.random(in: 0..<7, using: &rng)), step: 7)
            if let p {
                let both = (Int128(0)..<(p.step * 7 * 2)).filter { ($0 - p.first) % p.step == 0 && ($0 - q.first) % 7 == 0 }
                let x = LatticeCount.intersect(p, q)
                #expect(x.map { x in (Int128(0)..<(p.step * 7 * 2)).filter { ($0 - x.first) % x.step == 0 } } ?? [] == both)
            }
        }
    }
}

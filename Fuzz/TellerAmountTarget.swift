// Fuzz target: what a teller types as an amount. Never crashes; an accepted amount is a plain
// decimal the calculator reads without trapping; a suggested reading is itself accepted.
import FeeKit
import FeeTestSupport
func fuzzTellerAmount(_ data: UnsafePointer<UInt8>, _ size: Int) {
    Harness.require(Invariants.checkTellerAmount(String(decoding: Harness.bytes(data, size), as: UTF8.self), calculator: Harness.calculator))
}

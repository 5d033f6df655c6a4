// Fuzz target: a version file of the demo bank. Never crashes; loads only without errors; a loaded
// table compares with every demo version and renders a board with every text escaped.
import FeeKit
import FeeTestSupport
func fuzzLoader(_ data: UnsafePointer<UInt8>, _ size: Int) {
    Harness.require(Invariants.checkTable(Harness.bytes(data, size), bank: Harness.bank))
}

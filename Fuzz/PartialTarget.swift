// Fuzz target: a partial aggregate as `fees merge` reads it. Never crashes; a partial that reads
// merges with itself and renders its report, or is refused with a message.
import FeeKit
import FeeTestSupport
func fuzzPartial(_ data: UnsafePointer<UInt8>, _ size: Int) {
    Harness.require(Invariants.checkPartial(Harness.bytes(data, size), bank: Harness.bank))
}

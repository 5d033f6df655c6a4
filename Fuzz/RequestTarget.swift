// Fuzz target: a JSON Lines request line. One answer line, the same from the fast and general path.
import FeeKit
import FeeTestSupport
func fuzzRequest(_ data: UnsafePointer<UInt8>, _ size: Int) {
    var line = Harness.bytes(data, size)
    line.removeAll { $0 == 0x0A }
    Harness.require(Invariants.checkRequestLine(line, quoter: Harness.quoter))
}

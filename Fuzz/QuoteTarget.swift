// Fuzz target: a request over the demo bank built from the bytes; the calculator's invariants hold.
import FeeKit
import FeeTestSupport
func fuzzQuote(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let request = Invariants.request(from: Harness.bytes(data, size), bank: Harness.bank)
    Harness.require(Invariants.checkQuote(request, calculator: Harness.calculator))
}

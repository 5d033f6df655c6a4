// Fuzz target: the bytes a client sends (the HTTP head parser of fees serve, and a chunked body
// after it). The HTTP parser files are compiled into the fuzz module: they are pure and import nothing.
import FeeKit
import FeeTestSupport
func fuzzHTTP(_ data: UnsafePointer<UInt8>, _ size: Int) {
    Harness.require(HTTPInvariants.checkRequest(Harness.bytes(data, size)))
}

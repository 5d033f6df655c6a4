// The one libFuzzer entry point of the fuzz binary: the target is chosen by FEES_FUZZ_TARGET
// (loader, request, quote, amount, partial, http), so one sanitized build serves every target.
import FeeKit
import FeeTestSupport
#if canImport(Glibc)
import Glibc
#endif

private let target: @Sendable (UnsafePointer<UInt8>, Int) -> Void = {
    switch getenv("FEES_FUZZ_TARGET").map({ String(cString: $0) }) ?? "" {
    case "loader": return fuzzLoader
    case "request": return fuzzRequest
    case "quote": return fuzzQuote
    case "amount": return fuzzTellerAmount
    case "partial": return fuzzPartial
    case "http": return fuzzHTTP
    case let other: fatalError("fuzz: FEES_FUZZ_TARGET '\(other)' is not loader, request, quote, amount, partial or http")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    target(data, size)
    return 0
}

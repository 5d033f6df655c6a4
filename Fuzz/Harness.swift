// Shared set-up of the fuzz targets: the demo tables, loaded once. Compiled by Scripts/fuzz into
// its own module, against the library's layers built with sanitizers; not part of the package build.
import FeeKit
import FeeTestSupport
#if canImport(Glibc)
import Glibc
#endif

enum Harness {
    static let catalogue: Catalogue = {
        let directory = getenv("FEES_TABLES").map { String(cString: $0) } ?? "FeeTables"
        guard let c = CatalogueLoader.load(directory: directory).catalogue else { fatalError("fuzz: cannot load \(directory)") }
        return c
    }()
    static let bank = catalogue.banks[0]
    static let calculator = FeeCalculator(catalogue: catalogue)
    static let quoter = BatchQuoter(calculator: calculator, explain: false)

    static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    static func require(_ violation: String?) {
        if let violation { fatalError("invariant violated: \(violation)") }
    }
}

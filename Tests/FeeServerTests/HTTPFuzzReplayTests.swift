import Foundation
import Testing
@testable import FeeServer

/// The `http` fuzz target's seeds and findings, replayed through its invariants.
@Suite struct HTTPFuzzReplayTests {
    static func files(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { directory + "/" + $0 }
    }

    @Test func httpInputsKeepTheirInvariants() {
        let inputs = Self.files(Paths.root + "/Fuzz/corpus/http") + Self.files(Paths.root + "/Tests/FeeKitTests/Fixtures/fail-cases/http")
        #expect(inputs.count >= 4)
        for path in inputs {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            #expect(HTTPInvariants.checkRequest(bytes) == nil, "\(path)")
        }
        // The refusals the server tests send keep them too.
        for c in RefusalTests.cases { #expect(HTTPInvariants.checkRequest(Array(c.request.utf8)) == nil, "\(c.request.debugDescription)") }
    }
}

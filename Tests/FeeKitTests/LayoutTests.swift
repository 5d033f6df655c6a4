import Foundation
import Testing

/// The layers of the library as the README draws them are the targets Package.swift declares, and
/// the pure layers stay free of Foundation: the graph a reader learns is the one the compiler keeps.
@Suite struct LayoutTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func read(_ relative: String) throws -> String {
        try String(contentsOfFile: packageRoot + "/" + relative, encoding: .utf8)
    }

    /// `.target(name: "X", dependencies: [...])` of Package.swift: each library target and what it imports.
    static func declaredGraph() throws -> [String: [String]] {
        let manifest = try read("Package.swift")
        var graph: [String: [String]] = [:]
        var rest = manifest[...]
        while let open = rest.range(of: ".target(") {
            var depth = 1, end = open.upperBound
            while depth > 0, end < rest.endIndex {
                if rest[end] == "(" { depth += 1 } else if rest[end] == ")" { depth -= 1 }
                end = rest.index(after: end)
            }
            let call = rest[open.upperBound..<end]
            rest = rest[end...]
            let quoted = call.split(separator: "\"", omittingEmptySubsequences: false)
            guard quoted.count >= 2 else { continue }
            let name = String(quoted[1])
            var dependencies: [String] = []
            if let list = call.range(of: "dependencies: ["), let close = call[list.upperBound...].firstIndex(of: "]") {
                dependencies = call[list.upperBound..<close].split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            }
            graph[name] = dependencies
        }
        return graph
    }

    /// The `X ← A B` lines of the README's Layout section.
    static func drawnGraph() throws -> [String: [String]] {
        let readme = try read("README.md")
        let section = try #require(readme.range(of: "## Layout\n")).upperBound
        var graph: [String: [String]] = [:]
        for line in readme[section...].split(separator: "\n").prefix(40) where line.contains("←") {
            let sides = line.split(separator: "←", maxSplits: 1)
            let name = sides[0].trimmingCharacters(in: .whitespaces)
            let right = sides.count > 1 ? sides[1].trimmingCharacters(in: .whitespaces) : ""
            graph[name] = right == "(none)" ? [] : right.split(separator: " ").map(String.init)
        }
        return graph
    }

    @Test func theReadmeDrawsThePackageGraph() throws {
        let declared = try Self.declaredGraph(), drawn = try Self.drawnGraph()
        #expect(declared.count >= 10, "Package.swift's targets were not found: \(declared)")
        #expect(drawn == declared)
    }

    @Test func eachLayerImportsOnlyLayersBelowIt() throws {
        let declared = try Self.declaredGraph()
        let order = ["FeeValues", "FeeJSON", "FeeWords", "FeeCore", "FeeCatalogue", "FeePublishing", "FeeReports", "FeeKit"]
        for (rank, layer) in order.enumerated() {
            let below = Set(order.prefix(rank))
            let dependencies = try #require(declared[layer], "\(layer) is not a target of Package.swift")
            #expect(Set(dependencies).isSubset(of: below), "\(layer) depends on \(dependencies), not only on \(below.sorted())")
        }
    }

    @Test func onlyTheCatalogueLayerImportsFoundation() throws {
        let layers = ["FeeValues", "FeeJSON", "FeeWords", "FeeCore", "FeeCatalogue", "FeePublishing", "FeeReports", "FeeKit"]
        var importers: Set<String> = []
        var files = 0
        for layer in layers {
            let directory = Self.packageRoot + "/Sources/" + layer
            let enumerator = try #require(FileManager.default.enumerator(atPath: directory))
            for case let path as String in enumerator where path.hasSuffix(".swift") {
                files += 1
                let text = try String(contentsOfFile: directory + "/" + path, encoding: .utf8)
                if text.split(separator: "\n").contains(where: { $0.hasPrefix("import Foundation") || $0.hasPrefix("@_exported import Foundation") }) {
                    importers.insert(layer)
                }
            }
        }
        #expect(files > 50)
        #expect(importers == ["FeeCatalogue"])
    }
}

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

    /// The `X ← A B` lines of the README's Layout section, in the order drawn (lowest layer first).
    static func drawnLayers() throws -> [(name: String, dependencies: [String])] {
        let readme = try read("README.md")
        let section = try #require(readme.range(of: "## Layout\n")).upperBound
        var layers: [(name: String, dependencies: [String])] = []
        for line in readme[section...].split(separator: "\n").prefix(40) where line.contains("←") {
            let sides = line.split(separator: "←", maxSplits: 1)
            let name = sides[0].trimmingCharacters(in: .whitespaces)
            let right = sides.count > 1 ? sides[1].trimmingCharacters(in: .whitespaces) : ""
            layers.append((name, right == "(none)" ? [] : right.split(separator: " ").map(String.init)))
        }
        return layers
    }

    static func drawnGraph() throws -> [String: [String]] {
        Dictionary(try drawnLayers().map { ($0.name, $0.dependencies) }, uniquingKeysWith: { a, _ in a })
    }

    /// The library's layers as drawn: every target from the lowest up to the `FeeKit` umbrella.
    static func libraryLayers() throws -> [String] {
        let names = try drawnLayers().map(\.name)
        let umbrella = try #require(names.firstIndex(of: "FeeKit"), "the README draws no FeeKit")
        return Array(names[...umbrella])
    }

    /// The Swift files of a target's folder and their text; fails when the folder has none.
    static func sources(of target: String) throws -> [(path: String, text: String)] {
        let directory = packageRoot + "/Sources/" + target
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory), "no folder Sources/\(target)")
        var files: [(path: String, text: String)] = []
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            files.append((target + "/" + path, try String(contentsOfFile: directory + "/" + path, encoding: .utf8)))
        }
        #expect(!files.isEmpty, "Sources/\(target) has no Swift file")
        return files
    }

    /// The modules a file imports, whatever the attributes and access level written before `import`.
    static func imports(_ text: String) -> [String] {
        let modifiers: Set<Substring> = ["public", "package", "internal", "private", "fileprivate"]
        return text.split(separator: "\n").compactMap { raw in
            var words = raw.split(separator: " ", omittingEmptySubsequences: true)[...]
            while let first = words.first, first.hasPrefix("@") || modifiers.contains(first) { words = words.dropFirst() }
            guard words.first == "import", words.count >= 2 else { return nil }
            return String(words[words.startIndex + 1].split(separator: ".")[0])
        }
    }

    @Test func theReadmeDrawsThePackageGraph() throws {
        let declared = try Self.declaredGraph(), drawn = try Self.drawnGraph()
        #expect(declared.count >= 10, "Package.swift's targets were not found: \(declared)")
        #expect(drawn == declared)
    }

    @Test func eachLayerImportsOnlyLayersBelowIt() throws {
        let declared = try Self.declaredGraph()
        let order = try Self.libraryLayers()
        #expect(order.count == 8, "\(order)")
        for (rank, layer) in order.enumerated() {
            let below = Set(order.prefix(rank))
            let dependencies = try #require(declared[layer], "\(layer) is not a target of Package.swift")
            #expect(Set(dependencies).isSubset(of: below), "\(layer) depends on \(dependencies), not only on \(below.sorted())")
        }
    }

    /// What a file imports is a declared dependency, and each declared dependency is imported by
    /// some file of the target: the drawn graph is the one the code uses.
    @Test func eachTargetImportsWhatItDeclares() throws {
        let declared = try Self.declaredGraph()
        for layer in try Self.libraryLayers() {
            let dependencies = Set(try #require(declared[layer]))
            var used: Set<String> = []
            for file in try Self.sources(of: layer) {
                for module in Self.imports(file.text) where module.hasPrefix("Fee") {
                    #expect(dependencies.contains(module), "\(file.path) imports \(module), which \(layer) does not depend on")
                    used.insert(module)
                }
            }
            #expect(used == dependencies, "\(layer) declares \(dependencies.sorted()) but imports \(used.sorted())")
        }
    }

    @Test func importsAreReadWhateverIsWrittenBeforeThem() {
        #expect(Self.imports("import Foundation\n@preconcurrency import Dispatch\n  public import FeeJSON\n@_exported import FeeValues\nlet important = 1") ==
            ["Foundation", "Dispatch", "FeeJSON", "FeeValues"])
    }

    @Test func onlyTheCatalogueLayerImportsFoundation() throws {
        var importers: Set<String> = []
        for layer in try Self.libraryLayers() {
            for file in try Self.sources(of: layer) where Self.imports(file.text).contains(where: { $0.hasPrefix("Foundation") }) {
                importers.insert(layer)
            }
        }
        #expect(importers == ["FeeCatalogue"])
    }
}

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

    /// One target of Package.swift: its kind (the call that declares it), its name, its
    /// dependencies in the order written, and its folder.
    struct DeclaredTarget: Equatable {
        var kind: String
        var name: String
        var dependencies: [String]
        var path: String
    }

    /// Every kind of target the manifest declares and the README draws.
    static let targetKinds = ["target", "systemLibrary", "executableTarget", "testTarget"]

    /// The `.kind(name: "X", dependencies: [...], path: "…")` calls of `manifest`, for every kind of
    /// `targetKinds`, in the order written; a target without `path:` is in `Sources/X`
    /// (`Tests/X` for a test target).
    static func targets(inManifest manifest: String) -> [DeclaredTarget] {
        var found: [(at: String.Index, target: DeclaredTarget)] = []
        for kind in targetKinds {
            var rest = manifest[...]
            while let open = rest.range(of: "." + kind + "(") {
                var depth = 1, end = open.upperBound
                while depth > 0, end < rest.endIndex {
                    if rest[end] == "(" { depth += 1 } else if rest[end] == ")" { depth -= 1 }
                    end = rest.index(after: end)
                }
                let call = rest[open.upperBound..<end]
                rest = rest[end...]
                func quoted(after label: String) -> [String]? {
                    guard let start = call.range(of: label) else { return nil }
                    let tail = call[start.upperBound...]
                    let stop = tail.firstIndex(of: label.hasSuffix("[") ? "]" : ",") ?? tail.firstIndex(of: ")") ?? tail.endIndex
                    return tail[..<stop].split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                        .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                }
                guard let name = quoted(after: "name: ")?.first else { continue }
                let path = quoted(after: "path: ")?.first ?? (kind == "testTarget" ? "Tests/" : "Sources/") + name
                found.append((open.lowerBound, DeclaredTarget(kind: kind, name: name, dependencies: quoted(after: "dependencies: [") ?? [], path: path)))
            }
        }
        return found.sorted { $0.at < $1.at }.map(\.target)
    }

    /// The targets of Package.swift, every kind, in the order written.
    static func declaredTargets() throws -> [DeclaredTarget] {
        targets(inManifest: try read("Package.swift"))
    }

    /// Each target of Package.swift (library, system library, executable, test) and what it depends on.
    static func declaredGraph() throws -> [String: [String]] {
        Dictionary(try declaredTargets().map { ($0.name, $0.dependencies) }, uniquingKeysWith: { a, _ in a })
    }

    /// The `X ← A B` lines of the first drawing of `readme`'s Layout section, in the order drawn
    /// (lowest layer first).
    static func drawnLayers(inReadme readme: String) throws -> [(name: String, dependencies: [String])] {
        let section = try #require(readme.range(of: "## Layout\n"), "the README has no Layout section").upperBound
        let fence = try #require(readme[section...].range(of: "```\n"), "the Layout section draws nothing").upperBound
        let close = try #require(readme[fence...].range(of: "```"), "the Layout drawing is not closed").lowerBound
        var layers: [(name: String, dependencies: [String])] = []
        for line in readme[fence..<close].split(separator: "\n") where line.contains("←") {
            let sides = line.split(separator: "←", maxSplits: 1)
            let name = sides[0].trimmingCharacters(in: .whitespaces)
            let right = sides.count > 1 ? sides[1].trimmingCharacters(in: .whitespaces) : ""
            layers.append((name, right == "(none)" ? [] : right.split(separator: " ").map(String.init)))
        }
        return layers
    }

    static func drawnLayers() throws -> [(name: String, dependencies: [String])] {
        try drawnLayers(inReadme: try read("README.md"))
    }

    static func drawnGraph(inReadme readme: String) throws -> [String: [String]] {
        Dictionary(try drawnLayers(inReadme: readme).map { ($0.name, $0.dependencies) }, uniquingKeysWith: { a, _ in a })
    }

    static func drawnGraph() throws -> [String: [String]] {
        try drawnGraph(inReadme: try read("README.md"))
    }

    /// The library's layers as drawn: every target from the lowest up to the `FeeKit` umbrella.
    static func libraryLayers() throws -> [String] {
        let names = try drawnLayers().map(\.name)
        let umbrella = try #require(names.firstIndex(of: "FeeKit"), "the README draws no FeeKit")
        return Array(names[...umbrella])
    }

    /// The Swift files of a target's folder and their text; fails when the folder has none.
    static func sources(of target: String, in folder: String? = nil) throws -> [(path: String, text: String)] {
        let folder = folder ?? "Sources/" + target
        let directory = packageRoot + "/" + folder
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory), "no folder \(folder)")
        var files: [(path: String, text: String)] = []
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            files.append((target + "/" + path, try String(contentsOfFile: directory + "/" + path, encoding: .utf8)))
        }
        #expect(!files.isEmpty, "\(folder) has no Swift file")
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
        let targets = try Self.declaredTargets(), declared = try Self.declaredGraph()
        for kind in Self.targetKinds {
            #expect(targets.contains { $0.kind == kind }, "no .\(kind)( was found in Package.swift: \(targets.map(\.name))")
        }
        #expect(targets.count >= 15 && declared.count == targets.count, "Package.swift's targets were not all found: \(targets.map(\.name))")
        let layers = try Self.drawnLayers(), drawn = try Self.drawnGraph()
        #expect(drawn.count == layers.count, "the README draws a target twice: \(layers.map(\.name))")
        for name in Set(declared.keys).union(drawn.keys).sorted() {
            #expect(drawn[name] == declared[name], "\(name): the README draws \(drawn[name] ?? ["(no line)"]), Package.swift declares \(declared[name] ?? ["(no target)"])")
        }
        #expect(drawn == declared)
        let dependencies = Set(declared.values.joined())
        #expect(dependencies.isSubset(of: declared.keys), "dependencies that are not targets: \(dependencies.subtracting(declared.keys).sorted())")
    }

    /// The drawing is checked edge by edge: a README without any one of its edges, or without any
    /// one of its lines, no longer matches Package.swift.
    @Test func everyDrawnEdgeIsChecked() throws {
        let readme = try Self.read("README.md"), declared = try Self.declaredGraph()
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let section = try #require(lines.firstIndex(of: "## Layout"))
        let open = try #require(lines[section...].firstIndex { $0.hasPrefix("```") })
        let close = try #require(lines[(open + 1)...].firstIndex { $0.hasPrefix("```") })
        var edges = 0
        for index in (open + 1)..<close {
            let line = lines[index]
            guard let arrow = line.range(of: " ← ") else { continue }
            let name = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
            var without = lines
            without.remove(at: index)
            #expect(try Self.drawnGraph(inReadme: without.joined(separator: "\n")) != declared, "the README without its \(name) line still passes")
            let dependencies = line[arrow.upperBound...].split(separator: " ").map(String.init)
            for dependency in dependencies where dependency != "(none)" {
                let rest = dependencies.filter { $0 != dependency }
                var fewer = lines
                fewer[index] = String(line[..<arrow.upperBound]) + (rest.isEmpty ? "(none)" : rest.joined(separator: " "))
                #expect(try Self.drawnGraph(inReadme: fewer.joined(separator: "\n")) != declared, "the README without \(name) ← \(dependency) still passes")
                edges += 1
            }
        }
        #expect(edges == declared.values.map(\.count).reduce(0, +), "\(edges) edges were tried")
    }

    @Test func theManifestIsReadForEveryKindOfTarget() {
        let manifest = """
            .library(name: "L", targets: ["A"]),
            .target(name: "A", exclude: ["README.md"]),
            .systemLibrary(name: "S", path: "Sources/S"),
            .target(
                name: "B",
                dependencies: ["A", "S"],
                exclude: ["README.md"]
            ),
            .executableTarget(name: "e-x", dependencies: ["B"], path: "Sources/e-x", exclude: ["README.md"]),
            .testTarget(name: "BTests", dependencies: ["B", "A"], exclude: ["Fixtures"]),
            """
        #expect(Self.targets(inManifest: manifest) == [
            DeclaredTarget(kind: "target", name: "A", dependencies: [], path: "Sources/A"),
            DeclaredTarget(kind: "systemLibrary", name: "S", dependencies: [], path: "Sources/S"),
            DeclaredTarget(kind: "target", name: "B", dependencies: ["A", "S"], path: "Sources/B"),
            DeclaredTarget(kind: "executableTarget", name: "e-x", dependencies: ["B"], path: "Sources/e-x"),
            DeclaredTarget(kind: "testTarget", name: "BTests", dependencies: ["B", "A"], path: "Tests/BTests"),
        ])
    }

    /// Every target under Sources/ says what it is for in the first line of its folder's
    /// README.md (`Name: …`), a blank line or nothing after it.
    @Test func eachTargetFolderSaysItsPurposeInOneLine() throws {
        for target in try Self.declaredTargets() where target.kind != "testTarget" {
            let readme = target.path + "/README.md"
            guard let text = try? Self.read(readme) else {
                Issue.record("\(target.name) has no \(readme)")
                continue
            }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines[0].hasPrefix(target.name + ": ") && lines[0].count > target.name.count + 20,
                    "\(readme) does not start with \"\(target.name): \" and its purpose")
            #expect(lines.count == 1 || lines[1].isEmpty, "\(readme): the purpose is more than one line")
        }
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

    /// What a file imports, among the package's targets, is a declared dependency, and each
    /// declared dependency is imported by some file of the target: the drawn graph is the one the
    /// code uses, for the layers, the server, the executables and the tests alike.
    @Test func eachTargetImportsWhatItDeclares() throws {
        let targets = try Self.declaredTargets()
        let names = Set(targets.map(\.name))
        var checked: Set<String> = []
        for target in targets where target.kind != "systemLibrary" {
            let dependencies = Set(target.dependencies)
            var used: Set<String> = []
            for file in try Self.sources(of: target.name, in: target.path) {
                for module in Self.imports(file.text) where names.contains(module) {
                    #expect(dependencies.contains(module), "\(file.path) imports \(module), which \(target.name) does not depend on")
                    used.insert(module)
                }
            }
            #expect(used == dependencies, "\(target.name) declares \(dependencies.sorted()) but imports \(used.sorted())")
            checked.insert(target.name)
        }
        #expect(checked.isSuperset(of: try Self.libraryLayers()) && checked.isSuperset(of: ["FeeServer", "fees", "fees-bench", "FeeKitTests"]), "\(checked.sorted())")
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

    /// The `fees` binary links FoundationEssentials, never the whole Foundation: linking
    /// Foundation (with its internationalization and ICU libraries) costs more at every start
    /// than a teller's whole quote (Docs/DECISIONS.md, "FoundationEssentials"). Read from the
    /// binary's own list of the libraries it needs.
    @Test func theFeesBinaryLinksFoundationEssentialsOnly() throws {
        #if os(Linux)
        let binary = try #require(FileManager.default.contents(atPath: FeesBinary.path))
        func needs(_ library: String) -> Bool { binary.range(of: Data((library + "\u{0}").utf8)) != nil }
        #expect(needs("libFoundationEssentials.so"))
        for library in ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so"] {
            #expect(!needs(library), "fees links \(library): import FoundationEssentials instead of Foundation")
        }
        #endif
    }
}

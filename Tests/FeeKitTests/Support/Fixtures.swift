import Foundation
import FeeKit

/// Test data shipped with the tests (a copy of the spec's examples), found next to this file.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    static var examples: String { root + "/examples" }
    static var exampleTables: String { examples + "/tables" }

    static func text(_ relative: String) -> String {
        (try? String(contentsOfFile: root + "/" + relative, encoding: .utf8)) ?? ""
    }

    static func bytes(_ relative: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: root + "/" + relative) ?? Data())
    }

    /// The example catalogue, loaded once.
    static let exampleCatalogue: Catalogue = {
        let result = CatalogueLoader.load(directory: exampleTables)
        precondition(result.catalogue != nil, "example tables must load: \(result.errors)")
        return result.catalogue!
    }()

    /// The valid small catalogue every broken example starts from (spec/examples/invalid/README.md).
    static var baseBank: String { text("examples/invalid/raise-without-notice/example-bank/bank.json") }
    static var baseVersion: String { text("examples/invalid/raise-without-notice/example-bank/2025-01.json") }

    /// A later version identical to the base but for its id and dates.
    static func laterVersion(announced: String, effective: String, id: String = "2025-07") -> String {
        baseVersion
            .replacingOccurrences(of: "\"version\": \"2025-01\"", with: "\"version\": \"\(id)\"")
            .replacingOccurrences(of: "\"announced_on\": \"2024-10-01\"", with: "\"announced_on\": \"\(announced)\"")
            .replacingOccurrences(of: "\"effective_from\": \"2025-01-01\"", with: "\"effective_from\": \"\(effective)\"")
    }
}

/// A catalogue written to a fresh temporary directory, for loader and checker tests.
struct TempCatalogue {
    let directory: String

    /// Writes `files` (paths relative to the tables directory) and returns the directory.
    init(_ files: [String: String]) {
        directory = NSTemporaryDirectory() + "fees-test-" + UUID().uuidString
        for (path, content) in files {
            let full = directory + "/" + path
            try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: full, contents: Data(content.utf8))
        }
    }

    /// The base catalogue with its version file replaced by `version`, plus any extra files.
    static func base(version: String = Fixtures.baseVersion, bank: String = Fixtures.baseBank, extra: [String: String] = [:]) -> TempCatalogue {
        var files = ["example-bank/bank.json": bank, "example-bank/2025-01.json": version]
        for (k, v) in extra { files[k] = v }
        return TempCatalogue(files)
    }

    func load() -> CatalogueLoadResult {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return CatalogueLoader.load(directory: directory)
    }
}

/// Runs the built `fees` binary, which sits next to the test bundle.
enum FeesBinary {
    static var path: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On macOS the test binary sits inside a .xctest bundle.
        while dir.path.contains(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("fees").path
    }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
        let stdoutBytes: [UInt8]
    }

    /// Runs `fees` with files for its standard streams (no pipes, so no deadlock on large output);
    /// `stdoutPath` sends standard output to that file instead (`/dev/full`), and `stdout` is then empty.
    static func run(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String]? = nil,
                    directory: String? = nil, stdoutPath: String? = nil) throws -> Output {
        let base = NSTemporaryDirectory() + "fees-run-" + UUID().uuidString
        let inPath = base + ".in", outPath = base + ".out", errPath = base + ".err"
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(stdin))
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { for p in [inPath, outPath, errPath] { try? FileManager.default.removeItem(atPath: p) } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath ?? outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        let out = [UInt8](FileManager.default.contents(atPath: outPath) ?? Data())
        let err = FileManager.default.contents(atPath: errPath) ?? Data()
        return Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self), stdoutBytes: out)
    }
}

/// Typed reads of a parsed JSON document for tests: nil when the path is missing or holds
/// another type, so `#expect(node.string(at: p) == "x")` fails when the value is absent.
extension JSONNode {
    func string(at path: String) -> String? { if case .string(let s)? = node(at: path)?.value { return s }; return nil }
    func number(at path: String) -> String? { if case .number(let s)? = node(at: path)?.value { return s }; return nil }
    func bool(at path: String) -> Bool? { if case .bool(let b)? = node(at: path)?.value { return b }; return nil }
}

/// Partials written by hand for tests, framed and signed as `--partial` frames them, so that a
/// test reaches the checks behind the frame (sums, counts, order).
enum SignedPartial {
    /// The demo bank's header of `kind` with `scope`.
    static func header(_ kind: PartialHeader.Kind, _ scope: [(String, String?)]) -> String {
        PartialHeader(kind: kind, bank: PublishingTests.demo.banks[0], scope: scope).line
    }

    /// The header, the body lines and a trailer naming `piece` with the right count and checksum.
    static func text(header: String, body: [String], piece: String) -> String {
        let before = ([header] + body).map { $0 + "\n" }.joined()
        let sum = SHA256.hexDigest(Array(before.utf8))
        return before + PartialTrailer(pieces: [piece], lines: body.count, sha256: sum).line + "\n"
    }
}

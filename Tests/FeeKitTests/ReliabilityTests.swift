import Foundation
import Testing
import FeeKit
import FeeTestSupport

/// Regression tests for defects that gave a wrong fee, a wrong verdict, a lost file or a crash
/// without an error. Each failed before its fix.
@Suite struct NullInTablesTests {
    /// Every key of every object of a valid catalogue, set to `null` in turn: the catalogue never
    /// loads, and the error names exactly that key (spec §6: null is not a value in a table file).
    @Test(arguments: ["bank", "version"])
    func nullAnywhereIsAnErrorNamingTheKey(file: String) throws {
        let text = file == "bank" ? Fixtures.baseBank : Fixtures.baseVersion
        let bytes = Array(text.utf8)
        var members: [(path: String, node: JSONNode)] = []
        func walk(_ node: JSONNode, _ path: String) {
            switch node.value {
            case .object(let ms):
                for m in ms {
                    let p = JSONPath.key(path, m.key)
                    members.append((p, m.value))
                    walk(m.value, p)
                }
            case .array(let es):
                for (i, e) in es.enumerated() { walk(e, JSONPath.index(path, i)) }
            default: break
            }
        }
        walk(try JSONParser.parse(bytes), "")
        #expect(members.count > 30)
        for (path, node) in members {
            let nulled = String(decoding: bytes[..<node.offset] + Array("null".utf8) + bytes[node.end...], as: UTF8.self)
            let result = file == "bank" ? TempCatalogue.base(bank: nulled).load() : TempCatalogue.base(version: nulled).load()
            #expect(result.catalogue == nil, "\(path): null was taken as absent")
            #expect(result.errors.contains { $0.code == "null_value" && $0.path == path }, "\(path): \(result.errors.map { "\($0.code) \($0.path)" })")
        }
    }

    /// The cases of the defect report, through `fees check` as a pricing officer runs it.
    @Test(arguments: [("2025-07.json", #""fee": {"rate": "0.0005", "min": "2", "max": "20"}"#, #""fee": {"rate": "0.0005", "min": "2", "max": null}"#, "items[1].fee.max"),
                      ("2025-07.json", #""when": {"tiers": ["gold"]}"#, #""when": null"#, "waivers[2].when"),
                      ("2025-07.json", #""percent_off": "50""#, #""percent_off": null"#, "waivers[2].percent_off"),
                      ("2024-01.json", #"{"up_to": "10000", "flat": "5"}"#, #"{"up_to": "10000", "flat": null}"#, "items[0].fee.bands[0].flat")])
    func checkReportsTheNullInItsOwnFile(file: String, from: String, to: String, path: String) throws {
        let dir = NSTemporaryDirectory() + "null-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Fixtures.exampleTables, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/example-bank/" + file
        let original = try String(contentsOfFile: target, encoding: .utf8)
        #expect(original.contains(from))
        try original.replacingOccurrences(of: from, with: to).write(toFile: target, atomically: true, encoding: .utf8)
        let r = try FeesBinary.run(["check", "--tables", dir, "--lang", "en"])
        #expect(r.status == 1)
        let errors = r.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.hasPrefix(target) && $0.contains(" is null, ") }, "reported against another file, or another error: \(r.stdout)")
        #expect(errors.contains { $0.contains("error: \(path): ") }, "\(r.stdout)")
    }

    /// The loader's invariant: a version that loads holds every object of its file, on every
    /// catalogue the project has (spec examples, the demo bank) and on seeded random tables.
    @Test func everyLoadedVersionHasEveryObjectOfItsFile() throws {
        for directory in [Fixtures.exampleTables, TellerSnapshotTests.demoTables] {
            let banks = try FileManager.default.contentsOfDirectory(atPath: directory)
            for bank in banks where !bank.hasPrefix(".") {
                let bankDir = directory + "/" + bank
                let profileBytes = Array(FileManager.default.contents(atPath: bankDir + "/bank.json")!)
                var pr = TableReader(file: "bank.json", bytes: profileBytes, languages: [])
                let profile = try #require(BankProfile.read(&pr, directoryName: bank))
                for file in try FileManager.default.contentsOfDirectory(atPath: bankDir) where file.hasSuffix(".json") && file != "bank.json" {
                    let bytes = Array(FileManager.default.contents(atPath: bankDir + "/" + file)!)
                    var reader = TableReader(file: file, bytes: bytes, languages: profile.languages)
                    let table = try #require(FeeTable.read(&reader, bank: profile, fileName: file), "\(file)")
                    #expect(Invariants.droppedObjects(table, root: reader.root) == nil, "\(bank)/\(file)")
                }
            }
        }
    }

    /// A reader that returns nothing without reporting why is itself reported.
    @Test func anUnreportedDropBecomesAnError() {
        var reader = TableReader(file: "x.json", bytes: Array("{}".utf8), languages: [])
        let kept: Int? = reader.unlessReported(nil as Int?, since: reader.errorCount, "items[3]", at: 0, what: .item)
        #expect(kept == nil)
        #expect(reader.problems.map(\.code) == ["unreadable"])
        #expect(reader.problems.first?.path == "items[3]")
        var fine = TableReader(file: "x.json", bytes: Array("{}".utf8), languages: [])
        fine.report(.wrongType, "items[3].fee", at: 0, .wrongType(wanted: .object, found: .array))
        _ = fine.unlessReported(nil as Int?, since: 0, "items[3]", at: 0, what: .item)
        #expect(fine.problems.map(\.code) == ["wrong_type"])
    }
}

@Suite struct RequestDecodingReliabilityTests {
    static let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: Fixtures.exampleCatalogue), explain: false)

    static func answer(_ line: String) throws -> JSONNode {
        var out: [UInt8] = []
        quoter.answer(line: Array(line.utf8), into: &out)
        #expect(out.last == 0x0A)
        return try JSONParser.parse(Array(out.dropLast()))
    }

    /// A key given twice is `invalid_request` whatever its values, `null` first included (spec §6).
    @Test(arguments: [#"{"item":"cheque.leaf","date":"2025-02-10","quantity":null,"quantity":3}"#,
                      #"{"id":null,"id":"x","item":"cheque.leaf","date":"2025-02-10"}"#,
                      #"{"item":"cheque.leaf","date":"2025-02-10","quantity":3,"quantity":null}"#,
                      #"{"item":"cheque.leaf","date":"2025-02-10","channel":null,"channel":"atm"}"#,
                      #"{"item":"cheque.leaf","date":"2025-02-10","customer":{"tier":null,"tier":"gold"}}"#,
                      #"{"item":"cheque.l\u0065af","date":"2025-02-10","amount":null,"amount":"5"}"#])
    func repeatedKeysAreInvalidWhateverTheirValues(line: String) throws {
        let a = try Self.answer(line)
        #expect(a.bool(at: "ok") == false)
        #expect(a.string(at: "error.code") == "invalid_request")
        #expect(a.string(at: "error.message")?.contains("出现了两次") == true, "the demo bank's first language")
    }

    /// The id is echoed as its literal token only, never with the white space around it.
    @Test(arguments: ["{\"id\":12\r,\"item\":\"cheque.leaf\",\"date\":\"2025-02-10\"}",
                      "{\"item\":\"cheque.leaf\",\"date\":\"2025-02-10\",\"id\":12\r}",
                      "{\"item\":\"cheque.l\\u0065af\",\"date\":\"2025-02-10\",\"id\":-1.5 \r\t}",
                      "{\"item\":\"nope\",\"date\":\"2025-02-10\",\"id\":7\r\n}"])
    func idIsEchoedWithoutSurroundingBytes(line: String) throws {
        var out: [UInt8] = []
        Self.quoter.answer(line: Array(line.utf8), into: &out)
        let text = String(decoding: out, as: UTF8.self)
        #expect(!text.dropLast().contains("\r") && !text.dropLast().contains("\n") && !text.contains("\t"), "\(text)")
        #expect(text.hasPrefix(#"{"id":12,"#) || text.hasPrefix(#"{"id":-1.5,"#) || text.hasPrefix(#"{"id":7,"#), "\(text)")
    }

    /// The same through the binary, with CR LF line ends and one CR right after a numeric id.
    @Test func idIsEchoedWithoutCarriageReturnsThroughTheBinary() throws {
        let input = "{\"id\":41\r,\"item\":\"cheque.leaf\",\"date\":\"2025-02-10\"}\r\n{\"item\":\"cheque.leaf\",\"date\":\"2025-02-10\",\"id\":42\r}\r\n"
        let r = try FeesBinary.run(["quote", "--jsonl", "--tables", Fixtures.exampleTables], stdin: Array(input.utf8))
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix(#"{"id":41,"ok":true"#))
        #expect(lines[1].hasPrefix(#"{"id":42,"ok":true"#))
        #expect(!r.stdout.contains("\r"))
    }

    /// More than 30 significant digits: a malformed text is `invalid_amount`, a well-formed one
    /// `overflow`, and a well-formed huge amount on a per-unit item is ignored (spec §2).
    @Test func longAmountsAreJudgedByTheirShapeFirst() throws {
        let digits = String(repeating: "9", count: 40)
        let malformed = try Self.answer(#"{"item":"transfer.other-bank.online","date":"2025-02-10","amount":"\#(digits)x"}"#)
        #expect(malformed.string(at: "error.code") == "invalid_amount")
        let huge = try Self.answer(#"{"item":"transfer.other-bank.online","date":"2025-02-10","amount":"\#(digits)"}"#)
        #expect(huge.string(at: "error.code") == "overflow")
        let perUnit = try Self.answer(#"{"item":"cheque.leaf","date":"2025-02-10","amount":"\#(digits)"}"#)
        #expect(perUnit.bool(at: "ok") == true)
        let plain = try Self.answer(#"{"item":"cheque.leaf","date":"2025-02-10"}"#)
        #expect(perUnit.string(at: "net") == plain.string(at: "net"))
        #expect(DecimalText.parse(digits + ".5.5", scale: 2) == .failure(.notDecimal))
        #expect(DecimalText.parse(digits + ".55", scale: 2) == .failure(.tooLarge))
    }
}

@Suite struct CheckVerdictTests {
    /// The base catalogue with one more version that changes one item's fee.
    static func check(old: String, new: String, notice: (String, String) = ("2025-06-30", "2025-07-01")) -> CatalogueLoadResult {
        let fee = #""fee": {"rate": "0.0005", "min": "2", "max": "25"}"#
        let first = Fixtures.baseVersion.replacingOccurrences(of: fee, with: #""fee": \#(old)"#)
        let second = Fixtures.laterVersion(announced: notice.0, effective: notice.1).replacingOccurrences(of: fee, with: #""fee": \#(new)"#)
        return TempCatalogue.base(version: first, extra: ["example-bank/2025-07.json": second]).load()
    }

    /// The gross fee of a formula written as JSON, through the loader and the calculator.
    static func fee(_ formula: String, _ amount: Money) throws -> Money {
        let fee = #""fee": {"rate": "0.0005", "min": "2", "max": "25"}"#
        let catalogue = try #require(TempCatalogue.base(version: Fixtures.baseVersion.replacingOccurrences(of: fee, with: #""fee": \#(formula)"#)).load().catalogue)
        let table = catalogue.banks[0].versions[0]
        var r = QuoteRequest(item: table.items[0].code, date: table.effectiveFrom)
        r.amount = amount.plainText(minorDigits: 2)
        return try FeeCalculator(catalogue: catalogue).quote(r).get().gross
    }

    static func rate(_ hundredMillionths: Int) -> String {
        let whole = hundredMillionths / 100_000_000, frac = hundredMillionths % 100_000_000
        var f = String(frac)
        f = String(repeating: "0", count: 8 - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        return f.isEmpty ? "\(whole)" : "\(whole).\(f)"
    }

    /// 112 cuts of high rates by tiny amounts, with and without flat parts and caps: every one is
    /// accepted with one day's notice; the reverse of each is rejected, naming an amount at which
    /// the new fee really is higher.
    @Test func highRateCutsAreNotRaisesAndTheirReversesAre() throws {
        let rates = [20_000_000, 50_000_000, 100_000_000, 33_333_334, 12_500_000, 99_999_999, 75_000_000]
        let deltas = [1, 2, 3, 7]
        let shapes: [(Int) -> String] = [
            { #"{"rate": "\#(Self.rate($0))"}"# },
            { #"{"flat": "1", "rate": "\#(Self.rate($0))"}"# },
            { #"{"rate": "\#(Self.rate($0))", "max": "1000000"}"# },
            { #"{"bands": [{"up_to": "100", "flat": "2"}, {"rate": "\#(Self.rate($0))", "min": "3"}]}"# },
        ]
        var cases = 0
        for r in rates {
            for d in deltas {
                for shape in shapes {
                    cases += 1
                    let cut = Self.check(old: shape(r), new: shape(r - d))
                    #expect(cut.errors.isEmpty, "cut \(Self.rate(r)) → \(Self.rate(r - d)): \(cut.errors.map(\.message))")
                    let rise = Self.check(old: shape(r - d), new: shape(r))
                    let message = try #require(rise.errors.first { $0.code == "notice_period" }?.message, "rise \(Self.rate(r - d)) → \(Self.rate(r))")
                    // The amount the message names really costs more under the new formula.
                    let named = try #require(message.range(of: "for an amount of ").map { message[$0.upperBound...].prefix { $0 != ";" } })
                    let plain = try TellerInput.amount(String(named)).get()
                    let amount = try Money.parse(plain, minorDigits: 2).get()
                    let oldFee = try Self.fee(shape(r - d), amount), newFee = try Self.fee(shape(r), amount)
                    #expect(newFee > oldFee, "\(message)")
                }
            }
        }
        #expect(cases == 112)
    }

    /// The raise message names the first quantity that costs more (found here by brute force).
    @Test func raiseMessageNamesTheFirstQuantityThatCostsMore() throws {
        let result = CatalogueLoader.load(directory: Fixtures.examples + "/invalid/quantity-only-raise")
        let message = try #require(result.errors.first?.message)
        let old = LinearFee(perUnit: try! SimpleFormula(flat: Money(minorUnits: 40), max: Money(minorUnits: 1_000)), rounding: .halfUp)
        let new = LinearFee(perUnit: try! SimpleFormula(flat: Money(minorUnits: 40), max: Money(minorUnits: 1_200)), rounding: .halfUp)
        let first = try #require((Int128(1)...1_000_000).first { new.value($0) > old.value($0) })
        #expect(message.contains("for \(first) units"), "\(message)")
    }

    /// Spec §5 as revised: a lowering announced after a raise was announced makes the raise news
    /// again; the notice counts from the later announcement, and the message says what to do.
    @Test func aLoweringAnnouncedLaterRestartsTheRaisesNotice() throws {
        let fee = #""fee": {"flat": "5"}"#
        #expect(Fixtures.baseVersion.contains(fee))
        let base = Fixtures.baseVersion
        let lowered = Fixtures.laterVersion(announced: "2025-02-20", effective: "2025-03-01", id: "2025-03")
            .replacingOccurrences(of: fee, with: #""fee": {"flat": "4"}"#)
        let raised = Fixtures.laterVersion(announced: "2024-12-01", effective: "2025-04-01", id: "2025-04")
        let files = ["example-bank/2025-03.json": lowered, "example-bank/2025-04.json": raised]
        let result = TempCatalogue.base(version: base, extra: files).load()
        let error = try #require(result.errors.first { $0.code == "notice_period" })
        #expect(error.file.hasSuffix("2025-04.json"))
        #expect(error.message.contains("announced on 2025-02-20"))
        #expect(error.message.contains("promotion"))
        #expect(error.message.contains("2025-05-21"))   // 2025-02-20 + 90 days
        // Announced in time on its own, and with the lowering as a promotion that ends before it: fine.
        let promotion = Fixtures.laterVersion(announced: "2025-02-20", effective: "2025-03-01", id: "2025-03")
        #expect(TempCatalogue.base(version: base, extra: ["example-bank/2025-03.json": promotion, "example-bank/2025-04.json": raised]).load().errors.isEmpty)
    }

    /// A directory named like a version file is reported as a directory, not as unreadable.
    @Test func aDirectoryNamedLikeAVersionFileIsSaidToBeADirectory() throws {
        let c = TempCatalogue.base()
        try FileManager.default.createDirectory(atPath: c.directory + "/example-bank/2025-07.json", withIntermediateDirectories: true)
        let result = c.load()
        #expect(result.errors.map(\.code) == ["not_a_file"])
        #expect(result.errors.first?.message.contains("directory") == true)
    }
}

@Suite struct ImpactBucketTests {
    /// The buckets partition the changes: each edge falls in exactly one bucket, in any currency.
    @Test(arguments: [0, 2, 3])
    func bucketsArePartitionsWithSharpEdges(minorDigits: Int) {
        let unit = pow10(minorDigits)
        let edges: [Int128] = [-100, -10, 0, 10, 100].map { $0 * unit }
        var seen: [Int] = []
        for e in edges {
            for c in [e - 1, e, e + 1] {
                let b = ImpactReport.bucket(ofChange: c, minorDigits: minorDigits)
                #expect((0..<ImpactReport.bucketLabels.count).contains(b))
                seen.append(b)
            }
        }
        // Nondecreasing along the changes: a partition into intervals.
        #expect(seen == seen.sorted())
        #expect(ImpactReport.bucket(ofChange: -100 * unit, minorDigits: minorDigits) == 1)       // [−100, −10)
        #expect(ImpactReport.bucket(ofChange: -100 * unit - 1, minorDigits: minorDigits) == 0)   // < −100
        #expect(ImpactReport.bucket(ofChange: -10 * unit, minorDigits: minorDigits) == 2)        // [−10, 0)
        #expect(ImpactReport.bucket(ofChange: -1, minorDigits: minorDigits) == 2)
        #expect(ImpactReport.bucket(ofChange: 0, minorDigits: minorDigits) == 3)
        #expect(ImpactReport.bucket(ofChange: 1, minorDigits: minorDigits) == 4)                 // (0, 10]
        #expect(ImpactReport.bucket(ofChange: 10 * unit, minorDigits: minorDigits) == 4)
        #expect(ImpactReport.bucket(ofChange: 10 * unit + 1, minorDigits: minorDigits) == 5)     // (10, 100]
        #expect(ImpactReport.bucket(ofChange: 100 * unit, minorDigits: minorDigits) == 5)
        #expect(ImpactReport.bucket(ofChange: 100 * unit + 1, minorDigits: minorDigits) == 6)    // > 100
    }

    /// Customers whose changes sit on the edges are each counted once.
    @Test func edgeCustomersAreCountedOnce() {
        var a = ImpactAggregate(fromVersion: "2026-03", toVersion: "2027-01")
        let changes: [Int128] = [-10_000, -1_000, 0, 1_000, 10_000, -10_001, 10_001, 1]
        for (k, c) in changes.enumerated() {
            a.add(ImpactAggregate.Totals(count: 1, old: 50_000, new: 50_000 + c), customer: "C\(k)")
        }
        let report = ImpactReport(aggregate: a, bank: PublishingTests.demo.banks[0], tag: "en")
        #expect(report.distribution.reduce(0) { $0 + $1.customers } == changes.count)
        #expect(report.distribution.map(\.customers) == [1, 1, 1, 1, 2, 1, 1])
    }
}

@Suite struct OutputSafetyTests {
    static let tables = TellerSnapshotTests.demoTables

    /// Every command that takes `--out`, with the input it needs.
    static let commands: [(name: String, args: [String], stdin: String)] = [
        ("statement", ["statement", "--from", "2026-01-01", "--to", "2026-12-31"], transactions),
        ("statement partial", ["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--partial"], transactions),
        ("statement html", ["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "html"], transactions),
        ("impact", ["impact", "--from-version", "2026-03", "--to-version", "2027-01"], transactions),
        ("board", ["board", "--branch", "sh-lujiazui", "--date", "2026-11-23"], ""),
        ("changes", ["changes", "--to", "2027-01"], ""),
        ("catalog", ["catalog"], ""),
        ("export", ["export", "--date", "2026-11-23"], ""),
        ("statement sorted", ["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--sorted"], sortedTransactions),
        ("audit", ["audit", "--format", "html"], charges),
        ("audit partial", ["audit", "--partial"], charges),
        ("impact partial", ["impact", "--from-version", "2026-03", "--to-version", "2027-01", "--partial"], transactions),
        ("notify", ["notify", "--for", "2027-01", "--format", "html"], sortedTransactions),
        ("merge", ["merge", "--format", "html"], statementPartial),
        ("merge partial", ["merge", "--partial"], statementPartial),
    ]
    /// The same lines grouped by customer (in byte order of the refs) and in date order.
    static let sortedTransactions: String = {
        var lines: [String] = []
        for c in 0..<5 {
            let ks = (0..<30).filter { $0 % 5 == c }.sorted { a, b in (a % 9, a % 10) < (b % 9, b % 10) }
            for k in ks {
                lines.append(#"{"id":\#(k),"customer_ref":"c-\#(c)","item":"card.reissue","date":"2026-0\#(k % 9 + 1)-1\#(k % 10)","reason":"expired"}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }()
    static let charges = sortedTransactions.split(separator: "\n").map { $0.dropLast() + #","charged":"15.00"}"# }.joined(separator: "\n") + "\n"
    /// A statement partial of `transactions`, as the map step writes it (merge reads it from standard input).
    static let statementPartial: String = {
        let r = try? FeesBinary.run(["statement", "--from", "2026-01-01", "--to", "2026-12-31", "--partial", "--tables", tables], stdin: Array(transactions.utf8))
        return r?.stdout ?? ""
    }()
    static let transactions = (0..<30).map { k in
        #"{"id":\#(k),"customer_ref":"c-\#(k % 5)","item":"card.reissue","date":"2026-0\#(k % 9 + 1)-1\#(k % 10)","reason":"expired"}"#
    }.joined(separator: "\n") + "\n"

    /// `--out` over an existing file replaces it with exactly what standard output would get.
    @Test func outReplacesAnExistingFileWithTheOutput() throws {
        let dir = NSTemporaryDirectory() + "out-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for c in Self.commands {
            let path = dir + "/result"
            try "old contents\n".write(toFile: path, atomically: false, encoding: .utf8)
            let direct = try FeesBinary.run(c.args + ["--tables", Self.tables], stdin: Array(c.stdin.utf8))
            let toFile = try FeesBinary.run(c.args + ["--tables", Self.tables, "--out", path], stdin: Array(c.stdin.utf8))
            #expect(toFile.status == direct.status, "\(c.name): \(toFile.stderr)")
            #expect(toFile.stderr.isEmpty, "\(c.name): \(toFile.stderr)")
            let written = try #require(FileManager.default.contents(atPath: path), "\(c.name)")
            #expect(!direct.stdoutBytes.isEmpty, "\(c.name)")
            #expect([UInt8](written) == direct.stdoutBytes, "\(c.name)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["result"], "\(c.name): a temporary file was left")
        }
    }

    /// A directory where writing fails: a full 64 KiB tmpfs when the tests run as root, else a
    /// read-only directory. Either way the write fails, for real, at the file system.
    static func failingDirectory() throws -> (path: String, cleanup: () -> Void) {
        let dir = NSTemporaryDirectory() + "full-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if getuid() == 0 {
            let mount = Process()
            mount.executableURL = URL(fileURLWithPath: "/bin/mount")
            mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]
            try mount.run()
            mount.waitUntilExit()
            if mount.terminationStatus == 0 {
                // Fill it, leaving room only for the small file the test protects.
                let filler = dir + "/filler"
                _ = FileManager.default.createFile(atPath: filler, contents: Data(repeating: 0x41, count: 60 * 1024))
                return (dir, {
                    let umount = Process()
                    umount.executableURL = URL(fileURLWithPath: "/bin/umount")
                    umount.arguments = [dir]
                    try? umount.run()
                    umount.waitUntilExit()
                    try? FileManager.default.removeItem(atPath: dir)
                })
            }
        }
        chmod(dir, 0o555)
        return (dir, { chmod(dir, 0o755); try? FileManager.default.removeItem(atPath: dir) })
    }

    /// On a failing write the previous file stays as it was, nothing is left behind, and the
    /// command says so and fails.
    @Test func aFailedWriteLeavesThePreviousFileIntact() throws {
        let (dir, cleanup) = try Self.failingDirectory()
        defer { cleanup() }
        let path = dir + "/result"
        let old = "the previous report\n"
        if getuid() == 0 { try old.write(toFile: path, atomically: false, encoding: .utf8) } else {
            chmod(dir, 0o755); try old.write(toFile: path, atomically: false, encoding: .utf8); chmod(dir, 0o555)
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        for c in Self.commands {
            let r = try FeesBinary.run(c.args + ["--tables", Self.tables, "--out", path], stdin: Array(c.stdin.utf8))
            #expect(r.status == 3, "\(c.name): the output could not be written: \(r.status)")
            // In the demo bank's first language, Chinese (CommandMessage.outCannotCreate, …Write, …Replace).
            #expect(r.stderr.hasPrefix("error: 无法写入 '\(path)'") || r.stderr.hasPrefix("error: 无法替换 '\(path)'"), "\(c.name): \(r.stderr)")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == old, "\(c.name) changed the previous file")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == before, "\(c.name) left a file behind")
        }
    }
}

@Suite struct OverflowTests {
    /// Teller amounts of any size: an `overflow` answer, never a trap.
    @Test func hugeTellerAmountsAnswerOverflow() throws {
        for amount in ["99999999999999999999999亿", String(repeating: "9", count: 300) + "万", "1" + String(repeating: "0", count: 39)] {
            let r = try FeesBinary.run(["quote", "transfer.interbank.counter", "--amount", amount, "--tables", OutputSafetyTests.tables, "--date", "2026-11-23"])
            #expect(r.status == 1, "\(amount): \(r.stderr)")
            #expect(r.stderr.contains("overflow"), "\(amount): \(r.stderr)")
        }
    }

    /// Typos in amounts are refused with the reading that was meant, through the binary.
    @Test func typedSeparatorsThatAreTyposAreRefused() throws {
        let r = try FeesBinary.run(["quote", "transfer.interbank.counter", "--amount", "50.000,00", "--tables", OutputSafetyTests.tables, "--date", "2026-11-23"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("invalid_amount") && r.stderr.contains("did you mean 50,000.00?"), "\(r.stderr)")
        let ok = try FeesBinary.run(["quote", "transfer.interbank.counter", "--amount", "５０，０００", "--tables", OutputSafetyTests.tables, "--date", "2026-11-23", "--lang", "en"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("amount ¥50,000.00"), "\(ok.stdout)")
    }

    /// Partials whose sums do not fit are refused with `overflow`, never a trap (signed, so that
    /// the frame is whole and the sums are what the merge meets).
    @Test func mergeRefusesSumsThatOverflow() throws {
        let big = String(repeating: "9", count: 38)
        let statementHeader = SignedPartial.header(.statement, [("from", "2026-01-01"), ("to", "2026-12-31")])
        let impactHeader = SignedPartial.header(.impact, [("from_version", "2026-03"), ("to_version", "2027-01")])
        let cases: [(String, String, [String], [String])] = [
            ("statement", statementHeader, [#"{"customer":"a","lines":[["card.reissue","2026-03",1,1,\#(big),0,[]]]}"#, #"{"outside":0}"#],
             [#"{"customer":"b","lines":[["card.reissue","2026-03",1,1,\#(big),0,[]]]}"#, #"{"outside":0}"#]),
            ("impact", impactHeader, [#"{"customer":"a","count":9223372036854775807,"old":"1","new":"1"}"#],
             [#"{"customer":"b","count":9223372036854775807,"old":"1","new":"1"}"#]),
        ]
        for (name, header, one, two) in cases {
            let dir = NSTemporaryDirectory() + "merge-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try SignedPartial.text(header: header, body: one, piece: "1").write(toFile: dir + "/p1", atomically: true, encoding: .utf8)
            try SignedPartial.text(header: header, body: two, piece: "2").write(toFile: dir + "/p2", atomically: true, encoding: .utf8)
            let r = try FeesBinary.run(["merge", dir + "/p1", dir + "/p2", "--tables", OutputSafetyTests.tables])
            #expect(r.status == 2, "\(name): a refusal of partials: \(r.stderr)")
            // The sums of the two together are beyond exact arithmetic, in the bank's first language.
            #expect(r.stderr == "error: " + PartialMessage.overflow(counts: false).text(.chinese) + "\n", "\(name): \(r.stderr)")
        }
        // A negative sum is not a partial's, even signed.
        let negative = SignedPartial.text(header: statementHeader, body: [#"{"customer":"a","lines":[["card.reissue","2026-03",1,1,-5,0,[]]]}"#, #"{"outside":0}"#], piece: "1")
        guard case .failure = PartialFile.read(Array(negative.utf8)) else { Issue.record("a negative sum was read"); return }
    }
}

@Suite struct TellerVocabularyTests {
    /// Tier and reason by their names in any language give the same quote as by their ids.
    @Test func namesInAnyLanguageResolveToTheirIds() throws {
        let base = ["quote", "card.reissue", "--tables", OutputSafetyTests.tables, "--date", "2026-11-23", "--json"]
        let byID = try FeesBinary.run(base + ["--tier", "gold", "--reason", "expired"])
        let byName = try FeesBinary.run(base + ["--tier", "金卡客户", "--reason", "卡片到期换卡"])
        let byEnglish = try FeesBinary.run(base + ["--tier", "Gold", "--reason", "card expired"])
        #expect(byID.status == 0)
        #expect(byName.stdout == byID.stdout)
        #expect(byEnglish.stdout == byID.stdout)
        let ambiguous = try FeesBinary.run(base + ["--tier", "金卡"])   // 金卡客户 and 白金卡客户
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("gold") && ambiguous.stderr.contains("platinum"), "\(ambiguous.stderr)")
    }

    @Test func vocabularyListsEveryTerm() throws {
        let r = try FeesBinary.run(["vocabulary", "--tables", OutputSafetyTests.tables, "--date", "2026-11-23", "--lang", "en"])
        #expect(r.status == 0)
        let table = try #require(PublishingTests.demo.banks[0].version(on: CalendarDate("2026-11-23")!))
        for entry in table.tiers + table.segments + table.channels { #expect(r.stdout.contains("  \(entry.id)  "), "\(entry.id)") }
        for reason in table.reasons { #expect(r.stdout.contains(reason.id), "\(reason.id)") }
        for branch in PublishingTests.demo.banks[0].profile.branches { #expect(r.stdout.contains(branch.id), "\(branch.id)") }
    }
}

@Suite struct ReviewFindingsTests {
    /// A currency word inside a number is not a separator: "3元5" is refused, never ¥35.
    @Test(arguments: ["1RMB000", "5¥0", "3元5角6", "1元234"])
    func currencyWordsInsideANumberAreRefused(text: String) {
        #expect(TellerInput.amount(text) == .failure(.notAnAmount))
    }

    @Test(arguments: [("¥3.5", "3.5"), ("3.50元", "3.50"), ("人民币 5万", "50000"), ("¥5万", "50000"), ("5万元", "50000")])
    func currencyWordsAroundANumberAreAccepted(text: String, amount: String) {
        #expect(TellerInput.amount(text) == .success(amount))
    }

    /// One letter that happens to occur in one name does not pick a tier; a word's start does.
    @Test func partsOfNamesMustSaySomething() {
        let tiers = PublishingTests.demo.banks[0].versions[0].tiers
        #expect(TellerInput.resolve("e", in: tiers) == .notFound)
        #expect(TellerInput.resolve("Priv", in: tiers) == .found("private"))
        #expect(TellerInput.resolve("vate", in: tiers) == .notFound)
    }

    /// Output that cannot be written is an error with its own exit code, for every command.
    @Test(arguments: [["export", "--date", "2026-11-23"], ["quote", "card.reissue", "--date", "2026-11-23"],
                      ["catalog"], ["versions", "--date", "2026-11-23"]])
    func aFullDiskOnStandardOutputIsAnError(args: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FeesBinary.path)
        process.arguments = args + ["--tables", OutputSafetyTests.tables]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 3, "\(args): \(message)")
        #expect(message.contains(CommandMessage.cannotWriteOutput(reason: String(cString: strerror(ENOSPC))).text(.chinese)), "\(message)")
    }

    /// The batch's answers to a full disk: exit 3 with the message, as for the teller's quote.
    @Test(arguments: [["--jobs", "1"], ["--jobs", "2"]])
    func aFullDiskUnderTheBatchIsAnError(jobs: [String]) throws {
        let line = #"{"bank":"demo-bank","item":"cheque.leaf","date":"2026-11-23"}"# + "\n"
        let r = try FeesBinary.run(["quote", "--jsonl", "--tables", OutputSafetyTests.tables] + jobs,
                                   stdin: Array(String(repeating: line, count: 2_000).utf8), stdoutPath: "/dev/full")
        #expect(r.status == 3, "\(jobs): \(r.stderr)")
        // No --lang with --jsonl: the first bank's first language (the demo bank's Chinese).
        #expect(r.stderr == "error: " + CommandMessage.cannotWriteAnswers(reason: String(cString: strerror(ENOSPC))).text(.chinese) + "\n", "\(r.stderr)")
    }

    /// `--out` through a symbolic link replaces the file it names and keeps the link; a device or
    /// pipe at the path is refused, never replaced.
    @Test func outFollowsLinksAndRefusesSpecialFiles() throws {
        let dir = NSTemporaryDirectory() + "links-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "old\n".write(toFile: dir + "/target.json", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: "target.json")
        let r = try FeesBinary.run(["export", "--date", "2026-11-23", "--tables", OutputSafetyTests.tables, "--out", dir + "/link.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.json") == "target.json")
        #expect(try String(contentsOfFile: dir + "/target.json", encoding: .utf8).hasPrefix(#"{"format":"fees-open-data/1""#))
        #expect(mkfifo(dir + "/fifo", 0o644) == 0)
        let fifo = try FeesBinary.run(["export", "--date", "2026-11-23", "--tables", OutputSafetyTests.tables, "--out", dir + "/fifo"])
        #expect(fifo.status == 3)
        #expect(fifo.stderr == "error: " + CommandMessage.outIsNotRegularFile(path: dir + "/fifo").text(.chinese) + "\n", "\(fifo.stderr)")
        var info = stat()
        #expect(lstat(dir + "/fifo", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["fifo", "link.json", "target.json"])
    }
}

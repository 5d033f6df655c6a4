#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import FeeKit

/// One catalogue as served: loaded and checked whole, never changed. Each event loop gets its own
/// copy (as each batch worker does), so threads never share reference counts.
public final class ServedCatalogue: Sendable {
    /// The tables.
    public let catalogue: Catalogue
    /// The one calculator over them.
    public let calculator: FeeCalculator
    /// The batch's quoter, without and with explanations.
    public let quoter: BatchQuoter
    /// The batch's quoter with `--explain`.
    public let explainingQuoter: BatchQuoter
    /// Which load this is (1 for the first), the same in every loop's copy.
    public let generation: Int

    init(catalogue: Catalogue, generation: Int) {
        self.catalogue = catalogue
        calculator = FeeCalculator(catalogue: catalogue)
        quoter = BatchQuoter(calculator: calculator, explain: false)
        explainingQuoter = BatchQuoter(calculator: calculator, explain: true)
        self.generation = generation
    }
}

/// What one load or reload of the tables gave.
public struct ReloadReport: Sendable {
    /// Whether the new catalogue passed its checks and is now served.
    public var ok: Bool
    /// What started it: `start`, `signal`, `file change` or `request`.
    public var trigger: String
    /// When it ended (UTC).
    public var at: String
    /// The generation served after it.
    public var generation: Int
    /// Errors (for a failed load) and warnings.
    public var problems: [Problem]
}

/// Holds the served catalogue and swaps it whole: a reload loads and checks the tables, and only
/// a catalogue without errors replaces the one served; a request holds the snapshot it started
/// with to its end. Thread-safe.
public final class CatalogueHolder: @unchecked Sendable {
    /// The tables directory.
    public let directory: String
    private let copies: Int
    private let lock = Lock()
    private let reloading = Lock()
    private var snapshots: [ServedCatalogue]
    private var last: ReloadReport
    private var servedReport: ReloadReport
    private var counts = (ok: 0, failed: 0)

    private init(directory: String, snapshots: [ServedCatalogue], report: ReloadReport) {
        self.directory = directory
        self.copies = snapshots.count
        self.snapshots = snapshots
        last = report
        servedReport = report
    }

    /// Loads `copies` copies of the tables; the problems when they fail their checks.
    public static func load(directory: String, copies: Int) -> Result<CatalogueHolder, CatalogueProblems> {
        switch loadCopies(directory: directory, copies: max(1, copies), generation: 1) {
        case .success(let (served, problems)):
            let report = ReloadReport(ok: true, trigger: "start", at: WallClock.timestamp(), generation: 1, problems: problems)
            let holder = CatalogueHolder(directory: directory, snapshots: served, report: report)
            holder.counts.ok = 1
            return .success(holder)
        case .failure(let problems):
            return .failure(problems)
        }
    }

    /// Loads and checks the directory `copies` times; the copies must agree (a file changed
    /// during the load gives different fingerprints: loaded again, up to three times).
    private static func loadCopies(directory: String, copies: Int, generation: Int) -> Result<([ServedCatalogue], [Problem]), CatalogueProblems> {
        var attempt = 0
        while true {
            attempt += 1
            // No reader's language is known here: the problems speak the first bank's first language.
            let loaded = CatalogueLoader.load(directory: directory)
            let first = loaded.in(loaded.defaultLanguage)
            guard let catalogue = first.catalogue else { return .failure(CatalogueProblems(problems: first.problems)) }
            let prints = fingerprints(catalogue)
            var served = [ServedCatalogue(catalogue: catalogue, generation: generation)]
            var agreed = true
            for _ in 1..<copies {
                guard let copy = CatalogueLoader.load(directory: directory).catalogue, fingerprints(copy) == prints else { agreed = false; break }
                served.append(ServedCatalogue(catalogue: copy, generation: generation))
            }
            if agreed { return .success((served, first.problems)) }
            if attempt == 3 {
                return .failure(CatalogueProblems(problems: [Problem(severity: .error, rule: .unreadableFile, file: directory, path: "", position: nil,
                                         detail: .tablesKeptChanging, language: first.defaultLanguage)]))
            }
        }
    }

    static func fingerprints(_ c: Catalogue) -> [String] {
        c.banks.flatMap { b in b.versions.map { "\(b.id)/\($0.version)/\($0.fingerprint)" } }
    }

    /// The snapshot loop `index` serves now.
    public func snapshot(_ index: Int) -> ServedCatalogue {
        lock.lock(); defer { lock.unlock() }
        return snapshots[index % snapshots.count]
    }

    /// The last reload, the one whose catalogue is served, and how many reloads passed and failed.
    public var state: (last: ReloadReport, served: ReloadReport, ok: Int, failed: Int) {
        lock.lock(); defer { lock.unlock() }
        return (last, servedReport, counts.ok, counts.failed)
    }

    /// Loads and checks the tables again; swaps them in only when they pass. One reload at a time.
    @discardableResult
    public func reload(trigger: String) -> ReloadReport {
        reloading.lock(); defer { reloading.unlock() }
        let generation = state.served.generation + 1
        let result = Self.loadCopies(directory: directory, copies: copies, generation: generation)
        lock.lock(); defer { lock.unlock() }
        switch result {
        case .success(let (served, problems)):
            snapshots = served
            last = ReloadReport(ok: true, trigger: trigger, at: WallClock.timestamp(), generation: generation, problems: problems)
            servedReport = last
            counts.ok += 1
        case .failure(let failed):
            last = ReloadReport(ok: false, trigger: trigger, at: WallClock.timestamp(), generation: servedReport.generation, problems: failed.problems)
            counts.failed += 1
        }
        return last
    }
}

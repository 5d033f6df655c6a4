#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import FeeValues
import FeeJSON
import FeeWords

/// A version file as loaded: the table plus what the checker needs to point into the file.
struct LoadedVersion {
    let table: FeeTable
    let file: String
    let bytes: [UInt8]

    /// Where `path` stands in the file. The file is parsed again for it: only a problem asks, and
    /// keeping every version's tape until the cross-version checks ran would hold them all at once.
    func position(of path: String) -> SourcePosition? {
        guard let tape = try? JSONParser.tape(bytes), let i = tape.entry(at: path) else { return nil }
        return SourcePosition(offset: tape[i].offset, in: bytes)
    }
}

/// What loading a tables directory gave: the catalogue when it has no errors, and every problem found.
public struct CatalogueLoadResult: Sendable {
    /// Nil when any problem is an error: nothing is quoted from a table that fails its checks (spec §4).
    public var catalogue: Catalogue?
    /// Every problem found, errors and warnings, in the order found.
    public var problems: [Problem]
    /// The file each version was read from, keyed `bank/version` (drafts keep their own paths).
    public var versionFiles: [String: String] = [:]
    /// The bytes of every file of the banks' folders as read, in the loader's order (for `CatalogueSnapshot`).
    var sources: [CatalogueLoader.Source] = []
    /// The languages of the first bank whose bank.json lists a well-formed one, as listed (even
    /// when that bank has other errors); empty when none does.
    public var bankLanguages: [String] = []

    /// The problems that keep the catalogue from loading.
    public var errors: [Problem] { problems.filter { $0.severity == .error } }
    /// The problems worth a look that do not stop loading.
    public var warnings: [Problem] { problems.filter { $0.severity == .warning } }
    /// Things to act on that are not wrong (a promotion that ends soon).
    public var notes: [Problem] { problems.filter { $0.severity == .note } }

    /// The language for the problems when the reader asked for none: the first bank's first
    /// language, else English.
    public var defaultLanguage: TextLanguage {
        TextLanguage(tag: catalogue?.banks.first?.profile.languages.first ?? bankLanguages.first ?? "en")
    }

    /// The same result, the problems' messages in `language`.
    public func `in`(_ language: TextLanguage) -> CatalogueLoadResult {
        var r = self
        r.problems = problems.map { $0.in(language) }
        return r
    }
}

/// Reads a tables directory (spec §1) from disk and checks it (spec §5): the disk edge of the tables.
public enum CatalogueLoader {
    /// The largest file accepted, so that a runaway file gives an error instead of exhausting memory.
    public static let maxFileBytes = 16 * 1024 * 1024

    /// Loads and checks every bank under `directory`, reporting every problem of every file.
    /// `drafts` are version files checked as if they were in their bank's folder (`fees check
    /// --with`), without being there: the key is the bank id, or "" for the only bank.
    public static func load(directory: String, drafts: [String: [String]] = [:]) -> CatalogueLoadResult {
        var problems: [Problem] = []
        guard isDirectory(directory) else {
            problems.append(Problem(severity: .error, rule: .missingDirectory, file: directory, path: "", position: nil,
                                    detail: .noTablesDirectory))
            return CatalogueLoadResult(catalogue: nil, problems: problems)
        }
        // A directory that cannot be listed is no more a tables directory than a missing one (it
        // used to read as one holding no bank folders).
        guard let listing = opendir(directory) else {
            problems.append(Problem(severity: .error, rule: .missingDirectory, file: directory, path: "", position: nil,
                                    detail: .tablesDirectoryUnreadable(reason: String(cString: strerror(errno)))))
            return CatalogueLoadResult(catalogue: nil, problems: problems)
        }
        closedir(listing)
        let bankNames = bankFolders(directory)
        var drafts = drafts
        if let anyBank = drafts.removeValue(forKey: "") {
            if bankNames.count == 1 {
                drafts[bankNames[0], default: []] += anyBank
            } else {
                problems.append(Problem(severity: .error, rule: .unknownDraftBank, file: anyBank.first ?? directory, path: "", position: nil,
                                        detail: .draftNeedsBank(banks: bankNames.count)))
            }
        }
        for (bank, files) in drafts.sorted(by: { $0.key < $1.key }) where !bankNames.contains(bank) {
            problems.append(Problem(severity: .error, rule: .unknownDraftBank, file: files.first ?? directory, path: "", position: nil,
                                    detail: .noBankForDraft(bank: bank, directory: directory, nearest: nearest(bank, bankNames))))
        }
        var banks: [Bank] = []
        var bankCount = 0
        var versionFiles: [String: String] = [:]
        var sources: [Source] = []
        var languages: [String] = []
        for name in bankNames {
            bankCount += 1
            if let bank = loadBank(directory: join(directory, name), name: name, drafts: drafts[name] ?? [], problems: &problems,
                                   files: &versionFiles, sources: &sources, languages: &languages) { banks.append(bank) }
        }
        if bankCount == 0 {
            problems.append(Problem(severity: .error, rule: .noBanks, file: directory, path: "", position: nil,
                                    detail: .noBankFolders))
        }
        let failed = problems.contains { $0.severity == .error }
        // Each bank's id is its folder's name (checked in `BankProfile.read`), so no two repeat and
        // the catalogue is made; were it refused, nothing would be quoted from these tables.
        return CatalogueLoadResult(catalogue: failed ? nil : try? Catalogue(banks: banks), problems: problems, versionFiles: versionFiles,
                                   sources: drafts.isEmpty ? sources : [], bankLanguages: languages)
    }

    /// One file of a bank's folder as read: what a snapshot's key is hashed from.
    struct Source: Sendable {
        let bank: String
        let fileName: String
        let bytes: [UInt8]
        /// What `fstat` said of the very file these bytes were read from.
        let signature: FileSignature
    }

    /// The bank folders of a tables directory, in the order they are loaded.
    static func bankFolders(_ directory: String) -> [String] {
        names(in: directory).sorted().filter { !$0.hasPrefix(".") && isDirectory(join(directory, $0)) }
    }

    /// The version files of a bank folder (every `.json` beside `bank.json`), in the order they are loaded.
    static func versionFileNames(_ bankDirectory: String) -> [String] {
        names(in: bankDirectory)
            .filter { $0.hasSuffix(".json") && $0 != "bank.json" && !$0.hasPrefix(".") }
            .sorted()
    }

    /// The names in a directory (without `.` and `..`), none when it cannot be listed. Read with
    /// `readdir`: a teller's quote lists the tables on every start, and FileManager's listing
    /// costs more than the rest of the listing and reading together.
    package static func names(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }

    /// The bytes of a plain file of at most `maxFileBytes`, or nil.
    static func readBytes(_ path: String) -> [UInt8]? { readSigned(path)?.bytes }

    /// The bytes of a plain file of at most `maxFileBytes` and the signature of that same file
    /// (`fstat` of the descriptor read, so never of a file put in its place since), or nil.
    /// Opened without blocking, so that a FIFO among the tables is refused instead of waited on.
    static func readSigned(_ path: String) -> (bytes: [UInt8], signature: FileSignature)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size <= maxFileBytes else { return nil }
        let signature = FileSignature(st)
        let size = Int(st.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            count = done
            failed = done != size
        }
        return failed ? nil : (bytes, signature)
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Whether `path` is a directory (links followed).
    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The last component of a path (`drafts/2027-01.json` → `2027-01.json`).
    static func lastComponent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/"), p != "/" else { return String(p) }
        return String(p[p.index(after: slash)...])
    }

    private static func readFile(_ path: String, problems: inout [Problem]) -> (bytes: [UInt8], signature: FileSignature)? {
        var st = stat()
        let found = stat(path, &st) == 0
        if found, (st.st_mode & S_IFMT) == S_IFDIR {
            problems.append(Problem(severity: .error, rule: .notAFile, file: path, path: "", position: nil,
                                    detail: .versionFileIsDirectory))
            return nil
        }
        if found, st.st_size > maxFileBytes {
            problems.append(Problem(severity: .error, rule: .fileTooLarge, file: path, path: "", position: nil,
                                    detail: .fileTooLarge(bytes: Int(st.st_size), limit: maxFileBytes)))
            return nil
        }
        guard let read = readSigned(path) else {
            problems.append(Problem(severity: .error, rule: .unreadableFile, file: path, path: "", position: nil,
                                    detail: .fileUnreadable))
            return nil
        }
        return read
    }

    private static func loadBank(directory: String, name: String, drafts: [String], problems: inout [Problem],
                                 files versionFiles: inout [String: String], sources: inout [Source], languages: inout [String]) -> Bank? {
        if !CatalogueID.isValid(name) {
            problems.append(Problem(severity: .error, rule: .invalidId, file: directory, path: "", position: nil,
                                    detail: .invalidId(text: name, kind: .bank)))
        }
        let bankFile = join(directory, "bank.json")
        guard FileManager.default.fileExists(atPath: bankFile) else {
            problems.append(Problem(severity: .error, rule: .missingBankFile, file: bankFile, path: "", position: nil,
                                    detail: .noBankFile))
            return nil
        }
        guard let (bankBytes, bankSignature) = readFile(bankFile, problems: &problems) else { return nil }
        sources.append(Source(bank: name, fileName: "bank.json", bytes: bankBytes, signature: bankSignature))
        var reader = TableReader(file: bankFile, bytes: bankBytes, languages: [])
        let profile = BankProfile.read(&reader, directoryName: name)
        problems += reader.problems
        if languages.isEmpty { languages = reader.listedLanguages }
        guard let profile else { return nil }

        let files = versionFileNames(directory)
        var loaded: [LoadedVersion] = []
        var ok = true
        // The bank's own version files, then the drafts as if they were among them.
        let paths = files.map { (path: join(directory, $0), fileName: $0) } + drafts.map { (path: $0, fileName: lastComponent($0)) }
        for (k, (path, fileName)) in paths.enumerated() {
            guard let (bytes, signature) = readFile(path, problems: &problems) else { ok = false; continue }
            if k < files.count { sources.append(Source(bank: name, fileName: fileName, bytes: bytes, signature: signature)) }
            var r = TableReader(file: path, bytes: bytes, languages: profile.languages)
            let table = FeeTable.read(&r, bank: profile, fileName: fileName)
            problems += r.problems
            if let table {
                loaded.append(LoadedVersion(table: table, file: path, bytes: bytes))
                versionFiles[name + "/" + table.version] = path
            } else {
                ok = false
            }
        }
        if paths.isEmpty {
            problems.append(Problem(severity: .error, rule: .noVersions, file: directory, path: "", position: nil,
                                    detail: .noVersionFiles))
            ok = false
        }
        // Comparing versions around one that failed to load would compare the wrong neighbours and
        // blame a file that is fine; the failed file's own errors come first.
        guard ok else { return nil }
        problems += CatalogueChecker.crossVersionProblems(bank: profile, versions: loaded)
        // A bank whose versions repeat an id or a day was reported just above and is not built.
        return try? Bank(profile: profile, versions: loaded.map(\.table))
    }
}

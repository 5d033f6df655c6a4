#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import FeeValues

/// The record that a tables directory, with exactly these bytes, passed every check of spec §5,
/// so that a teller's quote need not load and check every version of every bank on every start.
///
/// A snapshot holds no prices: it lists, for each bank, its files with each version's id and
/// dates, each file's content hash (`ContentHash`, keyed by a random secret of the snapshot) and
/// signature (size, inode, device, modification and change times: what `fstat` said of the file
/// its hashed bytes were read from), and the identity of the program that checked
/// them. A teller's load lists the files and `stat`s each one; when the listing, every signature,
/// the program and the snapshot's own checksum match, it reads only `bank.json` and the versions
/// the day needs (the one in effect and those announced for later; the first when none is in
/// effect), checks that their bytes hash as recorded, and reads them through the same reader and
/// per-file checks as any load: its start does not grow with the history the directory holds.
/// A file changed since it was checked changes its signature (its change time is set by the
/// system on every write, and no program can set it back short of resetting the clock). A file
/// changed within moments of its check ("racy", as git calls it) has no signature recorded: it is read and hashed on every
/// start instead, until a start finds it old enough and records it. Anything else (no snapshot,
/// a changed file, a file added or removed, another build of `fees`, a damaged snapshot, a
/// draft) is a full load, which writes a new snapshot when it passes. A snapshot is never
/// written for tables that fail their checks (spec §4). It lives in `$XDG_CACHE_HOME/fees` (else
/// `~/.cache/fees`), one file per tables directory, written atomically; `FEES_SNAPSHOT=off`
/// disables it.
public enum CatalogueSnapshot {
    static let format = "fees-snapshot/2"

    /// The tables for a teller's quote on `date`: every bank, each with the versions that day
    /// needs, or the full load's result when no snapshot matches (`date` nil: always the full load).
    public static func loadForTeller(directory: String, on date: CalendarDate?) -> CatalogueLoadResult {
        load(directory: directory, on: date, snapshot: snapshotFile(for: directory)).result
    }

    /// How a teller's load went: from the snapshot, or the full load (and whether it wrote one).
    package enum Source: Equatable { case snapshot, fullLoad }

    /// `loadForTeller` with the snapshot's path given (nil: no snapshot), at `started` (the time
    /// now; a test may say the files are older than they are).
    package static func load(directory: String, on date: CalendarDate?, snapshot file: String?,
                             started: FileSignature.Time = FileSignature.now()) -> (result: CatalogueLoadResult, source: Source) {
        if let date, let file, let catalogue = fromSnapshot(file, directory: directory, on: date, started: started) {
            return (CatalogueLoadResult(catalogue: catalogue, problems: []), .snapshot)
        }
        let result = CatalogueLoader.load(directory: directory)
        if let file, result.catalogue != nil { write(result, directory: directory, checkedSince: started, to: file) }
        return (result, .fullLoad)
    }

    // MARK: Where

    /// The snapshot's path for a tables directory, or nil when snapshots are off or there is no cache.
    package static func snapshotFile(for directory: String) -> String? {
        // getenv and getcwd, not ProcessInfo and FileManager: a teller's quote starts in a few
        // milliseconds, and those build the whole environment and more on first use.
        func env(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        if env("FEES_SNAPSHOT") == "off" { return nil }
        let cache: String
        if let x = env("XDG_CACHE_HOME"), x.hasPrefix("/") {
            cache = x
        } else if let home = env("HOME"), home.hasPrefix("/") {
            cache = home + "/.cache"
        } else {
            return nil
        }
        let absolute: String
        if directory.hasPrefix("/") {
            absolute = directory
        } else {
            guard let cwd = getcwd(nil, 0) else { return nil }
            absolute = String(cString: cwd) + "/" + directory
            free(cwd)
        }
        var h = ContentHash(secret: [1, 2, 3, 4])
        h.add(standardized(absolute))
        return cache + "/fees/snapshot-" + h.hex
    }

    /// An absolute path without empty, `.` and `..` components (`/a/./b/../c/` → `/a/c`), so
    /// that one directory named two ways shares one snapshot. Lexical: links are not followed
    /// (a snapshot is only ever a cache, checked against the files' bytes).
    package static func standardized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// This program: a rebuilt `fees` may check differently, so its snapshots are not another's.
    static let programIdentity: String? = {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return nil }
        return "\(st.st_dev)-\(st.st_ino)-\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    // MARK: Files

    /// One version file as a snapshot lists it.
    struct Listed {
        let fileName: String
        let version: String
        let announcedOn: CalendarDate
        let effectiveFrom: CalendarDate
        let hash: String
        /// Nil: racy, so the file is read and hashed on every start.
        var signature: String?
    }

    /// One bank as a snapshot lists it: its `bank.json` and its versions in the bank's order.
    struct ListedBank {
        let id: String
        let hash: String
        var signature: String?
        var versions: [Listed]
    }

    /// The content hash of a file's bytes under a snapshot's secret.
    static func hash(_ bytes: [UInt8], secret: [UInt64]) -> String {
        var h = ContentHash(secret: secret)
        h.add(UInt64(bytes.count))
        h.add(bytes)
        return h.hex
    }

    /// The key of a snapshot: its format, the program that checked the tables, and everything it
    /// lists, so that another build of `fees` never trusts it.
    static func key(_ banks: [ListedBank], secret: [UInt64], program: String) -> String {
        var h = ContentHash(secret: secret)
        func add(_ part: String) { h.add(UInt64(part.utf8.count)); h.add(part) }
        add(format)
        add(program)
        for b in banks {
            add(b.id); add(b.hash); add(b.signature ?? "-")
            for v in b.versions {
                add(v.fileName); add(v.version); add("\(v.announcedOn)"); add("\(v.effectiveFrom)"); add(v.hash); add(v.signature ?? "-")
            }
        }
        return h.hex
    }

    // MARK: Writing

    /// Writes the snapshot of tables that passed their checks. A file whose change time is not
    /// well before `started` (when the load began reading) may have changed after it was read:
    /// its signature is not recorded.
    static func write(_ result: CatalogueLoadResult, directory: String, checkedSince started: FileSignature.Time, to file: String) {
        guard let program = programIdentity, let catalogue = result.catalogue else { return }
        var rng = SystemRandomNumberGenerator()
        let secret = (0..<4).map { _ in rng.next() as UInt64 }
        var recorded: [String: (hash: String, signature: String?)] = [:]
        for s in result.sources {
            recorded[s.bank + "/" + s.fileName] = (hash(s.bytes, secret: secret), s.signature.unlessRacy(since: started)?.text)
        }
        guard recorded.count == result.sources.count else { return }
        var banks: [ListedBank] = []
        for bank in catalogue.banks {
            guard let b = recorded[bank.id + "/bank.json"] else { return }
            var listed = ListedBank(id: bank.id, hash: b.hash, signature: b.signature, versions: [])
            for v in bank.versions {
                guard let f = recorded[bank.id + "/" + v.fileName] else { return }
                listed.versions.append(Listed(fileName: v.fileName, version: v.version, announcedOn: v.announcedOn,
                                              effectiveFrom: v.effectiveFrom, hash: f.hash, signature: f.signature))
            }
            banks.append(listed)
        }
        // Every file read is listed once: a file the catalogue does not hold is never trusted.
        guard banks.reduce(0, { $0 + 1 + $1.versions.count }) == result.sources.count else { return }
        write(banks, secret: secret, program: program, to: file)
    }

    private static func write(_ banks: [ListedBank], secret: [UInt64], program: String, to file: String) {
        var lines = [format, "secret " + secret.map { String($0, radix: 16) }.joined(separator: " "),
                     "key " + key(banks, secret: secret, program: program)]
        for b in banks {
            lines.append("bank \(b.id) \(b.versions.count) \(b.hash) \(b.signature ?? "-")")
            for v in b.versions {
                lines.append("version \(v.fileName) \(v.version) \(v.announcedOn) \(v.effectiveFrom) \(v.hash) \(v.signature ?? "-")")
            }
        }
        var body = lines.joined(separator: "\n") + "\n"
        body += "end " + checksum(body) + "\n"
        let url = URL(fileURLWithPath: file)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(body.utf8).write(to: url, options: .atomic)
    }

    static func checksum(_ body: String) -> String {
        var h = ContentHash(secret: [5, 6, 7, 8])
        h.add(body)
        return h.hex
    }

    // MARK: Reading

    /// The snapshot's banks in order, with their listed versions; nil when it is damaged.
    private static func parse(_ text: String) -> (secret: [UInt64], key: String, banks: [ListedBank])? {
        // The last line is `end CHECKSUM` over everything before it.
        let trimmed = text.utf8.dropLast()
        guard text.utf8.last == 0x0A, let lastBreak = trimmed.lastIndex(of: 0x0A) else { return nil }
        let body = String(text[...lastBreak])
        guard text[text.index(after: lastBreak)...] == "end " + checksum(body) + "\n" else { return nil }
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "" else { return nil }
        lines.removeLast()
        guard lines.count >= 3, lines[0] == format else { return nil }
        let secretWords = lines[1].split(separator: " ")
        guard secretWords.count == 5, secretWords[0] == "secret" else { return nil }
        let secret = secretWords.dropFirst().compactMap { UInt64($0, radix: 16) }
        let keyWords = lines[2].split(separator: " ")
        guard secret.count == 4, keyWords.count == 2, keyWords[0] == "key" else { return nil }
        func signature(_ word: Substring) -> String? { word == "-" ? nil : String(word) }
        var banks: [ListedBank] = []
        for line in lines.dropFirst(3) {
            let w = line.split(separator: " ")
            if w.count == 5, w[0] == "bank" {
                banks.append(ListedBank(id: String(w[1]), hash: String(w[3]), signature: signature(w[4]), versions: []))
            } else if w.count == 7, w[0] == "version", !banks.isEmpty,
                      let a = CalendarDate(String(w[3])), let e = CalendarDate(String(w[4])) {
                banks[banks.count - 1].versions.append(Listed(fileName: String(w[1]), version: String(w[2]), announcedOn: a, effectiveFrom: e,
                                                              hash: String(w[5]), signature: signature(w[6])))
            } else {
                return nil
            }
        }
        return (secret, String(keyWords[1]), banks)
    }

    /// The bytes of a file and its signature, when they hash as the snapshot recorded.
    private static func verified(_ path: String, hash expected: String, secret: [UInt64]) -> (bytes: [UInt8], signature: FileSignature)? {
        guard let read = CatalogueLoader.readSigned(path), hash(read.bytes, secret: secret) == expected else { return nil }
        return read
    }

    /// The catalogue for `date` from a snapshot that matches the files, or nil.
    private static func fromSnapshot(_ file: String, directory: String, on date: CalendarDate, started: FileSignature.Time) -> Catalogue? {
        guard let program = programIdentity,
              let data = CatalogueLoader.readBytes(file),
              var snapshot = parse(String(decoding: data, as: UTF8.self)),
              key(snapshot.banks, secret: snapshot.secret, program: program) == snapshot.key
        else { return nil }
        // The same files as when the tables were checked: the same folders and names, and each
        // file's signature as recorded, or (a racy one) its bytes hashing as recorded.
        let folders = CatalogueLoader.bankFolders(directory)
        guard folders == snapshot.banks.map(\.id) else { return nil }
        let secret = snapshot.secret
        var read: [String: [UInt8]] = [:]   // racy files' bytes, by path, already verified
        var refreshed = false
        func unchanged(_ path: String, _ hash: String, _ signature: inout String?) -> Bool {
            if let signature { return signature == FileSignature(path: path)?.text }
            guard let (bytes, now) = verified(path, hash: hash, secret: secret) else { return false }
            read[path] = bytes
            signature = now.unlessRacy(since: started)?.text
            refreshed = refreshed || signature != nil
            return true
        }
        for b in snapshot.banks.indices {
            let folder = CatalogueLoader.join(directory, snapshot.banks[b].id)
            guard CatalogueLoader.versionFileNames(folder) == snapshot.banks[b].versions.map(\.fileName).sorted(),
                  unchanged(CatalogueLoader.join(folder, "bank.json"), snapshot.banks[b].hash, &snapshot.banks[b].signature)
            else { return nil }
            for v in snapshot.banks[b].versions.indices {
                let listed = snapshot.banks[b].versions[v]
                guard unchanged(CatalogueLoader.join(folder, listed.fileName), listed.hash, &snapshot.banks[b].versions[v].signature) else { return nil }
            }
        }
        func bytes(_ path: String, _ hash: String) -> [UInt8]? {
            read[path] ?? verified(path, hash: hash, secret: secret)?.bytes
        }
        var banks: [Bank] = []
        for listed in snapshot.banks {
            let folder = CatalogueLoader.join(directory, listed.id)
            let bankFile = CatalogueLoader.join(folder, "bank.json")
            guard let bankBytes = bytes(bankFile, listed.hash) else { return nil }
            var reader = TableReader(file: bankFile, bytes: bankBytes, languages: [])
            guard let profile = BankProfile.read(&reader, directoryName: listed.id) else { return nil }
            let sorted = listed.versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
            var needed: [Listed] = sorted.filter { $0.announcedOn <= date && $0.effectiveFrom > date }
            if let current = sorted.last(where: { $0.effectiveFrom <= date }) {
                needed.insert(current, at: 0)
            } else if let first = sorted.first {
                needed.insert(first, at: 0)
            }
            var versions: [FeeTable] = []
            for v in needed {
                let path = CatalogueLoader.join(folder, v.fileName)
                guard let fileBytes = bytes(path, v.hash) else { return nil }
                var r = TableReader(file: path, bytes: fileBytes, languages: profile.languages)
                guard let table = FeeTable.read(&r, bank: profile, fileName: v.fileName), !r.hasErrors,
                      table.version == v.version, table.announcedOn == v.announcedOn, table.effectiveFrom == v.effectiveFrom
                else { return nil }
                versions.append(table)
            }
            guard let bank = try? Bank(profile: profile, versions: versions) else { return nil }
            banks.append(bank)
        }
        guard let catalogue = try? Catalogue(banks: banks) else { return nil }
        // Racy files found old enough now get their signatures: later starts need not read them.
        if refreshed { write(snapshot.banks, secret: snapshot.secret, program: program, to: file) }
        return catalogue
    }
}

import Foundation
import FeeValues

/// The record that a tables directory, with exactly these bytes, passed every check of spec §5,
/// so that a teller's quote need not load and check every version of every bank on every start.
///
/// A snapshot holds no prices: it lists, for each bank, its files with each version's id and
/// dates, a key hashed from every file's bytes (`ContentHash`, keyed by a random secret of the
/// snapshot) and the identity of the program that checked them. A teller's load reads every file
/// and hashes it; when the key, the program and the snapshot's own checksum match, it reads only
/// `bank.json` and the versions the day needs (the one in effect and those announced for later;
/// the first when none is in effect), through the same reader and per-file checks as any load.
/// Anything else (no snapshot, a changed byte, a file added or removed, another build of `fees`,
/// a damaged snapshot, a draft) is a full load, which writes a new snapshot when it passes. A
/// snapshot is never written for tables that fail their checks (spec §4). It lives in
/// `$XDG_CACHE_HOME/fees` (else `~/.cache/fees`), one file per tables directory, written
/// atomically; `FEES_SNAPSHOT=off` disables it.
public enum CatalogueSnapshot {
    static let format = "fees-snapshot/1"

    /// The tables for a teller's quote on `date`: every bank, each with the versions that day
    /// needs, or the full load's result when no snapshot matches (`date` nil: always the full load).
    public static func loadForTeller(directory: String, on date: CalendarDate?) -> CatalogueLoadResult {
        load(directory: directory, on: date, snapshot: snapshotFile(for: directory)).result
    }

    /// How a teller's load went: from the snapshot, or the full load (and whether it wrote one).
    package enum Source: Equatable { case snapshot, fullLoad }

    /// `loadForTeller` with the snapshot's path given (nil: no snapshot).
    package static func load(directory: String, on date: CalendarDate?, snapshot file: String?) -> (result: CatalogueLoadResult, source: Source) {
        if let date, let file, let catalogue = fromSnapshot(file, directory: directory, on: date) {
            return (CatalogueLoadResult(catalogue: catalogue, problems: []), .snapshot)
        }
        let result = CatalogueLoader.load(directory: directory)
        if let file, result.catalogue != nil { write(result, to: file) }
        return (result, .fullLoad)
    }

    // MARK: Where

    /// The snapshot's path for a tables directory, or nil when snapshots are off or there is no cache.
    static func snapshotFile(for directory: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        if env["FEES_SNAPSHOT"] == "off" { return nil }
        let cache: String
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") {
            cache = x
        } else if let home = env["HOME"], home.hasPrefix("/") {
            cache = home + "/.cache"
        } else {
            return nil
        }
        let absolute = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        var h = ContentHash(secret: [1, 2, 3, 4])
        h.add(URL(fileURLWithPath: absolute).standardizedFileURL.path)
        return cache + "/fees/snapshot-" + h.hex
    }

    /// This program: a rebuilt `fees` may check differently, so its snapshots are not another's.
    static let programIdentity: String? = {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return nil }
        return "\(st.st_dev)-\(st.st_ino)-\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    // MARK: The key

    /// The key of the files as read, in the loader's order.
    static func key(_ sources: [CatalogueLoader.Source], secret: [UInt64], program: String) -> String {
        var h = ContentHash(secret: secret)
        h.add(format)
        h.add(program)
        for s in sources {
            h.add(UInt64(s.bank.utf8.count)); h.add(s.bank)
            h.add(UInt64(s.fileName.utf8.count)); h.add(s.fileName)
            h.add(UInt64(s.bytes.count)); h.add(s.bytes)
        }
        return h.hex
    }

    // MARK: Writing

    static func write(_ result: CatalogueLoadResult, to file: String) {
        guard let program = programIdentity, let catalogue = result.catalogue else { return }
        var rng = SystemRandomNumberGenerator()
        let secret = (0..<4).map { _ in rng.next() as UInt64 }
        var lines = [format, "secret " + secret.map { String($0, radix: 16) }.joined(separator: " "),
                     "key " + key(result.sources, secret: secret, program: program)]
        for bank in catalogue.banks {
            lines.append("bank \(bank.id) \(bank.versions.count)")
            for v in bank.versions {
                lines.append("version \(v.fileName) \(v.version) \(v.announcedOn) \(v.effectiveFrom)")
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

    private struct Listed {
        let fileName: String
        let version: String
        let announcedOn: CalendarDate
        let effectiveFrom: CalendarDate
    }

    /// The snapshot's banks in order, with their listed versions; nil when it is damaged.
    private static func parse(_ text: String) -> (secret: [UInt64], key: String, banks: [(id: String, versions: [Listed])])? {
        guard let endRange = text.range(of: "end ", options: .backwards) else { return nil }
        let body = String(text[..<endRange.lowerBound])
        guard text[endRange.upperBound...] == checksum(body) + "\n" else { return nil }
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "" else { return nil }
        lines.removeLast()
        guard lines.count >= 3, lines[0] == format else { return nil }
        let secretWords = lines[1].split(separator: " ")
        guard secretWords.count == 5, secretWords[0] == "secret" else { return nil }
        let secret = secretWords.dropFirst().compactMap { UInt64($0, radix: 16) }
        let keyWords = lines[2].split(separator: " ")
        guard secret.count == 4, keyWords.count == 2, keyWords[0] == "key" else { return nil }
        var banks: [(id: String, versions: [Listed])] = []
        for line in lines.dropFirst(3) {
            let w = line.split(separator: " ")
            if w.count == 3, w[0] == "bank" {
                banks.append((String(w[1]), []))
            } else if w.count == 5, w[0] == "version", !banks.isEmpty,
                      let a = CalendarDate(String(w[3])), let e = CalendarDate(String(w[4])) {
                banks[banks.count - 1].versions.append(Listed(fileName: String(w[1]), version: String(w[2]), announcedOn: a, effectiveFrom: e))
            } else {
                return nil
            }
        }
        return (secret, String(keyWords[1]), banks)
    }

    /// The catalogue for `date` from a snapshot that matches the files, or nil.
    private static func fromSnapshot(_ file: String, directory: String, on date: CalendarDate) -> Catalogue? {
        guard let program = programIdentity,
              let data = CatalogueLoader.readBytes(file),
              let snapshot = parse(String(decoding: data, as: UTF8.self)),
              let sources = CatalogueLoader.sources(directory: directory),
              key(sources, secret: snapshot.secret, program: program) == snapshot.key
        else { return nil }
        var banks: [Bank] = []
        var k = 0
        for listed in snapshot.banks {
            // bank.json first, then the version files in the loader's order.
            guard k < sources.count, sources[k].bank == listed.id, sources[k].fileName == "bank.json" else { return nil }
            var reader = TableReader(file: CatalogueLoader.join(CatalogueLoader.join(directory, listed.id), "bank.json"),
                                     bytes: sources[k].bytes, languages: [])
            guard let profile = BankProfile.read(&reader, directoryName: listed.id) else { return nil }
            k += 1
            var files: [String: [UInt8]] = [:]
            while k < sources.count, sources[k].bank == listed.id {
                files[sources[k].fileName] = sources[k].bytes
                k += 1
            }
            guard files.count == listed.versions.count else { return nil }
            let sorted = listed.versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
            var needed: [Listed] = sorted.filter { $0.announcedOn <= date && $0.effectiveFrom > date }
            if let current = sorted.last(where: { $0.effectiveFrom <= date }) {
                needed.insert(current, at: 0)
            } else if let first = sorted.first {
                needed.insert(first, at: 0)
            }
            var versions: [FeeTable] = []
            for v in needed {
                guard let bytes = files[v.fileName] else { return nil }
                var r = TableReader(file: CatalogueLoader.join(CatalogueLoader.join(directory, listed.id), v.fileName),
                                    bytes: bytes, languages: profile.languages)
                guard let table = FeeTable.read(&r, bank: profile, fileName: v.fileName), !r.hasErrors,
                      table.version == v.version, table.announcedOn == v.announcedOn, table.effectiveFrom == v.effectiveFrom
                else { return nil }
                versions.append(table)
            }
            guard let bank = try? Bank(profile: profile, versions: versions) else { return nil }
            banks.append(bank)
        }
        guard k == sources.count else { return nil }
        return try? Catalogue(banks: banks)
    }
}

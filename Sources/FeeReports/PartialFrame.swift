import FeeValues
import FeeJSON
import FeeCore
import FeeWords

/// The frame every partial (`fees-partial/2`) is written in, so that `fees merge` can tell a
/// partial that is whole and belongs with the others from one that is not:
///
/// - a **header** line: the kind, the bank, the period or version pair, and the fingerprint of
///   every table version the piece was priced with;
/// - the **body**: one line per customer (in byte order of `customer_ref`), error or count;
/// - a **trailer** line: the pieces the partial stands for, how many body lines it has, and the
///   SHA-256 of every byte before it. A partial cut short has no trailer; an altered one fails its
///   checksum.
///
/// Format in Docs/PARTIALS.md.
public struct PartialHeader: Sendable, Hashable {
    /// What was aggregated (one enum with the messages' kind, in FeeWords).
    public typealias Kind = PartialKind

    /// The format tag of the header's first key.
    public static let format = "fees-partial/2"

    /// What was aggregated: a statement, an impact or an audit.
    public let kind: Kind
    /// The bank's id.
    public let bank: String
    /// The period (`from`, `to`) or the version pair (`from_version`, `to_version`), as written.
    public let scope: [ScopeField]
    /// Every version of the bank the piece had loaded, with its fingerprint, in version order.
    public let tables: [TableFingerprint]

    /// One key of the scope: the period's bounds or the pair of versions.
    public struct ScopeField: Sendable, Hashable {
        /// `from`, `to`, `from_version` or `to_version`.
        public let key: String
        /// The value as written; nil for an end left open (an audit without `--from`).
        public let value: String?
    }

    /// A version and the SHA-256 of its file.
    public struct TableFingerprint: Sendable, Hashable {
        /// The version's id.
        public let version: String
        /// `sha256:` and the hex SHA-256 of the version's file, as `FeeTable.fingerprint` has it.
        public let fingerprint: String
    }

    /// The header of a partial priced with `bank`'s versions.
    public init(kind: Kind, bank: Bank, scope: [(String, String?)]) {
        self.init(kind: kind, bankID: bank.id, scope: scope.map { ScopeField(key: $0.0, value: $0.1) },
                  tables: bank.versions.map { TableFingerprint(version: $0.version, fingerprint: $0.fingerprint) })
    }

    init(kind: Kind, bankID: String, scope: [ScopeField], tables: [TableFingerprint]) {
        self.kind = kind
        self.bank = bankID
        self.scope = scope
        self.tables = tables
    }

    /// The header as its JSON line (without the LF).
    package var line: String {
        var w = JSONWriter()
        w.beginObject()
        w.field("format", Self.format)
        w.field("kind", kind.rawValue)
        w.field("bank", bank)
        for f in scope { w.field(f.key, f.value) }
        w.key("tables")
        w.beginObject()
        for t in tables { w.field(t.version, t.fingerprint) }
        w.endObject()
        w.endObject()
        return w.text
    }

    /// A statement's period.
    public var period: (CalendarDate, CalendarDate)? {
        guard kind == .statement, scope.count == 2, let f = scope[0].value.flatMap(CalendarDate.init), let t = scope[1].value.flatMap(CalendarDate.init) else { return nil }
        return (f, t)
    }

    /// The scope as messages word it: a period, or a pair of versions.
    package var scopeWords: PartialMessage.Scope {
        let from = scope.first?.value, to = scope.dropFirst().first?.value
        return kind == .impact ? .versions(from: from ?? "", to: to ?? "") : .period(from: from, to: to)
    }

    /// Whether a line is a partial's header (of any format version), which starts a partial.
    static func isHeader(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.starts(with: #"{"format":"fees-partial/"#.utf8)
    }

    /// Reads a header line.
    static func read(_ line: [UInt8]) -> Result<PartialHeader, PartialFile.Failure> {
        let node: JSONNode
        do throws(JSONSyntaxError) { node = try JSONParser.parse(line) } catch { return .failure(.init(.headerNotJSON(detail: error.message))) }
        guard case .object = node.value else { return .failure(.init(.headerNotAnObject)) }
        func string(_ k: String) -> String? { if case .string(let s)? = node.node(at: k)?.value { return s }; return nil }
        guard let format = string("format"), format.hasPrefix("fees-partial/") else {
            return .failure(.init(.notStartingWithHeader))
        }
        guard format == Self.format else {
            return .failure(.init(.olderFormat(found: format, current: Self.format)))
        }
        guard let kindText = string("kind"), let kind = Kind(rawValue: kindText), let bank = string("bank"),
              case .object(let tableMembers)? = node.node(at: "tables")?.value else {
            return .failure(.init(.headerLacksKindBankOrTables))
        }
        let scopeKeys = kind == .impact ? ["from_version", "to_version"] : ["from", "to"]
        var scope: [ScopeField] = []
        for k in scopeKeys {
            guard let v = node.node(at: k) else { return .failure(.init(.headerLacks(key: k))) }
            switch v.value {
            case .string(let s): scope.append(ScopeField(key: k, value: s))
            case .null where kind == .audit: scope.append(ScopeField(key: k, value: nil))
            default: return .failure(.init(.headerValueNotAString(key: k)))
            }
        }
        var tables: [TableFingerprint] = []
        for m in tableMembers {
            guard case .string(let f) = m.value.value else { return .failure(.init(.fingerprintNotAString(version: m.key))) }
            tables.append(TableFingerprint(version: m.key, fingerprint: f))
        }
        return .success(PartialHeader(kind: kind, bankID: bank, scope: scope, tables: tables))
    }
}

/// The last line of a partial: which pieces it stands for, how many lines it has, its checksum.
public struct PartialTrailer: Sendable, Hashable {
    /// The pieces of the input this partial covers: one for a map step, several after a merge.
    public let pieces: [String]
    /// The lines between the header and the trailer.
    public let lines: Int
    /// The SHA-256 of every byte before the trailer line, in hex.
    public let sha256: String

    package init(pieces: [String], lines: Int, sha256: String) {
        self.pieces = pieces
        self.lines = lines
        self.sha256 = sha256
    }

    package var line: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("trailer")
        w.beginObject()
        w.field("lines", lines)
        w.key("pieces")
        w.beginArray()
        for p in pieces { w.string(p) }
        w.endArray()
        w.field("sha256", sha256)
        w.endObject()
        w.endObject()
        return w.text
    }

    static func isTrailer(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.starts(with: #"{"trailer":"#.utf8)
    }

    static func read(_ line: [UInt8]) -> PartialTrailer? {
        guard let node = try? JSONParser.parse(line) else { return nil }
        guard case .number(let n)? = node.node(at: "trailer.lines")?.value, let lines = Int(n), lines >= 0,
              case .array(let ps)? = node.node(at: "trailer.pieces")?.value, !ps.isEmpty,
              case .string(let sum)? = node.node(at: "trailer.sha256")?.value else { return nil }
        var pieces: [String] = []
        for p in ps {
            guard case .string(let s) = p.value, !s.isEmpty else { return nil }
            pieces.append(s)
        }
        return PartialTrailer(pieces: pieces, lines: lines, sha256: sum)
    }
}

/// Writes a partial's frame around its body lines, hashing as it goes.
public struct PartialWriter {
    private var hash = SHA256()
    private var lines = 0

    /// A writer at the start of a partial: the header, then the body lines, then `finish`.
    public init() {}

    /// The header line.
    public mutating func header(_ h: PartialHeader, _ emit: (String) -> Void) {
        put(h.line, emit)
    }

    /// One body line (JSON without its LF).
    mutating func body(_ text: String, _ emit: (String) -> Void) {
        lines += 1
        put(text, emit)
    }

    /// The name of a piece that holds nothing: any number of them may be merged (an engine's
    /// empty partitions), since each adds nothing.
    public static let emptyPiece = "empty"

    /// The trailer. A map step names its piece with `piece`, or leaves it to the checksum (the
    /// same input gives the same piece, so a piece given twice is recognised; a piece that holds
    /// nothing is `empty`); a merge passes the pieces it merged.
    public mutating func finish(piece: String?, pieces: [String] = [], holdsNothing: Bool = false, _ emit: (String) -> Void) {
        let sum = hash.finalize().map { hexByte($0) }.joined()
        let names = !pieces.isEmpty ? pieces : [piece ?? (holdsNothing ? Self.emptyPiece : "sha256:" + String(sum.prefix(16)))]
        emit(PartialTrailer(pieces: names, lines: lines, sha256: sum).line + "\n")
    }

    private mutating func put(_ text: String, _ emit: (String) -> Void) {
        let line = text + "\n"
        hash.update(line.utf8)
        emit(line)
    }
}

/// Checks a partial's frame while its lines are read: the header first, a trailer last whose count
/// and checksum match what came before.
struct PartialFrameCheck {
    private var hash = SHA256()
    private(set) var header: PartialHeader?
    private var body = 0
    private(set) var trailer: PartialTrailer?
    /// What is wrong with the frame so far.
    private(set) var failure: PartialMessage?

    /// Takes the next line; true when it is a body line for the caller to read.
    mutating func take(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard failure == nil else { return false }
        if trailer != nil { failure = .linesAfterTrailer; return false }
        if header == nil {
            switch PartialHeader.read(Array(line)) {
            case .success(let h): header = h
            case .failure(let f): failure = f.reason
            }
            hash.update(buffer: line); hash.update(CollectionOfOne(0x0A))
            return false
        }
        if PartialTrailer.isTrailer(line) {
            let sum = hash.finalize().map { hexByte($0) }.joined()
            guard let t = PartialTrailer.read(Array(line)) else { failure = .trailerUnreadable; return false }
            guard t.lines == body, t.sha256 == sum else {
                failure = .checksumMismatch
                return false
            }
            trailer = t
            return false
        }
        hash.update(buffer: line); hash.update(CollectionOfOne(0x0A))
        body += 1
        return true
    }

    /// Takes an overlong line (never a line fees writes).
    mutating func takeOverlong() {
        if failure == nil { failure = .lineTooLong }
    }

    /// The verdict at the end of the partial.
    mutating func finish() -> Result<(PartialHeader, PartialTrailer), PartialFile.Failure> {
        if let failure { return .failure(.init(failure)) }
        guard let header else { return .failure(.init(.empty)) }
        guard let trailer else { return .failure(.init(.noTrailer)) }
        return .success((header, trailer))
    }
}


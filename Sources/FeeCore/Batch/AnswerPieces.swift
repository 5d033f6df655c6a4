import FeeValues
import FeeJSON

/// The constant bytes of every version's ok answers (spec §4), rendered and escaped once into one
/// block of memory: the keys, each version's bank, version, currency and fingerprint, each item's
/// code and each waiver's id. An answer is then a few short copies from this block and three
/// amounts: no array is read, so no reference is counted per answer. Nothing is written after
/// `init`, hence `@unchecked Sendable`.
final class AnswerPieces: @unchecked Sendable {
    /// Where one piece lies in `bytes`.
    struct Piece {
        let start: Int32
        let count: Int32
    }

    /// One version's pieces.
    struct Version {
        /// `,"ok":true,"bank":"…","item":`
        let head: Piece
        /// `,"version":"…","currency":"…","gross":"`
        let middle: Piece
        /// `,"fingerprint":"sha256:…"`
        let fingerprint: Piece
        /// Its items' quoted codes are `pieces[items + k]` for `k < itemCount`, its waivers'
        /// quoted ids `pieces[waivers + k]` for `k < waiverCount`.
        let items: Int32
        let itemCount: Int32
        let waivers: Int32
        let waiverCount: Int32
        let minorDigits: Int32
        /// The table these were rendered from (kept alive by `tables`, so never another's).
        let storage: ObjectIdentifier

        /// The piece of item `k`, checked: the pieces are read without bounds checks.
        @inline(__always)
        func item(_ k: Int) -> Int {
            precondition(k >= 0 && k < Int(itemCount), "no item \(k) in these answer pieces")
            return Int(items) + k
        }

        /// The piece of waiver `k`, checked.
        @inline(__always)
        func waiver(_ k: Int) -> Int {
            precondition(k >= 0 && k < Int(waiverCount), "no waiver \(k) in these answer pieces")
            return Int(waivers) + k
        }
    }

    /// The tables the pieces were rendered from, held so that no other table can take the
    /// identity a version's pieces are recognized by.
    private let tables: [FeeTable]

    /// Pieces shared by every version.
    let idKey: Piece          // {"id":
    let null: Piece           // null
    let discountKey: Piece    // ","discount":"
    let netKey: Piece         // ","net":"
    let waiverKey: Piece      // ","waiver":
    let eligibleKey: Piece    // ,"eligible":[
    let lineEnd: Piece        // }\n

    /// Every piece's bytes, and `slack` bytes more, so that a piece may be copied eight bytes at a time.
    let bytes: UnsafeMutablePointer<UInt8>
    let pieces: UnsafeMutableBufferPointer<Piece>
    let versions: UnsafeMutableBufferPointer<Version>
    /// Bank `b`'s versions are `versions[bankStarts[b]..<bankStarts[b + 1]]`.
    let bankStarts: UnsafeMutableBufferPointer<Int32>
    /// The bytes every ok answer has whatever its version: the shared pieces (`null` once for an
    /// absent id) and the closing bracket of `eligible`.
    let fixedLength: Int

    static let slack = 16

    /// The start of every answer, and JSON's null: also written by the error answers.
    static let idKeyText: StaticString = "{\"id\":"
    static let nullText: StaticString = "null"

    /// The pieces of `banks`, each with its versions in order.
    init(_ banks: [(id: String, versions: [FeeTable])]) {
        var all: [UInt8] = []
        func piece(_ body: (inout [UInt8]) -> Void) -> Piece {
            let start = all.count
            body(&all)
            return Piece(start: Int32(start), count: Int32(all.count - start))
        }
        func literal(_ s: StaticString) -> Piece { piece { $0.append(contentsOf: s.bytes) } }
        func quoted(_ s: String) -> Piece { piece { JSONWriter.appendQuoted(s, to: &$0) } }
        idKey = literal(Self.idKeyText)
        null = literal(Self.nullText)
        discountKey = literal("\",\"discount\":\"")
        netKey = literal("\",\"net\":\"")
        waiverKey = literal("\",\"waiver\":")
        eligibleKey = literal(",\"eligible\":[")
        lineEnd = literal("}\n")
        var pieces: [Piece] = []
        var versions: [Version] = []
        var starts: [Int32] = [0]
        for bank in banks {
            for table in bank.versions {
                let head = piece { out in
                    out.append(contentsOf: StaticString(",\"ok\":true,\"bank\":").bytes)
                    JSONWriter.appendQuoted(bank.id, to: &out)
                    out.append(contentsOf: StaticString(",\"item\":").bytes)
                }
                let middle = piece { out in
                    out.append(contentsOf: StaticString(",\"version\":").bytes)
                    JSONWriter.appendQuoted(table.version, to: &out)
                    out.append(contentsOf: StaticString(",\"currency\":").bytes)
                    JSONWriter.appendQuoted(table.currency.code, to: &out)
                    out.append(contentsOf: StaticString(",\"gross\":\"").bytes)
                }
                let fingerprint = piece { out in
                    out.append(contentsOf: StaticString(",\"fingerprint\":").bytes)
                    JSONWriter.appendQuoted(table.fingerprint, to: &out)
                }
                let items = Int32(pieces.count)
                pieces += table.items.map { quoted($0.code) }
                let waivers = Int32(pieces.count)
                pieces += table.waivers.map { quoted($0.id) }
                versions.append(Version(head: head, middle: middle, fingerprint: fingerprint,
                                        items: items, itemCount: Int32(table.items.count), waivers: waivers, waiverCount: Int32(table.waivers.count),
                                        minorDigits: Int32(table.currency.minorDigits), storage: ObjectIdentifier(table.storage)))
            }
            starts.append(Int32(versions.count))
        }
        tables = banks.flatMap(\.versions)
        all += [UInt8](repeating: 0, count: Self.slack)
        bytes = .allocate(capacity: all.count)
        bytes.initialize(from: all, count: all.count)
        self.pieces = Self.owned(pieces)
        self.versions = Self.owned(versions)
        bankStarts = Self.owned(starts)
        fixedLength = Int(idKey.count + null.count + discountKey.count + netKey.count + waiverKey.count + eligibleKey.count + lineEnd.count) + 1
    }

    deinit {
        bytes.deallocate()
        pieces.baseAddress?.deallocate()
        versions.baseAddress?.deallocate()
        bankStarts.baseAddress?.deallocate()
    }

    /// A copy of `elements` in memory these pieces own (trivial types only).
    private static func owned<T>(_ elements: [T]) -> UnsafeMutableBufferPointer<T> {
        let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(elements.count, 1))
        _ = b.initialize(from: elements)
        return UnsafeMutableBufferPointer(rebasing: b[0..<elements.count])
    }

    /// The pieces of bank `bank`'s version `version`, if these pieces hold it.
    @inline(__always)
    func version(bank: Int, _ version: Int) -> Version? {
        guard bank >= 0, bank + 1 < bankStarts.count else { return nil }
        let k = Int(bankStarts[bank]) + version
        guard version >= 0, k < Int(bankStarts[bank + 1]) else { return nil }
        return versions[k]
    }
}

/// Bytes laid out in a buffer sized beforehand by the caller (with `AnswerPieces.slack` bytes to
/// spare past the end, which a piece's copy may overwrite).
struct ScratchWriter {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count - AnswerPieces.slack
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        precondition(count < capacity)
        base[count] = b
        count += 1
    }

    /// Appends bytes from anywhere (a request's id).
    @inline(__always)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(count + bytes.count <= capacity)
        if let p = bytes.baseAddress { (base + count).update(from: p, count: bytes.count) }
        count += bytes.count
    }

    /// Appends a piece in whole words: the pieces' memory and this buffer both have
    /// `AnswerPieces.slack` bytes to spare, so the last word may run past the piece (most
    /// pieces are 32 bytes or less: four words, no loop).
    @inline(__always)
    mutating func put(_ piece: AnswerPieces.Piece, from pieces: UnsafeMutablePointer<UInt8>) {
        let n = Int(piece.count)
        precondition(count + n <= capacity)
        let from = UnsafeRawPointer(pieces + Int(piece.start))
        let to = UnsafeMutableRawPointer(base + count)
        @inline(__always) func word(_ k: Int) {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
        }
        word(0); word(8)
        if n > 16 {
            word(16); word(24)
            var k = 32
            while k < n { word(k); k += 8 }
        }
        count += n
    }

    /// Minor units with exactly `digits` fractional digits (`"1234.50"`), by the one formatter;
    /// at most `DecimalText.maxLength(scale: digits)` bytes.
    @inline(__always)
    mutating func money(_ value: Int128, digits: Int) {
        precondition(count + DecimalText.maxLength(scale: digits) <= capacity)
        count += DecimalText.write(value, scale: digits, grouping: false, trimmed: false, into: base + count)
    }
}

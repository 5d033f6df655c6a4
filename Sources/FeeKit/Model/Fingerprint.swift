import Foundation

/// A version's fingerprint (`sha256:` and the hex SHA-256 of its file's bytes), computed the first
/// time anyone asks: a teller's quote shows one version's, so hashing every version of a long
/// history at start-up is wasted work. Thread-safe; the bytes are kept until then.
final class Fingerprint: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8]?
    private var text: String?

    /// A fingerprint already known (a table built in code).
    init(_ text: String) {
        self.text = text
    }

    /// The fingerprint of these file bytes, hashed when first read.
    init(of bytes: [UInt8]) {
        self.bytes = bytes
    }

    var value: String {
        lock.lock()
        defer { lock.unlock() }
        if let text { return text }
        let made = "sha256:" + SHA256.hexDigest(bytes ?? [])
        text = made
        bytes = nil
        return made
    }
}

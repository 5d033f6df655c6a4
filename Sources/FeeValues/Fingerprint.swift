import Synchronization

/// A version's fingerprint (`sha256:` and the hex SHA-256 of its file's bytes), computed the first
/// time anyone asks: a teller's quote shows one version's, so hashing every version of a long
/// history at start-up is wasted work. Thread-safe; the bytes are kept until then.
package final class Fingerprint: Sendable {
    private enum State {
        case known(String)
        case pending([UInt8])
    }
    private let state: Mutex<State>

    /// A fingerprint already known (a table built in code).
    init(_ text: String) {
        state = Mutex(.known(text))
    }

    /// The fingerprint of these file bytes, hashed when first read.
    init(of bytes: [UInt8]) {
        state = Mutex(.pending(bytes))
    }

    var value: String {
        state.withLock { state in
            switch state {
            case .known(let text):
                return text
            case .pending(let bytes):
                let made = "sha256:" + SHA256.hexDigest(bytes)
                state = .known(made)
                return made
            }
        }
    }
}

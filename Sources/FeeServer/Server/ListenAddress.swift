#if canImport(Glibc)
import Glibc
#endif
import FeeKit

/// Where the server listens: a TCP address (loopback by default) or a Unix socket path.
public enum ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 or IPv6 address and port; port 0 lets the system choose (tests learn it).
    case tcp(host: String, port: Int)
    /// A Unix domain socket at this path.
    case unix(path: String)

    /// `127.0.0.1:8080`, `[::1]:8080` or `unix:PATH`.
    public var description: String {
        switch self {
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): return "unix:\(path)"
        }
    }

    /// Reads `HOST:PORT` (`127.0.0.1:8080`, `[::1]:8080`, `localhost:8080`, `:8080` for loopback);
    /// nil with a reason when it is not one.
    public static func parse(_ text: String) -> Result<ListenAddress, ServerSetupError> {
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(ServerSetupError(.notABracketedAddress(text)))
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                return .failure(ServerSetupError(.noPort(text)))
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if host.isEmpty || host == "localhost" { host = "127.0.0.1" }
        guard let port = Int(portText), (0...65535).contains(port) else {
            return .failure(ServerSetupError(.notAPort(String(portText))))
        }
        var v4 = in_addr()
        var v6 = in6_addr()
        guard inet_pton(AF_INET, String(host), &v4) == 1 || inet_pton(AF_INET6, String(host), &v6) == 1 else {
            return .failure(ServerSetupError(.notAnIPAddress(String(host))))
        }
        return .success(.tcp(host: String(host), port: port))
    }
}

/// Why the server could not start: the message says what to change.
public struct ServerSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a case of the server's message catalogue.
    package let reason: ServerMessage

    /// An error for `reason`.
    package init(_ reason: ServerMessage) { self.reason = reason }

    /// What went wrong and what to do, in `language`.
    public func message(in language: TextLanguage) -> String { reason.text(language) }

    /// The message in English (for logs and debugging).
    public var description: String { reason.text(.english) }
}

/// A listening socket, non-blocking, and the address it is bound to.
struct ListeningSocket: Sendable {
    let fd: Int32
    /// The address as bound (the real port when 0 was asked for).
    let address: ListenAddress

    static func errorText() -> String { String(cString: strerror(errno)) }

    /// Binds and listens on `address`.
    static func open(_ address: ListenAddress, backlog: Int32 = 4096) -> Result<ListeningSocket, ServerSetupError> {
        switch address {
        case .tcp(let host, let port):
            var v4 = in_addr()
            let isV4 = inet_pton(AF_INET, host, &v4) == 1
            let fd = socket(isV4 ? AF_INET : AF_INET6, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { return .failure(ServerSetupError(.cannotOpenSocket(reason: errorText()))) }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            var rc: Int32
            if isV4 {
                var sa = sockaddr_in()
                sa.sin_family = sa_family_t(AF_INET)
                sa.sin_port = in_port_t(UInt16(port).bigEndian)
                sa.sin_addr = v4
                rc = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            } else {
                var sa = sockaddr_in6()
                sa.sin6_family = sa_family_t(AF_INET6)
                sa.sin6_port = in_port_t(UInt16(port).bigEndian)
                inet_pton(AF_INET6, host, &sa.sin6_addr)
                rc = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
            }
            guard rc == 0 else {
                let why = errorText()
                close(fd)
                return .failure(ServerSetupError(.cannotBind(address: address.description, reason: why)))
            }
            guard listen(fd, backlog) == 0 else {
                let why = errorText()
                close(fd)
                return .failure(ServerSetupError(.cannotListen(address: address.description, reason: why)))
            }
            var bound = sockaddr_storage()
            var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
            _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
            let boundPort: Int = withUnsafePointer(to: &bound) { p in
                isV4 ? p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
                     : p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return .success(ListeningSocket(fd: fd, address: .tcp(host: host, port: boundPort)))
        case .unix(let path):
            var sa = sockaddr_un()
            let capacity = MemoryLayout.size(ofValue: sa.sun_path)
            guard path.utf8.count < capacity else {
                return .failure(ServerSetupError(.socketPathTooLong(path: path, most: capacity - 1)))
            }
            sa.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &sa.sun_path) { raw in
                for (k, b) in path.utf8.enumerated() { raw[k] = b }
                raw[path.utf8.count] = 0
            }
            // A socket file left by an earlier run is replaced; any other file is not, nor the
            // socket of a server still listening on it (replacing it would cut that one off).
            var info = stat()
            if lstat(path, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFSOCK else {
                    return .failure(ServerSetupError(.notASocket(path: path)))
                }
                let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
                if probe >= 0 {
                    let live = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } } == 0
                    close(probe)
                    if live {
                        return .failure(ServerSetupError(.socketInUse(path: path)))
                    }
                }
                unlink(path)
            }
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { return .failure(ServerSetupError(.cannotOpenSocket(reason: errorText()))) }
            let rc = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
            guard rc == 0, listen(fd, backlog) == 0 else {
                let why = errorText()
                close(fd)
                return .failure(ServerSetupError(.cannotListen(address: path, reason: why)))
            }
            return .success(ListeningSocket(fd: fd, address: address))
        }
    }
}

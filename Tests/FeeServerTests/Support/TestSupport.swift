import Foundation
import FeeKit
@testable import FeeServer

/// Paths of the package: the demo tables, the docs, the built binary.
enum Paths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static var tables: String { root + "/FeeTables" }
    static var demoRequests: String { root + "/Docs/demo-requests.jsonl" }

    /// The built `fees`, next to the test bundle.
    static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path.contains(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("fees").path
    }

    /// A fresh copy of the demo tables in a temporary directory.
    static func copyOfTables() -> String {
        let dir = NSTemporaryDirectory() + "fees-serve-" + UUID().uuidString
        try? FileManager.default.copyItem(atPath: tables, toPath: dir)
        return dir
    }
}

/// The day every test serves (the demo's story is told on 2026-11-23).
let testDay = CalendarDate("2026-11-23")!

/// A server started in-process on an ephemeral port.
final class TestServer: @unchecked Sendable {
    let server: HTTPServer
    let app: FeeApplication
    let port: Int

    init(tables: String = Paths.tables, threads: Int = 2, accessLog: Int32? = nil, configure: (inout ServerConfig) -> Void = { _ in }) throws {
        var config = ServerConfig(listen: .tcp(host: "127.0.0.1", port: 0), threads: threads)
        config.headerTimeout = 5
        config.bodyTimeout = 5
        config.idleTimeout = 10
        config.shutdownTimeout = 5
        configure(&config)
        let holder = try CatalogueHolder.load(directory: tables, copies: threads).get()
        app = FeeApplication(holder: holder, loops: threads, accessLog: accessLog, today: { testDay })
        server = try HTTPServer.start(config, application: app).get()
        let s = server
        app.countConnections { s.openConnections }
        port = server.port!
    }

    func stop() {
        server.shutdown()
        server.wait()
    }
}

/// One HTTP answer as read off the wire.
struct Reply {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSONNode? { try? JSONParser.parse(body) }
}

/// A plain blocking HTTP/1.1 client over one socket, reading exactly what the server sends:
/// enough to test framing, keep-alive, pipelining and the refusals.
final class RawClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Double = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_port = in_port_t(UInt16(port).bigEndian)
        sa.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { close(fd); throw ClientError.connect(errno) }
    }

    enum ClientError: Error { case connect(Int32), closed, malformed(String) }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Reads more; false at end of stream or timeout.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
        if n <= 0 { return false }
        buffer += chunk[0..<n]
        return true
    }

    /// Whether the server closed the connection (reads until end of stream or timeout).
    func isClosedByServer() -> Bool {
        while fill() {}
        return errno != EAGAIN && errno != EWOULDBLOCK
    }

    private func line() throws -> String {
        while true {
            if let lf = buffer.firstIndex(of: 0x0A) {
                var l = Array(buffer[0..<lf])
                if l.last == 0x0D { l.removeLast() }
                buffer.removeSubrange(0...lf)
                return String(decoding: l, as: UTF8.self)
            }
            guard fill() else { throw ClientError.closed }
        }
    }

    private func take(_ n: Int) throws -> [UInt8] {
        while buffer.count < n { guard fill() else { throw ClientError.closed } }
        let out = Array(buffer[0..<n])
        buffer.removeSubrange(0..<n)
        return out
    }

    /// Reads the status line and fields of the next answer (skipping 100 Continue).
    func readHead() throws -> Reply {
        while true {
            let status = try line()
            let parts = status.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, parts[0] == "HTTP/1.1", let code = Int(parts[1]) else { throw ClientError.malformed(status) }
            var headers: [(name: String, value: String)] = []
            while true {
                let l = try line()
                if l.isEmpty { break }
                guard let colon = l.firstIndex(of: ":") else { throw ClientError.malformed(l) }
                headers.append((String(l[..<colon]), l[l.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            if code == 100 { continue }
            return Reply(status: code, headers: headers, body: [])
        }
    }

    /// Reads one chunk of a chunked body: nil after the last.
    func readChunk() throws -> [UInt8]? {
        let size = try line()
        guard let n = Int(size, radix: 16) else { throw ClientError.malformed(size) }
        if n == 0 { _ = try line(); return nil }
        let data = try take(n)
        _ = try take(2)
        return data
    }

    /// Reads one whole answer; `headRequest` for an answer to HEAD (no body).
    func read(headRequest: Bool = false) throws -> Reply {
        var r = try readHead()
        if headRequest { return r }
        if let length = r.header("Content-Length").flatMap(Int.init) {
            r.body = try take(length)
        } else if r.header("Transfer-Encoding") == "chunked" {
            while let c = try readChunk() { r.body += c }
        }
        return r
    }
}

/// A whole exchange on a fresh connection.
func request(_ port: Int, _ method: String, _ target: String, body: [UInt8]? = nil, headers: [String] = []) throws -> Reply {
    let c = try RawClient(port: port)
    var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for h in headers { head += h + "\r\n" }
    if let body { head += "Content-Length: \(body.count)\r\n" }
    c.send(head + "Connection: close\r\n\r\n")
    if let body { c.send(body) }
    return try c.read(headRequest: method == "HEAD")
}

func request(_ port: Int, _ method: String, _ target: String, text: String) throws -> Reply {
    try request(port, method, target, body: Array(text.utf8))
}

/// The batch itself: `fees quote --jsonl` over `input`, its standard output bytes.
enum Batch {
    static func run(_ arguments: [String], stdin: [UInt8] = []) throws -> (status: Int32, stdout: [UInt8], stderr: String) {
        let base = NSTemporaryDirectory() + "fees-batch-" + UUID().uuidString
        let inPath = base + ".in", outPath = base + ".out", errPath = base + ".err"
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(stdin))
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { for p in [inPath, outPath, errPath] { try? FileManager.default.removeItem(atPath: p) } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.binary)
        process.arguments = arguments
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, [UInt8](FileManager.default.contents(atPath: outPath) ?? Data()),
                String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }

    static func answers(_ input: [UInt8], explain: Bool = false, tables: String = Paths.tables) throws -> [UInt8] {
        try run(["quote", "--jsonl", "--tables", tables, "--jobs", "1"] + (explain ? ["--explain"] : []), stdin: input).stdout
    }
}

/// The built binary serving on an ephemeral port: for signals and the command line.
final class ServeProcess {
    let process = Process()
    let port: Int
    let errPath: String

    init(_ arguments: [String]) throws {
        errPath = NSTemporaryDirectory() + "fees-serve-err-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: Paths.binary)
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        var text = ""
        let handle = out.fileHandleForReading
        while !text.contains("\n") {
            let d = handle.availableData
            if d.isEmpty { break }
            text += String(decoding: d, as: UTF8.self)
        }
        guard let range = text.range(of: "127.0.0.1:"), let p = Int(text[range.upperBound...].prefix { $0.isNumber }) else {
            process.terminate()
            throw RawClient.ClientError.malformed("no port in '\(text)'")
        }
        port = p
    }

    var stderr: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

    func signal(_ s: Int32) { kill(process.processIdentifier, s) }

    /// Waits for exit, at most `timeout` seconds; the status, or nil if still running.
    func waitForExit(timeout: Double) -> Int32? {
        let end = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < end { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(atPath: errPath)
    }
}

/// Polls `condition` until it holds, at most `timeout` seconds.
func eventually(timeout: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
        if try condition() { return true }
        usleep(50_000)
    }
    return try condition()
}

extension JSONNode {
    func string(at path: String) -> String? { if case .string(let s)? = node(at: path)?.value { return s }; return nil }
    func number(at path: String) -> String? { if case .number(let s)? = node(at: path)?.value { return s }; return nil }
    func bool(at path: String) -> Bool? { if case .bool(let b)? = node(at: path)?.value { return b }; return nil }
    func count(at path: String) -> Int? { if case .array(let a)? = node(at: path)?.value { return a.count }; return nil }
}

/// The demo requests and lines that test every error path, one request per element.
enum Requests {
    static var demo: [String] {
        ((try? String(contentsOfFile: Paths.demoRequests, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    static let broken: [String] = [
        #"{"id":"no-date","item":"card.reissue"}"#,
        #"{"id":7,"item":"transfer.interbank.counter","date":"2026-11-23"}"#,
        #"{"id":8,"item":"card.reissue","date":"2026-02-30"}"#,
        #"{"id":9,"item":"card.reissue","date":"2026-11-23","customer":{"tier":"platinum-plus"}}"#,
        #"{"id":10,"item":"card.reissue","date":"2026-11-23","colour":"red"}"#,
        #"not json at all"#,
        #"{"id":[1],"item":"card.reissue","date":"2026-11-23"}"#,
        #"{"id":"explained","item":"transfer.interbank.counter","date":"2026-11-23","amount":"1e3"}"#,
    ]

    static var all: [String] { demo + broken }
}

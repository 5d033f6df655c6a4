import Foundation
import Testing
import FeeKit
@testable import FeeServer

/// Reload, shutdown, metrics and the access log.
@Suite(.serialized) struct OperationsTests {
    static let quoteLine = #"{"id":"r","item":"card.reissue","date":"2026-11-23"}"#

    static func fingerprint(_ port: Int) throws -> String? {
        try request(port, "POST", "/v1/quote", text: quoteLine).json?.string(at: "fingerprint")
    }

    /// A broken file keeps the old catalogue served and shows its problems on /readyz; a good
    /// change is served after the next reload.
    @Test func aBrokenReloadKeepsTheOldTablesAndAGoodOneIsPickedUp() throws {
        let tables = Paths.copyOfTables()
        defer { try? FileManager.default.removeItem(atPath: tables) }
        let s = try TestServer(tables: tables)
        defer { s.stop() }
        let file = tables + "/demo-bank/2026-03.json"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        let before = try Self.fingerprint(s.port)
        #expect(before == CatalogueLoader.load(directory: tables).catalogue?.banks[0].version(id: "2026-03")?.fingerprint)

        try (original.replacingOccurrences(of: "\"currency\"", with: "\"currency\": \"CNY\", \"currency\"")).write(toFile: file, atomically: true, encoding: .utf8)
        let failed = s.app.holder.reload(trigger: "request")
        #expect(!failed.ok)
        #expect(try Self.fingerprint(s.port) == before)
        let ready = try request(s.port, "GET", "/readyz")
        #expect(ready.status == 200)
        #expect(ready.json?.bool(at: "last_reload.ok") == false)
        #expect(ready.json?.string(at: "last_reload.problems[0].code") == failed.problems.first?.code)
        #expect(ready.json?.string(at: "last_reload.problems[0].file")?.hasSuffix("2026-03.json") == true)
        // No reader's language is known: the problems speak the demo bank's first language, zh-Hans.
        #expect(failed.problems.first?.language == .chinese)
        #expect(ready.json?.string(at: "last_reload.problems[0].message") == failed.problems.first?.detail.text(.chinese))
        #expect(ready.json?.number(at: "generation") == "1")

        // A good change: the same table with one more trailing newline (a new fingerprint).
        try (original + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(s.app.holder.reload(trigger: "request").ok)
        let after = try Self.fingerprint(s.port)
        #expect(after != before)
        #expect(after == "sha256:" + SHA256.hexDigest(Array((original + "\n").utf8)))
        let ready2 = try request(s.port, "GET", "/readyz")
        #expect(ready2.json?.bool(at: "last_reload.ok") == true)
        #expect(ready2.json?.number(at: "generation") == "2")
        // The batch over the same files gives the same bytes.
        let line = Array((Self.quoteLine + "\n").utf8)
        #expect(try request(s.port, "POST", "/v1/quote", body: line).body == (try Batch.answers(line, tables: tables)))
    }

    /// A stream holds the catalogue it started with, whole, across a reload.
    @Test func aStreamSeesOneCatalogueAcrossAReload() throws {
        let tables = Paths.copyOfTables()
        defer { try? FileManager.default.removeItem(atPath: tables) }
        let s = try TestServer(tables: tables, threads: 1)
        defer { s.stop() }
        let c = try RawClient(port: s.port)
        c.send("POST /v1/quotes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        _ = try c.readHead()
        let line = Array((Self.quoteLine + "\n").utf8)
        let chunk = Array(String(line.count, radix: 16).utf8) + [0x0D, 0x0A] + line + [0x0D, 0x0A]
        c.send(chunk)
        let first = try c.readChunk()!
        let file = tables + "/demo-bank/2026-03.json"
        try (try String(contentsOfFile: file, encoding: .utf8) + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(s.app.holder.reload(trigger: "request").ok)
        c.send(chunk)
        #expect(try c.readChunk() == first)
        c.send("0\r\n\r\n")
        #expect(try c.readChunk() == nil)
        #expect(try Self.fingerprint(s.port) != (try? JSONParser.parse(first))?.string(at: "fingerprint"))
    }

    /// The binary: SIGHUP and a changed file reload; SIGTERM finishes the request in flight and exits 0.
    @Test func signalsAndFileChangesOnTheBinary() throws {
        let tables = Paths.copyOfTables()
        defer { try? FileManager.default.removeItem(atPath: tables) }
        let p = try ServeProcess(["--tables", tables, "--watch", "0.2", "--date", "2026-11-23", "--access-log", "off", "--threads", "2"])
        let before = try Self.fingerprint(p.port)
        let file = tables + "/demo-bank/2026-03.json"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        // A broken file: noticed, refused, the old tables still served.
        try "{".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try eventually { try request(p.port, "GET", "/readyz").json?.bool(at: "last_reload.ok") == false })
        #expect(try Self.fingerprint(p.port) == before)
        // The status lines speak the demo bank's first language, Chinese.
        // (/readyz shows the failure a moment before the control queue writes the line.)
        #expect(eventually { p.stderr.contains(ServerMessage.reloadFailed(.fileChange, errors: 1, generation: 1).text(.chinese) + "\n  ") }, "\(p.stderr)")
        // Fixed with a change: picked up by the watcher.
        try (original + "\n\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try eventually { try Self.fingerprint(p.port) != before })
        // SIGHUP reloads even when nothing changed.
        let generation = try request(p.port, "GET", "/readyz").json?.number(at: "generation")
        p.signal(SIGHUP)
        #expect(try eventually { try request(p.port, "GET", "/readyz").json?.number(at: "generation") != generation })
        #expect(try request(p.port, "GET", "/readyz").json?.string(at: "last_reload.trigger") == "signal")

        // Graceful shutdown: a stream in flight is finished, then the process exits 0.
        let c = try RawClient(port: p.port)
        c.send("POST /v1/quotes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        _ = try c.readHead()
        let line = Array((Self.quoteLine + "\n").utf8)
        let chunk = Array(String(line.count, radix: 16).utf8) + [0x0D, 0x0A] + line + [0x0D, 0x0A]
        c.send(chunk)
        #expect(try c.readChunk() != nil)
        let idle = try RawClient(port: p.port)
        idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try idle.read().status == 200)
        p.signal(SIGTERM)
        #expect(idle.isClosedByServer())
        #expect(p.waitForExit(timeout: 0.5) == nil)   // still finishing the stream
        #expect(throws: (any Error).self) { _ = try RawClient(port: p.port, timeout: 1).read() }
        c.send(chunk)
        let answer = try c.readChunk()
        #expect(answer.map { String(decoding: $0, as: UTF8.self).contains("\"ok\":true") } == true)
        c.send("0\r\n\r\n")
        #expect(try c.readChunk() == nil)
        #expect(p.waitForExit(timeout: 10) == 0)
        #expect(p.stderr.contains(ServerMessage.stopping(signal: "SIGTERM").text(.chinese) + "\n"), "\(p.stderr)")
        #expect(p.stderr.hasSuffix(ServerMessage.stopped.text(.chinese) + "\n"), "\(p.stderr)")
    }

    @Test func metricsCountRoutesStatusesQuotesAndErrors() throws {
        let s = try TestServer()
        defer { s.stop() }
        for _ in 0..<3 { _ = try request(s.port, "POST", "/v1/quote", text: Requests.demo[0]) }
        _ = try request(s.port, "POST", "/v1/quote", text: #"{"id":1,"item":"nope","date":"2026-11-23"}"#)
        _ = try request(s.port, "POST", "/v1/quotes", text: Requests.all.joined(separator: "\n"))
        _ = try request(s.port, "GET", "/v1/items/nope.nope")
        let m = try request(s.port, "GET", "/metrics")
        #expect(m.status == 200)
        #expect(m.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let text = m.text
        #expect(text.contains("fees_http_requests_total{route=\"/v1/quote\",method=\"POST\",status=\"200\"} 3\n"))
        #expect(text.contains("fees_http_requests_total{route=\"/v1/quote\",method=\"POST\",status=\"422\"} 1\n"))
        #expect(text.contains("fees_http_requests_total{route=\"/v1/items/{code}\",method=\"GET\",status=\"404\"} 1\n"))
        let streamAnswers = String(decoding: try Batch.answers(Array(Requests.all.joined(separator: "\n").utf8)), as: UTF8.self)
        let streamOK = streamAnswers.components(separatedBy: "\"ok\":true").count - 1
        let streamUnknown = streamAnswers.components(separatedBy: "\"code\":\"unknown_item\"").count - 1
        #expect(text.contains("fees_quotes_total \(3 + streamOK)\n"))
        #expect(text.contains("fees_quote_errors_total{code=\"unknown_item\"} \(1 + streamUnknown)\n"))
        #expect(text.contains("fees_http_request_duration_seconds_count{route=\"/v1/quote\"} 4\n"))
        #expect(text.contains("fees_reloads_total{result=\"ok\"} 0\n"))
        #expect(text.contains("fees_open_connections "))
        // Every sample line is NAME{labels} VALUE or NAME VALUE.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.split(separator: " ").count == 2, "\(line)")
        }
    }

    @Test func theAccessLogIsJSONLinesWithoutBodiesOrQueries() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let s = try TestServer(accessLog: fds[1])
        let secretBody = #"{"id":"C100042","item":"card.reissue","date":"2026-11-23","customer":{"age":67,"tier":"gold"}}"#
        _ = try request(s.port, "POST", "/v1/quote", text: secretBody)
        _ = try request(s.port, "GET", "/v1/items?q=secretword")
        _ = try request(s.port, "GET", "/nowhere")
        s.stop()
        close(fds[1])
        var log: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fds[0], $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            log += buf[0..<n]
        }
        close(fds[0])
        let lines = String(decoding: log, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        let routes = lines.compactMap { (try? JSONParser.parse(String($0)))?.string(at: "route") }
        #expect(routes.sorted() == ["/v1/items", "/v1/quote", "unmatched"])   // each loop writes its own lines
        for l in lines {
            #expect(!l.contains("C100042") && !l.contains("secretword") && !l.contains("gold"))
            let j = try JSONParser.parse(String(l))
            #expect(j.string(at: "time")?.hasSuffix("Z") == true)
            #expect(j.number(at: "status") != nil && j.number(at: "ms") != nil && j.string(at: "remote")?.hasPrefix("127.0.0.1:") == true)
        }
    }
}

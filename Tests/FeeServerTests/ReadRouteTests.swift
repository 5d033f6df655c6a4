import Foundation
import Testing
import FeeKit
@testable import FeeServer

/// The read-only API answers what the command line prints, from the same library calls.
@Suite(.serialized) struct ReadRouteTests {
    static let demo = CatalogueLoader.load(directory: Paths.tables).catalogue!

    @Test func healthAndReadiness() throws {
        let s = try TestServer()
        defer { s.stop() }
        let health = try request(s.port, "GET", "/healthz")
        #expect(health.status == 200)
        #expect(health.json?.string(at: "status") == "ok")
        let ready = try request(s.port, "GET", "/readyz")
        #expect(ready.status == 200)
        #expect(ready.json?.bool(at: "ready") == true)
        #expect(ready.json?.bool(at: "last_reload.ok") == true)
        let bank = Self.demo.banks[0]
        for (k, v) in bank.versions.enumerated() {
            #expect(ready.json?.string(at: "banks[0].versions[\(k)].fingerprint") == v.fingerprint)
            #expect(ready.json?.string(at: "banks[0].versions[\(k)].version") == v.version)
        }
    }

    @Test func versionsAsTheCommandLineSeesThem() throws {
        let s = try TestServer()
        defer { s.stop() }
        let reply = try request(s.port, "GET", "/v1/versions")
        let bank = Self.demo.banks[0]
        #expect(reply.json?.count(at: "versions") == bank.versions.count)
        for (k, v) in bank.versions.enumerated() {
            #expect(reply.json?.string(at: "versions[\(k)].fingerprint") == v.fingerprint)
            #expect(reply.json?.number(at: "versions[\(k)].items") == "\(v.items.count)")
            #expect(reply.json?.string(at: "versions[\(k)].status") == APIDocuments.status(bank.status(of: v, on: testDay)))
        }
        let later = try request(s.port, "GET", "/v1/versions?date=2027-01-05")
        #expect(later.json?.string(at: "versions[2].status") == "in_effect")
    }

    @Test func itemsAndSearchAsFeesItems() throws {
        let s = try TestServer()
        defer { s.stop() }
        let table = Self.demo.banks[0].version(on: testDay)!
        let all = try request(s.port, "GET", "/v1/items")
        #expect(all.json?.count(at: "items") == table.items.count)
        #expect(all.json?.string(at: "version") == table.version)
        for query in ["card", "转账", "ATM"] {
            let expected = ItemLookup.search(query, in: table).map(\.code)
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let found = try request(s.port, "GET", "/v1/items?q=\(encoded)")
            #expect(found.json?.count(at: "items") == expected.count, "\(query)")
            for (k, code) in expected.enumerated() { #expect(found.json?.string(at: "items[\(k)].code") == code) }
        }
        // The price in words is the one renderer's.
        let first = table.items[0]
        #expect(all.json?.string(at: "items[0].price.en[0]") == PriceWords(table: table, tag: "en").price(of: first)[0])
    }

    @Test func anItemWithItsHistory() throws {
        let s = try TestServer()
        defer { s.stop() }
        let bank = Self.demo.banks[0]
        let reply = try request(s.port, "GET", "/v1/items/remit.overseas")
        #expect(reply.status == 200)
        let history = bank.priceHistory(of: "remit.overseas")
        #expect(reply.json?.count(at: "history") == history.count)
        for (k, e) in history.enumerated() {
            #expect(reply.json?.string(at: "history[\(k)].version") == e.table.version)
            #expect(reply.json?.string(at: "history[\(k)].change") == e.change.rawValue)
        }
        // An item only in the announced version is found there.
        let announcedOnly = bank.versions.last!.items.first { bank.version(on: testDay)!.item($0.code) == nil }!
        let later = try request(s.port, "GET", "/v1/items/\(announcedOnly.code)")
        #expect(later.status == 200)
        #expect(later.json?.string(at: "version") == bank.versions.last!.version)
        let unknown = try request(s.port, "GET", "/v1/items/card.reisue")
        #expect(unknown.status == 404)
        #expect(unknown.json?.string(at: "error.code") == "unknown_item")
        #expect(unknown.json?.string(at: "error.message")?.contains("card.reissue") == true)
    }

    @Test func exportIsTheCommandsBytes() throws {
        let s = try TestServer()
        defer { s.stop() }
        for date in ["2026-11-23", "2027-01-05"] {
            let cli = try Batch.run(["export", "--tables", Paths.tables, "--date", date])
            let reply = try request(s.port, "GET", "/v1/export?date=\(date)")
            #expect(reply.status == 200)
            #expect(reply.body == cli.stdout)
        }
        let none = try request(s.port, "GET", "/v1/export?date=2000-01-01")
        #expect(none.status == 404)
        #expect(none.json?.string(at: "error.code") == "no_table_in_effect")
    }

    @Test func headGivesTheFieldsWithoutTheBody() throws {
        let s = try TestServer()
        defer { s.stop() }
        let get = try request(s.port, "GET", "/v1/versions")
        let c = try RawClient(port: s.port)
        c.send("HEAD /v1/versions HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try c.read(headRequest: true)
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "\(get.body.count)")
        // The next answer follows at once: nothing was sent for the HEAD body.
        #expect(try c.read().json?.string(at: "status") == "ok")
    }

    @Test func keepAliveAndPipelining() throws {
        let s = try TestServer()
        defer { s.stop() }
        let c = try RawClient(port: s.port)
        let lines = Requests.demo
        var pipelined = ""
        for line in lines { pipelined += "POST /v1/quote HTTP/1.1\r\nHost: x\r\nContent-Length: \(line.utf8.count)\r\n\r\n\(line)" }
        c.send(pipelined)
        for line in lines {
            let r = try c.read()
            #expect(r.header("Connection") == nil)
            #expect(r.body == (try Batch.answers(Array((line + "\n").utf8))))
        }
        for _ in 0..<50 {
            c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try c.read().status == 200)
        }
        c.send("GET /healthz HTTP/1.0\r\n\r\n")
        let last = try c.read()
        #expect(last.header("Connection") == "close")
        #expect(c.isClosedByServer())
    }

    /// A second server started on the socket path of a running one is refused and leaves the
    /// running one reachable (it used to unlink the live socket and take the path over); a
    /// socket file left by a stopped server is still replaced.
    @Test func aUnixSocketInUseIsNotTakenOver() throws {
        let path = NSTemporaryDirectory() + "fees-inuse-\(getpid()).sock"
        let holder = try CatalogueHolder.load(directory: Paths.tables, copies: 1).get()
        let app = FeeApplication(holder: holder, loops: 1, accessLog: nil, today: { testDay })
        let first = try HTTPServer.start(ServerConfig(listen: .unix(path: path), threads: 1), application: app).get()
        func reachable() -> Bool {
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var sa = sockaddr_un()
            sa.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &sa.sun_path) { raw in for (k, b) in path.utf8.enumerated() { raw[k] = b } }
            return withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } } == 0
        }
        #expect(reachable())
        let second = HTTPServer.start(ServerConfig(listen: .unix(path: path), threads: 1), application: app)
        if case .success(let s) = second { s.shutdown(); s.wait(); Issue.record("a second server took over a live socket path") }
        #expect(reachable())
        first.shutdown(); first.wait()
        // A stale socket file (bound, never unlinked) is replaced.
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var sa = sockaddr_un()
        sa.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &sa.sun_path) { raw in for (k, b) in path.utf8.enumerated() { raw[k] = b } }
        #expect(withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } } == 0)
        close(stale)
        let third = try HTTPServer.start(ServerConfig(listen: .unix(path: path), threads: 1), application: app).get()
        #expect(reachable())
        third.shutdown(); third.wait()
    }

    @Test func aUnixSocketServesTheSame() throws {
        let path = NSTemporaryDirectory() + "fees-\(getpid()).sock"
        let holder = try CatalogueHolder.load(directory: Paths.tables, copies: 1).get()
        let app = FeeApplication(holder: holder, loops: 1, accessLog: nil, today: { testDay })
        let server = try HTTPServer.start(ServerConfig(listen: .unix(path: path), threads: 1), application: app).get()
        defer { server.shutdown(); server.wait(); #expect(!FileManager.default.fileExists(atPath: path)) }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var sa = sockaddr_un()
        sa.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &sa.sun_path) { raw in for (k, b) in path.utf8.enumerated() { raw[k] = b } }
        let rc = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        #expect(rc == 0)
        let line = Requests.demo[3]
        let req = Array("POST /v1/quote HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: \(line.utf8.count)\r\n\r\n\(line)".utf8)
        _ = req.withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, 0) }
        var all: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n <= 0 { break }
            all += buf[0..<n]
        }
        let expected = try Batch.answers(Array((line + "\n").utf8))
        #expect(all.count > expected.count && Array(all.suffix(expected.count)) == expected)
    }
}

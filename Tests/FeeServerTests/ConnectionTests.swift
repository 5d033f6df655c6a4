import Foundation
import Testing
@testable import FeeServer

/// HTTP/1.0 clients keep the connection only when asked and told.
@Suite(.serialized) struct HTTP10Tests {
    @Test func keepAliveIsConfirmedToHTTP10Clients() throws {
        let s = try TestServer()
        defer { s.stop() }
        let c = try RawClient(port: s.port)
        c.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let r = try c.read()
        #expect(r.header("Connection") == "keep-alive")
        c.send("GET /healthz HTTP/1.0\r\n\r\n")
        #expect(try c.read().header("Connection") == "close")
        #expect(c.isClosedByServer())
    }

    /// HTTP/1.0 knows no chunks: a stream's answers are sent as they are and the close ends them.
    @Test func aStreamToAnHTTP10ClientEndsWithTheConnection() throws {
        let s = try TestServer()
        defer { s.stop() }
        let body = Array(Requests.all.joined(separator: "\n").utf8)
        let c = try RawClient(port: s.port)
        c.send("POST /v1/quotes HTTP/1.0\r\nContent-Length: \(body.count)\r\n\r\n")
        c.send(body)
        let head = try c.readHead()
        #expect(head.status == 200)
        #expect(head.header("Transfer-Encoding") == nil && head.header("Content-Length") == nil)
        #expect(head.header("Connection") == "close")
        #expect(c.readToEnd() == (try Batch.answers(body)))
    }
}

/// The keep-alive limit: the last request a connection may carry is told the connection closes.
@Suite(.serialized) struct ConnectionLimitTests {
    @Test func theLastRequestOfAConnectionClosesIt() throws {
        let s = try TestServer { $0.maxRequestsPerConnection = 3 }
        defer { s.stop() }
        let c = try RawClient(port: s.port)
        for k in 1...3 {
            c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try c.read().header("Connection") == (k == 3 ? "close" : nil))
        }
        #expect(c.isClosedByServer())
    }

    /// A client that sends a stream and reads nothing is not read without bound: the server stops
    /// reading once its answers wait, and the stream still answers every line when read.
    @Test func aClientThatDoesNotReadIsHeldBack() throws {
        let s = try TestServer(threads: 1)
        defer { s.stop() }
        let line = Array((Requests.demo[0] + "\n").utf8)
        let lines = 40_000
        let c = try RawClient(port: s.port)
        c.send("POST /v1/quotes HTTP/1.1\r\nHost: x\r\nContent-Length: \(line.count * lines)\r\n\r\n")
        nonisolated(unsafe) let client = c
        let writer = Thread { var all: [UInt8] = []; for _ in 0..<lines { all += line }; client.send(all) }
        writer.start()
        usleep(500_000)
        let reply = try c.read()
        let expected = try Batch.answers(line)
        #expect(reply.body.count == expected.count * lines)
        #expect(Array(reply.body.suffix(expected.count)) == expected)
    }
}

/// Many idle keep-alive connections cost the loops nothing: the server still answers at once.
@Suite(.serialized) struct IdleConnectionTests {
    /// Pipelined requests followed by a half-close are all answered, even when their answers
    /// go beyond the output mark: the requests held back used to be dropped unanswered when
    /// the end of input was read with them (64 KiB of requests arriving with the FIN).
    @Test func pipelinedRequestsBeforeAHalfCloseAreAllAnswered() throws {
        let s = try TestServer(threads: 1)
        defer { s.stop() }
        // About 190 requests whose answers (33 KB each) make 6 MB: beyond the 4 MiB mark.
        let one = Array("GET /v1/export HTTP/1.1\r\nHost: x\r\nX: \(String(repeating: "a", count: 300))\r\n\r\n".utf8)
        var bytes: [UInt8] = []
        while bytes.count + 2 * one.count < 65536 { bytes += one }
        let lastHead = "GET /v1/export HTTP/1.1\r\nHost: x\r\nX: \r\n\r\n"
        let pad = 65536 - bytes.count - lastHead.utf8.count
        bytes += Array("GET /v1/export HTTP/1.1\r\nHost: x\r\nX: \(String(repeating: "a", count: pad))\r\n\r\n".utf8)
        #expect(bytes.count == 65536)
        let sent = bytes.count / one.count
        let c = try RawClient(port: s.port, timeout: 10)
        var on: Int32 = 1
        setsockopt(c.fd, Int32(IPPROTO_TCP), TCP_CORK, &on, socklen_t(MemoryLayout<Int32>.size))   // the bytes and the FIN together
        usleep(100_000)
        c.send(bytes)
        shutdown(c.fd, Int32(SHUT_WR))
        let all = c.readToEnd()
        let status = Array("HTTP/1.1 200".utf8)
        var answered = 0
        all.withUnsafeBufferPointer { b in
            var k = 0
            while k + status.count <= b.count {
                if b[k] == 0x48, UnsafeBufferPointer(rebasing: b[k..<(k + status.count)]).elementsEqual(status) { answered += 1; k += status.count } else { k += 1 }
            }
        }
        #expect(answered == sent)
    }

    @Test func aThousandIdleConnectionsAndTheServerStillAnswers() throws {
        let s = try TestServer()
        defer { s.stop() }
        var idle: [RawClient] = []
        for _ in 0..<1000 { idle.append(try RawClient(port: s.port)) }
        for c in idle.prefix(50) { c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") }
        for c in idle.prefix(50) { #expect(try c.read().status == 200) }
        #expect(eventually(timeout: 5) { s.server.openConnections == 1000 })
        let start = Date()
        let line = Requests.demo[1]
        #expect(try request(s.port, "POST", "/v1/quote", text: line).body == (try Batch.answers(Array((line + "\n").utf8))))
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(try request(s.port, "GET", "/metrics").text.contains("fees_open_connections 1001\n"))
    }
}

/// Garbage and cut requests from many clients never stop the server: each gets an answer or a
/// close, and the server answers the next client.
@Suite(.serialized) struct HostileClientTests {
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    @Test func garbageNeverStopsTheServer() throws {
        let s = try TestServer { $0.headerTimeout = 0.5; $0.bodyTimeout = 0.5; $0.idleTimeout = 1 }
        defer { s.stop() }
        var rng = Seeded(state: 15)
        let good = Array("POST /v1/quotes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"id\"\r\n0\r\n\r\n".utf8)
        var clients: [RawClient] = []
        for round in 0..<240 {
            let c = try RawClient(port: s.port, timeout: 3)
            var bytes = good
            switch round % 3 {
            case 0: bytes = (0..<Int.random(in: 1...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 1: for _ in 0..<Int.random(in: 1...8, using: &rng) { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            default: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            }
            c.send(bytes)
            if round % 8 != 7 { shutdown(c.fd, Int32(SHUT_WR)) }   // most say they are done; the rest time out
            clients.append(c)
        }
        for c in clients { _ = c.readToEnd() }
        #expect(try request(s.port, "GET", "/healthz").status == 200)
        #expect(eventually(timeout: 5) { s.server.openConnections == 0 })
    }
}

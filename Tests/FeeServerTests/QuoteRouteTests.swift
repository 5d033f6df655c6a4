import Foundation
import Testing
import FeeKit
@testable import FeeServer

/// `POST /v1/quote` and `POST /v1/quotes` answer exactly the bytes the batch writes for the same
/// requests, however the body arrives.
@Suite(.serialized) struct QuoteRouteTests {
    @Test func eachRequestIsAnsweredWithTheBatchsLine() throws {
        let s = try TestServer()
        defer { s.stop() }
        for line in Requests.all {
            let expected = try Batch.answers(Array((line + "\n").utf8))
            let reply = try request(s.port, "POST", "/v1/quote", text: line)
            #expect(reply.body == expected, "\(line)")
            #expect(reply.header("Content-Type") == "application/json; charset=utf-8")
            let ok = reply.json?.bool(at: "ok")
            let code = reply.json?.string(at: "error.code")
            #expect(reply.status == (ok == true ? 200 : code == "invalid_request" ? 400 : 422), "\(line) → \(reply.status)")
        }
    }

    @Test func explainAddsTheBatchsExplanation() throws {
        let s = try TestServer()
        defer { s.stop() }
        for line in Requests.demo.prefix(4) {
            let expected = try Batch.answers(Array((line + "\n").utf8), explain: true)
            #expect(try request(s.port, "POST", "/v1/quote?explain=1", text: line).body == expected)
        }
        // explain=0 is the plain answer; a value that is neither is refused, not read as "no".
        let line = Requests.demo[0]
        #expect(try request(s.port, "POST", "/v1/quote?explain=0", text: line).body == (try Batch.answers(Array((line + "\n").utf8), explain: false)))
        for target in ["/v1/quote?explain=2", "/v1/quotes?explain=maybe"] {
            let r = try request(s.port, "POST", target, text: line)
            #expect(r.status == 400, "\(target)")
            #expect(r.json?.string(at: "error.code") == "invalid_parameter", "\(target)")
        }
    }

    @Test func aStreamOfLinesGivesTheBatchsBytesInOrder() throws {
        let s = try TestServer()
        defer { s.stop() }
        // Blank lines, CR LF, a line over the 1 MiB limit, no final newline: as the batch reads them.
        var input = Requests.all.joined(separator: "\n") + "\n\n  \n"
        input += Requests.demo[0] + "\r\n"
        input += "{\"id\":\"long\",\"pad\":\"" + String(repeating: "x", count: (1 << 20) + 10) + "\"}\r\n"
        input += Requests.demo[1]
        let bytes = Array(input.utf8)
        let expected = try Batch.answers(bytes)
        #expect(expected.filter { $0 == 0x0A }.count == Requests.all.count + 3)
        #expect(try request(s.port, "POST", "/v1/quotes", body: bytes).body == expected)
        let explained = try Batch.answers(bytes, explain: true)
        #expect(try request(s.port, "POST", "/v1/quotes?explain=true", body: bytes).body == explained)
    }

    /// Chunk boundaries anywhere (inside a line, inside CR LF, inside a UTF-8 character) change nothing.
    @Test(arguments: [1, 7, 100, 4096]) func chunkedBodiesCutAnywhereGiveTheSameBytes(chunk: Int) throws {
        let s = try TestServer()
        defer { s.stop() }
        let input = Array((Requests.all.joined(separator: "\r\n") + "\n").utf8)
        let expected = try Batch.answers(input)
        let c = try RawClient(port: s.port)
        c.send("POST /v1/quotes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        var wire: [UInt8] = []
        var k = 0
        while k < input.count {
            let piece = input[k..<min(k + chunk, input.count)]
            wire += Array(String(piece.count, radix: 16).utf8) + [0x0D, 0x0A] + piece + [0x0D, 0x0A]
            k += chunk
        }
        c.send(wire + Array("0\r\n\r\n".utf8))
        let reply = try c.read()
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type") == "application/x-ndjson; charset=utf-8")
        #expect(reply.body == expected)
    }

    /// A client holding the stream open gets each answer before it sends the next line.
    @Test func aStreamAnswersEachLineAsItArrives() throws {
        let s = try TestServer()
        defer { s.stop() }
        let c = try RawClient(port: s.port)
        c.send("POST /v1/quotes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        let head = try c.readHead()
        #expect(head.status == 200)
        for line in Requests.demo.prefix(5) {
            let bytes = Array((line + "\n").utf8)
            c.send(Array(String(bytes.count, radix: 16).utf8) + [0x0D, 0x0A] + bytes + [0x0D, 0x0A])
            let answer = try c.readChunk()
            #expect(answer == (try Batch.answers(bytes)))
        }
        c.send("0\r\n\r\n")
        #expect(try c.readChunk() == nil)
    }

    @Test func aRequestOverTheLineLimitIs413() throws {
        let s = try TestServer()
        defer { s.stop() }
        let big = "{\"id\":1,\"pad\":\"" + String(repeating: "y", count: 1 << 20) + "\"}"
        let reply = try request(s.port, "POST", "/v1/quote", text: big)
        #expect(reply.status == 413)
        #expect(reply.json?.string(at: "error.code") == "body_too_large")
        // Chunked, so the size is only known while reading.
        let c = try RawClient(port: s.port)
        c.send("POST /v1/quote HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        let body = Array(big.utf8)
        c.send(Array(String(body.count, radix: 16).utf8) + [0x0D, 0x0A] + body + [0x0D, 0x0A] + Array("0\r\n\r\n".utf8))
        #expect(try c.read().status == 413)
    }

    @Test func expectContinueIsHonoured() throws {
        let s = try TestServer()
        defer { s.stop() }
        let line = Requests.demo[0]
        let c = try RawClient(port: s.port)
        c.send("POST /v1/quote HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: \(line.utf8.count)\r\n\r\n")
        c.send(line)
        let reply = try c.read()
        #expect(reply.body == (try Batch.answers(Array((line + "\n").utf8))))
    }
}

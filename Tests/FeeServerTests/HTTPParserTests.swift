import Testing
@testable import FeeServer

/// The pure parsers: a head or a chunked body cut anywhere parses as if it came whole.
@Suite struct HTTPParserTests {
    static let head = Array("\r\nPOST /v1/quotes?explain=1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\nExpect: 100-continue\r\n\r\nrest".utf8)

    @Test func aHeadFedByteByByteParsesAsWhole() {
        var whole = HTTPHeadParser()
        let expected = Self.head.withUnsafeBufferPointer { whole.parse($0) }
        guard case .complete(let h, let length) = expected else { Issue.record("\(expected)"); return }
        #expect(h.method == .post && h.path == "/v1/quotes" && h.query == "explain=1" && h.chunked && h.keepAlive && h.expectContinue)
        #expect(length == Self.head.count - 4)
        var parser = HTTPHeadParser()
        for n in 1...Self.head.count {
            let r = Self.head.withUnsafeBufferPointer { parser.parse(UnsafeBufferPointer(rebasing: $0[0..<n])) }
            if n < length { #expect(r == .incomplete, "at \(n)") } else { #expect(r == expected, "at \(n)") }
        }
    }

    @Test func bareLineFeedsAndHTTP10() {
        var p = HTTPHeadParser()
        let r = Array("GET / HTTP/1.0\nConnection: Keep-Alive\n\n".utf8).withUnsafeBufferPointer { p.parse($0) }
        guard case .complete(let h, _) = r else { Issue.record("\(r)"); return }
        #expect(h.minorVersion == 0 && h.keepAlive && !h.hasBody)
    }

    @Test func aBareCarriageReturnIsRefused() {
        var p = HTTPHeadParser()
        let r = Array("GET / HTTP/1.1\rHost: x\r\n\r\n".utf8).withUnsafeBufferPointer { p.parse($0) }
        guard case .failed(let f) = r else { Issue.record("\(r)"); return }
        #expect(f.status == .badRequest)
    }

    /// Transfer-Encoding twice is refused (RFC 9112: the codings would be "chunked, chunked"); once is a chunked body.
    @Test func transferEncodingTwiceIsRefused() {
        var p = HTTPHeadParser()
        let twice = Array("POST /v1/quotes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n".utf8).withUnsafeBufferPointer { p.parse($0) }
        guard case .failed(let f) = twice else { Issue.record("\(twice)"); return }
        #expect(f.status == .badRequest)
        var q = HTTPHeadParser()
        let once = Array("POST /v1/quotes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8).withUnsafeBufferPointer { q.parse($0) }
        guard case .complete(let h, _) = once else { Issue.record("\(once)"); return }
        #expect(h.chunked)
    }

    static let chunked = Array("5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\nNEXT".utf8)

    @Test func aChunkedBodyCutAnywhereDecodesTheSame() {
        for cut in 0...Self.chunked.count {
            var d = ChunkedDecoder()
            var out: [UInt8] = []
            var used = 0
            for piece in [Self.chunked[0..<cut], Self.chunked[cut...]] where !d.isDone {
                let r = Array(piece).withUnsafeBufferPointer { d.decode($0, into: &out) }
                guard case .success(let n) = r else { Issue.record("cut \(cut): \(r)"); return }
                used += n
            }
            #expect(d.isDone, "cut \(cut)")
            #expect(String(decoding: out, as: UTF8.self) == "hello 0123456789", "cut \(cut)")
            #expect(used == Self.chunked.count - 4, "cut \(cut)")
        }
    }

    @Test func percentDecoding() {
        #expect(PercentDecoding.parameters("q=%E8%BD%AC%E8%B4%A6&amount=5+%E4%B8%87&x")?.map { "\($0.name)=\($0.value)" } == ["q=转账", "amount=5 万", "x="])
        #expect(PercentDecoding.parameters("q=%E8%BD") == nil)
        #expect(PercentDecoding.segments("/v1/items/a%2Fb") == ["v1", "items", "a/b"])
    }
}


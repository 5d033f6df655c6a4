/// What must hold for any bytes a client sends, checked by the `http` fuzz target and replayed by
/// the tests: the head parser gives the same result however the bytes are cut, a complete head
/// is consistent, and a chunked body decodes the same whole or in pieces.
public enum HTTPInvariants {
    /// nil when every invariant holds for `bytes`, else what broke.
    public static func checkRequest(_ bytes: [UInt8]) -> String? {
        var whole = HTTPHeadParser()
        let expected = bytes.withUnsafeBufferPointer { whole.parse($0) }
        // Fed in pieces: nothing before the end of the head may complete or fail differently.
        let cuts = bytes.count <= 256 ? Array(0...bytes.count) : [bytes.count / 3, bytes.count / 2, Int(bytes[0]) % bytes.count]
        for cut in cuts {
            var p = HTTPHeadParser()
            let first = bytes.withUnsafeBufferPointer { p.parse(UnsafeBufferPointer(rebasing: $0[0..<cut])) }
            let second = bytes.withUnsafeBufferPointer { p.parse($0) }
            if case .incomplete = first {
                if second != expected { return "cut at \(cut): \(second) instead of \(expected)" }
            } else if case .complete(_, let length) = first, case .complete(_, let l2) = expected, length != l2 {
                return "cut at \(cut): a head of \(length) bytes, whole \(l2)"
            }
        }
        guard case .complete(let head, let length) = expected else { return nil }
        if length > bytes.count { return "head length \(length) beyond the \(bytes.count) bytes" }
        if !head.path.hasPrefix("/") { return "path '\(head.path)' does not start with /" }
        if head.chunked && head.contentLength != nil { return "both chunked and a length" }
        if let n = head.contentLength, n < 0 { return "negative length" }
        _ = PercentDecoding.segments(head.path)
        _ = head.query.map(PercentDecoding.parameters)
        guard head.chunked else { return nil }
        let body = Array(bytes[length...])
        var d1 = ChunkedDecoder()
        var out1: [UInt8] = []
        let r1 = body.withUnsafeBufferPointer { d1.decode($0, into: &out1) }
        var d2 = ChunkedDecoder()
        var out2: [UInt8] = []
        let half = body.count / 2
        var r2 = body.withUnsafeBufferPointer { d2.decode(UnsafeBufferPointer(rebasing: $0[0..<half]), into: &out2) }
        if case .success(let used) = r2, used == half, !d2.isDone {
            r2 = body.withUnsafeBufferPointer { d2.decode(UnsafeBufferPointer(rebasing: $0[half...]), into: &out2) }.map { $0 + half }
        }
        switch (r1, r2) {
        case (.success(let a), .success(let b)):
            if a != b || out1 != out2 || d1.isDone != d2.isDone { return "chunked body: \(a) bytes whole, \(b) in two pieces" }
            if a > body.count { return "chunked decoder used \(a) of \(body.count) bytes" }
        case (.failure, .failure): break
        default: return "chunked body: whole \(r1), in pieces \(r2)"
        }
        return nil
    }
}

import Foundation
import Testing
import FeeKit
@testable import FeeServer

/// Docs/openapi.json against the running server: every documented route, method and status is
/// produced by its example with the documented media type, and every route served is documented.
@Suite(.serialized) struct OpenAPITests {
    static var document: [String: Any] {
        let data = FileManager.default.contents(atPath: Paths.root + "/Docs/openapi.json") ?? Data()
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    static var paths: [String: [String: Any]] { document["paths"] as? [String: [String: Any]] ?? [:] }

    @Test func everyRouteServedIsDocumentedAndNoOther() {
        #expect(Self.document["openapi"] as? String == "3.0.3")
        #expect(Set(Self.paths.keys) == Set(Route.templates))
        for (path, operations) in Self.paths {
            let sample = path.replacingOccurrences(of: "{code}", with: "card.reissue").replacingOccurrences(of: "{branch}", with: "sh-lujiazui")
            guard case .route(let route) = Router.match(route0(operations), path: sample) else { Issue.record("\(path) is not routed"); continue }
            let served = Set(route.methods.filter { $0 != .head }.map { $0.description.lowercased() })
            #expect(Set(operations.keys) == served, "\(path)")
        }
    }

    private func route0(_ operations: [String: Any]) -> HTTPMethod { operations["post"] != nil ? .post : .get }

    @Test func everyDocumentedResponseIsWhatTheServerAnswers() throws {
        let s = try TestServer()
        defer { s.stop() }
        var checked = 0
        for (path, operations) in Self.paths.sorted(by: { $0.key < $1.key }) {
            for (method, op) in operations {
                guard let responses = (op as? [String: Any])?["responses"] as? [String: [String: Any]] else { Issue.record("\(path) \(method): no responses"); continue }
                for (status, response) in responses {
                    guard let example = response["x-fees-example"] as? [String: String], let target = example["target"], let verb = example["method"] else {
                        Issue.record("\(method) \(path) \(status): no x-fees-example to test it"); continue
                    }
                    guard let content = response["content"] as? [String: Any], content.count == 1, let mediaType = content.keys.first else {
                        Issue.record("\(method) \(path) \(status): one media type expected"); continue
                    }
                    let c = try RawClient(port: s.port)
                    var head = "\(verb) \(target.replacingOccurrences(of: "LONG", with: String(repeating: "a", count: 9000))) HTTP/1.1\r\nHost: x\r\n"
                    if example["headers"] == "BIG" { head += (0..<40).map { "X-Pad-\($0): " + String(repeating: "b", count: 500) + "\r\n" }.joined() }
                    var body = example["body"].map { Array($0.utf8) }
                    if example["body"] == "PAD1MIB" { body = Array(("{\"pad\":\"" + String(repeating: "p", count: 1 << 20) + "\"}").utf8) }
                    if let body { head += "Content-Length: \(body.count)\r\n" }
                    c.send(head + "Connection: close\r\n\r\n")
                    if let body { c.send(body) }
                    let reply = try c.read()
                    #expect("\(reply.status)" == status, "\(verb) \(target): \(reply.status), documented \(status)")
                    #expect(reply.header("Content-Type")?.split(separator: ";").first.map(String.init) == mediaType, "\(verb) \(target)")
                    #expect(reply.header("X-Content-Type-Options") == "nosniff")
                    if mediaType == "text/html" { #expect(reply.header("Content-Security-Policy") != nil) }
                    checked += 1
                }
            }
        }
        #expect(checked > 30)   // a response without an example is an issue above
    }
}

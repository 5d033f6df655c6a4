import Foundation
import Testing
@testable import FeeServer
import FeeKit

/// `fees serve` refuses what it cannot do with the exit code and a message saying what to change.
@Suite struct ServeCommandTests {
    /// The demo bank's first language, Chinese, from the one catalogue.
    static func zh(_ m: CommandMessage) -> String { m.text(.chinese) }

    @Test(arguments: [
        (["--listen", "nope"], Int32(2), Self.zh(.server(.noPort("nope")))),
        (["--listen", "999.1.1.1:80"], Int32(2), Self.zh(.server(.notAnIPAddress("999.1.1.1")))),
        (["--listen", "127.0.0.1:70000"], Int32(2), Self.zh(.server(.notAPort("70000")))),
        (["--listen", "[::1]8080"], Int32(2), Self.zh(.server(.notABracketedAddress("[::1]8080")))),
        (["--listen", "127.0.0.1:0", "--unix", "/tmp/x.sock"], Int32(2), Self.zh(.chooseOne("listen", "unix"))),
        (["--threads", "0"], Int32(2), Self.zh(.wholeNumber(option: "--threads", from: 1, to: 256))),
        (["--idle-timeout", "-1"], Int32(2), Self.zh(.seconds(option: "--idle-timeout"))),
        (["--date", "2026-02-30"], Int32(2), Self.zh(.notADate(option: "--date", text: "2026-02-30"))),
        (["--tables", "/nonexistent", "--listen", "127.0.0.1:0"], Int32(2), "nothing is served"),
        // A server that cannot start on its address is a setup mistake: exit 2, nothing served.
        (["--unix", "/nonexistent/dir/fees.sock"], Int32(2), Self.zh(.server(.cannotListen(address: "/nonexistent/dir/fees.sock", reason: "No such file or directory")))),
        (["--unix", "/etc/passwd"], Int32(2), Self.zh(.server(.notASocket(path: "/etc/passwd")))),
        (["--unix", "/etc/passwd", "--lang", "en"], Int32(2), CommandMessage.server(.notASocket(path: "/etc/passwd")).text(.english)),
        (["--listen", "nope", "--lang", "en"], Int32(2), CommandMessage.server(.noPort("nope")).text(.english)),
        (["extra"], Int32(2), Self.zh(.unexpectedArgument("extra"))),
    ])
    func refusals(arguments: [String], status: Int32, message: String) throws {
        let tables = arguments.contains("--tables") ? [] : ["--tables", Paths.tables]
        let r = try Batch.run(["serve"] + tables + arguments)
        #expect(r.status == status, "\(arguments)")
        #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
    }

    @Test func aPortInUseIsNamed() throws {
        let s = try TestServer(threads: 1)
        defer { s.stop() }
        let r = try Batch.run(["serve", "--tables", Paths.tables, "--listen", "127.0.0.1:\(s.port)"])
        #expect(r.status == 2, "a server that cannot start: a setup mistake")
        #expect(r.stderr.hasPrefix("error: " + Self.zh(.server(.cannotBind(address: "127.0.0.1:\(s.port)", reason: "Address already in use")))), "\(r.stderr)")
    }
}

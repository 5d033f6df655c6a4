import Foundation
import Testing
import FeeKit
import FeeTestSupport

/// The batch as a long-lived coprocess and on hostile streams: answers come as soon as a line
/// arrives, and an endless line does not grow memory.
@Suite struct BatchStreamingTests {
    /// Waits until `fd` is readable, at most `timeout` seconds; the bytes read, or nil on timeout.
    static func read(_ fd: Int32, timeout: Double) -> [UInt8]? {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, Int32(timeout * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        return n > 0 ? Array(buffer[0..<n]) : nil
    }

    /// One request written to the batch through a pipe that stays open is answered at once.
    @Test(arguments: [1, 2])
    func aCoprocessGetsEachAnswerWhileThePipeStaysOpen(jobs: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FeesBinary.path)
        process.arguments = ["quote", "--jsonl", "--tables", Fixtures.exampleTables, "--jobs", "\(jobs)"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let out = output.fileHandleForReading.fileDescriptor
        func ask(_ id: Int) throws -> (answer: String, seconds: Double) {
            let line = #"{"id":\#(id),"item":"cheque.leaf","date":"2025-02-10","quantity":\#(id)}"# + "\n"
            let start = Date()
            input.fileHandleForWriting.write(Data(line.utf8))
            var got: [UInt8] = []
            while !got.contains(0x0A) {
                guard let more = Self.read(out, timeout: 5) else { break }
                got += more
            }
            return (String(decoding: got, as: UTF8.self), Date().timeIntervalSince(start))
        }
        let first = try ask(1)   // includes start-up and loading the tables
        #expect(first.answer.hasPrefix(#"{"id":1,"ok":true"#), "\(first.answer)")
        var times: [Double] = []
        for id in 2...6 {
            let next = try ask(id)
            #expect(next.answer.hasPrefix(#"{"id":\#(id),"ok":true"#), "\(next.answer)")
            times.append(next.seconds)
        }
        // The median of five round trips, so one scheduling hiccup on a busy machine does not decide.
        let median = times.sorted()[2]
        #expect(median < 0.1, "round trips \(times)")
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// A reader that stops early (`| head -1`) ends the batch quietly with the status it had, as
    /// every other command does: 0 when every line answered so far was quoted, 1 when one got an
    /// error answer (it was always 1).
    @Test(arguments: [(1, false), (1, true), (2, false), (2, true)])
    func aReaderThatStopsEarlyKeepsTheStatus(jobs: Int, firstLineFails: Bool) throws {
        let ok = #"{"item":"cheque.leaf","date":"2025-02-10"}"# + "\n"
        let bad = #"{"item":"no.such.item","date":"2025-02-10"}"# + "\n"
        let base = NSTemporaryDirectory() + "head-" + UUID().uuidString
        // Far more answers than a pipe holds, so that fees is still writing when the reader goes.
        try ((firstLineFails ? bad : ok) + String(repeating: ok, count: 20_000)).write(toFile: base + ".in", atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer { for p in [base + ".in", base + ".err"] { try? FileManager.default.removeItem(atPath: p) } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FeesBinary.path)
        process.arguments = ["quote", "--jsonl", "--tables", Fixtures.exampleTables, "--jobs", "\(jobs)"]
        let output = Pipe()
        process.standardInput = FileHandle(forReadingAtPath: base + ".in")
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: base + ".err")
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var got: [UInt8] = []
        while !got.contains(0x0A) {
            guard let more = Self.read(output.fileHandleForReading.fileDescriptor, timeout: 30) else { break }
            got += more
        }
        #expect(String(decoding: got, as: UTF8.self).hasPrefix(firstLineFails ? #"{"id":null,"ok":false"# : #"{"id":null,"ok":true"#), "\(String(decoding: got.prefix(200), as: UTF8.self))")
        try output.fileHandleForReading.close()   // the reader goes away, as `head -1` does
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == (firstLineFails ? 1 : 0), "jobs \(jobs)")
        #expect(try String(contentsOfFile: base + ".err", encoding: .utf8).isEmpty, "quietly")
    }

    /// A 200 MB line is counted and answered `invalid_request`, and the lines around it are
    /// answered, without holding it: the process stays within a few MiB of its usual size.
    @Test func anEndlessLineDoesNotGrowMemory() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FeesBinary.path)
        process.arguments = ["quote", "--jsonl", "--tables", Fixtures.exampleTables, "--jobs", "1"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let good = Data((#"{"id":"a","item":"cheque.leaf","date":"2025-02-10"}"# + "\n").utf8)
        input.fileHandleForWriting.write(good)
        let block = Data(repeating: 0x20, count: 1 << 20)
        input.fileHandleForWriting.write(Data("{\"id\":1,\"pad\":\"".utf8))
        for _ in 0..<200 { input.fileHandleForWriting.write(block) }
        input.fileHandleForWriting.write(Data("\"}\n".utf8))
        input.fileHandleForWriting.write(good)
        // Wait for the three answers while the process is still running, then read its peak RSS.
        var answers: [UInt8] = []
        while answers.filter({ $0 == 0x0A }).count < 3 {
            guard let more = Self.read(output.fileHandleForReading.fileDescriptor, timeout: 30) else { break }
            answers += more
        }
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let peakKiB = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true)[1]) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let lines = String(decoding: answers, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix(#"{"id":"a","ok":true"#) == true)
        #expect(lines.dropFirst().first?.contains(#""code":"invalid_request""#) == true)
        #expect(lines.dropFirst().first?.contains("\(200 * (1 << 20) + "{\"id\":1,\"pad\":\"".utf8.count + 2) 字节") == true, "\(lines.dropFirst().first ?? "")")
        #expect(lines.last?.hasPrefix(#"{"id":"a","ok":true"#) == true)
        let peak = try #require(peakKiB, "no VmHWM in /proc")
        #expect(peak < 64 * 1024, "peak RSS \(peak) KiB for a 200 MiB line")
        #expect(process.terminationStatus == 1)
    }

    /// The reader's rules on bytes in memory: LF and CR LF, blank lines skipped, the last line
    /// without a newline, an overlong line reported by its length.
    @Test func readerSplitsLikeTheSpecSays() {
        let text = "a\r\n\n  \t\nbb\n" + String(repeating: "x", count: 20) + "\nlast"
        var got: [String] = []
        LineReader.forEachLine(in: Array(text.utf8), maxLineBytes: 10) { line in
            switch line {
            case .text(let b): got.append(String(decoding: b, as: UTF8.self))
            case .overlong(let n): got.append("<\(n)>")
            }
        }
        #expect(got == ["a", "bb", "<20>", "last"])
    }
}

/// The reader over a file descriptor with tiny blocks gives exactly the lines of the same bytes
/// split in memory: no line is lost, doubled, cut or misjudged at a block boundary.
@Suite struct LineReaderBoundaryTests {
    static func lines(_ bytes: [UInt8], blockSize: Int?, maxLineBytes: Int) throws -> [String] {
        var got: [String] = []
        func take(_ line: InputLine) {
            switch line {
            case .text(let b): got.append(String(decoding: b, as: UTF8.self))
            case .overlong(let n): got.append("<\(n)>")
            }
        }
        guard let blockSize else {
            LineReader.forEachLine(in: bytes, maxLineBytes: maxLineBytes, take)
            return got
        }
        let path = NSTemporaryDirectory() + "lines-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var reader = LineReader(fd: fd, blockSize: blockSize, maxLineBytes: maxLineBytes)
        while reader.next({ b, spans in for s in spans { take(InputLine(s, in: b)) } }) {}
        return got
    }

    @Test func tinyBlocksGiveTheSameLinesAsMemory() throws {
        var rng = SeededRandom(seed: 41)
        let pieces: [[UInt8]] = [Array("x".utf8), Array("yz".utf8), [0x0D], [0x0A], [0x0D, 0x0A], [0x20], [0x09], Array("abcdefghij".utf8)]
        for _ in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...30, using: &rng) { bytes += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            let limit = Int.random(in: 3...12, using: &rng)
            let expected = try Self.lines(bytes, blockSize: nil, maxLineBytes: limit)
            for block in [1, 2, 3, 5, 8, 13] {
                let got = try Self.lines(bytes, blockSize: block, maxLineBytes: limit)
                #expect(got == expected, "block \(block), limit \(limit), input \(bytes)")
            }
        }
    }

    /// A line of exactly the limit, ending in CR LF, is kept whatever block its CR ends.
    @Test func aLineOfExactlyTheLimitWithCRLFIsKept() throws {
        let line = [UInt8](repeating: 0x61, count: 10)
        let bytes = line + [0x0D, 0x0A] + Array("b\n".utf8)
        for block in 1...14 {
            #expect(try Self.lines(bytes, blockSize: block, maxLineBytes: 10) == [String(repeating: "a", count: 10), "b"], "block \(block)")
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FeeKit

/// `fees quote`: prices requests; `--jsonl` is the batch interface of spec §4.
enum QuoteCommand: Command {
    static let name = "quote"
    static let summary = "Quote fees: JSON Lines requests on standard input, one answer line each (--jsonl)."
    static let usage = "fees quote --jsonl [--explain] [--tables DIR]"
    static let options = [
        tablesOption,
        OptionSpec(name: "jsonl", valueName: nil, help: "Read JSON Lines requests on standard input and answer each on standard output."),
        OptionSpec(name: "explain", valueName: nil, help: "With --jsonl: add the explanation of every step to each answer."),
    ]
    static let examples = [
        "echo '{\"id\":1,\"item\":\"card.reissue\",\"date\":\"2026-11-23\",\"reason\":\"expired\"}' | fees quote --tables FeeTables --jsonl",
        "fees quote --tables FeeTables --jsonl --explain < requests.jsonl > answers.jsonl",
    ]

    static func run(_ args: Arguments) -> Int32 {
        guard args.flag("jsonl") else {
            Console.err("error: give --jsonl to quote JSON Lines from standard input\nUsage: \(usage)\n")
            return ExitCode.usage
        }
        guard args.positionals.isEmpty else {
            Console.err("error: unexpected argument '\(args.positionals[0])'\nUsage: \(usage)\n")
            return ExitCode.usage
        }
        let directory = tablesDirectory(args)
        let loaded = CatalogueLoader.load(directory: directory)
        guard let catalogue = loaded.catalogue else {
            for p in loaded.errors { Console.err(p.description + "\n") }
            Console.err("error: the tables in '\(directory)' fail their checks (\(loaded.errors.count) error\(loaded.errors.count == 1 ? "" : "s")); nothing was quoted. Run 'fees check --tables \(directory)'.\n")
            return ExitCode.usage
        }
        let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: catalogue), explain: args.flag("explain"))
        var allOK = true
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        LineReader.forEachLine(fd: 0) { line in
            if BatchQuoter.isBlank(line) { return }
            if !quoter.answer(line: line, into: &out) { allOK = false }
            if out.count >= 1 << 20 {
                Console.outBytes(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        Console.outBytes(out)
        return allOK ? ExitCode.success : ExitCode.failure
    }
}

/// Reads a file descriptor in large blocks and hands out its lines without their LF (or CR LF).
enum LineReader {
    static func forEachLine(fd: Int32, _ body: ([UInt8]) -> Void) {
        var pending: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; break }
            if n == 0 { break }
            var start = 0
            for i in 0..<n where block[i] == 0x0A {
                var line: [UInt8]
                if pending.isEmpty {
                    line = Array(block[start..<i])
                } else {
                    pending.append(contentsOf: block[start..<i])
                    line = pending
                    pending.removeAll(keepingCapacity: true)
                }
                if line.last == 0x0D { line.removeLast() }
                body(line)
                start = i + 1
            }
            pending.append(contentsOf: block[start..<n])
        }
        if !pending.isEmpty {
            if pending.last == 0x0D { pending.removeLast() }
            body(pending)
        }
    }
}

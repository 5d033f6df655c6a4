#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
import FeeKit
import FeeServer

/// `fees serve`: the HTTP/1.1 server (Docs/SERVE.md): the batch's answers over HTTP, the
/// read-only API, the customer pages; hot reload on SIGHUP and on file changes; graceful
/// shutdown on SIGTERM.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "Serve the quote API, the price list pages and a fee calculator over HTTP/1.1."
    static let options = [
        OptionSpec(name: "listen", valueName: "HOST:PORT", help: "The TCP address (default 127.0.0.1:8080, loopback; port 0 picks a free port).").oneOf("address"),
        OptionSpec(name: "unix", valueName: "PATH", help: "Listen on a Unix domain socket instead.").oneOf("address"),
        tablesOption,
        OptionSpec(name: "threads", valueName: "N", help: "Event loop threads (default: the number of cores)."),
        OptionSpec(name: "date", valueName: "YYYY-MM-DD", help: "The day for requests that give none (default: today in the local calendar)."),
        OptionSpec(name: "access-log", valueName: "PATH|-|off", help: "Where the JSON Lines access log goes (default '-': standard error)."),
        OptionSpec(name: "watch", valueName: "SECONDS", help: "How often to look for changed table files (default 1; 0: only on SIGHUP)."),
        OptionSpec(name: "header-timeout", valueName: "S", help: "Seconds from a request's first byte to the end of its head (default 10)."),
        OptionSpec(name: "body-timeout", valueName: "S", help: "Seconds for a body, or for each line of /v1/quotes (default 30)."),
        OptionSpec(name: "idle-timeout", valueName: "S", help: "Seconds a keep-alive connection may wait between requests (default 60)."),
        OptionSpec(name: "shutdown-timeout", valueName: "S", help: "Seconds SIGTERM waits for requests in flight (default 30)."),
        OptionSpec(name: "max-connections", valueName: "N", help: "Connections open at once; more get 503 (default 10000)."),
        OptionSpec(name: "lang", valueName: "TAG", help: "The language of the operator's messages and status lines: zh-Hans or en (default: the first bank's first language). Pages and answers speak each request's language."),
    ]
    static let examples = [
        "fees serve --tables FeeTables",
        "fees serve --listen 0.0.0.0:8080 --threads 4 --access-log /var/log/fees/access.jsonl",
        "fees serve --unix /run/fees.sock",
        "curl -s localhost:8080/v1/quote -d '{\"item\":\"card.reissue\",\"date\":\"2026-11-23\",\"reason\":\"expired\"}'",
    ]

    static func fail(_ message: CommandMessage) -> Int32 { usageMistake(message) }

    static func seconds(_ args: Arguments, _ name: String, _ fallback: Double) -> Double? {
        guard let text = args.value(name) else { return fallback }
        guard let v = Double(text), v.isFinite, v > 0, v <= 86_400 else { return nil }
        return v
    }

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        if let tag = args.value("lang"), CommandLanguage.messageLanguage(tag) == nil { return fail(.notAMessageLanguage(tag: tag)) }
        // One thread per core by default, within the server's limit (a machine with more cores than that
        // must still start).
        var config = ServerConfig(threads: min(ProcessInfo.processInfo.activeProcessorCount, ServerConfig.maxThreads))
        if let path = args.value("unix") {
            config.listen = .unix(path: path)
        } else if let text = args.value("listen") {
            switch ListenAddress.parse(text) {
            case .success(let a): config.listen = a
            case .failure(let e):
                return fail(.server(e.reason))
            }
        }
        if let text = args.value("threads") {
            guard let n = Int(text), (1...ServerConfig.maxThreads).contains(n) else { return fail(.wholeNumber(option: "--threads", from: 1, to: ServerConfig.maxThreads)) }
            config.threads = n
        }
        if let text = args.value("max-connections") {
            guard let n = Int(text), (1...1_000_000).contains(n) else { return fail(.wholeNumber(option: "--max-connections", from: 1, to: 1_000_000)) }
            config.maxConnections = n
        }
        for (name, keyPath) in [("header-timeout", \ServerConfig.headerTimeout), ("body-timeout", \ServerConfig.bodyTimeout),
                                ("idle-timeout", \ServerConfig.idleTimeout), ("shutdown-timeout", \ServerConfig.shutdownTimeout)] {
            guard let v = seconds(args, name, config[keyPath: keyPath]) else { return fail(.seconds(option: "--\(name)")) }
            config[keyPath: keyPath] = v
        }
        var watch = 1.0
        if let text = args.value("watch") {
            guard let v = Double(text), v.isFinite, v >= 0, v <= 3600 else { return fail(.watchSeconds) }
            watch = v
        }
        var fixedDate: CalendarDate?
        if let text = args.value("date") {
            guard let d = CalendarDate(text) else { return fail(.notADate(option: "--date", text: text)) }
            fixedDate = d
        }
        var logFD: Int32? = 2
        switch args.value("access-log") ?? "-" {
        case "-": logFD = 2
        case "off": logFD = nil
        case let path:
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return fail(.cannotOpenLog(path: path, reason: String(cString: strerror(errno)))) }
            logFD = fd
        }

        let directory = tablesDirectory(args)
        let language = CommandLanguage.current
        let holder: CatalogueHolder
        // The files as they are before loading: a change after this point, even one made while
        // the tables load or the server starts, is a change the watcher sees.
        let initial = TableWatcher(directory: directory)
        switch CatalogueHolder.load(directory: directory, copies: config.threads) {
        case .success(let h): holder = h
        case .failure(let failed):
            for p in failed.errors { Console.err(p.in(language).description + "\n") }
            Console.fail(.tablesFailChecks(directory: directory, errors: failed.errors.count, withDrafts: [], nothing: .served), in: language)
            return ExitCode.usage
        }
        let fixed = fixedDate
        let today: @Sendable () -> CalendarDate = { fixed ?? WallClock.today() }
        let app = FeeApplication(holder: holder, loops: config.threads, accessLog: logFD, today: today)
        // Signals are taken by dispatch sources, not by handlers: block their default action first.
        for s in [SIGTERM, SIGINT, SIGHUP] { signal(s, SIG_IGN) }
        let server: HTTPServer
        switch HTTPServer.start(config, application: app) {
        case .success(let s): server = s
        case .failure(let e):
            // An address that cannot be listened on is a setup mistake: nothing was served, exit 2.
            Console.fail(.server(e.reason))
            return ExitCode.usage
        }
        app.countConnections { server.openConnections }
        let queue = DispatchQueue(label: "fees.serve.control")
        /// A status line, and the lines that belong to it, in one write (the access log may share standard error).
        @Sendable func say(_ message: ServerMessage, then lines: [String] = []) {
            Console.err(message.text(language) + "\n" + lines.map { "  " + $0 + "\n" }.joined())
        }
        @Sendable func reload(_ trigger: ServerMessage.Trigger) {
            let report = holder.reload(trigger: trigger.rawValue)
            if report.ok {
                say(.reloaded(trigger, generation: report.generation))
            } else {
                let errors = report.problems.filter { $0.severity == .error }
                say(.reloadFailed(trigger, errors: errors.count, generation: report.generation), then: errors.map { $0.in(language).description })
            }
        }
        let hup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        hup.setEventHandler { reload(.signal) }
        hup.resume()
        let stopping = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceProtocol] = [hup]
        for s in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: s, queue: queue)
            source.setEventHandler {
                say(.stopping(signal: s == SIGTERM ? "SIGTERM" : "SIGINT"))
                server.shutdown()
                stopping.signal()
            }
            source.resume()
            sources.append(source)
        }
        if watch > 0 {
            // A plain thread: the look at the files runs even when every dispatch worker is busy.
            let interval = watch
            LoopThread.start(stackSize: 8 << 20) {   // a reload runs here: a full load and check
                var watcher = initial
                while true {
                    var pause = timespec(tv_sec: Int(interval), tv_nsec: Int((interval - interval.rounded(.down)) * 1e9))
                    var left = timespec()
                    while nanosleep(&pause, &left) != 0 && errno == EINTR { pause = left }
                    if watcher.changed() { queue.sync { reload(.fileChange) } }
                }
            }
        }
        // Said once signals and the watcher are in place: a client that starts on this line
        // can send SIGHUP or change a file at once.
        let served = holder.state.served
        Console.out("listening on \(server.address)\n")
        say(.started(threads: config.threads, directory: directory, generation: served.generation, warnings: served.problems.count))
        server.wait()
        withExtendedLifetime((sources, stopping)) {}
        say(.stopped)
        return ExitCode.success
    }
}

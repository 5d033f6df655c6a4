#if canImport(Glibc)
import Glibc
#endif
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
import FeeKit

/// A running HTTP/1.1 server: a listening socket and `threads` event loops (Docs/SERVE.md).
/// `shutdown()` stops accepting and lets the loops finish the requests in flight; `wait()`
/// returns once they have.
public final class HTTPServer: Sendable {
    /// The address bound (with the real port when port 0 was asked for).
    public let address: ListenAddress
    private let loops: [EventLoop]
    private let listenFD: Int32
    private let finished: DispatchGroup
    private let budget: ConnectionBudget

    private init(address: ListenAddress, loops: [EventLoop], listenFD: Int32, finished: DispatchGroup, budget: ConnectionBudget) {
        self.address = address
        self.loops = loops
        self.listenFD = listenFD
        self.finished = finished
        self.budget = budget
    }

    /// Binds, starts the loops and returns at once.
    public static func start(_ config: ServerConfig, application: HTTPApplication) -> Result<HTTPServer, ServerSetupError> {
        guard (1...ServerConfig.maxThreads).contains(config.threads) else { return .failure(ServerSetupError(.threads(most: ServerConfig.maxThreads))) }
        let socket: ListeningSocket
        switch ListeningSocket.open(config.listen) {
        case .success(let s): socket = s
        case .failure(let e): return .failure(e)
        }
        let budget = ConnectionBudget(limit: config.maxConnections)
        var isUnix = false
        if case .unix = config.listen { isUnix = true }
        let loops = (0..<config.threads).map {
            EventLoop(index: $0, config: config, listenFD: socket.fd, isUnix: isUnix, handler: application.makeHandler(loop: $0), budget: budget)
        }
        let group = DispatchGroup()
        for loop in loops {
            group.enter()
            let started = LoopThread.start(stackSize: 8 << 20) {
                loop.run()
                group.leave()
            }
            if !started {
                // No server with fewer loops than asked for: the ones running stop, and it says why.
                group.leave()
                for running in loops where running.index < loop.index { running.requestDrain() }
                group.wait()
                close(socket.fd)
                if case .unix(let path) = socket.address { unlink(path) }
                return .failure(ServerSetupError(.cannotStartThread(loop: loop.index)))
            }
        }
        return .success(HTTPServer(address: socket.address, loops: loops, listenFD: socket.fd, finished: group, budget: budget))
    }

    /// The TCP port bound, if any.
    public var port: Int? {
        if case .tcp(_, let p) = address { return p }
        return nil
    }

    /// The connections open now.
    public var openConnections: Int { budget.count }

    /// Stops accepting; requests in flight are answered, idle connections closed. Returns at once.
    public func shutdown() {
        for loop in loops { loop.requestDrain() }
    }

    /// Blocks until every loop has ended, then closes the listening socket (and removes a Unix
    /// socket file).
    public func wait() {
        finished.wait()
        close(listenFD)
        if case .unix(let path) = address { unlink(path) }
    }
}

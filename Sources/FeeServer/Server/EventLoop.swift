#if canImport(Glibc)
import Glibc
#endif
import CEpoll
#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif

/// Seconds on the monotonic clock: deadlines never jump with the wall clock.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The count of open connections across loops, against the limit.
final class ConnectionBudget: @unchecked Sendable {
    private let lock = Lock()
    private var open = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func acquire() -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard open < limit else { return false }
        open += 1
        return true
    }

    func release() {
        lock.lock(); open -= 1; lock.unlock()
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return open }
}

/// One event loop: a thread with its own epoll set, accepting from the shared listening socket
/// and serving the connections it accepted, start to end. Handlers run on the loop's thread.
final class EventLoop: @unchecked Sendable {
    let index: Int
    let config: ServerConfig
    let listenFD: Int32
    let isUnix: Bool
    let handler: LoopHandler
    let budget: ConnectionBudget
    private let epfd: Int32
    let wakeFD: Int32
    private var connections: [Int32: Connection] = [:]
    private let drainFlag = Lock()
    private var drainRequested = false
    private var draining = false
    private var drainDeadline = 0.0
    private var now = monotonicSeconds()
    private var readBuffer = [UInt8](repeating: 0, count: 64 << 10)
    private var scratch: [UInt8] = []
    private var streamOut: [UInt8] = []
    private var dateSecond = -1
    private var date: [UInt8] = []
    /// Output held for a connection beyond which it is not read (backpressure).
    private let highWater = 4 << 20

    init(index: Int, config: ServerConfig, listenFD: Int32, isUnix: Bool, handler: LoopHandler, budget: ConnectionBudget) {
        self.index = index
        self.config = config
        self.listenFD = listenFD
        self.isUnix = isUnix
        self.handler = handler
        self.budget = budget
        epfd = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
    }

    /// Asks the loop, from any thread, to stop accepting and end once its requests are answered.
    func requestDrain() {
        drainFlag.lock(); drainRequested = true; drainFlag.unlock()
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    private func control(_ op: Int32, _ fd: Int32, _ events: UInt32) {
        var ev = epoll_event()
        ev.events = events
        ev.data.fd = fd
        _ = epoll_ctl(epfd, op, fd, &ev)
    }

    private var sweepInterval: Double {
        let shortest = min(config.headerTimeout, config.bodyTimeout, config.idleTimeout)
        return max(0.01, min(0.5, shortest / 4))
    }

    /// Runs until drained.
    func run() {
        control(EPOLL_CTL_ADD, listenFD, EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)
        control(EPOLL_CTL_ADD, wakeFD, EPOLLIN.rawValue)
        var events = [epoll_event](repeating: epoll_event(), count: 512)
        var nextSweep = monotonicSeconds() + sweepInterval
        while true {
            let wait = max(0, Int32((nextSweep - monotonicSeconds()) * 1000) + 1)
            let n = epoll_wait(epfd, &events, Int32(events.count), wait)
            now = monotonicSeconds()
            if n > 0 {
                for k in 0..<Int(n) {
                    let fd = events[k].data.fd
                    let flags = events[k].events
                    if fd == listenFD {
                        if !draining { acceptAll() }
                    } else if fd == wakeFD {
                        var value: UInt64 = 0
                        _ = read(wakeFD, &value, 8)
                        drainFlag.lock(); let asked = drainRequested; drainFlag.unlock()
                        if asked && !draining { beginDrain() }
                    } else if let c = connections[fd] {
                        if flags & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 { readable(c) }
                        if connections[fd] != nil, flags & EPOLLOUT.rawValue != 0 { writable(c) }
                    }
                }
            }
            if now >= nextSweep {
                sweep()
                nextSweep = now + sweepInterval
            }
            handler.flush()
            if draining {
                for c in Array(connections.values) where c.isIdle { closeConnection(c) }
                if connections.isEmpty || now > drainDeadline { break }
            }
        }
        for c in Array(connections.values) { closeConnection(c) }
        handler.flush()
        close(epfd)
        close(wakeFD)
    }

    private func beginDrain() {
        draining = true
        drainDeadline = now + config.shutdownTimeout
        control(EPOLL_CTL_DEL, listenFD, 0)
    }

    // MARK: accepting

    private static let busy = Array("HTTP/1.1 503 Service Unavailable\r\nServer: fees\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 118\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{\"error\":{\"code\":\"too_many_connections\",\"message\":\"the server has as many connections as it accepts; retry shortly\"}}\n".utf8)

    private func acceptAll() {
        for _ in 0..<256 {
            var storage = sockaddr_storage()
            var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listenFD, $0, &len) }
            }
            if fd < 0 { return }   // EAGAIN: another loop took it, or nothing left
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            guard budget.acquire() else {
                Self.busy.withUnsafeBytes { _ = send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
                close(fd)
                handler.record(RequestRecord(method: .get, route: "unmatched", status: 503, bytesIn: 0, bytesOut: Self.busy.count, seconds: 0, remote: Self.describe(&storage, unix: isUnix)))
                continue
            }
            if !isUnix {
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            let c = Connection(fd: fd, remote: Self.describe(&storage, unix: isUnix), limits: config.limits, now: now)
            connections[fd] = c
            c.registered = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
            control(EPOLL_CTL_ADD, fd, c.registered)
        }
    }

    static func describe(_ s: inout sockaddr_storage, unix: Bool) -> String {
        if unix { return "unix" }
        var text = [CChar](repeating: 0, count: 64)
        func address() -> String { String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        if Int32(s.ss_family) == AF_INET {
            return withUnsafePointer(to: &s) { p in
                p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { a in
                    var addr = a.pointee.sin_addr
                    inet_ntop(AF_INET, &addr, &text, 64)
                    return address() + ":\(UInt16(bigEndian: a.pointee.sin_port))"
                }
            }
        }
        return withUnsafePointer(to: &s) { p in
            p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { a in
                var addr = a.pointee.sin6_addr
                inet_ntop(AF_INET6, &addr, &text, 64)
                return "[" + address() + "]:\(UInt16(bigEndian: a.pointee.sin6_port))"
            }
        }
    }

    // MARK: reading and writing

    private func closeConnection(_ c: Connection) {
        guard connections.removeValue(forKey: c.fd) != nil else { return }
        control(EPOLL_CTL_DEL, c.fd, 0)
        close(c.fd)
        budget.release()
    }

    private func readable(_ c: Connection) {
        var reads = 0
        while reads < 16 {
            let n = readBuffer.withUnsafeMutableBytes { recv(c.fd, $0.baseAddress!, $0.count, 0) }
            if n > 0 {
                c.input.append(contentsOf: readBuffer[0..<n])
                c.lastActivity = now
                reads += 1
                if n < readBuffer.count { break }
                if c.bufferedInput > 2 << 20 { break }
                continue
            }
            if n == 0 { c.peerClosed = true; break }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            closeConnection(c)
            return
        }
        process(c)
        finishTurn(c)
    }

    private func writable(_ c: Connection) {
        let before = c.pendingOutput
        guard c.flush() else { closeConnection(c); return }
        if c.pendingOutput < before { c.lastActivity = now }
        // Output drained below the mark: read what waited.
        process(c)
        finishTurn(c)
    }

    /// Sends what is ready, closes what is finished, and registers for what the connection
    /// waits for next.
    private func finishTurn(_ c: Connection) {
        guard connections[c.fd] != nil else { return }
        guard c.flush() else { closeConnection(c); return }
        if case .closing = c.phase, c.pendingOutput == 0 { closeConnection(c); return }
        if c.peerClosed {
            // The client sent all it will: answer what is complete, then close. Requests still
            // buffered behind the output mark (pipelined, then half-closed) are answered too.
            while c.pendingOutput == 0, c.bufferedInput > 0, !c.isClosing {
                let before = c.bufferedInput
                process(c)
                guard c.flush() else { closeConnection(c); return }
                if c.bufferedInput == before { break }
            }
            if c.pendingOutput == 0 { closeConnection(c); return }
            if c.bufferedInput == 0 || c.isClosing { c.phase = .closing }
        }
        if draining, c.isIdle { closeConnection(c); return }
        var want: UInt32 = 0
        if c.pendingOutput > 0 { want |= EPOLLOUT.rawValue }
        if !c.peerClosed && c.pendingOutput < highWater { want |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
        if want != c.registered {
            c.registered = want
            control(EPOLL_CTL_MOD, c.fd, want)
        }
    }

    private func httpDate() -> [UInt8] {
        var t = time(nil)
        if Int(t) != dateSecond {
            dateSecond = Int(t)
            var tm = tm()
            gmtime_r(&t, &tm)
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
            date = Array("\(days[Int(tm.tm_wday)]), \(two(tm.tm_mday)) \(months[Int(tm.tm_mon)]) \(tm.tm_year + 1900) \(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)) GMT".utf8)
        }
        return date
    }

    /// Whether the connection stays open after answering `head`.
    private func keepsAlive(_ c: Connection, _ head: HTTPRequestHead) -> Bool {
        head.keepAlive && !draining && c.requests < config.maxRequestsPerConnection
    }

    /// Appends a whole answer and ends the request.
    private func answer(_ c: Connection, _ head: HTTPRequestHead?, _ response: HTTPResponse) {
        let keep = head.map { keepsAlive(c, $0) } ?? false
        let before = c.output.count
        var response = response
        // An HTTP/1.0 client keeps the connection only when told so.
        if keep && !response.closes && head?.minorVersion == 0 { response.headers.append(("Connection", "keep-alive")) }
        response.write(into: &c.output, keepAlive: keep && !response.closes, headOnly: head?.method == .head, date: httpDate())
        let written = c.output.count - before
        handler.record(RequestRecord(method: head?.method ?? .get, route: head.map { handler.route(of: $0) } ?? "unmatched",
                                     status: response.status.code, bytesIn: c.bytesIn, bytesOut: written,
                                     seconds: head == nil ? 0 : monotonicSeconds() - c.headEnded, remote: c.remote, lines: nil))
        endRequest(c, keepAlive: keep && !response.closes)
    }

    private func endRequest(_ c: Connection, keepAlive: Bool) {
        c.requestStarted = nil
        c.blankBytes = 0
        c.pieceStarted = nil
        c.bytesIn = 0
        c.body = []
        c.phase = keepAlive ? .head : .closing
    }

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Moves the connection on as far as the input received allows.
    private func process(_ c: Connection) {
        while c.pendingOutput < highWater {
            switch c.phase {
            case .closing:
                c.inStart = c.input.count
                c.compactInput()
                return
            case .head:
                // Line ends between requests (some clients send CR LF after a body) start nothing.
                if c.requestStarted == nil {
                    let first = c.inStart
                    while c.inStart < c.input.count && (c.input[c.inStart] == 0x0D || c.input[c.inStart] == 0x0A) { c.inStart += 1 }
                    // More than one CR LF is not a client's habit but a request starting (or a
                    // slow client): the header timeout runs, so line ends sent one a second do
                    // not hold the connection open forever.
                    c.blankBytes += c.inStart - first
                    if c.blankBytes > 2 { c.requestStarted = now }
                }
                guard c.bufferedInput > 0 else { c.compactInput(); return }
                if c.requestStarted == nil { c.requestStarted = now }
                let parsed = c.input.withUnsafeBufferPointer { c.parser.parse(UnsafeBufferPointer(rebasing: $0[c.inStart...])) }
                switch parsed {
                case .incomplete:
                    return
                case .failed(let f):
                    answer(c, nil, .failure(f))
                    return
                case .complete(let head, let length):
                    c.inStart += length
                    c.parser.reset()
                    c.headEnded = monotonicSeconds()
                    c.bytesIn = length
                    c.requests += 1
                    begin(c, head)
                }
            case .body(let head, var framing, let limit):
                guard c.bufferedInput > 0 else { c.compactInput(); return }
                let taken = c.input.withUnsafeBufferPointer { framing.take(UnsafeBufferPointer(rebasing: $0[c.inStart...]), into: &c.body) }
                switch taken {
                case .failure(let f):
                    answer(c, head, .failure(f))
                    return
                case .success(let (used, done)):
                    c.inStart += used
                    c.bytesIn += used
                    if c.body.count > limit {
                        answer(c, head, .failure(Self.tooLarge(limit)))
                        return
                    }
                    if done {
                        let body = c.body
                        answer(c, head, handler.respond(head, body: body))
                    } else {
                        c.phase = .body(head, framing, limit: limit)
                        c.compactInput()
                        return
                    }
                }
            case .stream(let head, var framing, let stream):
                guard c.bufferedInput > 0 else { c.compactInput(); return }
                scratch.removeAll(keepingCapacity: true)
                let taken = c.input.withUnsafeBufferPointer { framing.take(UnsafeBufferPointer(rebasing: $0[c.inStart...]), into: &scratch) }
                guard case .success(let (used, done)) = taken else {
                    // The answer has started: the client learns of the broken body by the close.
                    recordStream(c, head, stream, status: 400)
                    c.phase = .closing
                    return
                }
                c.inStart += used
                c.bytesIn += used
                streamOut.removeAll(keepingCapacity: true)
                scratch.withUnsafeBufferPointer { stream.consume($0, into: &streamOut) }
                if done { stream.finish(into: &streamOut) }
                let before = c.output.count
                if done {
                    appendStreamed(c, head)
                } else if head.minorVersion == 0 {
                    c.output.append(contentsOf: streamOut)
                } else {
                    streamOut.withUnsafeBufferPointer { ResponseHead.appendChunk($0, to: &c.output) }
                }
                c.pieceStarted = stream.holdsPartialInput ? (c.pieceStarted ?? now) : nil
                c.bytesOut += c.output.count - before
                if done {
                    recordStream(c, head, stream, status: stream.status.code)
                    endRequest(c, keepAlive: keepsAlive(c, head) && head.minorVersion == 1)
                } else {
                    c.phase = .stream(head, framing, stream)
                    c.compactInput()
                    // Send answers as they are made: a client may wait for each before the next line.
                    return
                }
            }
        }
    }

    /// Appends the stream's last output and ends its body: the last chunk, or for HTTP/1.0
    /// the bytes alone (the close ends the body).
    private func appendStreamed(_ c: Connection, _ head: HTTPRequestHead) {
        if head.minorVersion == 0 {
            c.output.append(contentsOf: streamOut)
        } else {
            streamOut.withUnsafeBufferPointer { ResponseHead.appendChunk($0, to: &c.output) }
            c.output.append(contentsOf: ResponseHead.lastChunk)
        }
    }

    private func recordStream(_ c: Connection, _ head: HTTPRequestHead, _ stream: BodyStream, status: Int) {
        let counts = stream.counts
        handler.record(RequestRecord(method: head.method, route: handler.route(of: head), status: status, bytesIn: c.bytesIn,
                                     bytesOut: c.bytesOut, seconds: monotonicSeconds() - c.headEnded, remote: c.remote, lines: (counts.lines, counts.errors)))
    }

    static func tooLarge(_ limit: Int) -> HTTPFailure {
        HTTPFailure(.contentTooLarge, "body_too_large", "the body is larger than \(limit) bytes (1 MiB per request); send many requests as JSON Lines to POST /v1/quotes", closes: true)
    }

    /// Starts a request whose head was read: reads its body as the route asks.
    private func begin(_ c: Connection, _ head: HTTPRequestHead) {
        if !head.chunked, head.contentLength == nil, case .post = head.method, head.minorVersion == 0 {
            // An HTTP/1.0 POST without a length is read to the end of the connection: not supported.
            answer(c, head, .failure(HTTPFailure(.lengthRequired, "length_required", "give Content-Length or send the body chunked", closes: true)))
            return
        }
        let framing: BodyFraming = head.chunked ? .chunked(ChunkedDecoder()) : .length(remaining: head.contentLength ?? 0)
        switch handler.plan(head) {
        case .reject(var response):
            if head.hasBody { response.closes = true }
            answer(c, head, response)
        case .whole(let limit):
            if let length = head.contentLength, length > limit {
                answer(c, head, .failure(Self.tooLarge(limit)))
                return
            }
            guard head.hasBody else {
                answer(c, head, handler.respond(head, body: []))
                return
            }
            if head.expectContinue { c.output.append(contentsOf: Self.continueLine) }
            c.body = []
            c.pieceStarted = now
            c.phase = .body(head, framing, limit: limit)
        case .stream(let stream):
            if head.expectContinue && head.hasBody { c.output.append(contentsOf: Self.continueLine) }
            let before = c.output.count
            let http10 = head.minorVersion == 0
            ResponseHead.write(status: stream.status, contentType: stream.contentType, contentLength: nil, keepAlive: keepsAlive(c, head) && !http10,
                               extra: [], date: httpDate(), untilClose: http10, into: &c.output)
            c.bytesOut = c.output.count - before
            if head.method == .head || !head.hasBody {
                streamOut.removeAll(keepingCapacity: true)
                stream.finish(into: &streamOut)
                appendStreamed(c, head)
                c.bytesOut = c.output.count - before
                recordStream(c, head, stream, status: stream.status.code)
                endRequest(c, keepAlive: keepsAlive(c, head) && !http10)
                return
            }
            c.phase = .stream(head, framing, stream)
        }
    }

    // MARK: timeouts

    private static let timeoutFailure = HTTPFailure(.requestTimeout, "request_timeout", "the request did not arrive in time; send the whole request without pauses", closes: true)

    private func sweep() {
        for c in Array(connections.values) {
            if c.pendingOutput > 0 {
                if now - c.lastActivity > config.idleTimeout { closeConnection(c) }
                continue
            }
            switch c.phase {
            case .head:
                if let started = c.requestStarted {
                    if now - started > config.headerTimeout { timeOut(c) }
                } else if now - c.lastActivity > config.idleTimeout {
                    closeConnection(c)
                }
            case .body:
                if let started = c.pieceStarted, now - started > config.bodyTimeout { timeOut(c) }
            case .stream(let head, _, let stream):
                if let started = c.pieceStarted, now - started > config.bodyTimeout {
                    recordStream(c, head, stream, status: 408)
                    closeConnection(c)
                } else if c.pieceStarted == nil, now - c.lastActivity > config.idleTimeout {
                    recordStream(c, head, stream, status: 408)
                    closeConnection(c)
                }
            case .closing:
                if now - c.lastActivity > config.idleTimeout { closeConnection(c) }
            }
        }
    }

    /// Answers 408 and closes at once.
    private func timeOut(_ c: Connection) {
        var head: HTTPRequestHead?
        if case .body(let h, _, _) = c.phase { head = h }
        answer(c, head, .failure(Self.timeoutFailure))
        _ = c.flush()
        closeConnection(c)
    }
}

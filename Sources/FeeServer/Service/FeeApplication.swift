#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import FeeKit

/// The fees service behind the HTTP server: the batch's quoter for `/v1/quote` and `/v1/quotes`,
/// the read-only API, the customer pages, `/metrics`, `/healthz` and `/readyz`, over the catalogue
/// the holder serves (Docs/SERVE.md).
public final class FeeApplication: HTTPApplication, @unchecked Sendable {
    /// The served catalogue and its reloads.
    public let holder: CatalogueHolder
    /// Today's date for requests that give none (the shell reads the clock; tests fix the day).
    public let today: @Sendable () -> CalendarDate
    let metrics: [MetricsBox]
    let logs: [AccessLog]
    private let lock = Lock()
    private var connectionCount: @Sendable () -> Int = { 0 }

    /// An application for `loops` event loops, logging to `accessLog` (nil: no access log).
    public init(holder: CatalogueHolder, loops: Int, accessLog: Int32?, today: @escaping @Sendable () -> CalendarDate = WallClock.today) {
        self.holder = holder
        self.today = today
        metrics = (0..<max(1, loops)).map { _ in MetricsBox() }
        logs = (0..<max(1, loops)).map { _ in AccessLog(fd: accessLog) }
    }

    /// Tells `/metrics` how to count open connections (the server, once started).
    public func countConnections(with count: @escaping @Sendable () -> Int) {
        lock.lock(); connectionCount = count; lock.unlock()
    }

    /// The handler of loop `index`.
    public func makeHandler(loop index: Int) -> LoopHandler {
        FeeLoopHandler(app: self, index: index)
    }

    /// The `/metrics` text: every loop's counters merged.
    func metricsText() -> String {
        var merged = MetricsData()
        for m in metrics { merged.merge(m.snapshot) }
        let state = holder.state
        lock.lock(); let count = connectionCount; lock.unlock()
        return MetricsText.render(merged, reloads: (state.ok - 1, state.failed), generation: state.served.generation, connections: count())
    }
}

/// One loop's handler: routes, answers, records.
final class FeeLoopHandler: LoopHandler {
    let app: FeeApplication
    let index: Int
    let metrics: MetricsBox
    let log: AccessLog

    init(app: FeeApplication, index: Int) {
        self.app = app
        self.index = index
        metrics = app.metrics[index % app.metrics.count]
        log = app.logs[index % app.logs.count]
    }

    func route(of head: HTTPRequestHead) -> String {
        if case .route(let r) = Router.match(head.method, path: head.path) { return r.template }
        if case .wrongMethod(let r) = Router.match(head.method, path: head.path) { return r.template }
        return "unmatched"
    }

    func record(_ r: RequestRecord) {
        metrics.record(r)
        log.add(r)
    }

    func flush() { log.flush() }

    /// `/v1/quote` reads one request of at most a line's limit; `/v1/quotes` streams; other
    /// routes take no body (one sent is read and dropped, up to the same limit).
    func plan(_ head: HTTPRequestHead) -> BodyPlan {
        switch Router.match(head.method, path: head.path) {
        case .route(.quotes):
            switch Parameters.parse(head.query, allowed: ["explain"]) {
            case .failure(let f): return .reject(.failure(f))
            case .success(let p):
                let snapshot = app.holder.snapshot(index)
                switch Self.explainFlag(p["explain"]) {
                case .failure(let f): return .reject(.failure(f))
                case .success(let explain): return .stream(QuoteStream(quoter: explain ? snapshot.explainingQuoter : snapshot.quoter, metrics: metrics))
                }
            }
        case .route:
            return .whole(limit: BatchQuoter.maxLineBytes)
        case .wrongMethod(let r):
            return .reject(.failure(HTTPFailure(.methodNotAllowed, "method_not_allowed", "\(r.template) answers \(r.methods.map(\.description).joined(separator: ", "))"),
                                    extraHeaders: [("Allow", r.methods.map(\.description).joined(separator: ", "))]))
        case .failure(let f):
            return .reject(.failure(f))
        }
    }

    /// `explain=` read strictly: 1/true/yes or 0/false/no; anything else is refused, not taken as "no".
    static func explainFlag(_ value: String?) -> Result<Bool, HTTPFailure> {
        switch value {
        case nil, "0", "false", "no": return .success(false)
        case "1", "true", "yes": return .success(true)
        case let v?: return .failure(HTTPFailure(.badRequest, "invalid_parameter", "explain '\(String(v.prefix(40)))' is not 1 or 0 (true or false)"))
        }
    }

    func respond(_ head: HTTPRequestHead, body: [UInt8]) -> HTTPResponse {
        guard case .route(let route) = Router.match(head.method, path: head.path) else {
            return .failure(HTTPFailure(.notFound, "unknown_route", "no route"))
        }
        let snapshot = app.holder.snapshot(index)
        var response: HTTPResponse
        switch route {
        case .quote: response = quote(head, body, snapshot)
        case .healthz: response = .json(APIDocuments.health())
        case .readyz: response = .json(APIDocuments.readiness(snapshot, state: app.holder.state))
        case .metrics: response = HTTPResponse(status: .ok, contentType: .prometheus, body: Array(app.metricsText().utf8))
        default:
            switch route.isPage ? Pages.respond(route, head.query, snapshot, today: app.today()) : api(route, head.query, snapshot) {
            case .success(let r): response = r
            case .failure(let f): response = route.isPage ? Pages.failure(f) : .failure(f)
            }
        }
        if route.isPage { response.headers += Pages.securityHeaders }
        return response
    }

    /// `POST /v1/quote`: the body is one request line; the answer is the batch's line for it.
    private func quote(_ head: HTTPRequestHead, _ body: [UInt8], _ snapshot: ServedCatalogue) -> HTTPResponse {
        let explain: Bool
        switch Parameters.parse(head.query, allowed: ["explain"]) {
        case .failure(let f): return .failure(f)
        case .success(let p):
            switch Self.explainFlag(p["explain"]) {
            case .failure(let f): return .failure(f)
            case .success(let e): explain = e
            }
        }
        // The body is the line: without the line end the batch's reader would strip.
        var end = body.count
        while end > 0 && (body[end - 1] == 0x0A || body[end - 1] == 0x0D) { end -= 1 }
        var out: [UInt8] = []
        out.reserveCapacity(512)
        let quoter = explain ? snapshot.explainingQuoter : snapshot.quoter
        let ok = body.withUnsafeBufferPointer { quoter.answer(line: UnsafeBufferPointer(rebasing: $0[0..<end]), into: &out) }
        if ok {
            metrics.quoted()
            return HTTPResponse(status: .ok, contentType: .json, body: out)
        }
        let code = AnswerScan.errorCode(out, from: 0)
        metrics.quoteError(code)
        return HTTPResponse(status: code == QuoteErrorCode.invalidRequest.rawValue ? .badRequest : .unprocessable, contentType: .json, body: out)
    }

    /// The read-only API routes.
    private func api(_ route: Route, _ query: String?, _ snapshot: ServedCatalogue) -> Result<HTTPResponse, HTTPFailure> {
        let allowed: [String]
        switch route {
        case .items: allowed = ["bank", "date", "q"]
        default: allowed = ["bank", "date"]
        }
        return Parameters.parse(query, allowed: allowed).flatMap { p in
            p.bank(in: snapshot).flatMap { bank in
                p.date(default: app.today()).flatMap { date -> Result<HTTPResponse, HTTPFailure> in
                    switch route {
                    case .versions:
                        return .success(.json(APIDocuments.versions(bank, on: date)))
                    case .items:
                        guard let table = bank.version(on: date) else { return .failure(APIDocuments.noTable(bank, date)) }
                        return .success(.json(APIDocuments.items(bank, table, on: date, query: p["q"])))
                    case .item(let code):
                        guard let (item, table) = APIDocuments.findItem(code, in: bank, on: date) else { return .failure(APIDocuments.unknownItem(code, in: bank, on: date)) }
                        return .success(.json(APIDocuments.item(bank, item, in: table, on: date)))
                    case .export:
                        guard let export = OpenDataExport(bank: bank, date: date) else { return .failure(APIDocuments.noTable(bank, date)) }
                        return .success(HTTPResponse(status: .ok, contentType: .json, body: Array(export.json.utf8)))
                    default:
                        return .failure(HTTPFailure(.notFound, "unknown_route", "no route"))
                    }
                }
            }
        }
    }
}

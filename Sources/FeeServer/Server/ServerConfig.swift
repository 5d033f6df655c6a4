/// How the server runs: where it listens, how many loops, and its limits and timeouts
/// (Docs/SERVE.md, "Limits"). Timeouts are in seconds and may be fractions (tests use short ones).
public struct ServerConfig: Sendable {
    /// The address to listen on.
    public var listen: ListenAddress
    /// Event loop threads; each owns its connections and its copy of the tables.
    public var threads: Int
    /// The most event loop threads a server runs (`--threads` 1 to this).
    public static let maxThreads = 256
    /// Limits on the request head.
    public var limits: HTTPLimits
    /// The most connections open at once; more are answered 503 and closed.
    public var maxConnections: Int
    /// The most requests on one keep-alive connection before it is closed.
    public var maxRequestsPerConnection: Int
    /// From the first byte of a request to the end of its head (a client sending a byte a
    /// second is dropped with 408).
    public var headerTimeout: Double
    /// From the first byte of a body to its end (for `/v1/quotes`: of each line).
    public var bodyTimeout: Double
    /// How long a keep-alive connection may wait between requests, and a stream between lines,
    /// and a client may take to read what it was sent.
    public var idleTimeout: Double
    /// How long a graceful shutdown waits for requests in flight.
    public var shutdownTimeout: Double

    /// A configuration with the defaults.
    public init(listen: ListenAddress = .tcp(host: "127.0.0.1", port: 8080), threads: Int = 2, limits: HTTPLimits = HTTPLimits(),
                maxConnections: Int = 10_000, maxRequestsPerConnection: Int = 100_000,
                headerTimeout: Double = 10, bodyTimeout: Double = 30, idleTimeout: Double = 60, shutdownTimeout: Double = 30) {
        self.listen = listen
        self.threads = threads
        self.limits = limits
        self.maxConnections = maxConnections
        self.maxRequestsPerConnection = maxRequestsPerConnection
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.shutdownTimeout = shutdownTimeout
    }
}

/// How a route wants the body of a request read.
public enum BodyPlan {
    /// Read the whole body (at most `limit` bytes; more is 413), then answer.
    case whole(limit: Int)
    /// Hand the body to a stream as it arrives and send its output as it comes (chunked).
    case stream(BodyStream)
    /// Answer at once without reading the body (the connection is closed if a body was sent).
    case reject(HTTPResponse)
}

/// A body read and answered as it arrives (`POST /v1/quotes`): owned by one connection.
public protocol BodyStream: AnyObject {
    /// The answer's status and media type, sent before the first output.
    var status: HTTPStatus { get }
    /// The answer's media type.
    var contentType: ContentType { get }
    /// Takes the next body bytes and appends whatever output they complete.
    func consume(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8])
    /// The body ended: appends the last output.
    func finish(into out: inout [UInt8])
    /// Whether an unfinished piece (a line) is held: the body timeout runs while it is.
    var holdsPartialInput: Bool { get }
    /// What the stream did, for the access log and metrics: lines answered, lines with errors.
    var counts: (lines: Int, errors: Int) { get }
}

/// What happened to one request, for the access log and the metrics (no body, no query).
public struct RequestRecord: Sendable {
    /// The method.
    public var method: HTTPMethod
    /// The route's template (`/v1/items/{code}`), or `unmatched`.
    public var route: String
    /// The status answered.
    public var status: Int
    /// Body bytes read.
    public var bytesIn: Int
    /// Bytes written (head and body).
    public var bytesOut: Int
    /// From the end of the head to the end of the answer, in seconds.
    public var seconds: Double
    /// The peer: `127.0.0.1:port` or `unix`.
    public var remote: String
    /// For a stream: lines answered and lines with errors.
    public var lines: (answered: Int, errors: Int)?
}

/// The application behind the loops: makes one handler per loop, each used by that loop's
/// thread alone.
public protocol HTTPApplication: Sendable {
    /// The handler for loop `index`.
    func makeHandler(loop index: Int) -> LoopHandler
}

/// One loop's view of the application.
public protocol LoopHandler: AnyObject {
    /// Decides how to read a request's body.
    func plan(_ head: HTTPRequestHead) -> BodyPlan
    /// Answers a request whose body (maybe empty) has been read whole.
    func respond(_ head: HTTPRequestHead, body: [UInt8]) -> HTTPResponse
    /// The route template of a request, for records.
    func route(of head: HTTPRequestHead) -> String
    /// Called after every answer, and for refused requests.
    func record(_ r: RequestRecord)
    /// Called once per loop turn: the moment to write buffered log lines.
    func flush()
}

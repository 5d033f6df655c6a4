import FeeKit

/// Every route the server answers (Docs/SERVE.md, Docs/openapi.json).
public enum Route: Sendable, Hashable {
    case healthz, readyz, metrics
    case quote, quotes
    case versions, items, item(String), export
    case home, itemPage(String), changes, board(String)

    /// The route's template, as the access log and the metrics name it.
    public var template: String {
        switch self {
        case .healthz: return "/healthz"
        case .readyz: return "/readyz"
        case .metrics: return "/metrics"
        case .quote: return "/v1/quote"
        case .quotes: return "/v1/quotes"
        case .versions: return "/v1/versions"
        case .items: return "/v1/items"
        case .item: return "/v1/items/{code}"
        case .export: return "/v1/export"
        case .home: return "/"
        case .itemPage: return "/items/{code}"
        case .changes: return "/changes"
        case .board: return "/boards/{branch}"
        }
    }

    /// The methods the route answers.
    public var methods: [HTTPMethod] {
        switch self {
        case .quote, .quotes: return [.post]
        default: return [.get, .head]
        }
    }

    /// Whether the route is a customer page (HTML, with the page security fields).
    public var isPage: Bool {
        switch self {
        case .home, .itemPage, .changes, .board: return true
        default: return false
        }
    }

    /// Every route template, for the documentation test.
    public static let templates = ["/healthz", "/readyz", "/metrics", "/v1/quote", "/v1/quotes", "/v1/versions", "/v1/items",
                                   "/v1/items/{code}", "/v1/export", "/", "/items/{code}", "/changes", "/boards/{branch}"]
}

/// What a path and method lead to.
public enum RouteMatch: Sendable, Hashable {
    case route(Route)
    /// The path exists, the method does not: 405 with `Allow`.
    case wrongMethod(Route)
    case failure(HTTPFailure)
}

/// Matches paths to routes; ids in paths are decoded and must be catalogue ids (no path escapes).
public enum Router {
    /// The route for `method` and the (still encoded) `path`.
    public static func match(_ method: HTTPMethod, path: String) -> RouteMatch {
        let route: Route
        switch path {
        case "/healthz": route = .healthz
        case "/readyz": route = .readyz
        case "/metrics": route = .metrics
        case "/v1/quote": route = .quote
        case "/v1/quotes": route = .quotes
        case "/v1/versions": route = .versions
        case "/v1/items": route = .items
        case "/v1/export": route = .export
        case "/": route = .home
        case "/changes": route = .changes
        default:
            guard let segments = PercentDecoding.segments(path) else {
                return .failure(HTTPFailure(.badRequest, "bad_path", "the path holds a malformed %-escape or bytes that are not UTF-8"))
            }
            switch segments.count {
            case 3 where segments[0] == "v1" && segments[1] == "items": route = .item(segments[2])
            case 2 where segments[0] == "items": route = .itemPage(segments[1])
            case 2 where segments[0] == "boards": route = .board(segments[1])
            default:
                return .failure(HTTPFailure(.notFound, "unknown_route", "no route '\(String(path.prefix(200)))'; the routes are \(Route.templates.joined(separator: ", "))"))
            }
            let id: String
            switch route {
            case .item(let s), .itemPage(let s), .board(let s): id = s
            default: id = ""
            }
            guard CatalogueID.isValid(id) else {
                return .failure(HTTPFailure(.badRequest, "invalid_id", "'\(String(id.prefix(80)))' is not an id: ids have 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit"))
            }
        }
        guard route.methods.contains(method) else { return .wrongMethod(route) }
        return .route(route)
    }
}

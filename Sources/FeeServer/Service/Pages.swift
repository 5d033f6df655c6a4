import FeeKit

/// The customer pages (the responsive screen layout, no scripts).
enum Pages {
    /// Fields every page gets: no scripts, no outside resources, no framing, no sniffing.
    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
        ("Referrer-Policy", "no-referrer"),
    ]

    static func respond(_ route: Route, _ query: String?, _ snapshot: ServedCatalogue, today: CalendarDate) -> Result<HTTPResponse, HTTPFailure> {
        .failure(HTTPFailure(.notFound, "not_yet", "pages are not built yet"))
    }

    static func failure(_ f: HTTPFailure) -> HTTPResponse { .failure(f) }
}

#if canImport(FoundationEssentials)
import FoundationEssentials   // not Foundation: see Docs/DECISIONS.md, "FoundationEssentials"
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Counters of one loop: requests by route, method and status, latency by route, quotes and
/// quote errors by code. Merged across loops when `/metrics` is read.
struct MetricsData: Sendable {
    /// The upper bounds of the latency histogram, in seconds.
    static let buckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10]

    struct Latency: Sendable {
        var counts = [Int](repeating: 0, count: MetricsData.buckets.count)
        var sum = 0.0
        var total = 0
    }

    var requests: [String: Int] = [:]
    var latency: [String: Latency] = [:]
    var quotes = 0
    var quoteErrors: [String: Int] = [:]

    mutating func merge(_ o: MetricsData) {
        for (k, v) in o.requests { requests[k, default: 0] += v }
        for (k, v) in o.latency {
            var l = latency[k] ?? Latency()
            for i in 0..<l.counts.count { l.counts[i] += v.counts[i] }
            l.sum += v.sum
            l.total += v.total
            latency[k] = l
        }
        quotes += o.quotes
        for (k, v) in o.quoteErrors { quoteErrors[k, default: 0] += v }
    }
}

/// One loop's counters behind a lock (taken by its own thread per request, and by a scrape).
final class MetricsBox: @unchecked Sendable {
    private let lock = Lock()
    private var data = MetricsData()

    func record(_ r: RequestRecord) {
        let key = "route=\"\(r.route)\",method=\"\(r.method)\",status=\"\(r.status)\""
        lock.lock(); defer { lock.unlock() }
        data.requests[key, default: 0] += 1
        var l = data.latency[r.route] ?? MetricsData.Latency()
        if let b = MetricsData.buckets.firstIndex(where: { r.seconds <= $0 }) { l.counts[b] += 1 }
        l.sum += r.seconds
        l.total += 1
        data.latency[r.route] = l
    }

    func quoted() { lock.lock(); data.quotes += 1; lock.unlock() }

    func quoteError(_ code: String) { lock.lock(); data.quoteErrors[code, default: 0] += 1; lock.unlock() }

    var snapshot: MetricsData { lock.lock(); defer { lock.unlock() }; return data }
}

/// The Prometheus text exposition (version 0.0.4) of the merged counters.
enum MetricsText {
    static func render(_ d: MetricsData, reloads: (ok: Int, failed: Int), generation: Int, connections: Int) -> String {
        var s = "# HELP fees_http_requests_total HTTP requests answered, by route template, method and status.\n# TYPE fees_http_requests_total counter\n"
        for k in d.requests.keys.sorted() { s += "fees_http_requests_total{\(k)} \(d.requests[k]!)\n" }
        s += "# HELP fees_http_request_duration_seconds Time from the end of the request head to the answer, by route template.\n# TYPE fees_http_request_duration_seconds histogram\n"
        for route in d.latency.keys.sorted() {
            let l = d.latency[route]!
            var cumulative = 0
            for (i, bound) in MetricsData.buckets.enumerated() {
                cumulative += l.counts[i]
                s += "fees_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            s += "fees_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(l.total)\n"
            s += "fees_http_request_duration_seconds_sum{route=\"\(route)\"} \(l.sum)\n"
            s += "fees_http_request_duration_seconds_count{route=\"\(route)\"} \(l.total)\n"
        }
        s += "# HELP fees_quotes_total Requests quoted (ok answers) on /v1/quote and /v1/quotes.\n# TYPE fees_quotes_total counter\nfees_quotes_total \(d.quotes)\n"
        s += "# HELP fees_quote_errors_total Error answers, by error code.\n# TYPE fees_quote_errors_total counter\n"
        for k in d.quoteErrors.keys.sorted() { s += "fees_quote_errors_total{code=\"\(k)\"} \(d.quoteErrors[k]!)\n" }
        s += "# HELP fees_reloads_total Loads of the tables after the first, by result.\n# TYPE fees_reloads_total counter\n"
        s += "fees_reloads_total{result=\"ok\"} \(reloads.ok)\nfees_reloads_total{result=\"failed\"} \(reloads.failed)\n"
        s += "# HELP fees_catalogue_generation The generation of the catalogue served (1 at start, +1 per good reload).\n# TYPE fees_catalogue_generation gauge\nfees_catalogue_generation \(generation)\n"
        s += "# HELP fees_open_connections Connections open now.\n# TYPE fees_open_connections gauge\nfees_open_connections \(connections)\n"
        return s
    }
}

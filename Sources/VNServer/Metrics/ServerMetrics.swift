import Metrics
import Prometheus

/// What `GET /metrics` reports, in Prometheus's text format: swift-metrics records,
/// swift-prometheus keeps and writes. Each server has its own registry, handed to the
/// metrics as their factory rather than bootstrapped process-wide (swift-metrics allows one
/// global factory per process, and the tests run many servers in one).
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    static let requests = "vnsearch_http_requests_total"
    static let requestDuration = "vnsearch_http_request_duration_seconds"
    static let searchDuration = "vnsearch_search_duration_seconds"
    static let writes = "vnsearch_write_requests_total"

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Searches take milliseconds, not the seconds the default buckets are made for.
        let buckets: [Duration] = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        factory.durationHistogramBuckets = [Self.searchDuration: buckets, Self.requestDuration: buckets]
        self.factory = factory
    }

    /// A request answered: `route` as the router matched it (`/articles/{id}`, so ids do
    /// not each make a series).
    func request(route: String, method: String, status: Int, nanoseconds: UInt64) {
        Counter(label: Self.requests, dimensions: [("route", route), ("method", method), ("status", String(status))],
                factory: factory).increment()
        Timer(label: Self.requestDuration, dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(Int64(clamping: nanoseconds))
    }

    func search(nanoseconds: UInt64) {
        Timer(label: Self.searchDuration, factory: factory).recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// An article stored (added or replaced) or deleted through the write API.
    func write(_ operation: String) {
        Counter(label: Self.writes, dimensions: [("operation", operation)], factory: factory).increment()
    }

    /// The index's state, read when scraped.
    func index(articles: Int, passages: Int, revision: Int, readers: Int) {
        Gauge(label: "vnsearch_index_articles", factory: factory).record(articles)
        Gauge(label: "vnsearch_index_passages", factory: factory).record(passages)
        Gauge(label: "vnsearch_index_revision", factory: factory).record(revision)
        Gauge(label: "vnsearch_reader_pool_size", factory: factory).record(readers)
    }

    func text() -> String { registry.emitToString() }
}

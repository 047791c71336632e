import Hummingbird
import VNSearch

/// `GET /metrics`: the server's counters and the index's state, for Prometheus.
enum MetricsRoutes {
    static func add(to router: Router<BasicRequestContext>, backend: Backend) {
        router.get("/metrics") { _, _ -> Response in
            // An index that cannot be read leaves its gauges as they were; the request
            // counters still say what the server did.
            if let stats = try? IndexStats(databasePath: backend.engines.databasePath) {
                backend.metrics.index(articles: stats.articles, passages: stats.documents, revision: stats.revision,
                                    readers: backend.engines.size)
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: .init(string: backend.metrics.text())))
        }
    }
}

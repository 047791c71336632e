import Hummingbird
import VNSearch

/// `GET /health` (for load balancers: 200 while the index answers, 503 otherwise) and
/// `GET /stats`.
enum IndexRoutes {
    struct Health: Codable {
        let status: String
        let documents: Int
        let revision: Int
    }

    static func add(to router: Router<BasicRequestContext>, backend: Backend) {
        router.get("/health") { _, _ -> Response in
            await backend.answer {
                let stats = try IndexStats(databasePath: backend.engines.databasePath)
                return try JSONResponse.make(.ok, Health(status: "ok", documents: stats.documents, revision: stats.revision))
            }
        }
        router.get("/stats") { _, _ -> Response in
            await backend.answer {
                try JSONResponse.make(.ok, try IndexStats(databasePath: backend.engines.databasePath))
            }
        }
    }
}

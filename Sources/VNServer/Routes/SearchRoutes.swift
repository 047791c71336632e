import Dispatch
import Hummingbird
import VNSearch

/// `GET /search` (the JSON of `vnsearch search --json`) and `GET /articles/{id}`.
enum SearchRoutes {
    static func add(to router: Router<BasicRequestContext>, backend: Backend) {
        router.get("/search") { request, _ -> Response in
            let searchRequest: SearchRequest
            do {
                searchRequest = try SearchParameters.request(from: QueryParameters(request.uri.query))
            } catch {
                return JSONResponse.failure(.badRequest, "\(error)")
            }
            return await backend.answer {
                let started = DispatchTime.now().uptimeNanoseconds
                let response = try backend.engines.withEngine { try $0.search(searchRequest) }
                backend.metrics.search(nanoseconds: DispatchTime.now().uptimeNanoseconds - started)
                return try JSONResponse.make(.ok, response)
            }
        }
        router.get("/articles/{id}") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return await backend.answer {
                guard let article = try backend.engines.withEngine({ try $0.article(id: id) }) else {
                    return JSONResponse.failure(.notFound, "no article with id '\(id)'")
                }
                return try JSONResponse.make(.ok, article)
            }
        }
    }
}

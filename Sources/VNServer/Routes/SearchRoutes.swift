import Dispatch
import Hummingbird
import VNSearch

/// `GET /search` (the JSON of `vnsearch search --json`) and `GET /articles/{id}`.
enum SearchRoutes {
    static func add(to router: Router<BasicRequestContext>, backend: Backend) {
        router.get("/search") { request, _ -> Response in
            let searchRequest: SearchRequest
            let format: ResultExport.Format?
            do {
                let parameters = try QueryParameters(request.uri.query)
                searchRequest = try SearchParameters.request(from: parameters)
                format = try SearchParameters.exportFormat(parameters)
            } catch {
                return JSONResponse.failure(.badRequest, "\(error)")
            }
            if let format {
                return await backend.answer { try export(searchRequest, as: format, backend: backend) }
            }
            return await backend.answer {
                let started = DispatchTime.now().uptimeNanoseconds
                let response = try backend.engines.withEngine { try $0.search(searchRequest) }
                backend.metrics.search(nanoseconds: DispatchTime.now().uptimeNanoseconds - started)
                return try JSONResponse.make(.ok, response)
            }
        }
        router.get("/articles/{id}") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            // A browser reads the article; API clients keep the JSON.
            let wantsHTML = request.headers[.accept]?.contains("text/html") == true
            let query = wantsHTML ? ((try? QueryParameters(request.uri.query))?["q"] ?? "") : ""
            return await backend.answer {
                let page = try backend.engines.withEngine { engine -> (ArticleDetail, [String])? in
                    guard let article = try engine.article(id: id) else { return nil }
                    return (article, wantsHTML ? try engine.highlightedPassages(article, query: query) : [])
                }
                guard let (article, passages) = page else {
                    return wantsHTML
                        ? PageRoutes.html(.notFound, SearchPage(parameters: .empty, outcome: .failed("Không có bài nào với mã “\(id)”.")).render())
                        : JSONResponse.failure(.notFound, "no article with id '\(id)'")
                }
                return wantsHTML
                    ? PageRoutes.html(.ok, ArticlePage(article: article, passages: passages, query: query).render())
                    : try JSONResponse.make(.ok, article)
            }
        }
    }

    /// The results as a download (up to `ResultExport.maxRows`, paging through the ranking).
    private static func export(_ request: SearchRequest, as format: ResultExport.Format, backend: Backend) throws -> Response {
        let hits = try backend.engines.withEngine { engine in try ResultExport.hits(request) { try engine.search($0) } }
        let body = try ResultExport.render(hits, as: format)
        return Response(status: .ok,
                        headers: [.contentType: format.contentType,
                                  .contentDisposition: "attachment; filename=\"vnsearch-results.\(format.rawValue)\""],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

import Hummingbird
import VNSearch

/// `GET /` (the search page, server-rendered) and `GET /openapi.json`.
enum PageRoutes {
    static func add(to router: Router<BasicRequestContext>, backend: Backend) {
        router.get("/") { request, _ -> Response in
            let parameters: QueryParameters
            do {
                parameters = try QueryParameters(request.uri.query)
            } catch {
                return html(.badRequest, SearchPage(parameters: .empty, outcome: .failed("\(error)")).render())
            }
            guard let q = parameters["q"], q.contains(where: { !$0.isWhitespace }) else {
                return html(.ok, SearchPage(parameters: parameters, outcome: .start).render())
            }
            let searchRequest: SearchRequest
            do {
                searchRequest = try SearchParameters.request(from: parameters)
            } catch {
                return html(.badRequest, SearchPage(parameters: parameters, outcome: .failed("\(error)")).render())
            }
            switch await backend.perform({ try backend.engines.withEngine { try $0.search(searchRequest) } }) {
            case .success(let response):
                return html(.ok, SearchPage(parameters: parameters, outcome: .results(response, searchRequest)).render())
            case .failure(let failure):
                return html(failure.status, SearchPage(parameters: parameters, outcome: .failed(failure.message)).render())
            }
        }
        let openAPI = OpenAPIDocument.json(writes: backend.token != nil)
        router.get("/openapi.json") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: openAPI)))
        }
    }

    static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}

import Foundation
import Hummingbird
import NIOCore
import VNSearch

/// Archivists' writes: `POST /articles` and `DELETE /articles/{id}`, behind the bearer
/// token of `--token-file` (without it they are off: 405).
enum ArchiveRoutes {
    struct NewArticle: Decodable {
        let path: String
        let text: String
    }

    static func add(to router: Router<BasicRequestContext>, backend: Backend) {
        router.post("/articles") { request, _ -> Response in
            if let refusal = refusal(request, backend: backend) { return refusal }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: RequestLimits.maxBodyBytes)
            } catch is NIOTooManyBytesError {
                // A chunked body declares no length: it is cut off here.
                throw HTTPError(.contentTooLarge)
            }
            let article: NewArticle
            do {
                article = try JSONDecoder().decode(NewArticle.self, from: Data(buffer: body))
            } catch {
                return JSONResponse.failure(.badRequest, #"the body must be JSON {"path": "name.txt", "text": "…"}"#)
            }
            return await backend.answer {
                let stored = try backend.archive.store(relativePath: article.path, text: article.text)
                backend.metrics.write("store")
                return try JSONResponse.make(.created, stored, headers: [.location: "/articles/\(stored.id)"])
            }
        }
        router.delete("/articles/{id}") { request, context -> Response in
            if let refusal = refusal(request, backend: backend) { return refusal }
            let id = context.parameters.get("id") ?? ""
            return await backend.answer {
                guard try backend.archive.delete(id: id) else { return JSONResponse.failure(.notFound, "no article with id '\(id)'") }
                backend.metrics.write("delete")
                return Response(status: .noContent)
            }
        }
    }

    /// 405 when writes are off (the methods are not offered: /openapi.json describes none
    /// and `Allow` lists the rest), 401 without the right token; nil when the request may write.
    private static func refusal(_ request: Request, backend: Backend) -> Response? {
        guard let token = backend.token else {
            let allowed = RouteTable.allowedMethods(path: request.uri.path, writes: false) ?? []
            return JSONResponse.failure(.methodNotAllowed, "writes are off: start the server with --token-file",
                                        headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
        }
        guard token.admits(request) else {
            return JSONResponse.failure(.unauthorized, "missing or wrong token: send Authorization: Bearer <token>",
                                        headers: [.wwwAuthenticate: "Bearer"])
        }
        return nil
    }
}

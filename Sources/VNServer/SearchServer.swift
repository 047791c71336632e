import Foundation
import Hummingbird
import VNSearch

/// The HTTP face of the search library: thin routes over `SearchEngine`.
public enum SearchServer {
    public static func makeRouter(pool: EnginePool) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { _, _ -> Response in
            do {
                let stats = try IndexStats(databasePath: pool.databasePath)
                return try json(.ok, Health(status: "ok", documents: stats.documents, revision: stats.revision))
            } catch {
                return failure(.serviceUnavailable, "index unavailable: \(error)")
            }
        }
        router.get("/stats") { _, _ -> Response in
            do {
                return try json(.ok, try IndexStats(databasePath: pool.databasePath))
            } catch {
                return failure(.serviceUnavailable, "index unavailable: \(error)")
            }
        }
        router.get("/search") { request, _ -> Response in
            let searchRequest: SearchRequest
            do {
                searchRequest = try SearchParameters.request(from: QueryParameters(request.uri.query))
            } catch is QueryParameters.InvalidEncoding {
                return failure(.badRequest, "invalid percent-encoding in the query string")
            } catch {
                return failure(.badRequest, "\(error)")
            }
            do {
                return try json(.ok, try pool.withEngine { try $0.search(searchRequest) })
            } catch let error as SearchError where error.isUsage {
                return failure(.badRequest, error.description)
            } catch {
                return failure(.serviceUnavailable, "search unavailable: \(error)")
            }
        }
        return router
    }

    public static func makeApplication(pool: EnginePool, host: String, port: Int,
                                       onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(
            router: makeRouter(pool: pool),
            configuration: .init(address: .hostname(host, port: port), serverName: "vnsearch"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) })
    }

    struct Health: Encodable {
        let status: String
        let documents: Int
        let revision: Int
    }

    struct ErrorBody: Encodable {
        let error: String
        let status: Int
    }

    static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var buffer = ByteBuffer()
        buffer.writeBytes(try encoder.encode(value))
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: buffer))
    }

    static func failure(_ status: HTTPResponse.Status, _ message: String) -> Response {
        (try? json(status, ErrorBody(error: message, status: status.code)))
            ?? Response(status: .internalServerError)
    }
}

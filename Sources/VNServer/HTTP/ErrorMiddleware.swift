import Hummingbird
import Logging

/// Every failure leaves as `{"error", "status"}`: Hummingbird's own errors (an unknown
/// route, an oversize body), a known path asked with the wrong method (405 with `Allow`),
/// and anything unexpected (500, logged; never the user's input).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether the server takes writes (a token): without, `Allow` names no write method,
    /// as /openapi.json describes none.
    var writes = true

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            if error.status == .notFound, let allowed = RouteTable.allowedMethods(path: request.uri.path, writes: writes) {
                var headers = HTTPFields()
                headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                return JSONResponse.failure(.methodNotAllowed, "\(request.method.rawValue) is not allowed on this path; use \(headers[.allow]!)",
                                            headers: headers)
            }
            return JSONResponse.failure(error.status, error.body ?? Self.message(error.status), headers: error.headers)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return JSONResponse.failure(.internalServerError, "internal error")
        }
    }

    static func message(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "no such route; see /openapi.json"
        case .contentTooLarge: "request body too large (at most \(RequestLimits.maxBodyBytes) bytes)"
        default: status.reasonPhrase.lowercased()
        }
    }
}

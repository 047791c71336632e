import Dispatch
import Hummingbird
import Logging

/// One structured line per request: method, path, status and duration at info level.
/// The query string (what someone searched for) only at debug level.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)",
            "path": "\(request.uri.path)",
            "status": "\(response.status.code)",
            "duration_ms": "\((milliseconds * 100).rounded() / 100)",
        ]
        if context.logger.logLevel <= .debug, let query = request.uri.query {
            metadata["query"] = "\(query)"
        }
        context.logger.info("request", metadata: metadata)
        return response
    }
}

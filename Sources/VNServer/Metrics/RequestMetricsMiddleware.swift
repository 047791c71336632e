import Dispatch
import Hummingbird

/// Counts each request by route, method and status, and times it (see `ServerMetrics`).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        metrics.request(route: context.endpointPath ?? "NotFound", method: request.method.rawValue,
                        status: response.status.code, nanoseconds: DispatchTime.now().uptimeNanoseconds - started)
        return response
    }
}

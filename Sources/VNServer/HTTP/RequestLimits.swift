import Hummingbird

/// The server's limits on what a request may ask of it.
enum RequestLimits {
    /// Request bodies (an article posted by an archivist); more is a 413.
    static let maxBodyBytes = 1_048_576
    /// A connection that sends nothing for this long is closed.
    static let idleTimeoutSeconds: Int64 = 30
}

/// Refuses a body over the limit before reading it (413), by its declared length; a
/// chunked body is cut off where a route reads it (`collect(upTo:)`).
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > RequestLimits.maxBodyBytes {
            throw HTTPError(.contentTooLarge)
        }
        return try await next(request, context)
    }
}

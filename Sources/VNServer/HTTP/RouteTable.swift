import Hummingbird

/// The server's paths and their methods: one list for the router's 405 answers and the
/// OpenAPI test (which checks that the description covers exactly these).
enum RouteTable {
    static let routes: [(path: String, methods: [HTTPRequest.Method])] = [
        ("/", [.get, .head]),
        ("/search", [.get, .head]),
        ("/articles", [.post]),
        ("/articles/{id}", [.get, .head, .delete]),
        ("/health", [.get, .head]),
        ("/stats", [.get, .head]),
        ("/metrics", [.get, .head]),
        ("/openapi.json", [.get, .head]),
    ]

    /// The methods a known path allows, or nil for a path the server does not have.
    /// Without `writes` (no token), POST and DELETE are not offered.
    static func allowedMethods(path: String, writes: Bool = true) -> [HTTPRequest.Method]? {
        let parts = components(path)
        let methods = routes.first { route in
            let pattern = components(route.path)
            return pattern.count == parts.count
                && zip(pattern, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }?.methods.filter { writes || ($0 != .post && $0 != .delete) }
        return methods?.isEmpty == true ? nil : methods
    }

    private static func components(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}

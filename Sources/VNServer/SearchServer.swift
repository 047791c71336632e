import Foundation
import Hummingbird
import Logging
import VNSearch

/// What `vnsearch serve` is started with.
public struct ServerSettings: Sendable {
    public var databasePath: String
    /// Where `POST /articles` writes report files.
    public var corpus = "corpus"
    /// Nil: the write routes answer 403.
    public var token: BearerToken?
    public var timeoutSeconds = ServerSettings.defaultTimeoutSeconds

    /// How long a request may take before it is answered 503 (the work it started
    /// finishes in the background and its result is dropped).
    public static let defaultTimeoutSeconds = 10.0

    public init(databasePath: String) {
        self.databasePath = databasePath
    }
}

/// The HTTP face of the search library: thin routes over `SearchEngine` and
/// `ArticleArchive`; no search logic of its own.
public enum SearchServer {
    public static func makeRouter(_ settings: ServerSettings) -> Router<BasicRequestContext> {
        let backend = Backend(
            engines: EnginePool(databasePath: settings.databasePath),
            archive: ArticleArchive(corpus: settings.corpus, databasePath: settings.databasePath),
            token: settings.token, timeoutSeconds: settings.timeoutSeconds)
        let router = Router(options: .autoGenerateHeadEndpoints)
        // Outermost first: the log and the metrics see the status the error middleware chose.
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: RequestMetricsMiddleware(metrics: backend.metrics))
        router.add(middleware: ErrorMiddleware(writes: settings.token != nil))
        router.add(middleware: BodyLimitMiddleware())
        SearchRoutes.add(to: router, backend: backend)
        IndexRoutes.add(to: router, backend: backend)
        ArchiveRoutes.add(to: router, backend: backend)
        PageRoutes.add(to: router, backend: backend)
        MetricsRoutes.add(to: router, backend: backend)
        return router
    }

    public static func makeApplication(_ settings: ServerSettings, host: String, port: Int, logger: Logger? = nil,
                                       onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(
            router: makeRouter(settings),
            server: .http1(configuration: .init(idleTimeout: .seconds(RequestLimits.idleTimeoutSeconds))),
            configuration: .init(address: .hostname(host, port: port), serverName: "vnsearch"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

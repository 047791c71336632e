import ArgumentParser
import Foundation
import Logging
import VNSearch
import VNServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the search page and the HTTP API (GET /, /search, /articles/{id}, /health, /stats, /openapi.json).",
        discussion: """
        Ctrl-C or SIGTERM stops the server after the requests in flight are answered.
        With --token-file, archivists can POST /articles and DELETE /articles/{id} with
        `Authorization: Bearer <token>`; without it those routes answer 403.
        One access-log line per request goes to stderr (the query only at --log-level debug).
        """)

    @Option(name: .long, help: "Database directory or Xapian stub file.")
    var db = "index"

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Corpus folder that POST /articles writes into.")
    var corpus = "corpus"

    @Option(name: .customLong("token-file"), help: "File holding the bearer token that turns on the write routes.")
    var tokenFile: String?

    @Option(help: "Seconds a request may take before it is answered 503.")
    var timeout = ServerSettings.defaultTimeoutSeconds

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        do {
            _ = try IndexStats(databasePath: db)
        } catch {
            throw failure("\(error)")
        }
        var settings = ServerSettings(databasePath: db)
        settings.corpus = corpus
        settings.timeoutSeconds = timeout
        if let tokenFile {
            do {
                settings.token = try BearerToken(file: tokenFile)
            } catch {
                throw failure("\(error)")
            }
        }
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "vnsearch")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let app = SearchServer.makeApplication(settings, host: host, port: port, logger: logger) { [db, host] port in
            print("vnsearch serving \(db) on http://\(host):\(port)/")
            fflush(nil)  // all streams: the reader waits for this line
        }
        try await app.runService()
        Terminal.error("stopped")
    }
}

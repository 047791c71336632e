import ArgumentParser
import Foundation
import VNSearch
import VNServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the search API over HTTP (GET /search, /health, /stats).")

    @Option(name: .long, help: "Database directory or Xapian stub file.")
    var db = "index"

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        do {
            _ = try IndexStats(databasePath: db)
        } catch {
            throw failure("\(error)")
        }
        let app = SearchServer.makeApplication(pool: EnginePool(databasePath: db), host: host, port: port) { port in
            print("vnsearch serving \(db) on http://\(host):\(port)/")
            fflush(nil)  // all streams: the reader waits for this line
        }
        try await app.runService()
    }
}

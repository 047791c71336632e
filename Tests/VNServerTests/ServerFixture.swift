import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import VNSearch
@testable import VNServer
import VNTestSupport

/// A working folder with `corpus/` holding the seed report, indexed into `index/`, and
/// the server's settings over it (writes on, with `token`).
struct ServerFixture {
    /// Removed when the last copy of the fixture is gone.
    let temporary: TemporaryFolder
    var folder: URL { temporary.url }
    var corpus: URL { folder.appendingPathComponent("corpus") }
    var db: String { folder.appendingPathComponent("index").path }
    let token = "archivist-token-0123456789"
    var settings: ServerSettings

    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpus/2024-08-toan-dan-bao-ve-an-ninh-tay-nam-bo.txt")

    init() throws {
        temporary = try TemporaryFolder(prefix: "vnsearch-server")
        let folder = temporary.url
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.seed, to: folder.appendingPathComponent("corpus/seed.txt"))
        _ = try Indexer(databasePath: folder.appendingPathComponent("index").path).run(paths: [folder.appendingPathComponent("corpus").path])
        settings = ServerSettings(databasePath: folder.appendingPathComponent("index").path)
        settings.corpus = folder.appendingPathComponent("corpus").path
        settings.token = BearerToken(token)
    }

    func app(_ settings: ServerSettings? = nil, logger: Logger? = nil) -> some ApplicationProtocol {
        Application(router: SearchServer.makeRouter(settings ?? self.settings), logger: logger)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A response body as JSON (an empty dictionary when it is not an object).
func json(_ buffer: ByteBuffer) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:]
}

func text(_ buffer: ByteBuffer) -> String {
    String(decoding: buffer.readableBytesView, as: UTF8.self)
}

func jsonBody(_ object: [String: Any]) throws -> ByteBuffer {
    ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
}

/// The failure body of CONTRACT.md: `{"error": "…", "status": N}` with the response's status.
func isErrorBody(_ buffer: ByteBuffer, status: HTTPResponse.Status) -> Bool {
    let body = json(buffer)
    return body["status"] as? Int == status.code && (body["error"] as? String)?.isEmpty == false && body.count == 2
}

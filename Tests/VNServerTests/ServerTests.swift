import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VNSearch
@testable import VNServer

/// The HTTP routes, driven in-process through the router, plus one live loopback run.
@Suite struct ServerTests {
    let folder: URL
    var db: String { folder.appendingPathComponent("index").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-server-\(UUID().uuidString)")
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpus/2024-08-toan-dan-bao-ve-an-ninh-tay-nam-bo.txt")
        try FileManager.default.copyItem(at: seed, to: corpus.appendingPathComponent("seed.txt"))
        _ = try Indexer(databasePath: db).run(paths: [corpus.path])
    }

    private func app(db: String? = nil) -> some ApplicationProtocol {
        Application(router: SearchServer.makeRouter(pool: EnginePool(databasePath: db ?? self.db)))
    }

    private func json(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:]
    }

    @Test func healthReportsDocumentsAndRevision() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = json(response.body)
                #expect(body["status"] as? String == "ok")
                #expect((body["documents"] as? Int ?? 0) > 15)
                #expect((body["revision"] as? Int ?? 0) >= 1)
            }
        }
    }

    @Test func searchReturnsTheSameJSONAsTheCLI() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/search?q=nguoi+hoa+bac+lieu&limit=3", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = json(response.body)
                #expect(body["query"] as? String == "nguoi hoa bac lieu")
                let first = (body["results"] as? [[String: Any]])?.first
                let passage = first?["passage"] as? [String: Any]
                #expect((passage?["text"] as? String)?.contains("Tổ tự quản trong người Hoa") == true)
            }
            let encoded = "x%C3%B3m%20Ch%C4%83m" // xóm Chăm
            try await client.execute(uri: "/search?q=\(encoded)", method: .get) { response in
                let first = (json(response.body)["results"] as? [[String: Any]])?.first
                let passage = first?["passage"] as? [String: Any]
                #expect((passage?["text"] as? String)?.contains("Rủ nhau làm tốt xóm Chăm") == true)
            }
        }
    }

    @Test func badRequestsGet400WithAMessage() async throws {
        try await app().test(.router) { client in
            for uri in ["/search", "/search?q=", "/search?q=%20", "/search?q=an&limit=0", "/search?q=an&limit=abc",
                        "/search?q=%E0%A4", "/search?q=an&from=yesterday", "/search?q=%ZZ"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    let body = json(response.body)
                    #expect(body["status"] as? Int == 400)
                    #expect((body["error"] as? String)?.isEmpty == false)
                }
            }
        }
    }

    @Test func missingIndexIs503NotACrash() async throws {
        try await app(db: folder.appendingPathComponent("nowhere").path).test(.router) { client in
            for uri in ["/health", "/search?q=an"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect((json(response.body)["error"] as? String)?.contains("no index") == true)
                }
            }
        }
    }

    @Test func liveServerAnswersOnLoopback() async throws {
        let app = SearchServer.makeApplication(pool: EnginePool(databasePath: db), host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(json(response.body)["status"] as? String == "ok")
            }
        }
    }
}

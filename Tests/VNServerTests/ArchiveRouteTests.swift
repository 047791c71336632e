import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VNSearch
@testable import VNServer

/// Archivists' writes: `POST /articles` and `DELETE /articles/{id}` behind the token.
@Suite struct ArchiveRouteTests {
    let fixture: ServerFixture
    let report = "Voi rừng ở Đắk Lắk\n\nNgày 3/9/2024, người Ê Đê ở Đắk Lắk lập tổ bảo vệ đàn voi rừng.\n"

    init() throws { fixture = try ServerFixture() }

    private var authorized: HTTPFields { [.authorization: "Bearer \(fixture.token)", .contentType: "application/json"] }

    @Test func writesAreOffWithoutATokenFile() async throws {
        var settings = fixture.settings
        settings.token = nil
        try await fixture.app(settings).test(.router) { client in
            try await client.execute(uri: "/articles", method: .post, headers: authorized,
                                     body: try jsonBody(["path": "voi.txt", "text": report])) { response in
                #expect(response.status == .methodNotAllowed)
                #expect((json(response.body)["error"] as? String)?.contains("--token-file") == true)
                #expect(response.headers[.allow] == "")
            }
            try await client.execute(uri: "/articles/0123456789abcdef", method: .delete, headers: authorized) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.corpus.appendingPathComponent("voi.txt").path))
    }

    @Test func aMissingOrWrongTokenIs401() async throws {
        try await fixture.app().test(.router) { client in
            for header in [nil, "Bearer wrong", "Bearer \(fixture.token)x", "Basic \(fixture.token)", "Bearer ", "Bearer \(fixture.token.dropLast())"] {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let header { headers[.authorization] = header }
                try await client.execute(uri: "/articles", method: .post, headers: headers,
                                         body: try jsonBody(["path": "voi.txt", "text": report])) { response in
                    #expect(response.status == .unauthorized, "\(header ?? "none")")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    #expect(isErrorBody(response.body, status: .unauthorized))
                }
                try await client.execute(uri: "/articles/0123456789abcdef", method: .delete, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.corpus.appendingPathComponent("voi.txt").path))
    }

    @Test func pathsOutsideTheCorpusOrNotReportsAre400() async throws {
        try await fixture.app().test(.router) { client in
            for path in ["../voi.txt", "a/../../voi.txt", "/tmp/voi.txt", "voi.md", "voi", ".voi.txt", "a/.hidden/voi.txt",
                         "", ".txt", "synonyms.txt", "a//voi.txt", "a\\voi.txt", "voi\n.txt", String(repeating: "a", count: 300) + ".txt"] {
                try await client.execute(uri: "/articles", method: .post, headers: authorized,
                                         body: try jsonBody(["path": path, "text": report])) { response in
                    #expect(response.status == .badRequest, "\(path)")
                    #expect(isErrorBody(response.body, status: .badRequest))
                }
            }
            for body in [#"{"path": "voi.txt"}"#, "not json", #"{"path": "voi.txt", "text": "   "}"#, #"{"path": "voi.txt", "text": "a\u0000b"}"#] {
                try await client.execute(uri: "/articles", method: .post, headers: authorized, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest, "\(body)")
                    #expect(isErrorBody(response.body, status: .badRequest))
                }
            }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.corpus.path)
        #expect(files.sorted() == ["seed.txt"])
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("voi.txt").path))
    }

    @Test func symbolicLinksAndFilesInThePathCannotLeadOutOfTheCorpus() async throws {
        let outside = fixture.folder.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: fixture.corpus.appendingPathComponent("link"), withDestinationURL: outside)
        // An article indexed from another folder is not the server's to delete.
        let elsewhere = fixture.folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try report.write(to: elsewhere.appendingPathComponent("voi.txt"), atomically: true, encoding: .utf8)
        _ = try Indexer(databasePath: fixture.db).run(paths: [elsewhere.path])
        let elsewhereID = try #require(try SearchEngine(databasePath: fixture.db).search(SearchRequest(query: "voi rừng")).results.first?.article.id)
        try await fixture.app().test(.router) { client in
            for path in ["link/voi.txt", "link/sub/voi.txt", "seed.txt/voi.txt", "seed.txt"] {
                let status: HTTPResponse.Status = path == "seed.txt" ? .created : .badRequest
                try await client.execute(uri: "/articles", method: .post, headers: authorized,
                                         body: try jsonBody(["path": path, "text": report])) { response in
                    #expect(response.status == status, "\(path)")
                }
            }
            try await client.execute(uri: "/articles/\(elsewhereID)", method: .delete, headers: authorized) { response in
                #expect(response.status == .badRequest)
                #expect((json(response.body)["error"] as? String)?.contains("outside the corpus folder") == true)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("voi.txt").path))
    }

    @Test func aPostedArticleIsWrittenIndexedReplacedAndDeleted() async throws {
        let file = fixture.corpus.appendingPathComponent("2024/voi.txt")
        try await fixture.app().test(.router) { client in
            var id = ""
            try await client.execute(uri: "/articles", method: .post, headers: authorized,
                                     body: try jsonBody(["path": "2024/voi.txt", "text": report])) { response in
                #expect(response.status == .created)
                let body = json(response.body)
                id = body["id"] as? String ?? ""
                #expect(response.headers[.location] == "/articles/\(id)")
                #expect(body["title"] as? String == "Voi rừng ở Đắk Lắk")
                #expect(((body["entities"] as? [String: Any])?["province"] as? [String]) == ["Đắk Lắk"])
                #expect((body["passages"] as? [Any])?.count == 2)
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == report)
            try await client.execute(uri: "/search?q=voi+rung", method: .get) { response in
                let first = (json(response.body)["results"] as? [[String: Any]])?.first
                #expect((first?["article"] as? [String: Any])?["id"] as? String == id)
            }

            // The same path again replaces the article (same id, new text).
            try await client.execute(uri: "/articles", method: .post, headers: authorized,
                                     body: try jsonBody(["path": "2024/voi.txt", "text": "Voi nhà ở Buôn Đôn\n\nĐàn voi nhà được chăm sóc.\n"])) { response in
                #expect(response.status == .created)
                #expect(json(response.body)["id"] as? String == id)
            }
            try await client.execute(uri: "/search?q=voi+rung", method: .get) { response in
                #expect((json(response.body)["results"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/stats", method: .get) { response in
                #expect(json(response.body)["articles"] as? Int == 2)
            }

            try await client.execute(uri: "/articles/\(id)", method: .delete, headers: authorized) { response in
                #expect(response.status == .noContent)
            }
            #expect(!FileManager.default.fileExists(atPath: file.path))
            try await client.execute(uri: "/articles/\(id)", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/search?q=voi+nha", method: .get) { response in
                #expect((json(response.body)["results"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/articles/\(id)", method: .delete, headers: authorized) { response in
                #expect(response.status == .notFound)
                #expect(isErrorBody(response.body, status: .notFound))
            }
        }
        // What the server did is what a full index run gives: nothing more to sync.
        let summary = try Indexer(databasePath: fixture.db).run(paths: [fixture.corpus.path])
        #expect(summary.added == 0 && summary.updated == 0 && summary.removed == 0 && summary.unchanged == 1)
    }

    @Test func aWriteWhileAnotherProcessIndexesIs503AndLosesNothing() async throws {
        // Another writer holds Xapian's lock for the whole test.
        let writer = try WritableDatabase(path: fixture.db)
        defer { withExtendedLifetime(writer) {} }
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/articles", method: .post, headers: authorized,
                                     body: try jsonBody(["path": "voi.txt", "text": report])) { response in
                #expect(response.status == .serviceUnavailable)
                #expect((json(response.body)["error"] as? String)?.contains("being updated by another process") == true)
                #expect(response.headers[.retryAfter] != nil)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.corpus.appendingPathComponent("voi.txt").path))
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VNSearch
@testable import VNServer

/// The read routes: `/search`, `/articles/{id}`, `/health`, `/stats`.
@Suite struct SearchRouteTests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture() }

    @Test func searchAnswersWithTheEnginesJSON() async throws {
        let direct = try SearchEngine(databasePath: fixture.db).search({
            var request = SearchRequest(query: "nguoi hoa bac lieu")
            request.limit = 3
            return request
        }())
        try await fixture.app().test(.router) { client in
            // `tracking` is not a parameter of the contract: ignored.
            try await client.execute(uri: "/search?q=nguoi+hoa+bac+lieu&limit=3&tracking=x", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = json(response.body)
                #expect(body["query"] as? String == "nguoi hoa bac lieu")
                #expect(body["total"] as? Int == direct.total)
                #expect(body["suggestion"] as? String == direct.suggestion)
                let results = body["results"] as? [[String: Any]] ?? []
                #expect(results.count == direct.results.count)
                for (hit, expected) in zip(results, direct.results) {
                    #expect((hit["passage"] as? [String: Any])?["text"] as? String == expected.passage.text)
                    #expect((hit["article"] as? [String: Any])?["id"] as? String == expected.article.id)
                }
                let first = (results.first?["passage"] as? [String: Any])?["highlighted"] as? String
                #expect(first?.contains("<mark>") == true)
            }
            let encoded = "x%C3%B3m%20Ch%C4%83m" // xóm Chăm
            try await client.execute(uri: "/search?q=\(encoded)", method: .get) { response in
                let first = (json(response.body)["results"] as? [[String: Any]])?.first
                #expect(((first?["passage"] as? [String: Any])?["text"] as? String)?.contains("Rủ nhau làm tốt xóm Chăm") == true)
            }
        }
    }

    @Test func filtersAndPagingComeFromTheQueryString() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/search?q=an+ninh&ethnic=Kh%C6%A1-me&limit=100", method: .get) { response in
                #expect(response.status == .ok)
                let results = json(response.body)["results"] as? [[String: Any]] ?? []
                #expect(results.isEmpty == false)
            }
            try await client.execute(uri: "/search?q=an+ninh&province=H%C3%A0+N%E1%BB%99i", method: .get) { response in
                #expect(response.status == .ok)
                #expect((json(response.body)["results"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/search?q=an+ninh&per_article=100&limit=2&offset=1", method: .get) { response in
                let results = json(response.body)["results"] as? [[String: Any]] ?? []
                #expect(results.map { $0["rank"] as? Int } == [2, 3])
            }
        }
    }

    @Test func anArticleComesWithEveryPassageInOrder() async throws {
        let id = try #require(try SearchEngine(databasePath: fixture.db).search(SearchRequest(query: "xóm Chăm")).results.first?.article.id)
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/articles/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                let body = json(response.body)
                #expect(body["id"] as? String == id)
                #expect((body["path"] as? String)?.hasSuffix("corpus/seed.txt") == true)
                #expect(body["date"] as? String == "2024-08")
                let passages = body["passages"] as? [[String: Any]] ?? []
                #expect(passages.count > 15)
                #expect(passages.compactMap { $0["index"] as? Int } == Array(0..<passages.count))
                #expect(passages.allSatisfy { ["title", "lead", "body", "caption"].contains($0["kind"] as? String ?? "") })
                #expect(passages.contains { ($0["text"] as? String)?.contains("Rủ nhau làm tốt xóm Chăm") == true })
                #expect(((body["entities"] as? [String: Any])?["ethnic"] as? [String])?.contains("Khmer") == true)
            }
            for missing in ["0123456789abcdef", "not-an-id", String(repeating: "a", count: 300)] {
                try await client.execute(uri: "/articles/\(missing)", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(isErrorBody(response.body, status: .notFound))
                }
            }
        }
    }

    @Test func healthAndStatsDescribeTheIndex() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = json(response.body)
                #expect(body["status"] as? String == "ok")
                #expect((body["documents"] as? Int ?? 0) > 15)
                #expect((body["revision"] as? Int ?? 0) >= 1)
            }
            try await client.execute(uri: "/stats", method: .get) { response in
                #expect(response.status == .ok)
                #expect(json(response.body)["articles"] as? Int == 1)
            }
            try await client.execute(uri: "/health", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test func aReindexIsSeenWithoutARestart() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/search?q=voi+r%E1%BB%ABng", method: .get) { response in
                #expect((json(response.body)["results"] as? [Any])?.isEmpty == true)
            }
            try "Voi rừng ở Đắk Lắk\n\nĐàn voi rừng về bản.\n".write(to: fixture.corpus.appendingPathComponent("voi.txt"), atomically: true, encoding: .utf8)
            _ = try Indexer(databasePath: fixture.db).run(paths: [fixture.corpus.path])
            try await client.execute(uri: "/search?q=voi+r%E1%BB%ABng", method: .get) { response in
                #expect((json(response.body)["results"] as? [Any])?.count == 1)
            }
        }
    }

    /// `format=csv` and `format=jsonl`: a download of the hits; any other format is a 400.
    @Test func resultsDownloadAsCSVOrJSONLines() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/search?q=Khmer&format=csv", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"vnsearch-results.csv\"")
                let lines = text(response.body).components(separatedBy: "\r\n")
                #expect(lines.first == "article_id,date,title,path,passage_index,passage,provinces,ethnic,models,score")
                #expect(lines.count >= 3)
            }
            try await client.execute(uri: "/search?q=Khmer&format=jsonl", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/jsonl") == true)
                let first = text(response.body).split(separator: "\n").first.map { json(ByteBuffer(string: String($0))) }
                #expect((first?["ethnic"] as? [String])?.contains("Khmer") == true)
            }
            try await client.execute(uri: "/search?q=Khmer&format=xml", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}

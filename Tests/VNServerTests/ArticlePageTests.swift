import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VNSearch
@testable import VNServer

/// The article page (`GET /articles/{id}` for a browser) and what the search page adds
/// around the results: result links to the passage, the timeline, the map, the exports.
@Suite struct ArticlePageTests {
    let fixture: ServerFixture
    /// The seed's id in the fixture (its path there is `corpus/seed.txt`'s).
    let seedID: String

    init() throws {
        fixture = try ServerFixture()
        seedID = try #require(try SearchEngine(databasePath: fixture.db).search(SearchRequest(query: "Khmer")).results.first?.article.id)
    }

    @Test func aBrowserReadsTheArticleWithThePassageAnchored() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/articles/\(seedID)?q=ng%C6%B0%E1%BB%9Di+Hoa", method: .get,
                                     headers: [.accept: "text/html,application/xhtml+xml"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = text(response.body)
                #expect(page.contains("<h1>Qua các mô hình, điển hình Toàn dân bảo vệ an ninh Tổ quốc…</h1>"))
                // Every passage in order, anchored; the query's words marked.
                let anchors = page.ranges(of: "<p id=\"p").count
                #expect(anchors == 25)
                #expect(page.contains("<p id=\"p12\" class=\"passage match\">"))
                #expect(page.contains("<mark>người Hoa</mark>"))
                // Names are chips that search with the filter; a link back to the results.
                #expect(page.contains("<a class=\"chip\" href=\"/?q=ng%C6%B0%E1%BB%9Di%20Hoa&amp;province=B%E1%BA%A1c%20Li%C3%AAu\">Bạc Liêu</a>"))
                #expect(page.contains("<p class=\"back\"><a href=\"/?q=ng%C6%B0%E1%BB%9Di%20Hoa\">"))
            }
            // API clients keep the JSON.
            for accept in [nil, "application/json", "*/*"] {
                let headers: HTTPFields = accept.map { [.accept: $0] } ?? [:]
                try await client.execute(uri: "/articles/\(seedID)?q=Hoa", method: .get, headers: headers) { response in
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    #expect(json(response.body)["id"] as? String == seedID)
                }
            }
            try await client.execute(uri: "/articles/0123456789abcdef", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
        }
    }

    @Test func resultsLinkToTheirPassageWithATimelineAMapAndExports() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/?q=ng%C6%B0%E1%BB%9Di+Hoa", method: .get) { response in
                let page = text(response.body)
                #expect(page.contains("href=\"/articles/\(seedID)?q=ng%C6%B0%E1%BB%9Di%20Hoa#p12\""))
                // The seed is dated 2024-08: the timeline has the months of 2024.
                #expect(page.contains("<svg class=\"timeline\""))
                #expect(page.contains("href=\"/?q=ng%C6%B0%E1%BB%9Di%20Hoa&amp;from=2024-08&amp;to=2024-08\""))
                #expect(page.contains("<svg class=\"province-map\""))
                #expect(page.contains("<title>Bạc Liêu: 1</title>"))
                #expect(page.contains("href=\"/search?q=ng%C6%B0%E1%BB%9Di%20Hoa&amp;format=csv\""))
                #expect(page.contains("href=\"/search?q=ng%C6%B0%E1%BB%9Di%20Hoa&amp;format=jsonl\""))
            }
        }
    }

    /// A title, a passage and a query holding markup and quotes come out as text.
    @Test func markupInATitleAPassageOrAQueryIsEscaped() async throws {
        let report = "<script>alert(\"tiêu đề\")</script> & 'Khmer'\n\nNgười Khmer viết <script>alert('x')</script> \"trích dẫn\" & thẻ <b>.\n"
        try report.write(to: fixture.corpus.appendingPathComponent("xss.txt"), atomically: true, encoding: .utf8)
        _ = try Indexer(databasePath: fixture.db).run(paths: [fixture.corpus.path])
        try await fixture.app().test(.router) { client in
            let query = "Khmer \"<script>\" '"
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/?q=\(encoded)", method: .get) { response in
                let page = text(response.body)
                #expect(!page.contains("<script"))
                #expect(page.contains("&lt;script&gt;alert(&quot;tiêu đề&quot;)&lt;/script&gt;"))
                #expect(page.contains("value=\"Khmer &quot;&lt;script&gt;&quot; &#39;\""))
            }
            let stored = try await client.execute(uri: "/search?q=tr%C3%ADch+d%E1%BA%ABn", method: .get)
            let id = ((json(stored.body)["results"] as? [[String: Any]])?.first?["article"] as? [String: Any])?["id"] as? String
            #expect(id != nil)
            try await client.execute(uri: "/articles/\(id ?? "")?q=\(encoded)", method: .get, headers: [.accept: "text/html"]) { response in
                let page = text(response.body)
                #expect(response.status == .ok)
                #expect(!page.contains("<script"))
                #expect(!page.contains("<b>"))
                // (The query's `script` is marked inside the escaped text.)
                #expect(page.contains("&lt;<mark>script</mark>&gt;alert(&#39;x&#39;)&lt;/<mark>script</mark>&gt;"))
            }
        }
    }
}

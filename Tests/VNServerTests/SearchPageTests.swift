import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VNSearch
@testable import VNServer

/// The search page: server-rendered HTML that works without JavaScript.
@Suite struct SearchPageTests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture() }

    @Test func theStartPageIsAFormInUTF8() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = text(response.body)
                #expect(page.contains("<meta charset=\"utf-8\">"))
                #expect(page.contains("<form action=\"/\" method=\"get\""))
                #expect(page.contains("name=\"q\" value=\"\""))
                // Nothing from outside the server: no scripts, stylesheets or images by URL.
                #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"))
            }
        }
    }

    @Test func resultsKeepTheQueryAndOfferFacetsAndPages() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/?q=an+ninh&per_article=100&limit=5", method: .get) { response in
                #expect(response.status == .ok)
                let page = text(response.body)
                #expect(page.contains("name=\"q\" value=\"an ninh\""))
                #expect(page.contains("<title>an ninh – vnsearch</title>"))
                #expect(page.contains("<mark>an ninh</mark>") || page.contains("<mark>An ninh</mark>"))
                #expect(page.contains("Toàn dân bảo vệ an ninh"))
                // Facet counts are links that add the filter; years become a date range.
                #expect(page.contains("href=\"/?q=an%20ninh&amp;per_article=100&amp;limit=5&amp;ethnic=Khmer\""))
                #expect(page.contains("href=\"/?q=an%20ninh&amp;per_article=100&amp;limit=5&amp;from=2024&amp;to=2024\""))
                #expect(page.contains("rel=\"next\" href=\"/?q=an%20ninh&amp;per_article=100&amp;limit=5&amp;offset=5\""))
                #expect(!page.contains("rel=\"prev\""))
            }
            try await client.execute(uri: "/?q=an+ninh&per_article=100&limit=5&offset=5&ethnic=Khmer", method: .get) { response in
                let page = text(response.body)
                #expect(page.contains("rel=\"prev\""))
                #expect(page.contains("Trang 2"))
                // The active filter is shown, removable, and kept for the next query typed.
                #expect(page.contains("Dân tộc: Khmer ×"))
                #expect(page.contains("<input type=\"hidden\" name=\"ethnic\" value=\"Khmer\">"))
            }
        }
    }

    @Test func anUnaccentedQueryGetsTheSuggestionAsALink() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/?q=nguoi+hoa+bac+lieu", method: .get) { response in
                let page = text(response.body)
                #expect(page.contains("Có phải bạn muốn tìm"))
                #expect(page.contains("<strong>người Hoa Bạc Liêu</strong>"))
                #expect(page.contains("href=\"/?q=ng%C6%B0%E1%BB%9Di%20Hoa%20B%E1%BA%A1c%20Li%C3%AAu\""))
            }
        }
    }

    @Test func noResultsSaysWhatToTry() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/?q=m%C3%A1y+bay&ethnic=Hoa", method: .get) { response in
                #expect(response.status == .ok)
                let page = text(response.body)
                #expect(page.contains("Không tìm thấy kết quả nào cho <strong>“máy bay”</strong>"))
                #expect(page.contains("<a href=\"/?q=m%C3%A1y%20bay\">bỏ các bộ lọc</a>"))
            }
        }
    }

    @Test func theQueryIsEscapedAndBadInputShowsTheError() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22", method: .get) { response in
                let page = text(response.body)
                #expect(!page.contains("<script>"))
                #expect(page.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;\""))
            }
            try await client.execute(uri: "/?q=an&from=yesterday", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(text(response.body).contains("bad date &#39;yesterday&#39;"))
            }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VNServer

/// `GET /metrics`: Prometheus's text format, and the counts move with the requests made.
@Suite struct MetricsRouteTests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture() }

    @Test func countsMoveWithRequests() async throws {
        try await fixture.app().test(.router) { client in
            let before = try await scrape(client)
            for _ in 0..<3 {
                try await client.execute(uri: "/search?q=Khmer", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/articles/0123456789abcdef", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/articles", method: .post,
                                     headers: [.authorization: "Bearer \(fixture.token)", .contentType: "application/json"],
                                     body: try jsonBody(["path": "voi.txt", "text": "Voi rừng\n\nNgười Ê Đê ở Đắk Lắk bảo vệ voi rừng.\n"])) {
                #expect($0.status == .created)
            }
            let after = try await scrape(client)
            let searches = #"vnsearch_http_requests_total{route="/search",method="GET",status="200"}"#
            #expect(after[searches, default: 0] - before[searches, default: 0] == 3)
            let missing = #"vnsearch_http_requests_total{route="/articles/{id}",method="GET",status="404"}"#
            #expect(after[missing, default: 0] - before[missing, default: 0] == 1)
            #expect(after["vnsearch_search_duration_seconds_count", default: 0] - before["vnsearch_search_duration_seconds_count", default: 0] >= 3)
            let stores = #"vnsearch_write_requests_total{operation="store"}"#
            #expect(after[stores, default: 0] - before[stores, default: 0] == 1)
            // The index's state is read when scraped: the stored article is in it.
            #expect(after["vnsearch_index_articles"] == 2)
            #expect(after["vnsearch_index_passages", default: 0] > after["vnsearch_index_articles", default: 0])
            #expect(after["vnsearch_reader_pool_size", default: 0] >= 1)
        }
    }

    @Test func theTextIsPrometheusFormat() async throws {
        try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/search?q=Khmer", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let body = text(response.body)
                #expect(body.contains("# TYPE vnsearch_http_requests_total counter"))
                #expect(body.contains("# TYPE vnsearch_search_duration_seconds histogram"))
                #expect(body.contains(#"vnsearch_search_duration_seconds_bucket{le="+Inf"}"#))
            }
        }
    }

    /// Each series line (`name{labels} value`) by its name and labels.
    private func scrape(_ client: some TestClientProtocol) async throws -> [String: Double] {
        try await client.execute(uri: "/metrics", method: .get) { response in
            var values: [String: Double] = [:]
            for line in text(response.body).split(separator: "\n") where !line.hasPrefix("#") {
                guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
                values[String(line[..<space])] = value
            }
            return values
        }
    }
}

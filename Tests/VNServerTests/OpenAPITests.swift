import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VNSearch
@testable import VNServer

/// `/openapi.json` describes what the server does: the same paths and methods as the
/// router, and schemas that real responses satisfy.
@Suite struct OpenAPITests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture() }

    private func document() async throws -> JSONValue {
        let response = try await fixture.app().test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get)
        }
        #expect(response.status == .ok)
        return try JSONValue(Data(response.body.readableBytesView))
    }

    @Test func itListsExactlyTheRoutesTheServerHas() async throws {
        let document = try await document()
        #expect(document["openapi"] == .string("3.1.0"))
        guard case .object(let paths) = document["paths"] else { Issue.record("no paths"); return }
        var described: [String: Set<String>] = [:]
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            described[path] = Set(operations.keys.filter { ["get", "post", "put", "delete", "patch"].contains($0) })
        }
        var served: [String: Set<String>] = [:]
        for route in RouteTable.routes {
            served[route.path] = Set(route.methods.filter { $0 != .head }.map { $0.rawValue.lowercased() })
        }
        #expect(described == served)
    }

    /// Without a token the write routes answer 405 to everyone: the document leaves them out.
    @Test func withoutATokenTheWritesAreNotDescribed() async throws {
        var settings = fixture.settings
        settings.token = nil
        let response = try await fixture.app(settings).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get)
        }
        let document = try JSONValue(Data(response.body.readableBytesView))
        guard case .object(let paths) = document["paths"] else { Issue.record("no paths"); return }
        #expect(paths["/articles"] == nil)
        guard case .object(let article) = paths["/articles/{id}"] else { Issue.record("no /articles/{id}"); return }
        #expect(article["delete"] == nil)
        #expect(article["get"] != nil)
        #expect(paths["/search"] != nil)
    }

    @Test func realResponsesMatchTheirSchemas() async throws {
        let validator = SchemaValidator(document: try await document())
        func schema(_ path: String, _ method: String, _ status: Int) -> JSONValue {
            var response = validator.document["paths"]?[path]?[method]?["responses"]?[String(status)] ?? .null
            if let reference = response["$ref"]?.string { response = validator.resolve(reference) ?? .null }
            return response["content"]?["application/json"]?["schema"] ?? .object(["type": .string("undescribed")])
        }
        let id = try #require(try SearchEngine(databasePath: fixture.db).search(SearchRequest(query: "xóm Chăm")).results.first?.article.id)
        let cases: [(uri: String, method: HTTPRequest.Method, path: String, status: Int, body: ByteBuffer?)] = [
            ("/search?q=nguoi+hoa+bac+lieu&per_article=3", .get, "/search", 200, nil),
            ("/search?q=H%E1%BB%93+Ch%C3%AD+Minh+k%E1%BB%B3", .get, "/search", 200, nil),
            ("/search?q=m%C3%A1y+bay", .get, "/search", 200, nil),
            ("/search?q=", .get, "/search", 400, nil),
            ("/articles/\(id)", .get, "/articles/{id}", 200, nil),
            ("/articles/0123456789abcdef", .get, "/articles/{id}", 404, nil),
            ("/health", .get, "/health", 200, nil),
            ("/stats", .get, "/stats", 200, nil),
            ("/articles", .post, "/articles", 201,
             try jsonBody(["path": "moi.txt", "text": "Mô hình mới ở An Giang\n\nĐồng bào Khmer ở An Giang lập tổ hợp tác.\n"])),
            ("/articles", .post, "/articles", 400, try jsonBody(["path": "../moi.txt", "text": "x"])),
        ]
        let token = fixture.token
        let requests = cases.map { ($0.uri, $0.method, $0.body) }
        let responses = try await fixture.app().test(.router) { client in
            var responses: [(Int, Data)] = []
            for (uri, method, body) in requests {
                let response = try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(token)"], body: body)
                responses.append((response.status.code, Data(response.body.readableBytesView)))
            }
            return responses
        }
        for (test, (status, body)) in zip(cases, responses) {
            #expect(status == test.status, "\(test.uri)")
            let problems = validator.problems(try JSONValue(body), schema(test.path, test.method.rawValue.lowercased(), test.status))
            #expect(problems.isEmpty, "\(test.method) \(test.uri): \(problems)")
        }
    }

    @Test func theValidatorCatchesADrift() throws {
        let validator = SchemaValidator(document: .null)
        let schema = try JSONValue(Data(#"{"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}, "additionalProperties": false}"#.utf8))
        #expect(validator.problems(try JSONValue(Data(#"{"a": 1}"#.utf8)), schema).isEmpty)
        for drift in [#"{"a": "1"}"#, #"{"a": true}"#, #"{"a": 1, "b": 2}"#, #"{}"#, #"[]"#] {
            #expect(!validator.problems(try JSONValue(Data(drift.utf8)), schema).isEmpty, "\(drift)")
        }
    }
}

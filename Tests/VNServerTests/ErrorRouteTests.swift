import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VNSearch
@testable import VNServer

/// Every failure is JSON `{"error", "status"}` with the right status, never a crash.
@Suite struct ErrorRouteTests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture() }

    @Test func badSearchParametersAre400() async throws {
        let long = String(repeating: "a", count: 1_001)
        try await fixture.app().test(.router) { client in
            for uri in ["/search", "/search?q=", "/search?q=%20", "/search?q=an&limit=0", "/search?q=an&limit=101",
                        "/search?q=an&limit=abc", "/search?q=an&offset=-1", "/search?q=an&offset=10001",
                        "/search?q=an&per_article=0", "/search?q=an&from=yesterday", "/search?q=an&to=2024-13", "/search?q=an&from=2024-02-32",
                        "/search?q=%E0%A4", "/search?q=%C3%28", "/search?q=%ZZ", "/search?q=\(long)",
                        "/search?q=%22%22", "/search?q=-an", "/search?q=an+-province%3AX"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(isErrorBody(response.body, status: .badRequest), "\(uri)")
                }
            }
            // At the limit is fine.
            try await client.execute(uri: "/search?q=\(String(repeating: "a", count: 1_000))&limit=100&offset=10000", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func unknownRoutesAre404AndWrongMethods405() async throws {
        try await fixture.app().test(.router) { client in
            for uri in ["/nope", "/search/extra", "/articles", "/articles/a/b", "/%FF"] {
                let expected: HTTPResponse.Status = uri == "/articles" ? .methodNotAllowed : .notFound
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == expected, "\(uri)")
                }
            }
            try await client.execute(uri: "/nope", method: .get) { response in
                #expect(isErrorBody(response.body, status: .notFound))
            }
            for (uri, method, allowed) in [("/search", HTTPRequest.Method.post, "GET, HEAD"), ("/health", .delete, "GET, HEAD"),
                                           ("/articles/abc", .put, "GET, HEAD, DELETE"), ("/articles", .get, "POST")] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allowed)
                    #expect(isErrorBody(response.body, status: .methodNotAllowed))
                }
            }
        }
    }

    @Test func bodiesOverOneMegabyteAre413() async throws {
        let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: RequestLimits.maxBodyBytes + 1)
        try await fixture.app().test(.router) { client in
            for uri in ["/articles", "/search?q=an"] {
                try await client.execute(uri: uri, method: .post,
                                         headers: [.authorization: "Bearer \(fixture.token)", .contentLength: String(big.readableBytes)],
                                         body: big) { response in
                    #expect(response.status == .contentTooLarge, "\(uri)")
                    #expect(isErrorBody(response.body, status: .contentTooLarge))
                }
            }
            // Without a declared length (chunked), the route stops reading at the limit.
            try await client.execute(uri: "/articles", method: .post, headers: [.authorization: "Bearer \(fixture.token)"],
                                     body: big) { response in
                #expect(response.status == .contentTooLarge)
                #expect(isErrorBody(response.body, status: .contentTooLarge))
            }
        }
    }

    @Test func aMissingIndexIs503NotACrash() async throws {
        let settings = ServerSettings(databasePath: fixture.folder.appendingPathComponent("nowhere").path)
        try await fixture.app(settings).test(.router) { client in
            for uri in ["/health", "/stats", "/search?q=an", "/articles/0123456789abcdef"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .serviceUnavailable, "\(uri)")
                    #expect((json(response.body)["error"] as? String)?.contains("no index") == true, "\(uri)")
                }
            }
        }
    }

    @Test func aBrokenIndexIs503() async throws {
        // Xapian's version file overwritten with garbage: the database cannot be opened.
        let version = URL(fileURLWithPath: fixture.db).appendingPathComponent("iamglass")
        try Data("not a database".utf8).write(to: version)
        try await fixture.app().test(.router) { client in
            for uri in ["/health", "/search?q=an"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .serviceUnavailable, "\(uri)")
                    #expect(isErrorBody(response.body, status: .serviceUnavailable), "\(uri)")
                }
            }
        }
    }

    @Test func workPastTheDeadlineIsAnsweredWithoutWaitingForIt() async throws {
        // The work waits for the test to let it go: only the deadline can answer first.
        // (No wall-clock assertion: other suites may keep every thread busy for a while.)
        let gate = DispatchSemaphore(value: 0)
        await #expect(throws: BlockingWork.TimedOut.self) {
            try await BlockingWork.run(within: 0.05) { _ = gate.wait(timeout: .now() + 60); return 1 }
        }
        gate.signal()
        #expect(try await BlockingWork.run(within: 30) { 42 } == 42)
    }
}

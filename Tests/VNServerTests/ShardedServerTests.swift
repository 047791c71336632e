import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VNSearch
@testable import VNServer
import VNTestSupport

/// The server over a stub of remote shards (`xapian-tcpsrv`): a shard that is down is
/// named in a 503, and the server recovers by itself once the shard is back.
@Suite struct ShardedServerTests {
    @Test func aShardDownIsNamedAndTheServerRecoversWhenItIsBack() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try FileManager.default.copyItem(at: ServerFixture.seed, to: fixture.corpus.appendingPathComponent("ban-sao.txt"))
        _ = try Indexer(databasePath: fixture.db, shards: 2).run(paths: [fixture.corpus.path])
        let first = try XapianServer.tcpsrv(fixture.db + "/shard0")
        defer { first.stop() }
        let port = try XapianServer.freePort()
        let stub = fixture.folder.appendingPathComponent("remote.stub").path
        try "remote 127.0.0.1:\(first.port)\nremote 127.0.0.1:\(port)\n".write(toFile: stub, atomically: true, encoding: .utf8)
        var settings = fixture.settings
        settings.databasePath = stub

        try await fixture.app(settings).test(.router) { client in
            for uri in ["/search?q=x%C3%B3m+Ch%C4%83m", "/health"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(isErrorBody(response.body, status: .serviceUnavailable))
                    #expect((json(response.body)["error"] as? String)?.contains("shard 127.0.0.1:\(port)") == true)
                }
            }
            let second = try XapianServer.tcpsrv(fixture.db + "/shard1", port: port)
            defer { second.stop() }
            try await client.execute(uri: "/search?q=x%C3%B3m+Ch%C4%83m", method: .get) { response in
                #expect(response.status == .ok)
                // The seed and its copy: one in each shard (or both in one), found through both servers.
                #expect(json(response.body)["total"] as? Int ?? 0 >= 2)
                #expect((json(response.body)["results"] as? [Any])?.count == 2)
            }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}

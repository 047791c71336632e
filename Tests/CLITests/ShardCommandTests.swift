import Foundation
import Testing
import VNTestSupport

/// Scale-out from the command line: `index --shards`, a stub of remote shards as `--db`,
/// a shard that is down, and a read replica kept by Xapian's replication tools.
@Suite struct ShardCommandTests {
    let cli: CLI

    init() throws {
        cli = try CLI()
        try FileManager.default.copyItem(at: CLI.seed, to: cli.directory.appendingPathComponent("corpus/ban-sao.txt"))
    }

    @Test func indexWritesShardsThatSearchStatsAndCheckRead() throws {
        defer { cli.remove() }
        let indexed = try cli.run("index", "--shards", "3")
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let stub = try String(contentsOf: cli.directory.appendingPathComponent("index/XAPIANDB"), encoding: .utf8)
        #expect(stub == "auto shard0\nauto shard1\nauto shard2\n")
        let search = try cli.run("search", "xóm Chăm", "--json")
        #expect(search.status == 0)
        #expect((search.json?["results"] as? [Any])?.count == 2)
        #expect(try cli.run("stats").stdout.contains("in 2 articles"))
        let check = try cli.run("check")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // The next run keeps the three shards and has nothing to do.
        let again = try cli.run("index", "--json")
        #expect(again.json?["unchanged"] as? Int == 2)
        #expect(try String(contentsOf: cli.directory.appendingPathComponent("index/XAPIANDB"), encoding: .utf8) == stub)
    }

    /// `--lean` is one database without Xapian's termlist: not with shards.
    @Test func aLeanIndexIsOneDatabaseWithoutATermlist() throws {
        defer { cli.remove() }
        let refused = try cli.run("index", "--lean", "--shards", "2")
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--lean writes one database"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("index").path))

        #expect(try cli.run("index", "--lean", "--quiet").status == 0)
        let index = cli.directory.appendingPathComponent("index")
        #expect(FileManager.default.fileExists(atPath: index.appendingPathComponent("iamglass").path))
        #expect(!FileManager.default.fileExists(atPath: index.appendingPathComponent("termlist.glass").path))
        #expect((try cli.run("search", "xóm Chăm", "--json").json?["results"] as? [Any])?.count == 2)
        try FileManager.default.removeItem(at: cli.directory.appendingPathComponent("corpus/ban-sao.txt"))
        #expect(try cli.run("index", "--json").json?["removed"] as? Int == 1)
        #expect((try cli.run("search", "xóm Chăm", "--json").json?["results"] as? [Any])?.count == 1)
        let check = try cli.run("check")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func aBadShardCountIsAUsageError() throws {
        defer { cli.remove() }
        for count in ["0", "65", "x"] {
            let result = try cli.run("index", "--shards", count)
            #expect(result.status == 64)
            #expect(result.stderr.contains("--shards"))
        }
    }

    @Test func aShardThatIsDownIsNamedAndTheExitCodeIs1() throws {
        defer { cli.remove() }
        #expect(try cli.run("index", "--shards", "2", "--quiet").status == 0)
        let up = try XapianServer.tcpsrv(cli.directory.appendingPathComponent("index/shard0").path)
        defer { up.stop() }
        let down = try XapianServer.freePort()
        try "remote 127.0.0.1:\(up.port)\nremote 127.0.0.1:\(down)\n"
            .write(to: cli.directory.appendingPathComponent("remote.stub"), atomically: true, encoding: .utf8)
        let result = try cli.run("search", "Khmer", "--db", "remote.stub")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("vnsearch: shard 127.0.0.1:\(down) of index 'remote.stub' is unavailable"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    /// README "Scaling out": xapian-replicate-server on the master's parent folder,
    /// xapian-replicate on the reader; after a re-index the replica has the new article.
    @Test func aReplicaServesTheNewArticleAfterAReindex() throws {
        defer { cli.remove() }
        #expect(try cli.run("index", "--quiet").status == 0)
        let master = try XapianServer.replicationMaster(cli.directory.path)
        defer { master.stop() }
        let replica = cli.directory.appendingPathComponent("replica").path
        func replicate() throws { #expect(try master.replicate(master: "index", to: replica) == 0) }
        try replicate()
        #expect((try cli.run("search", "xóm Chăm", "--db", "replica", "--json").json?["results"] as? [Any])?.isEmpty == false)
        #expect(try cli.run("search", "Ok Om Bok", "--db", "replica", "--json").json?["total"] as? Int == 0)

        try "Lễ hội Ok Om Bok của đồng bào Khmer ở Sóc Trăng năm nay đón hàng vạn lượt khách."
            .write(to: cli.directory.appendingPathComponent("corpus/ok-om-bok.txt"), atomically: true, encoding: .utf8)
        #expect(try cli.run("index", "--quiet").status == 0)
        try replicate()
        let found = try cli.run("search", "Ok Om Bok", "--db", "replica", "--json")
        let first = (found.json?["results"] as? [[String: Any]])?.first?["article"] as? [String: Any]
        #expect((first?["path"] as? String)?.hasSuffix("ok-om-bok.txt") == true)
    }
}

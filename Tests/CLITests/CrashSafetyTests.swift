import Foundation
import Testing

/// `kill -9` at any moment of an indexing run leaves a database that opens and answers,
/// and the next run converges to what a clean build gives: the same articles, passages
/// and ranking. On the 1k news sample of ../shared/corpora.
@Suite struct CrashSafetyTests {
    let cli: CLI

    init() throws {
        cli = try CLI()
        let archive = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/vnnews-1k.tar.gz")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-xzf", archive.path, "-C", cli.directory.appendingPathComponent("corpus").path]
        try tar.run()
        tar.waitUntilExit()
        try #require(tar.terminationStatus == 0, "cannot extract \(archive.path)")
    }

    /// Starts `vnsearch ARGS`, kills it with SIGKILL after `seconds`; true if it was still running.
    private func killed(after seconds: Double, _ arguments: [String]) throws -> Bool {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = cli.directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        let running = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return running
    }

    private func stats(_ db: String) throws -> [String: Any] {
        let result = try cli.run("stats", "--db", db, "--json")
        #expect(result.status == 0, "stats after a kill: \(result.stderr)")
        return result.json ?? [:]
    }

    /// Top 10 as (article, passage, score) for a few queries.
    private func ranking(_ db: String) throws -> [String] {
        try ["người Hoa", "an ninh Tổ quốc", "dan toc thieu so", "Hà Nội OR Huế", "bóng đá"].flatMap { query in
            let result = try cli.run("search", query, "--db", db, "--json", "--per-article", "3")
            #expect(result.status == 0, "search '\(query)': \(result.stderr)")
            let hits = result.json?["results"] as? [[String: Any]] ?? []
            return hits.map { hit in
                let article = (hit["article"] as? [String: Any])?["id"] as? String ?? ""
                let passage = (hit["passage"] as? [String: Any])?["index"] as? Int ?? -1
                return "\(query) \(article)-\(passage) \(hit["score"] as? Double ?? 0)"
            }
        }
    }

    @Test func killedRunsConvergeToACleanBuild() throws {
        defer { cli.remove() }
        var kills = 0
        for delay in [0.5, 2.0, 4.0, 6.5] {
            if try killed(after: delay, ["index", "--quiet"]) { kills += 1 }
            _ = try stats("index")
            let search = try cli.run("search", "người Hoa", "--json")
            #expect(search.status == 0, "search after a kill at \(delay) s: \(search.stderr)")
        }
        #expect(kills >= 2, "the indexer finished before most kills: the test proves little")

        // A rebuild killed midway leaves the old index exactly as it was.
        let finished = try cli.run("index", "--quiet")
        #expect(finished.status == 0)
        let before = try stats("index")
        if try killed(after: 3.0, ["index", "--full", "--quiet"]) {
            let after = try stats("index")
            #expect(after["documents"] as? Int == before["documents"] as? Int)
            #expect(after["revision"] as? Int == before["revision"] as? Int)
        }

        // Converged: nothing left to do, and the same as a clean build.
        let again = try cli.run("index", "--json")
        #expect(again.status == 0)
        #expect(again.json?["added"] as? Int == 0 && again.json?["updated"] as? Int == 0 && again.json?["removed"] as? Int == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.contains(".rebuild-") }
        #expect(leftovers.isEmpty)
        #expect(try cli.run("index", "--db", "clean", "--quiet").status == 0)
        let recovered = try stats("index"), clean = try stats("clean")
        #expect(recovered["documents"] as? Int == clean["documents"] as? Int)
        #expect(recovered["articles"] as? Int == clean["articles"] as? Int)
        #expect(try ranking("index") == ranking("clean"))
        #expect(try cli.run("check").status == 0)
    }
}

import Foundation
import Testing
@testable import VNSearch

/// End to end through the `vnsearch` binary: output shapes, exit codes, one-line errors.
@Suite(.serialized) struct CLITests {
    let cli: CLI

    init() throws {
        cli = try CLI()
    }

    private func indexed() throws -> CLI {
        let result = try cli.run("index", "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        return cli
    }

    @Test func indexPrintsTheContractSummary() throws {
        defer { cli.remove() }
        let result = try cli.run("index", "--json")
        #expect(result.status == 0)
        let json = try #require(result.json)
        #expect(Set(json.keys).isSuperset(of: ["added", "updated", "removed", "unchanged", "skipped", "passages", "bytes", "seconds"]))
        #expect(json["added"] as? Int == 1)
        #expect((json["passages"] as? Int ?? 0) > 15)
        let again = try #require(try cli.run("index", "--json").json)
        #expect(again["unchanged"] as? Int == 1)
        #expect(again["added"] as? Int == 0)
    }

    @Test func humanIndexSummaryNamesTheCounts() throws {
        defer { cli.remove() }
        let result = try cli.run("index")
        #expect(result.status == 0)
        #expect(result.stdout.contains("1 added"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func searchJSONHasTheContractShape() throws {
        defer { cli.remove() }
        let result = try indexed().run("search", "nguoi hoa bac lieu", "--json")
        #expect(result.status == 0)
        let json = try #require(result.json)
        #expect(Set(json.keys) == ["query", "total", "took_ms", "relaxed", "suggestion", "interpreted", "matched_all", "corrected",
                                   "results", "facets", "facets_exact"])
        #expect(json["suggestion"] as? String == "người Hoa Bạc Liêu")
        let interpreted = try #require(json["interpreted"] as? [String: Any])
        #expect(interpreted["ethnic"] as? [String] == ["Hoa"])
        #expect(interpreted["province"] as? [String] == ["Bạc Liêu"])
        #expect(interpreted["readings"] as? String == "người Hoa Bạc Liêu")
        let first = try #require((json["results"] as? [[String: Any]])?.first)
        let article = try #require(first["article"] as? [String: Any])
        let passage = try #require(first["passage"] as? [String: Any])
        #expect(article["path"] as? String == "corpus/seed.txt")
        #expect(article["date"] as? String == "2024-08")
        #expect((passage["text"] as? String)?.contains("Tổ tự quản trong người Hoa") == true)
        #expect((passage["highlighted"] as? String)?.contains("<mark>người Hoa</mark>") == true)
        #expect(first["rank"] as? Int == 1)
    }

    @Test func humanSearchOutputIsPlainWhenPiped() throws {
        defer { cli.remove() }
        let result = try indexed().run("search", "xóm Chăm")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Read as: ethnic group Chăm\n\n1. "))
        #expect(result.stdout.contains("corpus/seed.txt"))
        #expect(result.stdout.contains("(2024-08)"))
        #expect(result.stdout.contains("Rủ nhau làm tốt xóm Chăm"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func noResultsIsSuccess() throws {
        defer { cli.remove() }
        let result = try indexed().run("search", "Hoa Kỳ")
        #expect(result.status == 0)
        #expect(result.stdout.contains("No results"))
    }

    @Test func emptyQueryIsAUsageError() throws {
        defer { cli.remove() }
        for query in ["", "   ", "?!;..."] {
            let result = try indexed().run("search", query)
            #expect(result.status == 64)
            #expect(result.stderr.contains("empty query"))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func badDateAndBadFlagAreUsageErrors() throws {
        defer { cli.remove() }
        _ = try indexed()
        let date = try cli.run("search", "an ninh", "--from", "August")
        #expect(date.status == 64)
        #expect(date.stderr.contains("bad date 'August'"))
        let flag = try cli.run("search", "an ninh", "--no-such-flag")
        #expect(flag.status == 64)
    }

    @Test func missingIndexIsARuntimeFailure() throws {
        defer { cli.remove() }
        let result = try cli.run("search", "an ninh", "--db", "nowhere")
        #expect(result.status == 1)
        #expect(result.stderr == "vnsearch: no index at 'nowhere': run `vnsearch index` first\n")
    }

    @Test func missingCorpusPathIsARuntimeFailure() throws {
        defer { cli.remove() }
        let result = try cli.run("index", "nowhere")
        #expect(result.status == 1)
        #expect(result.stderr == "vnsearch: corpus path 'nowhere' does not exist\n")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("index").path))
    }

    @Test func databasePathThatIsAFileIsRefused() throws {
        defer { cli.remove() }
        try Data("x".utf8).write(to: cli.directory.appendingPathComponent("db"))
        let result = try cli.run("index", "--db", "db")
        #expect(result.status == 1)
        #expect(result.stderr.contains("is a regular file"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func lockedDatabaseGetsAClearMessage() throws {
        defer { cli.remove() }
        _ = try indexed()
        let holder = try WritableDatabase(path: cli.directory.appendingPathComponent("index").path)
        try Data("Tin mới\nNgười Chăm.".utf8).write(to: cli.directory.appendingPathComponent("corpus/new.txt"))
        let result = try cli.run("index")
        #expect(result.status == 1)
        #expect(result.stderr.contains("being updated by another process"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        withExtendedLifetime(holder) {}
        // Readers keep working while the writer holds the lock.
        #expect(try cli.run("search", "xóm Chăm").status == 0)
    }

    @Test func batchAnswersEveryLineInOrder() throws {
        defer { cli.remove() }
        let result = try indexed().run("search", "--batch", stdin: "xóm Chăm\nHoa Kỳ\n\nnguoi hoa bac lieu\n")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 4)
        #expect(lines[0]?["query"] as? String == "xóm Chăm")
        #expect((lines[1]?["results"] as? [Any])?.isEmpty == true)
        #expect((lines[2]?["error"] as? String)?.contains("empty query") == true)
        #expect(lines[3]?["query"] as? String == "nguoi hoa bac lieu")
    }

    @Test func statsCountsPassagesAndArticles() throws {
        defer { cli.remove() }
        let json = try #require(try indexed().run("stats", "--json").json)
        #expect(json["articles"] as? Int == 1)
        #expect((json["documents"] as? Int ?? 0) > 15)
        #expect((json["revision"] as? Int ?? 0) >= 1)
    }

    @Test func entitiesLinesAnswersEachLine() throws {
        defer { cli.remove() }
        let input = "nguoi Khmer o Soc Trang\n\nQuan hệ Việt Nam - Hoa Kỳ\nmô hình \"Rủ nhau làm tốt xóm Chăm\" của tỉnh An Giang\n"
        let result = try cli.run("entities", "--lines", "--json", stdin: input)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 4)
        let objects = lines.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
        #expect(objects[0]["province"] as? [String] == ["Sóc Trăng"])
        #expect(objects[0]["ethnic"] as? [String] == ["Khmer"])
        #expect(objects[1]["province"] as? [String] == [])
        #expect(objects[2]["ethnic"] as? [String] == [])
        #expect(objects[3]["model"] as? [String] == ["Rủ nhau làm tốt xóm Chăm"])
        #expect(objects[3]["ethnic"] as? [String] == ["Chăm"])
        let spans = objects[0]["spans"] as? [[String: Any]]
        #expect(spans?.first?["start"] as? Int == 6)
        #expect(spans?.first?["end"] as? Int == 11)
    }

    /// A line that is not NFC: its spans' offsets and text are the line's own bytes.
    @Test func entitiesLinesOffsetsIndexTheInput() throws {
        defer { cli.remove() }
        let line = "Bệnh nhân ở Hà Nội".decomposedStringWithCanonicalMapping
        let result = try cli.run("entities", "--lines", stdin: line + "\n")
        #expect(result.status == 0)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
        let span = (object?["spans"] as? [[String: Any]])?.first
        #expect(span?["start"] as? Int == 22)
        #expect(span?["end"] as? Int == 34)
        #expect((span?["text"] as? String)?.utf8.elementsEqual(Array(line.utf8)[22..<34]) == true)
    }

    @Test func entitiesOfAFile() throws {
        defer { cli.remove() }
        let result = try cli.run("entities", "corpus/seed.txt", "--json")
        #expect(result.status == 0)
        let json = try #require(result.json)
        #expect(Set(json["province"] as? [String] ?? []) == [
            "Sóc Trăng", "An Giang", "Bạc Liêu", "Bến Tre", "Cần Thơ", "Cà Mau", "Đồng Tháp", "Hậu Giang", "Kiên Giang", "Long An",
        ])
        #expect(Set(json["ethnic"] as? [String] ?? []) == ["Khmer", "Hoa", "Chăm"])
        #expect((json["model"] as? [String])?.count == 9)
        let missing = try cli.run("entities", "nowhere.txt")
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("vnsearch: cannot read 'nowhere.txt'"))
    }

    @Test func checkSaysWhetherTheIndexFollowsTheCorpus() throws {
        defer { cli.remove() }
        _ = try indexed()
        let good = try cli.run("check")
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.contains("Xapian check: no errors"))
        try Data("Tin mới\nNgười Chăm.".utf8).write(to: cli.directory.appendingPathComponent("corpus/new.txt"))
        let bad = try cli.run("check", "--json")
        #expect(bad.status == 1)
        #expect((bad.json?["problems"] as? [String]) == ["not indexed: corpus/new.txt"])
        #expect(try cli.run("check", "--db", "nowhere").status == 1)
    }

    @Test func everySubcommandHasHelp() throws {
        defer { cli.remove() }
        for command in ["index", "search", "entities", "serve", "stats", "check"] {
            let result = try cli.run(command, "--help")
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE"))
        }
    }
}

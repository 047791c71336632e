import ArgumentParser
import Foundation
import VNSearch

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index and print ranked passages.",
        discussion: """
            Query syntax: words (every syllable must match, diacritics optional, nearer is \
            better), "a phrase", Khmer OR Chăm, -word / NOT word, province:"An Giang", \
            ethnic:Khmer, model:"xóm Chăm", date:2018..2024-08.
            With --batch, reads one query per line on stdin and writes one JSON object per line.
            """
    )

    @Argument(help: "The query (omit with --batch).")
    var query: String?

    @Option(name: .long, help: "Database directory or Xapian stub file.")
    var db = "index"

    @Option(help: "Results to show (1-100).")
    var limit = 10

    @Option(help: "Results to skip, for paging (0-10000).")
    var offset = 0

    @Option(name: .customLong("per-article"), help: "Passages shown per article (1-100).")
    var perArticle = 1

    @Option(help: "Only passages of articles that name this province (repeatable); passages that name it themselves rank first.")
    var province: [String] = []

    @Option(help: "Only passages of articles that name this ethnic community (repeatable); passages that name it themselves rank first.")
    var ethnic: [String] = []

    @Option(help: "Only passages of articles that name this model (mô hình) (repeatable); passages that name it themselves rank first.")
    var model: [String] = []

    @Option(help: "Articles dated on or after YYYY[-MM[-DD]].")
    var from: String?

    @Option(help: "Articles dated on or before YYYY[-MM[-DD]].")
    var to: String?

    @Flag(help: "Map provinces to the 2025 merged provinces.")
    var merged = false

    @Flag(help: "Search exactly what was typed, even when a word is in no passage (no \"Kết quả cho\" correction).")
    var noCorrect = false

    @Flag(help: "Print the JSON result object.")
    var json = false

    @Option(help: "Print the results for a report: csv (RFC 4180, a header row) or jsonl (one hit per line), up to 1,000 rows from --offset on.")
    var format: ResultExport.Format?

    @Flag(help: "Read queries from stdin, one per line; write one JSON line each.")
    var batch = false

    func validate() throws {
        if batch && query != nil { throw ValidationError("give either a QUERY or --batch, not both") }
        if format != nil && (batch || json) { throw ValidationError("--format does not go with --batch or --json") }
        if !batch && query == nil { throw ValidationError("missing QUERY (or use --batch)") }
    }

    func run() throws {
        let engine: SearchEngine
        do {
            engine = try SearchEngine(databasePath: db)
        } catch {
            throw failure("\(error)")
        }
        if batch {
            try runBatch(engine)
            return
        }
        if let format {
            do {
                print(try ResultExport.render(try ResultExport.hits(request(query ?? "")) { try engine.search($0) }, as: format),
                      terminator: "")
            } catch let error as SearchError {
                throw error.isUsage ? usageFailure(error.description) : failure(error.description)
            }
            return
        }
        let response: SearchResponse
        do {
            response = try engine.search(request(query ?? ""))
        } catch let error as SearchError {
            throw error.isUsage ? usageFailure(error.description) : failure(error.description)
        } catch {
            throw failure("search failed: \(error)")
        }
        if json {
            print(try Self.encode(response))
        } else {
            print(HumanOutput.render(response), terminator: "")
        }
    }

    /// One process, many queries: a bad query answers with an error object on its line.
    private func runBatch(_ engine: SearchEngine) throws {
        while let line = readLine(strippingNewline: true) {
            do {
                print(try Self.encode(try engine.search(request(line))))
            } catch {
                print(#"{"query":\#(Self.quote(line)),"error":\#(Self.quote("\(error)"))}"#)
            }
            fflush(nil)  // all streams: the reader waits for this line
        }
    }

    private func request(_ text: String) -> SearchRequest {
        var request = SearchRequest(query: text)
        request.limit = limit
        request.offset = offset
        request.perArticle = perArticle
        request.provinces = province
        request.ethnics = ethnic
        request.models = model
        request.from = from
        request.to = to
        request.merged = merged
        request.correct = !noCorrect
        return request
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func quote(_ text: String) -> String {
        (try? encode(text)) ?? "\"\""
    }
}

extension ResultExport.Format: ExpressibleByArgument {}

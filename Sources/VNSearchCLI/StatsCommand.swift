import ArgumentParser
import Foundation
import VNSearch

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Show how many passages and articles the index holds.")

    @Option(name: .long, help: "Database directory or Xapian stub file.")
    var db = "index"

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let stats: IndexStats
        do {
            stats = try IndexStats(databasePath: db)
        } catch {
            throw failure("\(error)")
        }
        if json {
            print(try SearchCommand.encode(stats))
        } else {
            print("\(stats.path): \(stats.documents) passages in \(stats.articles) articles, revision \(stats.revision)")
        }
    }
}

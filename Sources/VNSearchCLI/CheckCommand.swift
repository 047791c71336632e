import ArgumentParser
import Foundation
import VNSearch

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the database and that it holds exactly what the corpus holds.",
        discussion: "Runs Xapian's own check, compares the manifest with the documents and with the files under PATH. Exit 1 when anything is inconsistent; `vnsearch index` repairs what it lists."
    )

    @Argument(help: "Corpus files or folders to compare with (default: corpus).")
    var paths: [String] = ["corpus"]

    @Option(name: .long, help: "Database directory.")
    var db = "index"

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let report: IndexChecker.Report
        do {
            report = try IndexChecker(databasePath: db).check(paths: paths)
        } catch {
            throw failure("\(error)")
        }
        if json {
            print(try SearchCommand.encode(report))
        } else {
            let xapian = report.databaseErrors == 0 ? "Xapian check: no errors" : "Xapian check: \(report.databaseErrors) error(s)"
            print("\(db): \(report.documents) passages in \(report.articles) articles; \(xapian)")
            for problem in report.problems { print("  \(problem)") }
            print(report.ok ? "consistent with \(paths.joined(separator: " "))" : "\(report.problems.count) problem(s): run `vnsearch index` to repair")
        }
        if !report.ok { throw ExitCode(1) }
    }
}

import ArgumentParser
import Foundation
import VNSearch

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index report files into the database (incremental by default).",
        discussion: """
            Adds new .txt files, re-indexes changed ones (by content hash) and removes \
            articles whose files are gone. Empty and binary files are skipped with a reason.
            """
    )

    @Argument(help: "Report files or folders (searched recursively for *.txt).")
    var paths: [String] = ["corpus"]

    @Option(name: .long, help: "Database directory.")
    var db = "index"

    @Flag(help: "Rebuild: drop every article, then index what is found.")
    var full = false

    @Option(help: ArgumentHelp(
        "Threads analysing files (default: the cores this process may run on).",
        discussion: "A new index is also written by this many writers (at most 4), merged into one database at the end."))
    var jobs = AvailableCores.count

    @Option(help: ArgumentHelp(
        "Write N shard databases inside the --db folder, with a XAPIANDB stub listing them.",
        discussion: "Articles are placed by a hash of their id. Default: the layout the index has (one database for a new index); another N rebuilds it."))
    var shards: Int?

    @Flag(help: ArgumentHelp(
        "Write one database without Xapian's termlist: about 30% smaller.",
        discussion: "Changed and removed articles then stay on disk, left out of every search, until --full; xapian-replicate cannot copy the index and xapian-tcpsrv should not serve it. An existing index (sharded too) is rebuilt as one lean database once; a lean index stays lean. Not with --shards."))
    var lean = false

    @Flag(help: "Keep running and index changes within about 2 s of a file being written (Ctrl-C stops).")
    var watch = false

    @Flag(help: "Print one JSON summary object (with --watch, one per run).")
    var json = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256") }
        if let shards, !(1...ShardLayout.maxShards).contains(shards) {
            throw ValidationError("--shards must be between 1 and \(ShardLayout.maxShards)")
        }
        if lean, let shards, shards > 1 { throw ValidationError("--lean writes one database: drop --shards \(shards)") }
    }

    func run() throws {
        let stop = StopSignal(enabled: watch)
        let indexer = Indexer(databasePath: db, jobs: jobs, shards: shards, lean: lean)
        if watch { indexer.shouldStop = { stop.received } }
        let watcher = CorpusWatcher(paths: paths)
        let before = watch ? watcher.snapshot() : [:]

        let bar = ProgressBar(enabled: Terminal.stderrIsTTY && !quiet && !json)
        let summary: IndexSummary
        do {
            summary = try indexer.run(paths: paths, full: full) { progress in
                bar.update(done: progress.done, total: progress.total, label: progress.path)
            }
        } catch let error as IndexError {
            bar.finish()
            throw failure(error.description)
        } catch {
            bar.finish()
            throw failure("indexing failed: \(error)")
        }
        bar.finish()
        try report(summary)
        guard watch else { return }

        if !quiet && !json { Terminal.error("watching \(paths.joined(separator: " ")) for changes (Ctrl-C stops)") }
        watcher.watch(indexer: indexer, since: before, shouldStop: { stop.received },
                      onRun: { try? report($0) },
                      onError: { Terminal.error("\($0)") })
        if !quiet && !json { Terminal.error("stopped") }
    }

    private func report(_ summary: IndexSummary) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            fflush(nil)  // all streams: a reader of --watch --json waits for each line
            return
        }
        for skipped in summary.skipped { Terminal.error("skipped \(skipped.path): \(skipped.reason)") }
        for warning in summary.warnings { Terminal.error("warning \(warning.path): \(warning.reason)") }
        if quiet { return }
        let size = summary.bytes < 1_000_000
            ? String(format: "%.1f KB", Double(summary.bytes) / 1_000) : String(format: "%.1f MB", Double(summary.bytes) / 1_000_000)
        print("""
            Indexed \(paths.joined(separator: " ")) into \(db): \(summary.added) added, \(summary.updated) updated, \
            \(summary.removed) removed, \(summary.unchanged) unchanged, \(summary.skipped.count) skipped; \
            \(summary.passages) passages, \(size) in \(String(format: "%.2f", summary.seconds)) s
            """)
        fflush(nil)
    }
}

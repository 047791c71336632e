import Foundation

/// `vnsearch index --watch`: polls the corpus folders and runs the indexer when a report
/// file (or `synonyms.txt`) appears, changes or goes. A change is applied once the files
/// have stayed the same for one poll, so a file still being written is indexed when it
/// is complete, not half-way (debounce).
public struct CorpusWatcher {
    public let paths: [String]
    /// Seconds between looks at the folders: changes show up within about two of these.
    public var pollInterval = 0.5

    public init(paths: [String]) {
        self.paths = paths
    }

    /// Size and modification time of every file that would be indexed, and of the
    /// synonyms files. Stat only: nothing is read.
    public func snapshot() -> [String: [Double]] {
        var stamps: [String: [Double]] = [:]
        let synonyms = paths.map { URL(fileURLWithPath: $0).appendingPathComponent(Synonyms.fileName) }
        let files = ((try? CorpusScanner().scan(paths)) ?? []).map(\.url) + synonyms
        for url in files {
            guard let status = try? FileStatus(path: url.path) else { continue }
            stamps[url.path] = [Double(status.size), status.modified]
        }
        return stamps
    }

    /// Watches until `shouldStop` says so (checked every tenth of a second). `since` is the
    /// snapshot taken before the last run; each run's summary or error goes to the caller.
    public func watch(indexer: Indexer, since applied: [String: [Double]], shouldStop: () -> Bool,
                      onRun: (IndexSummary) -> Void, onError: (Error) -> Void) {
        var applied = applied
        var pending: [String: [Double]]?
        while !shouldStop() {
            let wake = Date().addingTimeInterval(pollInterval)
            while Date() < wake && !shouldStop() { Thread.sleep(forTimeInterval: 0.1) }
            if shouldStop() { return }
            let now = snapshot()
            if now == applied {
                pending = nil
            } else if now != pending {
                pending = now  // changed since the last look: maybe still being written
            } else {
                applied = now
                pending = nil
                do {
                    onRun(try indexer.run(paths: paths))
                } catch {
                    onError(error)
                }
            }
        }
    }
}

import Foundation
import VNSearch

/// Search engines for concurrent requests: Xapian readers are not thread-safe, so each
/// request borrows an engine of its own and gives it back. An engine is reopened on
/// checkout, so a re-index is visible without restarting the server.
public final class EnginePool: @unchecked Sendable {
    public let databasePath: String
    private let lock = NSLock()
    private var idle: [SearchEngine] = []
    private let maxIdle: Int

    public init(databasePath: String, maxIdle: Int = 16) {
        self.databasePath = databasePath
        self.maxIdle = maxIdle
    }

    public func withEngine<T>(_ body: (SearchEngine) throws -> T) throws -> T {
        let engine = try checkout()
        // Any other failure is the index's (a shard down, a broken file): that engine is
        // not given back, since its connections may be dead; the next request opens the
        // index afresh and so recovers by itself once the shard is back.
        do {
            try engine.refresh()
            let result = try body(engine)
            checkin(engine)
            return result
        } catch let error as SearchError where error.isUsage {
            checkin(engine)
            throw error
        }
    }

    private func checkout() throws -> SearchEngine {
        lock.lock()
        let engine = idle.popLast()
        lock.unlock()
        return try engine ?? SearchEngine(databasePath: databasePath)
    }

    private func checkin(_ engine: SearchEngine) {
        lock.lock()
        if idle.count < maxIdle { idle.append(engine) }
        lock.unlock()
    }
}

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
    /// Requests holding an engine now.
    private var busy = 0

    /// Whether a search alone may share its work with a second core (tests say no).
    private let hasSpareCore: Bool

    public init(databasePath: String, maxIdle: Int = 16, hasSpareCore: Bool = AvailableCores.hasSpare) {
        self.databasePath = databasePath
        self.maxIdle = maxIdle
        self.hasSpareCore = hasSpareCore
    }

    public func withEngine<T>(_ body: (SearchEngine) throws -> T) throws -> T {
        let alone = started()
        defer { ended() }
        let engine = try checkout()
        // A search alone may spend a second core to answer sooner; beside others, the
        // cores are taken and the extra work would slow them all.
        engine.sharesFirstPass = alone && hasSpareCore
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

    /// Engines open: idle ones and those requests hold now.
    public var size: Int { lock.withLock { idle.count + busy } }

    /// Counts a request in; true when it is the only one.
    private func started() -> Bool {
        lock.withLock {
            busy += 1
            return busy == 1
        }
    }

    private func ended() {
        lock.withLock { busy -= 1 }
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

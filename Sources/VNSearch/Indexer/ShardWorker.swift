import Foundation

/// The thread that writes one shard. Jobs run one at a time, in the order given, so the
/// shard's Xapian writer (not thread-safe) is never used by two threads at once.
///
/// Jobs are queued: the indexer hands over a chunk's writes and goes on preparing the
/// next files while each shard writes and commits at its own pace, rather than every
/// chunk ending with the shards done and idle, their cores unused.
final class ShardWorker: @unchecked Sendable {
    typealias Job = () throws -> Void

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var running = false
    private var stopping = false
    private var ended = false
    /// The first error a job threw; this shard's jobs queued after it are skipped until
    /// `finish` takes it (they belong to a transaction the caller cancels). The other
    /// shards go on with what they were given, commits included: each commit holds
    /// whole articles with their manifest entries, so nothing lands half written.
    private var failure: Error?
    /// Jobs that may wait before `submit` blocks: bounds the documents held in memory.
    private let depth: Int

    init(name: String, depth: Int = 2) {
        self.depth = max(1, depth)
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Queues `job`, waiting while `depth` jobs are already waiting. Throws (without
    /// queuing) the failure of an earlier job that `finish` has not taken yet.
    func submit(_ job: @escaping Job) throws {
        condition.lock()
        defer { condition.unlock() }
        precondition(!stopping, "a job submitted to a stopped shard worker")
        while queue.count >= depth && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(job)
        condition.broadcast()
    }

    /// Waits until every queued job has run; returns the first failure since the last
    /// call, and forgets it, so the jobs submitted next run again.
    func finish() -> Error? {
        condition.lock()
        defer { condition.unlock() }
        while !queue.isEmpty || running { condition.wait() }
        defer { failure = nil }
        return failure
    }

    /// Runs what is queued, then ends the thread; returns once it has ended. Nothing may
    /// be submitted after.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        if stopping { return }
        stopping = true
        condition.broadcast()
        while !ended { condition.wait() }
    }

    private func loop() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                break
            }
            var job: Job? = queue.removeFirst()
            let skip = failure != nil
            running = true
            condition.broadcast()
            condition.unlock()

            var error: Error?
            if !skip {
                do { try job?() } catch let thrown { error = thrown }
            }
            job = nil  // what it captured (documents, the shard) is released here, not later

            condition.lock()
            if let error, failure == nil { failure = error }
            running = false
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }
}

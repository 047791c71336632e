import Foundation
import NIOCore
import NIOPosix

/// Runs Xapian work (blocking, CPU-bound) on NIO's thread pool, one thread per core, so
/// event loops keep serving connections, with a deadline: past it the request is
/// answered 503 and the work's result, when it comes, is dropped.
enum BlockingWork {
    struct TimedOut: Error, CustomStringConvertible {
        let seconds: Double
        var description: String { "the request took longer than \(seconds) s" }
    }

    static func run<T: Sendable>(within seconds: Double, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let once = Once<T>()
        return try await withCheckedThrowingContinuation { continuation in
            once.continuation = continuation
            let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
                once.resume(with: .failure(TimedOut(seconds: seconds)))
            }
            NIOThreadPool.singleton.submit { state in
                // Work queued behind slow requests past its deadline is not started.
                guard !once.isResumed else { return }
                let result: Result<T, Error> = state == .active ? Result { try work() } : .failure(CancellationError())
                timer.cancel()
                once.resume(with: result)
            }
        }
    }

    /// Resumes a continuation once, whichever of the work and the timer comes first.
    private final class Once<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        var continuation: CheckedContinuation<T, Error>?

        var isResumed: Bool {
            lock.lock()
            defer { lock.unlock() }
            return continuation == nil
        }

        func resume(with result: Result<T, Error>) {
            lock.lock()
            let waiting = continuation
            continuation = nil
            lock.unlock()
            waiting?.resume(with: result)
        }
    }
}

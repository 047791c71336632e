import Foundation

/// Ctrl-C (SIGINT) and SIGTERM as a flag, for long-running commands that stop cleanly
/// at a point of their choosing instead of dying mid-write.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    private var sources: [DispatchSourceSignal] = []

    /// When not enabled, signals keep their default effect.
    init(enabled: Bool) {
        guard enabled else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.set() }
            source.resume()
            sources.append(source)
        }
    }

    var received: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }

    private func set() {
        lock.lock()
        flag = true
        lock.unlock()
    }
}

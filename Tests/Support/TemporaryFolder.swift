import Foundation

/// A fresh folder under the system temp directory, removed when the value dies, or at
/// the latest when the test process exits: a fixture held in a `static let` (the 1k
/// sample's index, say) never dies, and each run would leave tens of MB behind.
public final class TemporaryFolder: Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(prefix: String = "vnsearch-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        LiveFolders.shared.insert(url)
    }

    deinit {
        LiveFolders.shared.remove(url)
        try? FileManager.default.removeItem(at: url)
    }

    public func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    public func write(_ name: String, _ data: Data) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }
}

/// The folders not yet removed, removed by an exit handler registered with the first.
private final class LiveFolders: @unchecked Sendable {
    static let shared = LiveFolders()
    private let lock = NSLock()
    private var urls: Set<URL> = []

    private init() {
        atexit { LiveFolders.shared.removeAll() }
    }

    func insert(_ url: URL) { lock.withLock { _ = urls.insert(url) } }
    func remove(_ url: URL) { lock.withLock { _ = urls.remove(url) } }

    private func removeAll() {
        for url in lock.withLock({ urls }) { try? FileManager.default.removeItem(at: url) }
    }
}

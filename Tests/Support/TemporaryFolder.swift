import Foundation

/// A fresh folder under the system temp directory, removed when the value dies.
public final class TemporaryFolder: Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(prefix: String = "vnsearch-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    public func write(_ name: String, _ data: Data) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }
}

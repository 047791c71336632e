import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import VNServer

/// The server on a real loopback socket, and its access log.
@Suite struct LiveServerTests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture() }

    @Test func aLiveServerAnswersOnLoopback() async throws {
        let app = SearchServer.makeApplication(fixture.settings, host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(json(response.body)["status"] as? String == "ok")
            }
            try await client.execute(uri: "/search?q=x%C3%B3m+Ch%C4%83m", method: .get) { response in
                #expect(response.status == .ok)
                #expect((json(response.body)["results"] as? [Any])?.isEmpty == false)
            }
        }
    }

    @Test func theAccessLogHasMethodPathStatusAndDurationButNotTheQuery() async throws {
        let records = LogRecords()
        var logger = Logger(label: "test") { _ in RecordingLogHandler(records: records) }
        logger.logLevel = .info
        try await fixture.app(logger: logger).test(.router) { client in
            try await client.execute(uri: "/search?q=b%C3%AD+m%E1%BA%ADt", method: .get) { _ in }
            try await client.execute(uri: "/nope", method: .get) { _ in }
        }
        let lines = records.all.filter { $0.message == "request" }
        #expect(lines.count == 2)
        #expect(lines.first?.metadata["method"] == "GET")
        #expect(lines.first?.metadata["path"] == "/search")
        #expect(lines.first?.metadata["status"] == "200")
        #expect(Double(lines.first?.metadata["duration_ms"] ?? "") != nil)
        #expect(lines.last?.metadata["status"] == "404")
        let everything = records.all.map { "\($0.message) \($0.metadata)" }.joined()
        #expect(!everything.contains("q=") && !everything.contains("bí mật") && !everything.contains("b%C3%AD"))
    }
}

final class LogRecords: @unchecked Sendable {
    struct Record {
        let message: String
        let metadata: [String: String]
    }

    private let lock = NSLock()
    private var records: [Record] = []

    func append(_ record: Record) {
        lock.lock()
        records.append(record)
        lock.unlock()
    }

    var all: [Record] {
        lock.lock()
        defer { lock.unlock() }
        return records
    }
}

struct RecordingLogHandler: LogHandler {
    let records: LogRecords
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let merged = self.metadata.merging(metadata ?? [:]) { $1 }
        records.append(.init(message: message.description, metadata: merged.mapValues { "\($0)" }))
    }
}

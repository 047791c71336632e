import Foundation
import Testing

/// `vnsearch index --watch`: changes are applied within about 2 s, a file written in
/// pieces is indexed whole, and Ctrl-C stops it cleanly.
@Suite struct WatchTests {
    let cli: CLI

    init() throws { cli = try CLI() }

    /// Lines a process writes, collected on a thread of their own.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                var buffer = Data()
                while case let chunk = handle.availableData, !chunk.isEmpty {
                    buffer.append(chunk)
                    while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                        buffer = Data(buffer[(newline + 1)...])
                        lock.lock()
                        lines.append(line)
                        lock.unlock()
                    }
                }
            }
        }

        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return lines.count
        }

        /// The first summary from line `index` on that satisfies `test`, waiting up to `seconds`.
        func summary(from index: Int, within seconds: Double, where test: ([String: Any]) -> Bool) -> [String: Any]? {
            let deadline = Date().addingTimeInterval(seconds)
            var next = index
            while Date() < deadline {
                lock.lock()
                let line = next < lines.count ? lines[next] : nil
                lock.unlock()
                guard let line else { Thread.sleep(forTimeInterval: 0.05); continue }
                next += 1
                if let summary = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any], test(summary) {
                    return summary
                }
            }
            return nil
        }
    }

    @Test func changesAreAppliedUntilCtrlC() throws {
        defer { cli.remove() }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["index", "--watch", "--json"]
        process.currentDirectoryURL = cli.directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let lines = Lines(out.fileHandleForReading)
        #expect(lines.summary(from: 0, within: 60) { $0["added"] as? Int == 1 } != nil)

        let corpus = cli.directory.appendingPathComponent("corpus")
        var seen = lines.count
        try "Voi rừng ở Đắk Lắk\nĐàn voi rừng về bản Đôn.\n".write(to: corpus.appendingPathComponent("voi.txt"), atomically: true, encoding: .utf8)
        #expect(lines.summary(from: seen, within: 10) { $0["added"] as? Int == 1 } != nil)

        // Written in two pieces a moment apart: the index ends up with both.
        seen = lines.count
        let piece = corpus.appendingPathComponent("ghe.txt")
        FileManager.default.createFile(atPath: piece.path, contents: Data("Đua ghe ngo\nĐồng bào Khmer ở Sóc Trăng ".utf8))
        Thread.sleep(forTimeInterval: 0.3)
        let handle = try FileHandle(forWritingTo: piece)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("tập luyện đua ghe ngo trên sông Maspero.\n".utf8))
        try handle.close()
        #expect(lines.summary(from: seen, within: 10) { ($0["added"] as? Int ?? 0) + ($0["updated"] as? Int ?? 0) == 1 } != nil)
        var found = 0
        let searchDeadline = Date().addingTimeInterval(10)
        while found == 0 && Date() < searchDeadline {
            found = (try cli.run("search", "sông Maspero", "--json").json?["results"] as? [Any])?.count ?? 0
            if found == 0 { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(found == 1)

        seen = lines.count
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("voi.txt"))
        #expect(lines.summary(from: seen, within: 10) { $0["removed"] as? Int == 1 } != nil)

        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
    }
}

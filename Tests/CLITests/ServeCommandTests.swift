import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `vnsearch serve` as a process: it answers, logs each request, and stops cleanly on
/// SIGTERM / SIGINT once the requests in flight are answered.
@Suite struct ServeCommandTests {
    let cli: CLI

    init() throws {
        cli = try CLI()
        try #require(try cli.run("index", "--quiet").status == 0)
    }

    /// Starts the server on a free port; returns the process, its base URL and its stderr.
    private func serve(_ arguments: [String] = []) throws -> (Process, URL, Pipe) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = cli.directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // "vnsearch serving index on http://127.0.0.1:PORT/"
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let start = text.range(of: "http://") else {
            process.terminate()
            throw CLIError(description: "no address in '\(text)'")
        }
        return (process, URL(string: String(text[start.lowerBound...]))!, err)
    }

    private func get(_ url: URL) async throws -> (Int, Data) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    private func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return !process.isRunning
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheServerCleanly(signal: Int32) async throws {
        let (process, base, err) = try serve()
        defer { if process.isRunning { process.terminate() }; cli.remove() }
        let (status, body) = try await get(base.appendingPathComponent("health"))
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"status\":\"ok\""))
        kill(process.processIdentifier, signal)
        #expect(waitForExit(process, seconds: 15))
        #expect(process.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("method=GET") && log.contains("path=/health") && log.contains("status=200"))
        #expect(log.contains("vnsearch: stopped"))
    }

    @Test func theQueryIsLoggedOnlyAtDebugLevel() async throws {
        let (process, base, err) = try serve(["--log-level", "debug"])
        defer { if process.isRunning { process.terminate() }; cli.remove() }
        let (status, _) = try await get(URL(string: base.absoluteString + "search?q=xom+cham")!)
        #expect(status == 200)
        kill(process.processIdentifier, SIGTERM)
        #expect(waitForExit(process, seconds: 15))
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("query=q=xom+cham"))
    }

    @Test func anUnusableTokenFileIsRefusedAtStart() throws {
        defer { cli.remove() }
        let missing = try cli.run("serve", "--port", "0", "--token-file", "nowhere.txt")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read token file 'nowhere.txt'"))
        try "short".write(to: cli.directory.appendingPathComponent("token.txt"), atomically: true, encoding: .utf8)
        let short = try cli.run("serve", "--port", "0", "--token-file", "token.txt")
        #expect(short.status == 1)
        #expect(short.stderr.contains("at least 16 characters"))
        let level = try cli.run("serve", "--log-level", "loud")
        #expect(level.status == 64)
    }
}

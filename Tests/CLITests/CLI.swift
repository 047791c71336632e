import Foundation

/// Runs the built `vnsearch` binary as a user would, in a working directory of its own.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/vnsearch")
    static let seed = packageRoot.appendingPathComponent("corpus/2024-08-toan-dan-bao-ve-an-ninh-tay-nam-bo.txt")

    let directory: URL

    /// A working directory with `corpus/` holding the seed report.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.seed, to: directory.appendingPathComponent("corpus/seed.txt"))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    func run(_ arguments: String..., stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(arguments, stdin: stdin, environment: environment)
    }

    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw CLIError(description: "build the CLI first (`swift build`): \(Self.binary.path) is missing")
        }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
}

import Foundation

/// A Xapian network tool (`xapian-tcpsrv`, `xapian-replicate-server`) run on a loopback
/// port for a test, stopped with the handlers it forks per connection when the test is done.
public final class XapianServer: @unchecked Sendable {
    public let port: UInt16
    private let process = Process()

    /// Starts `tool arguments…` (the port is passed by `portArguments`) and waits until it
    /// accepts connections.
    public init(tool: String, port: UInt16? = nil, arguments: @escaping (UInt16) -> [String]) throws {
        self.port = try port ?? Self.freePort()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments(self.port)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !Self.accepts(port: self.port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw XapianServerError(description: "\(tool) did not start listening on 127.0.0.1:\(self.port)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// `xapian-tcpsrv` serving one database directory read-only.
    public static func tcpsrv(_ database: String, port: UInt16? = nil) throws -> XapianServer {
        try XapianServer(tool: "xapian-tcpsrv", port: port) { ["--port", String($0), "--interface", "127.0.0.1", "--quiet", database] }
    }

    /// `xapian-replicate-server` serving the databases inside `parent` by their folder names.
    public static func replicationMaster(_ parent: String) throws -> XapianServer {
        try XapianServer(tool: "xapian-replicate-server") { ["--interface", "127.0.0.1", "--port", String($0), parent] }
    }

    /// One `xapian-replicate --one-shot` from this replication master: copies database
    /// `master` to `replica` (a stub folder Xapian keeps). Returns the tool's exit status.
    public func replicate(master: String, to replica: String) throws -> Int32 {
        let tool = Process()
        tool.executableURL = URL(fileURLWithPath: "/usr/bin/xapian-replicate")
        tool.arguments = ["--host", "127.0.0.1", "--port", String(port), "--master", master, "--one-shot", "--quiet", replica]
        try tool.run()
        tool.waitUntilExit()
        return tool.terminationStatus
    }

    deinit { stop() }

    /// Stops the tool and the handlers it forked for open connections.
    public func stop() {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        for child in Self.children(of: pid) { kill(child, SIGKILL) }
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    /// Processes whose parent is `pid` (from /proc/N/stat: "N (name) state ppid …").
    private static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let child = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
        }
    }

    /// A port nothing listens on now (the kernel's pick for a socket bound to port 0).
    public static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw XapianServerError(description: "socket: \(errno)") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw XapianServerError(description: "bind: \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    static func accepts(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

public struct XapianServerError: Error, CustomStringConvertible {
    public let description: String
}

import Foundation
import Testing
@testable import VNSearch

/// The cores a process may run on are its CPU affinity, not the machine's: held to one
/// (`taskset`, a container's cpuset), a search does not share its first pass and the
/// indexer starts one analysis job.
@Suite struct AvailableCoresTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset")))
    func aThreadHeldToOneCoreCountsOne() throws {
        let allowed = try Self.allowedCPUs("/proc/self/status")
        #expect(AvailableCores.ofThisThread() == allowed.count)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var held: Result<Int, Error> = .success(0)
        let thread = Thread {
            held = Result {
                // This thread alone is narrowed, by its id ("PID/task/TID"), to the first
                // CPU it may run on.
                let tid = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")
                    .split(separator: "/").last.map(String.init) ?? ""
                let taskset = Process()
                taskset.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
                taskset.arguments = ["-p", "-c", String(allowed[0]), tid]
                taskset.standardOutput = FileHandle.nullDevice
                try taskset.run()
                taskset.waitUntilExit()
                guard taskset.terminationStatus == 0 else { throw FixtureProblem("taskset failed on thread \(tid)") }
                return AvailableCores.ofThisThread()
            }
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(try held.get() == 1)
    }

    /// The CPUs in a status file's `Cpus_allowed_list` (`0-1,4`), as the kernel reports them.
    static func allowedCPUs(_ statusPath: String) throws -> [Int] {
        let status = try String(contentsOfFile: statusPath, encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else {
            throw FixtureProblem("no Cpus_allowed_list in \(statusPath)")
        }
        return line.dropFirst("Cpus_allowed_list:".count).split(separator: ",").flatMap { part -> [Int] in
            let bounds = part.trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
            guard let first = bounds.first, let last = bounds.last else { return [] }
            return Array(first...last)
        }
    }
}

import Foundation
import Testing
@testable import VNSearch

/// A search shares a broad query's first pass with a second thread only when the process
/// may run on a second core: held to one (`taskset`, a container's cpuset), the split is
/// only more work. Foundation counts the machine's cores, not the ones allowed.
@Suite struct AvailableCoresTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset")))
    func aThreadHeldToOneCoreCountsOne() throws {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var held: Result<Int, Error> = .success(0)
        let thread = Thread {
            held = Result {
                // This thread alone is narrowed, by its id ("PID/task/TID").
                let tid = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")
                    .split(separator: "/").last.map(String.init) ?? ""
                let taskset = Process()
                taskset.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
                taskset.arguments = ["-p", "-c", "0", tid]
                taskset.standardOutput = FileHandle.nullDevice
                try taskset.run()
                taskset.waitUntilExit()
                guard taskset.terminationStatus == 0 else { throw FixtureProblem("taskset failed on thread \(tid)") }
                return SearchEngine.availableCores()
            }
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(try held.get() == 1)
        #expect(SearchEngine.availableCores() == ProcessInfo.processInfo.activeProcessorCount,
                "the test process itself is held to no core")
        #expect(SearchEngine.hasSpareCore == (ProcessInfo.processInfo.activeProcessorCount > 1))
    }
}

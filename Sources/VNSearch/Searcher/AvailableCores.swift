import Foundation
import VNShim

/// The cores this process may run on: its CPU affinity, which `taskset` and a container's
/// cpuset narrow (a CPU quota, `docker --cpus`, is not seen). Foundation's
/// `activeProcessorCount` ignores the affinity, so a process held to one core would
/// still start a second analysis job, or share a search's first pass, for no gain.
public enum AvailableCores {
    /// Read once, on the thread that first asks (at launch, the process's affinity).
    public static let count = ofThisThread()

    /// Whether a second core is there to share a search with.
    public static var hasSpare: Bool { count > 1 }

    /// The calling thread's affinity, read now (Linux `sched_getaffinity`).
    static func ofThisThread() -> Int {
        let cores = Int(vn_available_cores())
        return cores > 0 ? cores : ProcessInfo.processInfo.activeProcessorCount
    }
}

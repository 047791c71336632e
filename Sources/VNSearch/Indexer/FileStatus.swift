import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file's size and modification time from one `stat`: Foundation's `resourceValues`
/// gathers every attribute into a dictionary first, a cost that shows in indexing's CPU
/// time. `stat` follows a symbolic link (Foundation gave the link's own size and time, so
/// a linked file was read every run and an edit of its target showed only through the
/// content hash): the file read is the one described.
struct FileStatus {
    let size: Int
    /// Seconds since 1970, computed the way Foundation computes a file's modification
    /// date (through its reference date), so that times recorded by earlier versions
    /// compare equal: adding the nanoseconds directly differs in the last bit for many
    /// files.
    let modified: Double

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
        size = Int(status.st_size)
        let time = status.st_mtim
        modified = Date(timeIntervalSinceReferenceDate: Double(time.tv_sec) - Date.timeIntervalBetween1970AndReferenceDate
                        + Double(time.tv_nsec) / 1_000_000_000).timeIntervalSince1970
    }
}

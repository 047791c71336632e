import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `fsync` of a file or a folder. Xapian syncs a database's files, not the folder that
/// names them: a folder's own sync is what makes its new names survive a crash.
enum DiskSync {
    /// Errors name `index`, the index being written.
    static func sync(_ path: String, index: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IndexError.database(index, "cannot open '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw IndexError.database(index, "cannot sync '\(path)': \(String(cString: strerror(errno)))") }
    }
}

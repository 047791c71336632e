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
        guard fd >= 0 else { throw IndexError.system(index, "cannot open '\(path)'") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw IndexError.system(index, "cannot sync '\(path)'") }
    }
}

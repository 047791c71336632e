import Foundation

/// A file or folder as the file system knows it (device and inode): the same path can
/// come to name another folder when a rebuilt index is swapped in.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}

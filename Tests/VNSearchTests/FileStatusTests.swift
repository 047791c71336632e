import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import VNSearch
import VNTestSupport

/// The indexer reads a file's size and time with one `stat`; the times must equal what
/// Foundation gave the versions before, or every file of an existing index would be read
/// again on the next run.
@Suite struct FileStatusTests {
    @Test func sizeAndTimeAreFoundationsToTheLastBit() throws {
        let folder = try TemporaryFolder()
        for i in 0..<60 {
            try folder.write("f\(i).txt", String(repeating: "á", count: i))
            // Times set to the nanosecond, spread over the second: what a file system
            // with a fine clock gives, whatever this one's clock is.
            let time = timespec(tv_sec: 1_790_000_000 + i, tv_nsec: (i * 16_666_667 + 123) % 1_000_000_000)
            let times = [time, time]
            #expect(utimensat(AT_FDCWD, folder.path + "/f\(i).txt", times, 0) == 0)
        }
        for i in 0..<60 {
            let url = folder.url.appendingPathComponent("f\(i).txt")
            let values = try url.resourceValues(forKeys: [.fileSizeKey, .contentModificationDateKey])
            let status = try FileStatus(path: url.path)
            #expect(status.size == values.fileSize)
            #expect(status.modified == values.contentModificationDate?.timeIntervalSince1970)
        }
    }

    @Test func aMissingFileSaysWhy() throws {
        let folder = try TemporaryFolder()
        #expect { try FileStatus(path: folder.path + "/none.txt") } throws: {
            $0 is FileStatus.Failure && "\($0)" == "No such file or directory"
        }
    }
}

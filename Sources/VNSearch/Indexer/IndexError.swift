import Foundation

/// Why an index run could not start or finish; each says what is wrong in one line.
public enum IndexError: Error, CustomStringConvertible, Equatable {
    case missingPath(String)
    case databaseIsAFile(String)
    /// The writer's pid when it left its pid file (vnsearch writers do).
    case locked(String, pid: Int32?)
    case database(String, String)
    case nothingIndexed(Int)
    /// A stub written by hand (remote or other shards): readers use it, the indexer cannot.
    case foreignStub(String)

    /// A system call's failure (`errno` as it stands) while writing `index`: "\(what): reason".
    static func system(_ index: String, _ what: String) -> IndexError {
        .database(index, "\(what): \(String(cString: strerror(errno)))")
    }

    public var description: String {
        switch self {
        case .missingPath(let path):
            "corpus path '\(path)' does not exist"
        case .databaseIsAFile(let path):
            "index path '\(path)' is a regular file, not a database directory"
        case .locked(let path, let pid):
            "index '\(path)' is being updated by another process\(pid.map { " (pid \($0))" } ?? ""); try again when it has finished"
        case .database(let path, let message):
            "cannot write index '\(path)': \(message)"
        case .nothingIndexed(let skipped):
            "no file could be indexed (\(skipped) skipped)"
        case .foreignStub(let path):
            "index '\(path)' is a stub over other databases; index each shard where it lives (with its own --db)"
        }
    }
}

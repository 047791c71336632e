/// Why an archivist's write was refused. All are the caller's to fix (HTTP 400/404).
public enum ArchiveError: Error, CustomStringConvertible, Equatable {
    case badPath(String, reason: String)
    case emptyText
    case rejected(String, reason: String)
    case missingCorpus(String)

    public var description: String {
        switch self {
        case .badPath(let path, let reason):
            "bad article path '\(path)': \(reason)"
        case .emptyText:
            "the article text is empty"
        case .rejected(let path, let reason):
            "'\(path)' was not indexed: \(reason)"
        case .missingCorpus(let path):
            "corpus folder '\(path)' does not exist"
        }
    }
}

import Foundation

/// Finds the report files under the paths given to the indexer: `*.txt` files,
/// recursively, hidden files and folders skipped; a file named directly is taken as is.
struct CorpusScanner {
    /// Files the archivists keep beside the reports that are not reports.
    static let reservedNames: Set<String> = ["synonyms.txt"]

    struct Found {
        /// Display path: relative to the working directory when inside it.
        let path: String
        let url: URL
    }

    /// Throws `IndexError.missingPath` before anything is written.
    func scan(_ roots: [String]) throws -> [Found] {
        var found: [Found] = []
        var seen = Set<String>()
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw IndexError.missingPath(root)
            }
            let rootURL = URL(fileURLWithPath: root).standardizedFileURL
            let urls = isDirectory.boolValue ? files(under: rootURL) : [rootURL]
            for url in urls {
                let path = Self.displayPath(url)
                if seen.insert(path).inserted { found.append(Found(path: path, url: url)) }
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    private func files(under root: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
            options: [.skipsHiddenFiles]) else { return [] }
        var urls: [URL] = []
        for case let url as URL in enumerator {
            guard url.pathExtension.lowercased() == "txt",
                  !Self.reservedNames.contains(url.lastPathComponent) else { continue }
            // A folder named *.txt is reported as unreadable by the indexer, not hidden.
            urls.append(url.standardizedFileURL)
        }
        return urls
    }

    /// Relative to the working directory when inside it, so the paths in results read
    /// `corpus/….txt` and stay the same whichever way the folder was named.
    static func displayPath(_ url: URL) -> String {
        let full = url.standardizedFileURL.path
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if full == cwd { return "." }
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
    }

    /// Whether a display path lies under one of the scanned roots (so its absence means
    /// the file was removed).
    static func isUnder(_ path: String, roots: [String]) -> Bool {
        roots.contains { root in
            let rootPath = displayPath(URL(fileURLWithPath: root))
            if rootPath == "." { return !path.hasPrefix("/") }
            return path == rootPath || path.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/")
        }
    }
}

import Foundation
import VNAnalysis

/// Archivists' equivalences, from `synonyms.txt` at the root of the corpus: one group per
/// line, members separated by `=` (`TP.HCM = TP Hồ Chí Minh = Sài Gòn`), `#` starts a
/// comment. The indexer stores the file's text in the index; the query side applies it,
/// so an edit takes effect at the next `vnsearch index` without re-indexing any article.
struct Synonyms: Sendable {
    /// Each group's members, each member as its folded syllables.
    let groups: [[[String]]]

    static let empty = Synonyms(groups: [])

    init(groups: [[[String]]]) {
        self.groups = groups
    }

    init(text: String, analyzer: VietnameseAnalyzer) throws {
        var groups: [[[String]]] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var members: [[String]] = []
            for member in content.split(separator: "=") {
                let syllables = try analyzer.tokens(analyzer.normalizeQuery(String(member))).map(\.folded)
                if !syllables.isEmpty && !members.contains(syllables) { members.append(syllables) }
            }
            if members.count > 1 { groups.append(members) }
        }
        self.groups = groups
    }

    /// The text of `synonyms.txt` in each scanned folder, one after the other.
    /// Nil when no root is a folder (a run over single files says nothing about the
    /// corpus's synonyms, so the stored ones stay).
    static func fileText(roots: [String]) -> String? {
        let folders = roots.filter { root in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if folders.isEmpty { return nil }
        return folders.compactMap { root in
            try? String(contentsOfFile: (root as NSString).appendingPathComponent(fileName), encoding: .utf8)
        }.joined(separator: "\n")
    }

    static let fileName = "synonyms.txt"

    /// The longest member that starts at `start` in `syllables` (folded): how many
    /// syllables it covers and its group's members.
    func match(_ syllables: [String], at start: Int) -> (length: Int, members: [[String]])? {
        var best: (length: Int, members: [[String]])?
        for members in groups {
            for member in members where member.count > (best?.length ?? 0) && start + member.count <= syllables.count {
                if Array(syllables[start..<start + member.count]) == member { best = (member.count, members) }
            }
        }
        return best
    }
}

import Foundation
import VNAnalysis

/// Archivists' equivalences, from `synonyms.txt` at the root of the corpus: one group per
/// line, members separated by `=` (`TP.HCM = TP Hồ Chí Minh = Sài Gòn`), `#` starts a
/// comment. The indexer stores the file's text in the index; the query side applies it,
/// so an edit takes effect at the next `vnsearch index` without re-indexing any article.
struct Synonyms: Sendable {
    /// One way of writing a group's meaning.
    struct Member: Sendable, Equatable {
        /// Its folded syllables: what a query is matched against.
        let folded: [String]
        /// Its syllables as written, when written with diacritics: then a passage must hold
        /// them so (`Khơ-me` is not `khổ mẹ`); nil for a member written without any.
        let exact: [String]?
    }

    /// Each group's members.
    let groups: [[Member]]

    static let empty = Synonyms(groups: [])

    init(groups: [[Member]]) {
        self.groups = groups
    }

    init(text: String, analyzer: VietnameseAnalyzer) throws {
        var groups: [[Member]] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var members: [Member] = []
            for written in content.split(separator: "=") {
                let tokens = try analyzer.tokens(analyzer.normalizeQuery(String(written)))
                let member = Member(folded: tokens.map(\.folded),
                                    exact: tokens.contains(where: \.hasDiacritics) ? tokens.filter { !$0.isNumber }.map(\.exact) : nil)
                if !tokens.isEmpty && !members.contains(where: { $0.folded == member.folded }) { members.append(member) }
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
    func match(_ syllables: [String], at start: Int) -> (length: Int, members: [Member])? {
        var best: (length: Int, members: [Member])?
        for members in groups {
            for member in members where member.folded.count > (best?.length ?? 0) && start + member.folded.count <= syllables.count {
                if Array(syllables[start..<start + member.folded.count]) == member.folded { best = (member.folded.count, members) }
            }
        }
        return best
    }
}

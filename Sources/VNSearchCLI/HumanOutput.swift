import VNSearch

/// Search results for a person: rank, title, date, path, then the passage with the
/// matched syllables in bold colour (plain when piped or NO_COLOR is set).
enum HumanOutput {
    static func render(_ response: SearchResponse) -> String {
        let didYouMean = response.suggestion.map { "Did you mean: " + Terminal.bold($0) + "?\n" } ?? ""
        if response.results.isEmpty {
            return "No results for \"\(response.query)\". Try fewer words, or check the spelling.\n" + didYouMean
        }
        var out = didYouMean.isEmpty ? "" : didYouMean + "\n"
        if let corrected = response.corrected {
            out += "Kết quả cho: " + Terminal.bold(corrected) + Terminal.dim(" (no passage has a word of \"\(response.query)\"; --no-correct searches it as typed)") + "\n\n"
        }
        if let readAs = readAs(response.interpreted) { out += Terminal.dim(readAs) + "\n\n" }
        if !response.matchedAll && !response.relaxed {
            out += Terminal.dim("No passage holds every word; the best partial matches:") + "\n\n"
        }
        if response.relaxed {
            out += Terminal.dim("No single passage holds every word; showing articles that hold them all.") + "\n\n"
        }
        for (i, hit) in response.results.enumerated() {
            if hit.relaxed && !response.relaxed && (i == 0 || !response.results[i - 1].relaxed) {
                out += Terminal.dim("These articles hold every word, but not in one passage:") + "\n\n"
            }
            let date = hit.article.date.map { " (\($0))" } ?? ""
            out += Terminal.bold("\(hit.rank). \(hit.article.title)") + date + "\n"
            out += Terminal.dim("   \(hit.article.path) · passage \(hit.passage.index) · score \(hit.score)") + "\n"
            out += "   " + marked(hit.passage) + "\n"
            if let missing = hit.missing, !missing.isEmpty {
                out += Terminal.dim("   Thiếu: ") + missing.map(Terminal.struck).joined(separator: " ") + "\n"
            }
            out += "\n"
        }
        out += facetLines(response.facets)
        let shown = response.results.count
        out += Terminal.dim("\(shown) shown of about \(response.total) · \(response.tookMs) ms") + "\n"
        return out
    }

    /// `Read as: ethnic group Chăm · province An Giang`: the names the query mentions, which
    /// rank the passages that mention them first.
    static func readAs(_ interpreted: SearchResponse.Interpreted?) -> String? {
        guard let interpreted else { return nil }
        let names = interpreted.ethnic.map { "ethnic group " + $0 } + interpreted.province.map { "province " + $0 }
            + interpreted.model.map { "model " + $0 }
        return names.isEmpty ? nil : "Read as: " + names.joined(separator: " · ")
    }

    /// The most frequent values of each facet, one line each.
    private static func facetLines(_ facets: SearchResponse.Facets) -> String {
        let rows: [(String, [String: Int])] = [
            ("Provinces", facets.province), ("Ethnic groups", facets.ethnic), ("Models", facets.model), ("Years", facets.year),
        ]
        var out = ""
        for (label, counts) in rows where !counts.isEmpty {
            let top = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(5)
            out += Terminal.dim("\(label): ") + top.map { "\($0.key) (\($0.value))" }.joined(separator: " · ") + "\n"
        }
        return out.isEmpty ? "" : out + "\n"
    }

    private static func marked(_ passage: SearchResponse.Hit.PassageText) -> String {
        Terminal.useColor ? passage.marked(open: Terminal.markOpen, close: Terminal.markClose) : passage.text
    }
}

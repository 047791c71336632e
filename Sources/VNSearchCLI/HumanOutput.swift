import VNSearch

/// Search results for a person: rank, title, date, path, then the passage with the
/// matched syllables in bold colour (plain when piped or NO_COLOR is set).
enum HumanOutput {
    static func render(_ response: SearchResponse) -> String {
        if response.results.isEmpty {
            return "No results for \"\(response.query)\". Try fewer words, or check the spelling.\n"
        }
        var out = ""
        if response.relaxed {
            out += Terminal.dim("No single passage holds every word; showing articles that hold them all.") + "\n\n"
        }
        for hit in response.results {
            let date = hit.article.date.map { " (\($0))" } ?? ""
            out += Terminal.bold("\(hit.rank). \(hit.article.title)") + date + "\n"
            out += Terminal.dim("   \(hit.article.path) · passage \(hit.passage.index) · score \(hit.score)") + "\n"
            out += "   " + marked(hit.passage) + "\n\n"
        }
        let shown = response.results.count
        out += Terminal.dim("\(shown) shown of about \(response.total) · \(response.tookMs) ms") + "\n"
        return out
    }

    private static func marked(_ passage: SearchResponse.Hit.PassageText) -> String {
        Terminal.useColor ? passage.marked(open: Terminal.markOpen, close: Terminal.markClose) : passage.text
    }
}

import VNSearch

/// An article for a reader (`GET /articles/{id}` asked by a browser): title, date and
/// path, the provinces, communities and models it names as links to filtered searches,
/// and every passage in order with the query's words marked. Each passage is anchored
/// (`id="p12"`): a result links to its passage, which the stylesheet marks as the target.
struct ArticlePage {
    let article: ArticleDetail
    /// Each passage as HTML with the query's words marked (`SearchEngine.highlightedPassages`).
    let passages: [String]
    let query: String

    func render() -> String {
        let escape = Highlighter.escapeHTML
        let search = query.isEmpty ? QueryParameters.empty : QueryParameters(items: [("q", query)])
        let back = query.isEmpty ? "/" : "/?" + search.encoded
        let meta = [article.date, article.path].compactMap { $0 }.map(escape).joined(separator: " · ")
        var body = "<p class=\"back\"><a href=\"\(escape(back))\">← " + (query.isEmpty ? "Tìm kiếm" : "Kết quả tìm kiếm") + "</a></p>"
        body += "<h1>" + escape(article.title) + "</h1><p class=\"meta\">" + meta + "</p>"
        let chips = [("province", article.entities.province), ("ethnic", article.entities.ethnic), ("model", article.entities.model)]
            .flatMap { name, values in values.map { (name, $0) } }
            .map { name, value in
                "<a class=\"chip\" href=\"/?\(escape(search.adding(name, value).encoded))\">" + escape(value) + "</a>"
            }
        if !chips.isEmpty { body += "<p class=\"chips\">" + chips.joined() + "</p>" }
        for (passage, html) in zip(article.passages, passages) {
            let kind = passage.kind == "body" ? "" : " " + escape(passage.kind)
            let match = html.contains("<mark>") ? " match" : ""
            body += "<p id=\"p\(passage.index)\" class=\"passage\(kind)\(match)\">" + html + "</p>"
        }
        return PageShell.render(title: article.title + " – vnsearch", query: query, placeholder: "Tìm trong các báo cáo",
                                body: "<main class=\"single\"><article class=\"reader\">" + body + "</article></main>")
    }
}

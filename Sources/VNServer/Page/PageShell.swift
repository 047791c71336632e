import VNSearch

/// What every page has around its content: the document head with the inline stylesheet,
/// and the header with the search box (which keeps the query, and `hidden` fields such
/// as the filters in force).
enum PageShell {
    static func render(title: String, query: String, placeholder: String, hidden: String = "", autofocus: Bool = false,
                       body: String) -> String {
        let escape = Highlighter.escapeHTML
        return """
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(PageStyle.css)
        </style>
        </head>
        <body>
        <header><form action="/" method="get" role="search">
        <a class="brand" href="/">vnsearch</a>
        <input type="search" name="q" value="\(escape(query))" placeholder="\(escape(placeholder))" aria-label="Từ khóa"\(autofocus ? " autofocus" : "")>
        \(hidden)<button type="submit">Tìm</button>
        </form></header>
        \(body)
        </body>
        </html>

        """
    }
}

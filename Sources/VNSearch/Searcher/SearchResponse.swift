/// The result of a search: the JSON of CONTRACT.md (CLI `--json`, HTTP `GET /search`).
public struct SearchResponse: Codable, Sendable {
    public struct Hit: Codable, Sendable {
        public struct Article: Codable, Sendable {
            public let id: String
            public let path: String
            public let title: String
            public let date: String?

            public func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(id, forKey: .id)
                try c.encode(path, forKey: .path)
                try c.encode(title, forKey: .title)
                try c.encode(date, forKey: .date) // null, not absent
            }
        }

        public struct PassageText: Codable, Sendable {
            public let index: Int
            public let text: String
            /// HTML-escaped text with `<mark>` around matched syllables.
            public let highlighted: String
            /// Byte ranges of `text` that matched, for renderers other than HTML.
            public let spans: [[Int]]

            /// The text with `open`/`close` around the matched spans (e.g. terminal colours).
            public func marked(open: String, close: String) -> String {
                let ranges = spans.filter { $0.count == 2 && $0[0] <= $0[1] }.map { $0[0]..<$0[1] }
                return Highlighter.render(text, spans: ranges, open: open, close: close)
            }
        }

        public struct Entities: Codable, Sendable {
            public var province: [String] = []
            public var ethnic: [String] = []
            public var model: [String] = []
        }

        public let rank: Int
        public let score: Double
        public let article: Article
        public let passage: PassageText
        public let entities: Entities
        /// True for an article shown after the passages that hold every word: it holds
        /// them all, but not in one passage.
        public let relaxed: Bool
        /// The query's words this passage lacks, as typed (`["đã", "bao nhiêu"]`); empty
        /// when it holds them all.
        public var missing: [String]? = nil
    }

    /// Counts of matching passages per value. `province_2025` maps the provinces named
    /// to the 34 provinces of 1 July 2025.
    public struct Facets: Codable, Sendable {
        public var province: [String: Int] = [:]
        public var ethnic: [String: Int] = [:]
        public var model: [String: Int] = [:]
        public var year: [String: Int] = [:]
        public var province2025: [String: Int] = [:]
        /// Per month (`2024-08`), of the passages whose article has a month in its date:
        /// the page's timeline draws months when the matches fall in one year.
        public var month: [String: Int] = [:]

        enum CodingKeys: String, CodingKey {
            case province, ethnic, model, year, province2025 = "province_2025", month
        }

        /// Adds the counts of `other`, item by item (counts of disjoint sets of passages).
        mutating func add(_ other: Facets) {
            province.merge(other.province, uniquingKeysWith: +)
            ethnic.merge(other.ethnic, uniquingKeysWith: +)
            model.merge(other.model, uniquingKeysWith: +)
            year.merge(other.year, uniquingKeysWith: +)
            province2025.merge(other.province2025, uniquingKeysWith: +)
            month.merge(other.month, uniquingKeysWith: +)
        }
    }

    /// How the query was read: the names it mentions (they rank the passages that mention
    /// them first) and, typed without diacritics, the reading searched for.
    public struct Interpreted: Codable, Sendable, Equatable {
        public var province: [String] = []
        public var ethnic: [String] = []
        public var model: [String] = []
        /// The query with each syllable in the reading chosen for it (names first, then
        /// how the best passages write it); null for a query typed with diacritics.
        public var readings: String?

        init(_ interpretation: Interpretation, readings: String?) {
            province = interpretation.province
            ethnic = interpretation.ethnic
            model = interpretation.model
            self.readings = readings
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(province, forKey: .province)
            try c.encode(ethnic, forKey: .ethnic)
            try c.encode(model, forKey: .model)
            try c.encode(readings, forKey: .readings) // null, not absent
        }
    }

    public let query: String
    /// Estimated matching passages (articles, when one passage per article is shown).
    public let total: Int
    public let tookMs: Double
    /// True when no single passage held every word and articles holding them all across
    /// passages are shown instead.
    public let relaxed: Bool
    public let suggestion: String?
    public let interpreted: Interpreted?
    /// Whether any hit holds every word of the query in one passage (the rest, and all
    /// when false, are the best partial matches or articles holding them across passages).
    public var matchedAll = false
    /// The query the results are for, when a typed word is in no passage and a
    /// correction of it is (`an nnh Tổ quốc` → `an ninh Tổ quốc`); null otherwise.
    public var corrected: String? = nil
    public let results: [Hit]
    public let facets: Facets
    public let facetsExact: Bool

    enum CodingKeys: String, CodingKey {
        case query, total, tookMs = "took_ms", relaxed, suggestion, interpreted, matchedAll = "matched_all", corrected
        case results, facets, facetsExact = "facets_exact"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(total, forKey: .total)
        try c.encode(tookMs, forKey: .tookMs)
        try c.encode(relaxed, forKey: .relaxed)
        try c.encode(suggestion, forKey: .suggestion) // null, not absent
        try c.encodeIfPresent(interpreted, forKey: .interpreted)
        try c.encode(matchedAll, forKey: .matchedAll)
        try c.encode(corrected, forKey: .corrected) // null, not absent
        try c.encode(results, forKey: .results)
        try c.encode(facets, forKey: .facets)
        try c.encode(facetsExact, forKey: .facetsExact)
    }
}

/// Finds provinces, ethnic communities and named models (mô hình) in Vietnamese text,
/// written with or without diacritics.
///
/// Names come from the gazetteers and are matched syllable by syllable (longest first);
/// context then decides: an ambiguous ethnic name needs an introducing word or a list
/// (`người Hoa`, `dân tộc Kinh, Hoa`), exclusions catch other meanings (`Hoa Kỳ`,
/// `chăm sóc`, `Thái Bình Dương`), and a place name right after a personal name
/// (`Nguyễn Thị Huế`) is a person. Not thread-safe (it owns an analyzer).
public final class EntityRecognizer {
    private let analyzer: VietnameseAnalyzer
    private let names: [String: [KnownName]]
    private let cues: [SyllablePattern]
    private let listWords: Set<String> = ["va", "hoac", "cung"]
    private let models: ModelExtractor
    private let organisations: [SyllablePattern]
    /// Per community, the foreign places that make it another country's (see `EthnicGazetteer.Group.abroad`).
    private let abroad: [String: [SyllablePattern]]
    private let homePlaces: [SyllablePattern]

    public init(analyzer: VietnameseAnalyzer = VietnameseAnalyzer()) throws {
        self.analyzer = analyzer
        var names: [String: [KnownName]] = [:]
        for province in ProvinceGazetteer.provinces {
            for form in Self.withApostropheVariants(province.forms) {
                let name = try KnownName(kind: .province, canonical: province.name, form: form, needsCue: false,
                                         notFollowedBy: province.notFollowedBy, notPrecededBy: province.notPrecededBy,
                                         notPrecededByCapitalised: [],
                                         notBeforeProperNoun: false, alsoAWord: false, analyzer: analyzer)
                names[name.pattern.first, default: []].append(name)
            }
        }
        for group in EthnicGazetteer.groups {
            for form in Self.withApostropheVariants(group.forms) {
                // Only the bare name is ambiguous: `Hoa kiều`, `H'Mông` are unmistakable.
                let name = try KnownName(kind: .ethnic, canonical: group.name, form: form,
                                         needsCue: group.needsCue && form == group.name,
                                         notFollowedBy: group.notFollowedBy, notPrecededBy: group.notPrecededBy,
                                         notPrecededByCapitalised: group.notPrecededByCapitalised,
                                         notBeforeProperNoun: group.notBeforeProperNoun,
                                         alsoAWord: group.alsoAWord, analyzer: analyzer)
                names[name.pattern.first, default: []].append(name)
            }
        }
        // Longest names first: `Thừa Thiên Huế` before `Huế`, `Bà Rịa - Vũng Tàu` before `Bà Rịa`.
        self.names = names.mapValues { $0.sorted { $0.pattern.count > $1.pattern.count } }
        cues = try EthnicGazetteer.cues.map { try SyllablePattern($0, analyzer: analyzer) }
        models = try ModelExtractor(analyzer: analyzer)
        organisations = try PersonNames.organisations.map { try SyllablePattern($0, analyzer: analyzer) }
        abroad = try Dictionary(uniqueKeysWithValues: EthnicGazetteer.groups.filter { !$0.abroad.isEmpty }.map { group in
            (group.name, try group.abroad.map { try SyllablePattern($0, analyzer: analyzer) })
        })
        homePlaces = try EthnicGazetteer.homePlaces.map { try SyllablePattern($0, analyzer: analyzer) }
    }

    /// `H'Mông` is also typed `H’Mông`.
    private static func withApostropheVariants(_ forms: [String]) -> [String] {
        forms + forms.filter { $0.contains("'") }.map { $0.replacingOccurrences(of: "'", with: "’") }
    }

    /// Any text; the spans' offsets and `text` are the input's, even where it is not NFC
    /// (an NFD `Hà Nội` is 12 bytes long, its NFC form 9).
    public func recognize(_ input: String) throws -> RecognizedEntities {
        let text = try analyzer.normalizeQuery(input)
        var found = recognize(text, tokens: try analyzer.tokens(text))
        if text.utf8.elementsEqual(input.utf8) { return found }
        // NFC composes within a character, never across: the two have the same
        // characters, so each boundary of one is a boundary of the other.
        var inputOffset: [Int: Int] = [text.utf8.count: input.utf8.count]
        var (from, to) = (0, 0)
        for (nfc, original) in zip(text, input) {
            inputOffset[from] = to
            from += nfc.utf8.count
            to += original.utf8.count
        }
        let bytes = Array(input.utf8)
        found.spans = found.spans.map { span in
            guard let start = inputOffset[span.start], let end = inputOffset[span.end] else { return span }
            return EntitySpan(type: span.type, value: span.value, text: String(decoding: bytes[start..<end], as: UTF8.self),
                              start: start, end: end, province: span.province)
        }
        return found
    }

    /// For NFC text already analysed (the indexer has the tokens at hand).
    public func recognize(_ text: String, tokens: [Token]) -> RecognizedEntities {
        let bytes = TextBytes(text, tokens: tokens)
        // Casual all-lower-case typing (`ngu dan kien giang`) has no capitals to require.
        let checkCase = text.contains(where: \.isUppercase)
        var found = RecognizedEntities()
        var lastEthnicEnd = -10
        var i = 0
        while i < tokens.count {
            let candidates = names[tokens[i].folded] ?? []
            let fits = { (name: KnownName) in
                name.pattern.matches(tokens, at: i, in: bytes, checkCase: checkCase)
                    && self.accepts(name, at: i, tokens, bytes, lastEthnicEnd: lastEthnicEnd)
            }
            guard var match = candidates.first(where: fits) else {
                i += 1
                continue
            }
            // Typed without diacritics, `nguoi Hoa Binh Duong` is the Hoa of Bình Dương, not
            // Hòa Bình: a community its cue introduces wins over a longer place that
            // swallows the start of the next one.
            if match.kind == .province, !bytes.isAccented,
               let community = candidates.first(where: { $0.kind == .ethnic && fits($0) }),
               cues.contains(where: { $0.matches(endingBefore: i, tokens, in: bytes) }),
               i + community.pattern.count < tokens.count, startsProvince(at: i + community.pattern.count, tokens, bytes) {
                match = community
            }
            let end = i + match.pattern.count
            let range = tokens[i].range.lowerBound..<tokens[end - 1].range.upperBound
            found.add(EntitySpan(type: match.kind, value: match.canonical, text: bytes.text(range),
                                 start: range.lowerBound, end: range.upperBound))
            if match.kind == .ethnic { lastEthnicEnd = end - 1 }
            i = end
        }
        dropAbroad(&found, tokens, bytes, checkCase: checkCase)
        let places = found.spans
        for model in models.extract(tokens, bytes, provinces: places) { found.add(model) }
        found.spans.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        return found
    }

    private func accepts(_ name: KnownName, at start: Int, _ tokens: [Token], _ bytes: TextBytes, lastEthnicEnd: Int) -> Bool {
        let end = start + name.pattern.count
        let next = end < tokens.count && bytes.isSpace(between: tokens[end - 1], and: tokens[end]) ? tokens[end] : nil
        if next != nil, name.notFollowedBy.contains(where: { $0.matches(tokens, at: end, in: bytes, checkCase: false) }) {
            return false
        }
        let cue = cues.filter { $0.matches(endingBefore: start, tokens, in: bytes) }.map(\.count).max()
        let cued = cue != nil
        // A longer cue overrides an exclusion it ends with: `văn hóa Chăm` typed without
        // diacritics is not the flower `hoa Chăm Pa`.
        if name.notPrecededBy.contains(where: { $0.count >= cue ?? 0 && $0.matches(endingBefore: start, tokens, in: bytes) }) {
            return false
        }
        // Written so mid-sentence (a capital that starts a sentence says nothing).
        if let place = name.notPrecededByCapitalised.first(where: { $0.matches(endingBefore: start, tokens, in: bytes, checkCase: true) }),
           !isSentenceStart(start - place.count, tokens, bytes) {
            return false
        }
        // A capitalised next word marks a place name (`Chăm Mát`), unless everything is in
        // capitals or the word starts a province: `văn hóa Chăm Đà Nẵng` is the Chăm there.
        if name.notBeforeProperNoun, !cued, let next, next.surface.first?.isUppercase == true,
           next.surface.contains(where: \.isLowercase), !startsProvince(at: end, tokens, bytes) { return false }
        if name.alsoAWord, !cued, isSentenceStart(start, tokens, bytes) { return false }
        if name.kind == .province {
            if isPersonName(before: start, form: name.pattern, tokens, bytes) { return false }
            if isLesserPlace(before: start, single: name.pattern.count == 1, tokens, bytes) { return false }
            if organisations.contains(where: { $0.matches(endingBefore: start, tokens, in: bytes) }) { return false }
        }
        if name.needsCue {
            return cued || continuesList(at: start, lastEthnicEnd: lastEthnicEnd, tokens, bytes)
        }
        return true
    }

    /// A community named in a text that names a place of another country and none of
    /// Vietnam is that country's (`tiếng Khmer` to an audience in Campuchia, `Chăm Pa` by
    /// `Lào`): not the community, which the text does not speak of.
    private func dropAbroad(_ found: inout RecognizedEntities, _ tokens: [Token], _ bytes: TextBytes, checkCase: Bool) {
        let foreign = Set(found.spans.filter { $0.type == .ethnic && abroad[$0.value] != nil }.map(\.value))
        if foreign.isEmpty || found.spans.contains(where: { $0.type == .province }) { return }
        let names = { (patterns: [SyllablePattern]) in
            tokens.indices.contains { i in patterns.contains { $0.matches(tokens, at: i, in: bytes, checkCase: checkCase) } }
        }
        if names(homePlaces) { return }
        let dropped = foreign.filter { names(abroad[$0] ?? []) }
        if !dropped.isEmpty { found.remove(ethnic: dropped) }
    }

    /// Whether a province's name starts at token `index`.
    private func startsProvince(at index: Int, _ tokens: [Token], _ bytes: TextBytes) -> Bool {
        names[tokens[index].folded]?.contains { $0.kind == .province && $0.pattern.matches(tokens, at: index, in: bytes) } == true
    }

    /// First word of the text or after `.`, `!`, `?`, `:` or a line break.
    private func isSentenceStart(_ start: Int, _ tokens: [Token], _ bytes: TextBytes) -> Bool {
        let from = start > 0 ? tokens[start - 1].range.upperBound : 0
        let gap = bytes.text(from..<tokens[start].range.lowerBound)
        return start == 0 || gap.contains { ".!?:\n".contains($0) }
    }

    /// `dân tộc Kinh, Hoa và Khmer`: a name right after another ethnic name, across a
    /// comma or `và`, belongs to the same list.
    private func continuesList(at start: Int, lastEthnicEnd: Int, _ tokens: [Token], _ bytes: TextBytes) -> Bool {
        if lastEthnicEnd == start - 1 {
            return bytes.isListSeparator(between: tokens[start - 1], and: tokens[start])
        }
        if lastEthnicEnd == start - 2 {
            let word = tokens[start - 1]
            return listWords.contains(word.folded)
                && (bytes.isSpace(between: tokens[start - 2], and: word) || bytes.isListSeparator(between: tokens[start - 2], and: word))
                && bytes.isSpace(between: word, and: tokens[start])
        }
        return false
    }

    /// Places are also given names (`Nguyễn Thị Huế`, `chị Huế`, `ca sĩ Thái Bình`,
    /// `Ảnh: Thái Nguyên`): a place right after a family or middle name, a kinship or
    /// courtesy word, or a photo credit is a person.
    private func isPersonName(before start: Int, form: SyllablePattern, _ tokens: [Token], _ bytes: TextBytes) -> Bool {
        guard start > 0 else { return false }
        let previous = tokens[start - 1]
        if previous.folded == "anh", bytes.text(previous.range.upperBound..<tokens[start].range.lowerBound).hasPrefix(":") {
            return true
        }
        guard bytes.isSpace(between: previous, and: tokens[start]) else { return false }
        if PersonNames.courtesy.contains(previous.exact), previous.surface.first?.isLowercase == true { return true }
        guard previous.surface.first?.isUppercase == true else { return false }
        if PersonNames.parts.contains(previous.exact) { return true }
        // A one-syllable place name (`Huế`) after any capitalised word that is not an
        // administrative title or an acronym (`Sở GTVT TPHCM`) is part of a name.
        let isWord = form.count == 1 && tokens[start].surface.contains(where: \.isLowercase)
        let isAcronym = !previous.surface.contains(where: \.isLowercase)
        return isWord && !isAcronym && !PersonNames.placeTitles.contains(previous.folded)
    }

    /// `xã Long An`, `huyện Hòa Bình`, `đường Hà Nội`, `phố Huế`, `Nhà hát Hòa Bình`
    /// name a commune, a district, a street, a building: not the province. (`phố` only
    /// before a one-word name: `trên phố Sài Gòn` is the city, and so is `thành phố Huế`.)
    private func isLesserPlace(before start: Int, single: Bool, _ tokens: [Token], _ bytes: TextBytes) -> Bool {
        guard start > 0, bytes.isSpace(between: tokens[start - 1], and: tokens[start]) else { return false }
        let previous = tokens[start - 1].exact
        if previous == "phố" {
            return single && (start < 2 || tokens[start - 2].exact != "thành")
        }
        return PersonNames.lesserPlaces.contains(previous)
    }
}

/// A gazetteer form compiled for matching.
struct KnownName {
    let kind: EntitySpan.Kind
    let canonical: String
    let pattern: SyllablePattern
    let needsCue: Bool
    let notFollowedBy: [SyllablePattern]
    let notPrecededBy: [SyllablePattern]
    let notPrecededByCapitalised: [SyllablePattern]
    let notBeforeProperNoun: Bool
    let alsoAWord: Bool

    init(kind: EntitySpan.Kind, canonical: String, form: String, needsCue: Bool, notFollowedBy: [String],
         notPrecededBy: [String], notPrecededByCapitalised: [String], notBeforeProperNoun: Bool, alsoAWord: Bool,
         analyzer: VietnameseAnalyzer) throws {
        self.kind = kind
        self.canonical = canonical
        pattern = try SyllablePattern(form, analyzer: analyzer)
        self.needsCue = needsCue
        self.notFollowedBy = try notFollowedBy.map { try SyllablePattern($0, analyzer: analyzer) }
        self.notPrecededBy = try notPrecededBy.map { try SyllablePattern($0, analyzer: analyzer) }
        self.notPrecededByCapitalised = try notPrecededByCapitalised.map { try SyllablePattern($0, analyzer: analyzer) }
        self.notBeforeProperNoun = notBeforeProperNoun
        self.alsoAWord = alsoAWord
    }
}

/// Family and middle names that make a following place name part of a person's name.
enum PersonNames {
    static let parts: Set<String> = [
        "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
        "hồ", "ngô", "dương", "lý", "đinh", "đoàn", "lâm", "mai", "trịnh", "lưu", "tạ", "cao",
        "văn", "thị", "hữu", "đức", "công", "quang", "ngọc", "xuân", "bá", "đình", "kim", "minh",
    ]
    /// Lower-case words before a name that make it a person.
    static let courtesy: Set<String> = [
        "anh", "chị", "em", "ông", "bà", "cô", "chú", "bác", "cụ", "thầy", "cháu", "dì", "cậu", "mợ", "thím", "sĩ", "nhân",
    ]
    /// Capitalised words that introduce a place, not a person (`TP Huế`, `Thành phố Huế`).
    static let placeTitles: Set<String> = ["tp", "tp.", "tinh", "pho", "thanh", "co", "xu", "tai", "o", "ve", "den"]
    /// Words before a place name that make it a club, a company, a road or a shop
    /// (`CLB Hải Phòng`, `Ngân hàng Sài Gòn Thương Tín`, `Xa lộ Hà Nội`, `quán Hà Nội`).
    static let organisations: [String] = [
        "CLB", "câu lạc bộ", "đội", "ngân hàng", "công ty", "tập đoàn", "hãng", "xa lộ", "quán", "khách sạn",
        "nhà hàng", "Hoàng Anh", "Sông Lam", "Becamex", "SHB", "Than", "XSKT", "Xi măng", "báo", "đài",
    ]
    /// Words before a place name that make it a commune, district, street or building.
    static let lesserPlaces: Set<String> = [
        "xã", "huyện", "phường", "trấn", "ấp", "quận", "khóm", "đường", "hẻm", "ngõ", "hát",
    ]
}

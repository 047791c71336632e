/// The 54 ethnic groups of Vietnam, with the other spellings the press uses.
///
/// Many names are also ordinary words or other places (`Hoa Kỳ`, `hoa hậu`, `Thái Lan`,
/// `kinh tế`, `Lào` the country, `Mông Cổ`), so those only count after a word that
/// introduces a community (`người Hoa`, `đồng bào Khmer`, `dân tộc Thái`, `xóm Chăm`) or
/// inside a list that such a word opened (`dân tộc Kinh, Hoa, Khmer`). Distinctive names
/// (`Khmer`, `Ê Đê`) need no introduction. Capitals in a form are required in the text.
public enum EthnicGazetteer {
    public struct Group: Sendable {
        public let name: String
        public let forms: [String]
        /// The bare name counts only after an introducing word (or inside a list it opened).
        public let needsCue: Bool
        /// Text right after a form that makes it something else (`Hoa Kỳ`, `chăm sóc`).
        public let notFollowedBy: [String]
        /// Text right before a form that makes it something else (`Trung Hoa`).
        public let notPrecededBy: [String]
        /// The same, where its capitals must match too: `Tháp Chàm` is a town and its
        /// station, `tháp Chàm` a Chăm tower.
        public let notPrecededByCapitalised: [String]
        /// A capitalised syllable right after the name makes it a place (`Mường Tè`),
        /// unless an introducing word stands before it (`làng Chăm Châu Giang`).
        public let notBeforeProperNoun: Bool
        /// Also an ordinary word (`chăm` cares for): at the start of a sentence, where
        /// every word is capitalised, it counts only after an introducing word.
        public let alsoAWord: Bool
        /// Places of another country: in a passage that names one of them and no place of
        /// Vietnam (`homePlaces`, a province), the name is that country's people or a
        /// place there (`dòng máu Khmer` of a Phnom Penh model, `Chăm Pa` by `Lào`).
        public let abroad: [String]
    }

    private static func g(_ name: String, _ forms: [String] = [], cue: Bool = false,
                          notFollowedBy: [String] = [], notPrecededBy: [String] = [], notPrecededByCapitalised: [String] = [],
                          notBeforeProperNoun: Bool = false, alsoAWord: Bool = false, abroad: [String] = []) -> Group {
        Group(name: name, forms: [name] + forms, needsCue: cue, notFollowedBy: notFollowedBy,
              notPrecededBy: notPrecededBy, notPrecededByCapitalised: notPrecededByCapitalised,
              notBeforeProperNoun: notBeforeProperNoun, alsoAWord: alsoAWord, abroad: abroad)
    }

    private static let cambodia = [
        "Campuchia", "Cam-pu-chia", "Cambodia", "Phnom Penh", "Phnôm Pênh", "Nông Pênh", "Siem Reap", "Xiêm Riệp",
        "Angkor", "Ăng-co", "Battambang", "Kampot", "Sihanoukville", "Kandal", "Takeo", "Svay Rieng", "Kampong",
    ]

    /// Names that keep a community found beside a foreign place (`người Khmer Nam Bộ`
    /// sang Campuchia): with the provinces, Vietnam's regions and `đồng bào`. Not `Việt
    /// Nam` itself: a Cambodian show's `Đại diện Việt Nam` says nothing of the Khmer.
    public static let homePlaces: [String] = [
        "Nam Bộ", "Tây Nam Bộ", "miền Tây", "đồng bằng sông Cửu Long", "ĐBSCL", "Tây Nguyên", "đồng bào",
    ]

    public static let groups: [Group] = [
        g("Kinh", cue: true, notFollowedBy: ["tế", "Tế", "Bắc", "Thành", "Đô", "Môn"]),
        g("Tày"),
        g("Thái", cue: true, notFollowedBy: ["Lan", "Bình", "Nguyên", "Hòa", "Tông", "Tổ", "Hậu", "Thượng"], notBeforeProperNoun: true),
        g("Mường", notBeforeProperNoun: true),
        g("Khmer", ["Khơ-me", "Khơ me", "Khơme", "Khơ Me", "Khome", "Khờ-me", "Khơ-mer"],
          notFollowedBy: ["Đỏ", "đỏ", "Airlines", "Airways"], notPrecededBy: ["Cộng hòa"], abroad: cambodia),
        g("Hoa", ["Hoa kiều"], cue: true,
          notFollowedBy: ["Kỳ", "hậu", "Hậu", "mai", "Lư", "hồng", "sen", "đào", "lan", "cúc", "quả", "văn", "tiêu", "ngữ"],
          notPrecededBy: ["Trung"], notBeforeProperNoun: true),
        g("Nùng"),
        g("Mông", ["H'Mông", "Hmông", "H’Mông", "H'mông", "HMông", "Hmong", "H'Mong"], cue: true, notFollowedBy: ["Cổ", "Dương"]),
        g("Dao", cue: true),
        g("Gia Rai", ["Gia-rai", "Giarai", "Jrai"]),
        g("Ê Đê", ["Ê-đê", "Êđê", "Ê đê", "Ede", "Rhade"]),
        g("Ba Na", ["Ba-na", "Bana", "Bahnar"], notFollowedBy: ["Hills"]),
        g("Xơ Đăng", ["Xơ-đăng", "Sê Đăng", "Xê Đăng"]),
        g("Sán Chay", ["Sán Chí", "Sán Chỉ", "Cao Lan", "Cao Lan - Sán Chỉ"]),
        g("Cơ Ho", ["Cơ-ho", "K'Ho", "K’Ho", "Cơ Ho", "Kơ Ho", "K'ho"]),
        // Not the people: `Rơ Chăm` (a Jrai family name), `Chăm Mát` (a town), the city
        // `Phan Rang - Tháp Chàm`, the island `Cù Lao Chàm`, the flower `hoa Chăm Pa`.
        g("Chăm", ["Chàm", "Chăm Pa", "Chămpa"],
          notFollowedBy: ["sóc", "chỉ", "làm", "lo", "chút", "bón", "nom", "học", "chú", "chắm", "ngoan", "nuôi", "con", "bẵm"],
          notPrecededBy: ["Rơ", "Rmah", "Rang - Tháp", "Rang Tháp", "Cù Lao", "hoa"], notPrecededByCapitalised: ["Tháp"],
          notBeforeProperNoun: true, alsoAWord: true, abroad: cambodia + ["Lào", "Champasak", "Chăm-pa-sắc", "Pakse"]),
        g("Sán Dìu"),
        g("Hrê", ["H'rê", "Hre"]),
        g("Ra Glai", ["Raglai", "Ra-glai", "Rắc Lây"]),
        g("Mnông", ["M'nông", "M'Nông", "Mơ Nông", "M’nông"]),
        g("Xtiêng", ["X'tiêng", "Stiêng", "Xa Điêng", "S'tiêng"]),
        g("Bru-Vân Kiều", ["Bru - Vân Kiều", "Vân Kiều", "Bru"]),
        g("Thổ", cue: true, notFollowedBy: ["Nhĩ"]),
        g("Giáy"),
        g("Cơ Tu", ["Cơ-tu", "Katu", "Ca Tu"]),
        g("Giẻ Triêng", ["Gié Triêng", "Giẻ-Triêng", "Gié-Triêng"]),
        g("Mạ", cue: true),
        g("Khơ Mú", ["Khơ-mú", "Khơmú", "Khmu"]),
        g("Co", cue: true),
        g("Tà Ôi", ["Tà-ôi", "Pa Kô", "Pacô"]),
        g("Chơ Ro", ["Chơ-ro", "Châu Ro"]),
        g("Kháng", cue: true),
        g("Xinh Mun", ["Xinh-mun"]),
        g("Hà Nhì"),
        g("Chu Ru", ["Chu-ru", "Churu"]),
        g("Lào", cue: true, notFollowedBy: ["Cai"]),
        g("La Chí"),
        g("La Ha"),
        g("Phù Lá"),
        g("La Hủ"),
        g("Lự", cue: true),
        g("Lô Lô"),
        g("Chứt"),
        g("Mảng", cue: true),
        g("Pà Thẻn", ["Pà Hưng"]),
        g("Cờ Lao"),
        g("Cống", cue: true),
        g("Bố Y"),
        g("Si La"),
        g("Pu Péo"),
        g("Brâu"),
        g("Ơ Đu", ["Ơ-đu"]),
        g("Rơ Măm", ["Rơ-măm"]),
        g("Ngái", cue: true),
    ]

    /// Words that introduce a community; an ambiguous name counts only after one of them.
    public static let cues: [String] = [
        "người", "dân tộc", "đồng bào", "bà con", "cộng đồng", "xóm", "làng", "phum", "sóc",
        "gốc", "tộc người", "sắc tộc", "bản", "buôn", "thanh niên", "phụ nữ", "học sinh",
        "chức sắc", "dân", "thiểu số", "kiều bào", "tháp", "văn hóa",
    ]

    public static func group(named name: String) -> Group? {
        groups.first { $0.name == name }
    }
}

/// The 63 provinces and centrally-run cities as the reports write them, and the 34
/// provinces they became on 1 July 2025 (Resolution 202/2025/QH15).
///
/// Each entry: canonical name (CONTRACT.md), then other ways of writing it. A form is
/// matched syllable by syllable, diacritics optional; capitals in a form are required in
/// the text (place names are proper nouns: `Hòa Bình` the province, `hòa bình` peace).
public enum ProvinceGazetteer {
    public struct Province: Sendable {
        public let name: String
        public let forms: [String]
        /// The province it belongs to since the 2025 merger.
        public let merged: String
        /// Text right after a form that makes it something else (`Thái Bình Dương`).
        public let notFollowedBy: [String]
        /// Text right before a form that makes it something else (`Thái Bình Dương`).
        public let notPrecededBy: [String]
    }

    private static func p(_ name: String, _ forms: [String] = [], merged: String? = nil,
                          notFollowedBy: [String] = [], notPrecededBy: [String] = []) -> Province {
        // `TP.Huế`, `TP.Cần Thơ`: ICU keeps `TP.Xxx` as one token, so the joined form is listed.
        Province(name: name, forms: ([name] + forms).flatMap { [$0, "TP." + $0] }, merged: merged ?? name,
                 notFollowedBy: notFollowedBy, notPrecededBy: notPrecededBy)
    }

    public static let provinces: [Province] = [
        // Northern mountains and midlands
        p("Hà Giang", merged: "Tuyên Quang"),
        p("Tuyên Quang"),
        p("Cao Bằng"),
        p("Bắc Kạn", ["Bắc Cạn"], merged: "Thái Nguyên"),
        p("Lạng Sơn"),
        p("Lào Cai"),
        p("Yên Bái", merged: "Lào Cai"),
        p("Thái Nguyên"),
        p("Phú Thọ"),
        p("Bắc Giang", merged: "Bắc Ninh"),
        p("Quảng Ninh"),
        p("Điện Biên"),
        p("Lai Châu"),
        p("Sơn La"),
        p("Hòa Bình", merged: "Phú Thọ"),
        // Red River delta
        p("Hà Nội"),
        p("Hải Phòng"),
        p("Vĩnh Phúc", merged: "Phú Thọ"),
        p("Bắc Ninh"),
        p("Hải Dương", merged: "Hải Phòng"),
        p("Hưng Yên"),
        p("Thái Bình", merged: "Hưng Yên", notFollowedBy: ["Dương"]),
        p("Hà Nam", merged: "Ninh Bình", notFollowedBy: ["Ninh"]),
        p("Nam Định", merged: "Ninh Bình"),
        p("Ninh Bình"),
        // North and south central coast
        p("Thanh Hóa"),
        p("Nghệ An"),
        p("Hà Tĩnh"),
        p("Quảng Bình", merged: "Quảng Trị"),
        p("Quảng Trị"),
        p("Thừa Thiên Huế", ["Thừa Thiên - Huế", "Thừa Thiên", "Huế"], merged: "Huế"),
        p("Đà Nẵng"),
        p("Quảng Nam", merged: "Đà Nẵng"),
        p("Quảng Ngãi"),
        p("Bình Định", merged: "Gia Lai"),
        p("Phú Yên", merged: "Đắk Lắk"),
        p("Khánh Hòa"),
        p("Ninh Thuận", merged: "Khánh Hòa"),
        p("Bình Thuận", merged: "Lâm Đồng"),
        // Central Highlands
        p("Kon Tum", ["Kontum"], merged: "Quảng Ngãi"),
        p("Gia Lai"),
        p("Đắk Lắk", ["Đắc Lắc", "Đắk Lăk", "Đăk Lăk", "Daklak", "Dak Lak"]),
        p("Đắk Nông", ["Đăk Nông", "Đắc Nông", "Daknong", "Dak Nong"], merged: "Lâm Đồng"),
        p("Lâm Đồng"),
        // South east
        p("Bình Phước", merged: "Đồng Nai"),
        p("Tây Ninh"),
        p("Bình Dương", merged: "TP Hồ Chí Minh", notPrecededBy: ["Thái"]),
        p("Đồng Nai"),
        p("Bà Rịa - Vũng Tàu", ["Bà Rịa Vũng Tàu", "BR - VT", "Vũng Tàu", "Bà Rịa"], merged: "TP Hồ Chí Minh"),
        p("TP Hồ Chí Minh", [
            "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "thành phố Hồ Chí Minh", "TP.Hồ Chí Minh",
            "TP.HCM", "TPHCM", "TP HCM", "TP. HCM", "Tp.HCM", "HCMC", "Sài Gòn",
        ]),
        // Mekong delta (Tây Nam Bộ)
        p("Long An", merged: "Tây Ninh"),
        p("Tiền Giang", merged: "Đồng Tháp"),
        p("Bến Tre", merged: "Vĩnh Long"),
        p("Trà Vinh", merged: "Vĩnh Long"),
        p("Vĩnh Long"),
        p("Đồng Tháp", notFollowedBy: ["Mười"]),
        p("An Giang"),
        p("Kiên Giang", merged: "An Giang"),
        p("Cần Thơ"),
        p("Hậu Giang", merged: "Cần Thơ"),
        p("Sóc Trăng", merged: "Cần Thơ"),
        p("Bạc Liêu", merged: "Cà Mau"),
        p("Cà Mau"),
    ]

    /// The 34 provinces since 1 July 2025 and the old provinces each took in.
    public static let mergedProvinces: [String: [String]] = {
        var map: [String: [String]] = [:]
        for province in provinces { map[province.merged, default: []].append(province.name) }
        return map
    }()

    public static func province(named name: String) -> Province? {
        provinces.first { $0.name == name }
    }
}

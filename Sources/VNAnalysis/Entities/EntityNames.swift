/// Turns what a user types as a filter value (`bac lieu`, `TP.HCM`, `Khơ-me`) into the
/// canonical name, and canonical names into index keys.
public struct EntityNames: Sendable {
    private let provinces: [String: String]
    private let ethnicGroups: [String: String]

    public init() throws {
        let folder = DiacriticFolder()
        func table(_ entries: [(name: String, forms: [String])]) throws -> [String: String] {
            var map: [String: String] = [:]
            for entry in entries {
                for form in entry.forms + [entry.name] { map[try Self.key(form, folder)] = entry.name }
            }
            return map
        }
        provinces = try table(ProvinceGazetteer.provinces.map { ($0.name, $0.forms) }
                              + ProvinceGazetteer.mergedProvinces.keys.map { ($0, []) })
        ethnicGroups = try table(EthnicGazetteer.groups.map { ($0.name, $0.forms) })
    }

    /// The canonical province for a typed name, `tỉnh`/`thành phố`/`TP` prefixes allowed.
    public func province(_ typed: String) throws -> String? {
        let key = try Self.key(typed, DiacriticFolder())
        if let name = provinces[key] { return name }
        for prefix in ["tinh ", "thanh pho ", "tp ", "tp. "] where key.hasPrefix(prefix) {
            if let name = provinces[String(key.dropFirst(prefix.count))] { return name }
        }
        return nil
    }

    public func ethnicGroup(_ typed: String) throws -> String? {
        let key = try Self.key(typed, DiacriticFolder())
        if let name = ethnicGroups[key] { return name }
        for prefix in ["nguoi ", "dan toc ", "dong bao "] where key.hasPrefix(prefix) {
            if let name = ethnicGroups[String(key.dropFirst(prefix.count))] { return name }
        }
        return nil
    }

    /// Index key of a name: lower case, no diacritics, single spaces, no hyphens
    /// (`Bà Rịa - Vũng Tàu` → `ba ria vung tau`).
    public static func key(_ name: String) throws -> String {
        try key(name, DiacriticFolder())
    }

    private static func key(_ name: String, _ folder: DiacriticFolder) throws -> String {
        let folded = try folder.fold(name.lowercased())
        return folded.split { $0 == " " || $0 == "-" || $0 == "–" || $0 == "\u{A0}" }.joined(separator: " ")
    }
}

import Foundation

/// A road's nature (道路性质) as documents state it: 县道, 乡道, 村道 from the route code (X/Y/C + 3
/// digits), else from the imported class; never a raw OpenStreetMap value such as `track`.
public enum RoadNature {
    /// 县道 / 乡道 / 村道 from a route code such as `X012`, `Y101`, `C305`; nil for anything else.
    public static func fromRouteCode(_ code: String?) -> String? {
        guard let code = code?.trimmingCharacters(in: .whitespaces).uppercased(), let first = code.first,
              code.count == 4, code.dropFirst().allSatisfy(\.isASCIIDigit) else { return nil }
        switch first {
        case "X": return "县道"
        case "Y": return "乡道"
        case "C": return "村道"
        default: return nil
        }
    }

    /// Whether `code` is a rural route code (X/Y/C + 3 digits).
    public static func isRouteCode(_ code: String?) -> Bool { fromRouteCode(code) != nil }

    /// The nature in Chinese: the route code decides; a Chinese value stays; OSM classes map to the
    /// administrative grade they usually carry in rural China.
    public static func chinese(routeCode: String?, roadClass: String?) -> String {
        if let nature = fromRouteCode(routeCode) { return nature }
        let value = (roadClass ?? "").trimmingCharacters(in: .whitespaces)
        if value.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) { return value }
        switch value.lowercased() {
        case "motorway", "motorway_link": return "高速公路"
        case "trunk", "trunk_link", "primary", "primary_link": return "国省道"
        case "secondary", "secondary_link": return "县道"
        case "tertiary", "tertiary_link": return "乡道"
        case "residential", "living_street": return "街巷"
        default: return "村道"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

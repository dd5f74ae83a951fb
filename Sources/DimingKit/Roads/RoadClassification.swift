import DimingCore
import Foundation
import GeoFormats

/// Decides which records are roads and reads their class, name, route code and `noname`, from
/// configurable tag or property names (OSM tags by default; Chinese column names as well). An
/// ``ImportProfile`` fills it for a source layout (技术等级 三级公路 → `tertiary`, 路线编码 → route code).
public struct RoadClassification: Sendable {
    /// OSM `highway` values counted as roads (and their `_link`s).
    public var roadClasses: Set<String> = ["motorway", "trunk", "primary", "secondary", "tertiary", "unclassified",
                                           "residential", "living_street", "service", "track", "road"]
    public var classKeys = ["highway", "fclass", "class", "等级", "道路等级"]
    /// The source's class values and the road class each becomes (技术等级 三级公路 → tertiary); empty
    /// takes the values as they are.
    public var classValues: [String: String] = [:]
    public var nameKeys = ["name", "name:zh", "NAME", "名称", "路名"]
    public var refKeys = ["ref", "路线编号", "编号"]
    /// A 农村公路 database's route code carries the 6-digit division code after the route (X012371521):
    /// keep the route (X012), which the county already says.
    public var routeCodeDivisionSuffix = false
    public var nonameKeys = ["noname"]
    /// Fields of the width in metres (路面宽度, 路基宽度) and the surface (路面类型), and surface values' names.
    public var widthKeys = ["width"]
    public var surfaceKeys = ["surface"]
    public var surfaceValues: [String: String] = [:]
    /// The class of records that carry no class key (GPX tracks, KML placemarks); nil skips them.
    public var defaultClass: String?

    public init() {}

    /// What the record is as a road, or why it is not one.
    public enum Verdict: Equatable {
        case road(roadClass: String, name: String?, ref: String?, confirmedUnnamed: Bool)
        case skipped(reason: String)
    }

    public func classify(_ tags: [String: String]) -> Verdict {
        let key = classKeys.first { tags[$0] != nil }
        guard let rawClass = key.flatMap({ tags[$0] }) ?? defaultClass else { return .skipped(reason: "no road class") }
        var roadClass = rawClass
        if !classValues.isEmpty, key != nil {
            let base = rawClass.hasSuffix("_link") ? String(rawClass.dropLast(5)) : rawClass
            if let mapped = classValues[rawClass] {
                roadClass = mapped
            } else if base != rawClass, let mapped = classValues[base] {
                roadClass = mapped + "_link"
            } else {
                return .skipped(reason: "\(key!) \(rawClass) is not a road class of the profile")
            }
        }
        let base = roadClass.hasSuffix("_link") ? String(roadClass.dropLast(5)) : roadClass
        guard roadClasses.contains(base) else { return .skipped(reason: "class \(rawClass) is not a road class") }
        let name = nameKeys.lazy.compactMap { tags[$0].map(Self.trimmed) }.first { !$0.isEmpty }
        let ref = refKeys.lazy.compactMap { tags[$0] }.first.map(routeCode)
        let noname = nonameKeys.contains { tags[$0] == "yes" }
        return .road(roadClass: roadClass, name: name, ref: ref, confirmedUnnamed: name == nil && noname)
    }

    /// The route code as the registry keeps it: `X012371521` → `X012` when the profile says the
    /// source appends the division code.
    func routeCode(_ raw: String) -> String {
        let code = Self.trimmed(raw).uppercased()
        guard routeCodeDivisionSuffix, code.count >= 10, let first = code.first, "XYCZ".contains(first),
              code.dropFirst().allSatisfy(\.isNumber) else { return code }
        return String(code.prefix(4))
    }

    /// Width (metres) and surface the record states, through the profile's fields.
    public func attributes(_ tags: [String: String]) -> (width: Double?, surface: String?) {
        let width = widthKeys.lazy.compactMap { tags[$0] }.compactMap { value -> Double? in
            let number = value.trimmingCharacters(in: CharacterSet(charactersIn: " m米"))
            return Double(number).flatMap { $0 > 0 && $0 < 200 ? $0 : nil }
        }.first
        let surface = surfaceKeys.lazy.compactMap { tags[$0].map(Self.trimmed) }.first { !$0.isEmpty }
        return (width, surface.map { surfaceValues[$0] ?? $0 })
    }

    /// `text` without leading and trailing `.whitespaces`; most values have none, and are returned as
    /// they are without Foundation's bridged trimming (a tenth of the import's classification time).
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if !CharacterSet.whitespaces.contains(first) && !CharacterSet.whitespaces.contains(last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

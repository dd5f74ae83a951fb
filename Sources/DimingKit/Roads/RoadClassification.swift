import DimingCore
import GeoFormats

/// Decides which records are roads and reads their class, name, route code and `noname`, from
/// configurable tag or property names (OSM tags by default; Chinese column names as well).
public struct RoadClassification: Sendable {
    /// OSM `highway` values counted as roads (and their `_link`s).
    public var roadClasses: Set<String> = ["motorway", "trunk", "primary", "secondary", "tertiary", "unclassified",
                                           "residential", "living_street", "service", "track", "road"]
    public var classKeys = ["highway", "fclass", "class", "等级", "道路等级"]
    public var nameKeys = ["name", "name:zh", "NAME", "名称", "路名"]
    public var refKeys = ["ref", "路线编号", "编号"]
    public var nonameKeys = ["noname"]
    /// The class of records that carry no class key (GPX tracks, KML placemarks); nil skips them.
    public var defaultClass: String?

    public init() {}

    /// What the record is as a road, or why it is not one.
    public enum Verdict: Equatable {
        case road(roadClass: String, name: String?, ref: String?, confirmedUnnamed: Bool)
        case skipped(reason: String)
    }

    public func classify(_ tags: [String: String]) -> Verdict {
        guard let rawClass = classKeys.lazy.compactMap({ tags[$0] }).first ?? defaultClass else { return .skipped(reason: "no road class") }
        let base = rawClass.hasSuffix("_link") ? String(rawClass.dropLast(5)) : rawClass
        guard roadClasses.contains(base) else { return .skipped(reason: "class \(rawClass) is not a road class") }
        let name = nameKeys.lazy.compactMap { tags[$0]?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        let ref = refKeys.lazy.compactMap { tags[$0] }.first
        let noname = nonameKeys.contains { tags[$0] == "yes" }
        return .road(roadClass: rawClass, name: name, ref: ref, confirmedUnnamed: name == nil && noname)
    }
}

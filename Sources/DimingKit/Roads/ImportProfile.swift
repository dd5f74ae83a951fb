import DimingCore
import Foundation

/// How a source's fields and values become the registry's (导入方案): which field holds the road class
/// and what each value means (技术等级 三级/四级/等外公路 → tertiary/unclassified/track), the name
/// (名称), the route code (路线编码), the width (路面宽度/路基宽度) and the surface (路面类型).
/// Shipped as JSON in `GeoData/import-profiles/` (`osm`, `rural-roads`), editable per county
/// (``ImportProfiles/set(_:county:)``), or given as a file.
public struct ImportProfile: Codable, Sendable, Hashable {
    public var name: String
    public var title: String?
    /// Where the field names and values come from (a standard, a bureau's layout).
    public var source: String?
    public var classKeys: [String]
    /// Source class values → road classes; empty takes the values as they are (OSM `highway`).
    public var classes: [String: String] = [:]
    public var nameKeys: [String]
    public var refKeys: [String] = []
    public var routeCodeDivisionSuffix: Bool?
    public var widthKeys: [String] = []
    public var surfaceKeys: [String] = []
    public var surfaces: [String: String] = [:]
    public var nonameKeys: [String] = []
    /// The class of records without a class field; nil skips them.
    public var defaultClass: String?

    public init(name: String, classKeys: [String], classes: [String: String] = [:], nameKeys: [String]) {
        self.name = name
        self.classKeys = classKeys
        self.classes = classes
        self.nameKeys = nameKeys
    }

    /// The classification the profile describes, checked: every class it maps to must be a road class.
    public func classification() throws -> RoadClassification {
        var classification = RoadClassification()
        let unknown = Set(classes.values).subtracting(classification.roadClasses).sorted()
        guard unknown.isEmpty else {
            throw InputError(field: "profile \(name) classes", "maps to \(unknown.joined(separator: ", ")), which are not road classes "
                + "(\(classification.roadClasses.sorted().joined(separator: ", ")))")
        }
        guard !classKeys.isEmpty || defaultClass != nil else { throw InputError(field: "profile \(name) classKeys", "names no class field") }
        classification.classKeys = classKeys
        classification.classValues = classes
        classification.nameKeys = nameKeys
        classification.refKeys = refKeys
        classification.routeCodeDivisionSuffix = routeCodeDivisionSuffix ?? false
        classification.widthKeys = widthKeys
        classification.surfaceKeys = surfaceKeys
        classification.surfaceValues = surfaces
        classification.nonameKeys = nonameKeys
        classification.defaultClass = defaultClass
        return classification
    }

    /// Reads a profile from JSON; `origin` names the file for messages.
    public static func decode(_ data: Data, origin: String) throws -> ImportProfile {
        do {
            let profile = try JSONDecoder().decode(ImportProfile.self, from: data)
            _ = try profile.classification()
            return profile
        } catch let error as InputError {
            throw error
        } catch let error as DecodingError {
            throw InputError(file: origin, "not an import profile: \(Self.describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, _): "missing field \(key.stringValue)"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }
}

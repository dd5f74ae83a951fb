import DimingCore

/// One road-like record from any source format, before Diming decides whether it is a road:
/// its id in the source, its tags or properties, and its geometry (WGS-84).
public struct RoadFeature: Sendable {
    /// Where the record came from, for messages: `features[12]`, `way 4711`, `line 30`.
    public var location: String
    /// The record's id within the source (OSM way id, feature id or index).
    public var sourceRef: String
    public var tags: [String: String]
    public var lines: [LineString]
    /// The OSM way this record is (OSM XML and PBF only), so a delivery can modify it in place.
    public var osm: OSMIdentity?

    public init(location: String, sourceRef: String, tags: [String: String], lines: [LineString], osm: OSMIdentity? = nil) {
        self.location = location
        self.sourceRef = sourceRef
        self.tags = tags
        self.lines = lines
        self.osm = osm
    }
}

extension GeoJSONReader {
    /// The line features of a GeoJSON file as road features (points and areas are left out).
    public static func roadFeatures(path: String, crs: CoordinateSystem) throws -> [RoadFeature] {
        var roads: [RoadFeature] = []
        try forEach(path: path, crs: crs) { feature in
            if let road = try roadFeature(feature, path: path) { roads.append(road) }
        }
        return roads
    }

    /// The feature as a road feature if it is a line (nil for points and areas); a line feature
    /// without usable lines is an error.
    static func roadFeature(_ feature: GeoJSONFeature, path: String) throws -> RoadFeature? {
        let lines: [LineString]
        switch feature.geometry {
        case let .lineString(line)?: lines = [line]
        case let .multiLineString(parts)?:
            guard !parts.isEmpty else {
                throw InputError(file: path, line: feature.line, field: "features[\(feature.index)].geometry", "an empty MultiLineString")
            }
            lines = parts
        default: return nil
        }
        let location = "features[\(feature.index)]" + (feature.line.map { " (line \($0))" } ?? "")
        return RoadFeature(location: location, sourceRef: feature.id ?? feature.properties["id"] ?? String(feature.index),
                           tags: feature.properties, lines: lines)
    }
}

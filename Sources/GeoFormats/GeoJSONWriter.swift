import DimingCore
import Foundation

/// Writes GeoJSON FeatureCollections (RFC 7946, WGS-84 unless a target system is given).
public struct GeoJSONWriter {
    public var decimals: Int
    public var crs: CoordinateSystem

    public init(decimals: Int = 7, crs: CoordinateSystem = .wgs84) {
        self.decimals = decimals
        self.crs = crs
    }

    /// One feature with text properties.
    public struct Feature {
        public var properties: [String: String]
        public var geometry: GeoJSONGeometry
        public init(properties: [String: String], geometry: GeoJSONGeometry) {
            self.properties = properties
            self.geometry = geometry
        }
    }

    public func collection(_ features: [Feature]) -> String {
        var out = "{\"type\":\"FeatureCollection\",\"features\":[\n"
        out += features.map(feature).joined(separator: ",\n")
        out += "\n]}\n"
        return out
    }

    func feature(_ feature: Feature) -> String {
        let properties = feature.properties.keys.sorted().map { "\(quote($0)):\(quote(feature.properties[$0]!))" }
        return "{\"type\":\"Feature\",\"properties\":{\(properties.joined(separator: ","))},\"geometry\":\(geometry(feature.geometry))}"
    }

    func geometry(_ geometry: GeoJSONGeometry) -> String {
        switch geometry {
        case let .point(p): "{\"type\":\"Point\",\"coordinates\":\(position(p))}"
        case let .lineString(l): "{\"type\":\"LineString\",\"coordinates\":\(positions(l.points))}"
        case let .multiLineString(ls): "{\"type\":\"MultiLineString\",\"coordinates\":[\(ls.map { positions($0.points) }.joined(separator: ","))]}"
        case let .polygon(p): "{\"type\":\"Polygon\",\"coordinates\":\(rings(p))}"
        case let .multiPolygon(m): "{\"type\":\"MultiPolygon\",\"coordinates\":[\(m.polygons.map(rings).joined(separator: ","))]}"
        }
    }

    func rings(_ polygon: Polygon) -> String {
        "[" + ([polygon.outer] + polygon.holes).map(positions).joined(separator: ",") + "]"
    }

    func positions(_ points: [Coordinate]) -> String {
        "[" + points.map(position).joined(separator: ",") + "]"
    }

    func position(_ point: Coordinate) -> String {
        let p = crs.fromWGS84(point)
        return "[\(format(p.lon)),\(format(p.lat))]"
    }

    func format(_ value: Double) -> String {
        String(format: "%.\(decimals)f", value)
    }

    func quote(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}

import DimingCore
import Foundation

/// A geometry as GeoJSON has it (RFC 7946), converted to WGS-84.
public enum GeoJSONGeometry: Sendable {
    case point(Coordinate)
    case lineString(LineString)
    case multiLineString([LineString])
    case polygon(Polygon)
    case multiPolygon(MultiPolygon)
}

/// One GeoJSON feature: its position in the file, its properties as text, and its geometry.
public struct GeoJSONFeature: Sendable {
    /// 1-based position in the FeatureCollection, for error messages.
    public var index: Int
    public var id: String?
    public var properties: [String: String]
    /// nil when the feature has a null geometry.
    public var geometry: GeoJSONGeometry?
}

/// Reads a GeoJSON FeatureCollection (or a single Feature) and converts coordinates from `crs` to WGS-84.
public enum GeoJSONReader {
    public static func read(path: String, crs: CoordinateSystem = .wgs84) throws -> [GeoJSONFeature] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot read the file")
        }
        return try read(data: data, name: path, crs: crs)
    }

    public static func read(data: Data, name: String, crs: CoordinateSystem = .wgs84) throws -> [GeoJSONFeature] {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw InputError(file: name, "not valid JSON (\((error as NSError).userInfo["NSDebugDescription"] ?? error))")
        }
        guard let object = json as? [String: Any], let type = object["type"] as? String else {
            throw InputError(file: name, field: "type", "not a GeoJSON object")
        }
        let features: [Any]
        switch type {
        case "FeatureCollection":
            guard let list = object["features"] as? [Any] else { throw InputError(file: name, field: "features", "missing features array") }
            features = list
        case "Feature": features = [object]
        default: throw InputError(file: name, field: "type", "expected FeatureCollection or Feature, found \(type)")
        }
        return try features.enumerated().map { offset, element in
            try feature(element, index: offset + 1, name: name, crs: crs)
        }
    }

    static func feature(_ element: Any, index: Int, name: String, crs: CoordinateSystem) throws -> GeoJSONFeature {
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(file: name, field: "features[\(index)].\(field)", message)
        }
        guard let object = element as? [String: Any], object["type"] as? String == "Feature" else {
            throw fail("type", "not a Feature")
        }
        var properties: [String: String] = [:]
        for (key, value) in object["properties"] as? [String: Any] ?? [:] {
            if let text = text(value) { properties[key] = text }
        }
        let id = object["id"].flatMap(text)
        guard let geometryObject = object["geometry"] as? [String: Any] else {
            return GeoJSONFeature(index: index, id: id, properties: properties, geometry: nil)
        }
        let type = geometryObject["type"] as? String ?? ""
        let coordinates = geometryObject["coordinates"]
        func position(_ value: Any?) throws -> Coordinate {
            guard let pair = value as? [Any], pair.count >= 2, let lon = number(pair[0]), let lat = number(pair[1]),
                  Coordinate(lon: lon, lat: lat).isValid else {
                throw fail("geometry.coordinates", "not a valid [longitude, latitude] position")
            }
            return crs.toWGS84(Coordinate(lon: lon, lat: lat))
        }
        func line(_ value: Any?) throws -> [Coordinate] {
            guard let list = value as? [Any] else { throw fail("geometry.coordinates", "expected an array of positions") }
            return try list.map(position)
        }
        func polygon(_ value: Any?) throws -> Polygon {
            guard let rings = value as? [Any], !rings.isEmpty else { throw fail("geometry.coordinates", "a polygon needs at least one ring") }
            let parsed = try rings.map(line)
            guard parsed.allSatisfy({ $0.count >= 3 }) else { throw fail("geometry.coordinates", "a ring needs at least 3 positions") }
            return Polygon(outer: parsed[0], holes: Array(parsed.dropFirst()))
        }
        let geometry: GeoJSONGeometry
        switch type {
        case "Point": geometry = .point(try position(coordinates))
        case "LineString":
            let points = try line(coordinates)
            guard points.count >= 2 else { throw fail("geometry.coordinates", "a LineString needs at least 2 positions") }
            geometry = .lineString(LineString(points))
        case "MultiLineString":
            guard let parts = coordinates as? [Any] else { throw fail("geometry.coordinates", "expected an array of lines") }
            geometry = .multiLineString(try parts.map { LineString(try line($0)) }.filter { $0.points.count >= 2 })
        case "Polygon": geometry = .polygon(try polygon(coordinates))
        case "MultiPolygon":
            guard let parts = coordinates as? [Any] else { throw fail("geometry.coordinates", "expected an array of polygons") }
            geometry = .multiPolygon(MultiPolygon(try parts.map(polygon)))
        default: throw fail("geometry.type", "unsupported geometry type '\(type)'")
        }
        return GeoJSONFeature(index: index, id: id, properties: properties, geometry: geometry)
    }

    static func number(_ value: Any) -> Double? {
        (value as? NSNumber).map(\.doubleValue)
    }

    static func text(_ value: Any) -> String? {
        switch value {
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}

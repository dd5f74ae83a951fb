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
    /// The line of the file on which the feature starts.
    public var line: Int?
    public var id: String?
    public var properties: [String: String]
    /// nil when the feature has a null geometry.
    public var geometry: GeoJSONGeometry?
}

/// Reads a GeoJSON FeatureCollection (or a single Feature) as a stream, one feature at a time, and
/// converts coordinates from `crs` to WGS-84. Memory is a small multiple of the largest feature, not
/// of the file; the file must be a regular file, and nesting, strings and the size of one feature
/// are bounded by ``InputLimits``. Coordinates must be numbers (not strings or booleans) in range.
public enum GeoJSONReader {
    /// Calls `body` with each feature of the file at `path`, in order.
    public static func forEach(path: String, crs: CoordinateSystem = .wgs84, limits: InputLimits = .standard,
                               progress: (Int) -> Void = { _ in }, _ body: (GeoJSONFeature) throws -> Void) throws {
        let file = try InputFile.open(path)
        defer { try? file.close() }
        var read = 0
        let parser = JSONStreamParser(name: path, limits: limits) {
            let chunk = try file.readChunk(upToCount: 1 << 20) ?? Data()
            read += chunk.count
            return chunk
        }
        try forEach(parser: parser, crs: crs) { feature in
            try body(feature)
            progress(read)
        }
    }

    /// Calls `body` with each feature of `data`; `name` is how errors call it.
    public static func forEach(data: Data, name: String, crs: CoordinateSystem = .wgs84, limits: InputLimits = .standard,
                               _ body: (GeoJSONFeature) throws -> Void) throws {
        var rest: Data? = data
        let parser = JSONStreamParser(name: name, limits: limits) {
            defer { rest = nil }
            return rest ?? Data()
        }
        try forEach(parser: parser, crs: crs, body)
    }

    /// All features of the file (for small files: boundaries, POIs).
    public static func read(path: String, crs: CoordinateSystem = .wgs84, limits: InputLimits = .standard) throws -> [GeoJSONFeature] {
        var features: [GeoJSONFeature] = []
        try forEach(path: path, crs: crs, limits: limits) { features.append($0) }
        return features
    }

    public static func read(data: Data, name: String, crs: CoordinateSystem = .wgs84, limits: InputLimits = .standard) throws -> [GeoJSONFeature] {
        var features: [GeoJSONFeature] = []
        try forEach(data: data, name: name, crs: crs, limits: limits) { features.append($0) }
        return features
    }

    static func forEach(parser: JSONStreamParser, crs: CoordinateSystem, _ body: (GeoJSONFeature) throws -> Void) throws {
        let name = parser.name
        var count = 0
        let top = try parser.readObject(streaming: "features") { element, line in
            count += 1
            try body(try feature(element, index: count, line: line, name: name, crs: crs))
        }
        switch top["type"] {
        case .string("FeatureCollection")?:
            guard top["features"] != nil else { throw InputError(file: name, field: "features", "missing features array") }
            guard case .array? = top["features"] else { throw InputError(file: name, field: "features", "features must be an array") }
        case .string("Feature")?:
            guard count == 0 else { throw InputError(file: name, field: "type", "a Feature cannot hold a features array") }
            try body(try feature(.object(top), index: 1, line: 1, name: name, crs: crs))
        case let .string(other)?:
            throw InputError(file: name, field: "type", "expected FeatureCollection or Feature, found \(other)")
        default:
            throw InputError(file: name, field: "type", "not a GeoJSON object (no \"type\": \"FeatureCollection\")")
        }
    }

    static func feature(_ element: JSONValue, index: Int, line: Int?, name: String, crs: CoordinateSystem) throws -> GeoJSONFeature {
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(file: name, line: line, field: "features[\(index)].\(field)", message)
        }
        guard case let .object(object) = element, object["type"]?.stringValue == "Feature" else {
            throw fail("type", "not a Feature")
        }
        var properties: [String: String] = [:]
        switch object["properties"] {
        case let .object(members)?:
            for (key, value) in members {
                if let text = text(value) { properties[key] = text }
            }
        case nil, .null?: break
        case let other?: throw fail("properties", "properties must be an object, not \(other.kind)")
        }
        let id = object["id"].flatMap(text)
        guard let geometryValue = object["geometry"], case let .object(geometryObject) = geometryValue else {
            if let value = object["geometry"], case .null = value {} else if let value = object["geometry"] {
                throw fail("geometry", "geometry must be an object or null, not \(value.kind)")
            }
            return GeoJSONFeature(index: index, line: line, id: id, properties: properties, geometry: nil)
        }
        let type = geometryObject["type"]?.stringValue ?? ""
        guard let coordinates = geometryObject["coordinates"] else { throw fail("geometry.coordinates", "missing coordinates") }
        func position(_ values: ArraySlice<Double>) throws -> Coordinate {
            guard values.count >= 2 else { throw fail("geometry.coordinates", "a position needs a longitude and a latitude") }
            let point = Coordinate(lon: values[values.startIndex], lat: values[values.startIndex + 1])
            guard point.isValid else {
                if SourceCRS.looksProjected(x: point.lon, y: point.lat) {
                    let zone = SourceCRS.cgcs2000GaussKrugerZone(easting: point.lon).map { ", EPSG:\($0) fits an easting of \(Int(point.lon))" } ?? ""
                    throw fail("geometry.coordinates", "[\(point.lon), \(point.lat)] looks projected (metres), not longitude and latitude, and the file "
                        + "declares no coordinate system (a \"crs\" member): pass it with --crs EPSG:NNNN (e.g. EPSG:4527, CGCS2000 3-degree zone 39\(zone))")
                }
                throw fail("geometry.coordinates", "not a valid [longitude, latitude] position: [\(point.lon), \(point.lat)]")
            }
            return crs.toWGS84(point)
        }
        func single(_ value: JSONValue) throws -> Coordinate {
            guard case let .numbers(values) = value else {
                throw fail("geometry.coordinates", "a position must be an array of numbers, not \(describe(value))")
            }
            return try position(values[...])
        }
        func points(_ value: JSONValue) throws -> [Coordinate] {
            switch value {
            case let .positions(flat, width):
                guard width >= 2 else { throw fail("geometry.coordinates", "a position needs a longitude and a latitude") }
                var result: [Coordinate] = []
                result.reserveCapacity(flat.count / width)
                for start in stride(from: 0, to: flat.count, by: width) { result.append(try position(flat[start..<start + width])) }
                return result
            case let .array(list): return try list.map(single) // empty, or positions of mixed widths
            default: throw fail("geometry.coordinates", "expected an array of positions, not \(describe(value))")
            }
        }
        func parts(_ value: JSONValue, _ what: String) throws -> [JSONValue] {
            switch value {
            case let .array(list): return list
            case .positions, .numbers: throw fail("geometry.coordinates", "expected an array of \(what), found positions")
            default: throw fail("geometry.coordinates", "expected an array of \(what), not \(value.kind)")
            }
        }
        func polygon(_ value: JSONValue) throws -> Polygon {
            let rings = try parts(value, "rings").map(points)
            guard !rings.isEmpty else { throw fail("geometry.coordinates", "a polygon needs at least one ring") }
            guard rings.allSatisfy({ $0.count >= 3 }) else { throw fail("geometry.coordinates", "a ring needs at least 3 positions") }
            return Polygon(outer: rings[0], holes: Array(rings.dropFirst()))
        }
        let geometry: GeoJSONGeometry
        switch type {
        case "Point": geometry = .point(try single(coordinates))
        case "LineString":
            let line = try points(coordinates)
            guard line.count >= 2 else { throw fail("geometry.coordinates", "a LineString needs at least 2 positions") }
            geometry = .lineString(LineString(line))
        case "MultiLineString":
            geometry = .multiLineString(try parts(coordinates, "lines").map { LineString(try points($0)) }.filter { $0.points.count >= 2 })
        case "Polygon": geometry = .polygon(try polygon(coordinates))
        case "MultiPolygon":
            let polygons = try parts(coordinates, "polygons").map(polygon)
            guard !polygons.isEmpty else { throw fail("geometry.coordinates", "an empty MultiPolygon") }
            geometry = .multiPolygon(MultiPolygon(polygons))
        default: throw fail("geometry.type", "unsupported geometry type '\(type)'")
        }
        return GeoJSONFeature(index: index, line: line, id: id, properties: properties, geometry: geometry)
    }

    static func describe(_ value: JSONValue) -> String {
        if case let .array(list) = value, let bad = list.first(where: { if case .number = $0 { false } else { true } }) {
            return "an array holding \(bad.kind)"
        }
        return value.kind
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case let .string(string): string
        case let .number(number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: nil
        }
    }
}

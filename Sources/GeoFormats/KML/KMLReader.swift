import DimingCore
import Foundation

/// A point placemark or waypoint: a name, properties and a location (WGS-84).
public struct PointFeature: Sendable {
    public var location: String
    public var sourceRef: String
    public var properties: [String: String]
    public var point: Coordinate

    public init(location: String, sourceRef: String, properties: [String: String], point: Coordinate) {
        self.location = location
        self.sourceRef = sourceRef
        self.properties = properties
        self.point = point
    }
}

/// Reads KML 2.2 (and KMZ, zipped KML) as a stream: each Placemark's `name`, its ExtendedData
/// (`Data`/`value` and `SimpleData`) as properties, and its LineStrings (also inside MultiGeometry)
/// as a road feature; Point placemarks are kept apart as point features.
public final class KMLReader: XMLEventHandler {
    public let path: String
    public let crs: CoordinateSystem
    public let limits: InputLimits
    public private(set) var lines: [RoadFeature] = []
    public private(set) var points: [PointFeature] = []

    private var text = TextCollector()
    private var inPlacemark = false
    private var placemarkIndex = 0
    private var placemarkLine = 0
    private var properties: [String: String] = [:]
    private var dataName: String?
    private var geometryLines: [LineString] = []
    private var geometryPoints: [Coordinate] = []
    private var geometryKind: String?
    private var sawRoot = false

    public init(path: String, crs: CoordinateSystem = .wgs84, limits: InputLimits = .standard) {
        self.path = path
        self.crs = crs
        self.limits = limits
    }

    public func read() throws {
        let parser = XMLStreamParser(fileName: path, handler: self, limits: limits)
        if path.lowercased().hasSuffix(".kmz") {
            let handle = try InputFile.open(path)
            defer { try? handle.close() }
            try KMZInput(source: .file(handle), name: path, limits: limits).parse(with: parser)
        } else {
            try parser.parse(path: path)
        }
        guard sawRoot else { throw InputError(file: path, "not a KML document (no <kml> element)") }
    }

    /// Reads KML (or, when `zipped`, KMZ) from memory; `name` is how errors call it.
    public func read(data: Data, zipped: Bool) throws {
        let parser = XMLStreamParser(fileName: path, handler: self, limits: limits)
        if zipped {
            try KMZInput(source: .memory(data), name: path, limits: limits).parse(with: parser)
        } else {
            var chunks = [data]
            try parser.parse(chunks: { chunks.isEmpty ? Data() : chunks.removeFirst() })
        }
        guard sawRoot else { throw InputError(file: path, "not a KML document (no <kml> element)") }
    }

    public func startElement(_ name: XMLBytes, attributes: XMLAttributes, parser: XMLStreamParser) {
        if !sawRoot {
            guard name.equals("kml") else { return parser.fail("not a KML document: the root element is not <kml>") }
            sawRoot = true
        }
        if name.equals("Placemark") {
            inPlacemark = true
            placemarkIndex += 1
            placemarkLine = parser.line
            properties = [:]
            geometryLines = []
            geometryPoints = []
            if let id = attributes["id"] { properties["id"] = id.string }
        } else if inPlacemark {
            if name.equals("coordinates") {
                text.start(limit: limits.maxFeatureBytes, limitName: "maxFeatureBytes")
            } else if name.equals("name") || name.equals("value") || name.equals("SimpleData") {
                text.start(limit: limits.maxStringBytes, limitName: "maxStringBytes")
                if name.equals("SimpleData") { dataName = attributes["name"]?.string }
            } else if name.equals("Data") {
                dataName = attributes["name"]?.string
            } else if name.equals("LineString") {
                geometryKind = "LineString"
            } else if name.equals("Point") {
                geometryKind = "Point"
            } else if name.equals("Polygon") {
                geometryKind = "Polygon"
            }
        }
    }

    public func endElement(_ name: XMLBytes, parser: XMLStreamParser) {
        guard inPlacemark else { return }
        if name.equals("name") {
            let value = text.finish()
            if dataName == nil && properties["name"] == nil { properties["name"] = value }
        } else if name.equals("value") || name.equals("SimpleData") {
            let value = text.finish()
            if let dataName { properties[dataName] = value }
            if name.equals("SimpleData") { dataName = nil }
        } else if name.equals("Data") {
            dataName = nil
        } else if name.equals("coordinates") {
            let value = text.finish()
            guard let coordinates = parseCoordinates(value, parser: parser) else { return }
            switch geometryKind {
            case "LineString":
                guard coordinates.count >= 2 else {
                    return parser.fail(field: "Placemark \(placemarkIndex)", "a LineString needs at least 2 coordinates (empty geometry)")
                }
                geometryLines.append(LineString(coordinates))
            case "Point":
                guard coordinates.count == 1 else { return parser.fail(field: "Placemark \(placemarkIndex)", "a Point needs exactly 1 coordinate") }
                geometryPoints.append(coordinates[0])
            default: break
            }
        } else if name.equals("LineString") || name.equals("Point") || name.equals("Polygon") {
            geometryKind = nil
        } else if name.equals("Placemark") {
            inPlacemark = false
            let ref = properties["id"] ?? String(placemarkIndex)
            let location = "Placemark \(placemarkIndex) (line \(placemarkLine))"
            if !geometryLines.isEmpty {
                lines.append(RoadFeature(location: location, sourceRef: ref, tags: properties, lines: geometryLines))
            }
            for (i, point) in geometryPoints.enumerated() {
                points.append(PointFeature(location: location, sourceRef: geometryPoints.count == 1 ? ref : "\(ref)#\(i + 1)",
                                           properties: properties, point: point))
            }
        }
    }

    public func characters(_ text: XMLBytes, parser: XMLStreamParser) {
        self.text.append(text, parser: parser, field: "Placemark \(placemarkIndex)")
    }

    /// `lon,lat[,alt]` tuples separated by white space.
    func parseCoordinates(_ text: String, parser: XMLStreamParser) -> [Coordinate]? {
        var result: [Coordinate] = []
        for tuple in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            let parts = tuple.split(separator: ",")
            guard parts.count >= 2, let lon = Double(parts[0]), let lat = Double(parts[1]),
                  Coordinate(lon: lon, lat: lat).isValid else {
                parser.fail(field: "Placemark \(placemarkIndex) coordinates", "invalid coordinate '\(tuple)'")
                return nil
            }
            result.append(crs.toWGS84(Coordinate(lon: lon, lat: lat)))
        }
        return result
    }
}

import DimingCore
import Foundation

/// Reads GPX 1.1 as a stream: each track (`trk`, its `trkseg`s as lines) and route (`rte`) becomes a
/// road feature with its `name`, `type` and `desc` as properties; waypoints (`wpt`) are point features.
public final class GPXReader: XMLEventHandler {
    public let path: String
    public let crs: CoordinateSystem
    public let limits: InputLimits
    public private(set) var lines: [RoadFeature] = []
    public private(set) var points: [PointFeature] = []

    private var text = TextCollector()
    private var sawRoot = false
    private var container: String?
    private var containerIndex = 0
    private var containerLine = 0
    private var properties: [String: String] = [:]
    private var segments: [LineString] = []
    private var current: [Coordinate] = []
    private var waypoint: Coordinate?
    /// Inside a trkpt/rtept, whose own name and type are not the track's.
    private var inPoint = false

    public init(path: String, crs: CoordinateSystem = .wgs84, limits: InputLimits = .standard) {
        self.path = path
        self.crs = crs
        self.limits = limits
    }

    public func read() throws {
        try XMLStreamParser(fileName: path, handler: self, limits: limits).parse(path: path)
        guard sawRoot else { throw InputError(file: path, "not a GPX document (no <gpx> element)") }
    }

    /// Reads GPX from memory (`path` names it in errors).
    public func read(data: Data) throws {
        var chunks = [data]
        try XMLStreamParser(fileName: path, handler: self, limits: limits).parse(chunks: { chunks.isEmpty ? Data() : chunks.removeFirst() })
        guard sawRoot else { throw InputError(file: path, "not a GPX document (no <gpx> element)") }
    }

    public func startElement(_ name: XMLBytes, attributes: XMLAttributes, parser: XMLStreamParser) {
        if !sawRoot {
            guard name.equals("gpx") else { return parser.fail("not a GPX document: the root element is not <gpx>") }
            sawRoot = true
            return
        }
        if name.equals("trk") || name.equals("rte") || name.equals("wpt") {
            container = name.string
            containerIndex += 1
            containerLine = parser.line
            properties = [:]
            segments = []
            current = []
            if name.equals("wpt") { waypoint = point(attributes, parser: parser) }
        } else if name.equals("trkpt") || name.equals("rtept") {
            inPoint = true
            if let point = point(attributes, parser: parser) { current.append(point) }
        } else if !inPoint && (name.equals("name") || name.equals("type") || name.equals("desc") || name.equals("cmt")) {
            text.start(limit: limits.maxStringBytes, limitName: "maxStringBytes")
        }
    }

    public func endElement(_ name: XMLBytes, parser: XMLStreamParser) {
        guard let container else { return }
        if name.equals("trkpt") || name.equals("rtept") {
            inPoint = false
        } else if !inPoint && (name.equals("name") || name.equals("type") || name.equals("desc") || name.equals("cmt")) {
            properties[name.string] = text.finish()
        } else if name.equals("trkseg") {
            closeSegment(parser)
        } else if name.equals("trk") || name.equals("rte") {
            closeSegment(parser)
            if !segments.isEmpty {
                lines.append(RoadFeature(location: "\(container) \(containerIndex) (line \(containerLine))",
                                         sourceRef: "\(container)\(containerIndex)", tags: properties, lines: segments))
            } else {
                parser.fail(field: "\(container) \(containerIndex)", "a \(container) without points (empty geometry)")
            }
            self.container = nil
        } else if name.equals("wpt") {
            if let waypoint {
                points.append(PointFeature(location: "wpt \(containerIndex) (line \(containerLine))", sourceRef: "wpt\(containerIndex)",
                                           properties: properties, point: waypoint))
            }
            self.container = nil
        }
    }

    public func characters(_ text: XMLBytes, parser: XMLStreamParser) {
        self.text.append(text, parser: parser, field: "\(container ?? "gpx") \(containerIndex)")
    }

    func closeSegment(_ parser: XMLStreamParser) {
        guard !current.isEmpty else { return }
        guard current.count >= 2 else {
            current = []
            return parser.fail(field: "\(container ?? "trk") \(containerIndex)", "a track segment needs at least 2 points")
        }
        segments.append(LineString(current))
        current = []
    }

    func point(_ attributes: XMLAttributes, parser: XMLStreamParser) -> Coordinate? {
        guard let lat = attributes["lat"]?.double, let lon = attributes["lon"]?.double,
              lat.isFinite, lon.isFinite, (-90...90).contains(lat), (-180...180).contains(lon) else {
            parser.fail(field: "\(container ?? "point") \(containerIndex)", "a point without valid lat/lon")
            return nil
        }
        return crs.toWGS84(Coordinate(lon: lon, lat: lat))
    }
}

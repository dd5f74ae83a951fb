import DimingCore
import Foundation

/// What an OSM read saw besides the road features.
public struct OSMReadStatistics: Sendable {
    public var nodes = 0
    public var ways = 0
    public var relations = 0
    /// Ways left out, by reason.
    public var skipped: [String: Int] = [:]
    public var bytes = 0
}

/// Reads OSM XML 0.6 as a stream (libxml2 SAX2) and yields the ways that carry a road-class key
/// (`highway` by default) as ``RoadFeature``s with their node coordinates resolved.
///
/// Memory: 16 bytes per node for the location index, plus the road features. Coordinates are
/// checked (a NaN or out-of-range latitude rejects the file with its line); a way with no nodes
/// at all is an error, a way whose nodes are outside the extract is skipped and counted.
public final class OSMRoadReader: XMLEventHandler {
    public let path: String
    public let crs: CoordinateSystem
    public let classKeys: Set<String>

    public private(set) var features: [RoadFeature] = []
    public private(set) var statistics = OSMReadStatistics()

    private var index = NodeLocationIndex()
    private var indexPrepared = false
    private var depth = 0
    private var sawRoot = false
    private var inWay = false
    private var wayID: Int64 = 0
    private var wayLine = 0
    private var refs: [Int64] = []
    private var tags: [String: String] = [:]

    public init(path: String, crs: CoordinateSystem = .wgs84, classKeys: Set<String> = ["highway"]) {
        self.path = path
        self.crs = crs
        self.classKeys = classKeys
    }

    /// Reads the whole file; `progress` gets (bytes read, features so far).
    public func read(progress: (Int, Int) -> Void = { _, _ in }) throws -> [RoadFeature] {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) {
            index.reserve(min(size / 100, 50_000_000))
        }
        let parser = XMLStreamParser(fileName: path, handler: self)
        try parser.parse(path: path) { bytes in
            statistics.bytes = bytes
            progress(bytes, features.count)
        }
        guard sawRoot else { throw InputError(file: path, "not an OSM XML file (no <osm> element)") }
        return features
    }

    public func startElement(_ name: XMLBytes, attributes: XMLAttributes, parser: XMLStreamParser) {
        depth += 1
        if depth == 1 {
            guard name.equals("osm") else { return parser.fail("not an OSM XML file: the root element is not <osm>") }
            sawRoot = true
            return
        }
        if name.equals("node") {
            statistics.nodes += 1
            guard let id = attributes["id"]?.int64 else { return parser.fail(field: "node id", "a node without a valid id") }
            guard let lat = attributes["lat"]?.double, let lon = attributes["lon"]?.double else {
                // Deleted nodes in change files have no location; in a plain extract this is an error.
                return parser.fail(field: "node \(id)", "a node without lat/lon")
            }
            guard lat.isFinite, lon.isFinite, (-90...90).contains(lat), (-180...180).contains(lon) else {
                return parser.fail(field: "node \(id)", "invalid coordinates lat=\(lat) lon=\(lon)")
            }
            index.append(id: id, lon: lon, lat: lat)
        } else if name.equals("nd") {
            guard inWay else { return }
            guard let ref = attributes["ref"]?.int64 else { return parser.fail(field: "way \(wayID) nd", "an nd without a valid ref") }
            refs.append(ref)
        } else if name.equals("tag") {
            guard inWay, let key = attributes["k"], let value = attributes["v"] else { return }
            tags[key.string] = value.string
        } else if name.equals("way") {
            statistics.ways += 1
            guard let id = attributes["id"]?.int64 else { return parser.fail(field: "way id", "a way without a valid id") }
            inWay = true
            wayID = id
            wayLine = parser.line
            refs.removeAll(keepingCapacity: true)
            tags.removeAll(keepingCapacity: true)
        } else if name.equals("relation") {
            statistics.relations += 1
        }
    }

    public func endElement(_ name: XMLBytes, parser: XMLStreamParser) {
        depth -= 1
        guard inWay, name.equals("way") else { return }
        inWay = false
        guard tags.keys.contains(where: classKeys.contains) else {
            statistics.skipped["no road class", default: 0] += 1
            return
        }
        guard !refs.isEmpty else { return parser.fail(field: "way \(wayID)", "a road with no nodes (empty geometry)") }
        if !indexPrepared {
            index.prepare()
            indexPrepared = true
        }
        var points: [Coordinate] = []
        points.reserveCapacity(refs.count)
        for ref in refs {
            guard let location = index.location(ref) else { continue }
            let point = Coordinate(lon: location.lon, lat: location.lat)
            points.append(crs == .wgs84 ? point : crs.toWGS84(point))
        }
        guard points.count >= 2 else {
            statistics.skipped["nodes missing from the extract", default: 0] += 1
            return
        }
        features.append(RoadFeature(location: "way \(wayID) (line \(wayLine))", sourceRef: "w\(wayID)", tags: tags, lines: [LineString(points)]))
    }

    public func characters(_ text: XMLBytes, parser: XMLStreamParser) {}
}

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
/// (`highway` by default) as ``RoadFeature``s with their node coordinates resolved, one at a time as
/// each way ends (``read(progress:each:)``), so a caller can write them in batches.
///
/// Memory: 16 bytes per node for the location index, plus the way being read. Coordinates are
/// checked (a NaN or out-of-range latitude rejects the file with its line); a way with no nodes
/// at all is an error, and so is a way that refers to a node the file does not have, unless
/// `skipFailures` is set: then the way keeps its longest run of present nodes (or is skipped when
/// no two remain), and both are counted in ``OSMReadStatistics/skipped``.
public final class OSMRoadReader: XMLEventHandler {
    public let path: String
    public let crs: CoordinateSystem
    public let classKeys: Set<String>
    public let limits: InputLimits
    /// Keep ways with missing nodes (clipped to their longest run of present nodes) instead of failing.
    public var skipFailures = false

    public private(set) var statistics = OSMReadStatistics()

    private var index = NodeLocationIndex()
    private var indexPrepared = false
    private var depth = 0
    private var sawRoot = false
    private var inWay = false
    private var wayID: Int64 = 0
    private var wayVersion: Int?
    private var wayLine = 0
    private var assembly: OSMWayAssembly { OSMWayAssembly(crs: crs, skipFailures: skipFailures) }
    private var refs: [Int64] = []
    /// The way's tags as raw bytes until the way proves to be a road: most ways are buildings and
    /// land use, whose tags never need to become strings.
    private var tagBytes: [UInt8] = []
    private var tagSpans: [(key: Range<Int>, value: Range<Int>)] = []
    private let classKeyBytes: [[UInt8]]

    private var emit: (RoadFeature) throws -> Void = { _ in }
    private var emitted = 0
    private var emitError: (any Error)?

    public init(path: String, crs: CoordinateSystem = .wgs84, classKeys: Set<String> = ["highway"], limits: InputLimits = .standard,
                skipFailures: Bool = false) {
        self.path = path
        self.crs = crs
        self.classKeys = classKeys
        self.limits = limits
        self.skipFailures = skipFailures
        classKeyBytes = classKeys.map { Array($0.utf8) }
    }

    /// Reads the whole file and returns its road features; `progress` gets (bytes read, features so far).
    public func read(progress: (Int, Int) -> Void = { _, _ in }) throws -> [RoadFeature] {
        var features: [RoadFeature] = []
        try read(progress: progress) { features.append($0) }
        return features
    }

    /// Reads the whole file, handing each road feature to `each` as its way ends.
    public func read(progress: (Int, Int) -> Void = { _, _ in }, each: @escaping (RoadFeature) throws -> Void) throws {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) {
            index.reserve(min(size / 100, 50_000_000))
        }
        emit = each
        defer { emit = { _ in } }
        let parser = XMLStreamParser(fileName: path, handler: self, limits: limits)
        do {
            try parser.parse(path: path) { bytes in
                statistics.bytes = bytes
                progress(bytes, emitted)
            }
        } catch {
            throw emitError ?? error
        }
        if let emitError { throw emitError }
        guard sawRoot else { throw InputError(file: path, "not an OSM XML file (no <osm> element)") }
    }

    /// Reads OSM XML from memory (`path` names it in errors).
    public func read(data: Data, each: @escaping (RoadFeature) throws -> Void) throws {
        emit = each
        defer { emit = { _ in } }
        var chunks = [data]
        do {
            try XMLStreamParser(fileName: path, handler: self, limits: limits).parse(chunks: { chunks.isEmpty ? Data() : chunks.removeFirst() })
        } catch {
            throw emitError ?? error
        }
        if let emitError { throw emitError }
        guard sawRoot else { throw InputError(file: path, "not an OSM XML file (no <osm> element)") }
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
            index.append(id: id, lon: lon, lat: lat, version: attributes["version"]?.int64.map { Int32(clamping: $0) } ?? 0)
        } else if name.equals("nd") {
            guard inWay else { return }
            guard let ref = attributes["ref"]?.int64 else { return parser.fail(field: "way \(wayID) nd", "an nd without a valid ref") }
            guard refs.count < 2_000_000 else { return parser.fail(field: "way \(wayID)", "more than 2,000,000 nodes in one way") }
            refs.append(ref)
        } else if name.equals("tag") {
            guard inWay, let key = attributes["k"], let value = attributes["v"] else { return }
            guard tagSpans.count < 10_000 else { return parser.fail(field: "way \(wayID)", "more than 10,000 tags on one way") }
            let keyStart = tagBytes.count
            tagBytes.append(contentsOf: UnsafeBufferPointer(start: key.start, count: key.count))
            let valueStart = tagBytes.count
            tagBytes.append(contentsOf: UnsafeBufferPointer(start: value.start, count: value.count))
            tagSpans.append((keyStart..<valueStart, valueStart..<tagBytes.count))
        } else if name.equals("way") {
            statistics.ways += 1
            guard let id = attributes["id"]?.int64 else { return parser.fail(field: "way id", "a way without a valid id") }
            inWay = true
            wayID = id
            wayVersion = attributes["version"]?.int64.map { Int($0) }
            wayLine = parser.line
            refs.removeAll(keepingCapacity: true)
            tagBytes.removeAll(keepingCapacity: true)
            tagSpans.removeAll(keepingCapacity: true)
        } else if name.equals("relation") {
            statistics.relations += 1
        }
    }

    public func endElement(_ name: XMLBytes, parser: XMLStreamParser) {
        depth -= 1
        guard inWay, name.equals("way") else { return }
        inWay = false
        guard tagSpans.contains(where: { isClassKey($0.key) }) else {
            statistics.skipped["no road class", default: 0] += 1
            return
        }
        if !indexPrepared {
            index.prepare()
            indexPrepared = true
        }
        let entries = refs.map { index.entry($0) }
        let locations = entries.map { $0.map { (lon: $0.lon, lat: $0.lat) } }
        let nodeVersions = entries.map { $0?.version ?? 0 }
        var tags: [String: String] = [:]
        tags.reserveCapacity(tagSpans.count)
        for span in tagSpans { tags[text(span.key)] = text(span.value) }
        switch assembly.assemble(wayID: wayID, version: wayVersion, place: "line \(wayLine)", refs: refs, locations: locations,
                                 nodeVersions: nodeVersions, tags: tags,
                                 statistics: &statistics) {
        case let .feature(feature):
            do {
                try emit(feature)
                emitted += 1
            } catch {
                emitError = error
                parser.fail("stopped: \(error)")
            }
        case .skipped:
            break
        case let .failure(field, message):
            parser.fail(field: field, message)
        }
    }

    /// Whether the tag key at `span` is a class key (compared as bytes; decoded first if it has an entity).
    private func isClassKey(_ span: Range<Int>) -> Bool {
        let key = tagBytes[span]
        if key.contains(UInt8(ascii: "&")) { return classKeys.contains(text(span)) }
        return classKeyBytes.contains { $0.elementsEqual(key) }
    }

    /// The tag text at `span`, entities decoded.
    private func text(_ span: Range<Int>) -> String {
        guard !span.isEmpty else { return "" }
        return tagBytes.withUnsafeBufferPointer { XMLBytes(start: $0.baseAddress! + span.lowerBound, count: span.count).string }
    }

    public func characters(_ text: XMLBytes, parser: XMLStreamParser) {}
}

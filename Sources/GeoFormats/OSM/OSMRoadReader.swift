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
/// A file of a megabyte or more is read on two threads: a parsing thread runs libxml2 and keeps the
/// node index, and hands each road way on (``OSMWayPipe``) to the calling thread, which makes the
/// feature and calls `each` there. The features, their order, the error a bad file gets and (when the
/// read succeeds) the statistics are those of a read on one thread (`pipelined: false`), whatever the
/// timing. A read goes on one thread when no second thread can be made.
///
/// Memory: 20 bytes per node for the location index, plus the ways in the pipe (about a million node ids at most). Coordinates are
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
    /// Parse on a thread of its own: nil decides by size (a megabyte or more).
    public var pipelined: Bool?

    /// What the read saw; complete when a read returns.
    public var statistics: OSMReadStatistics {
        var merged = parsed
        if waysWithoutClass > 0 { merged.skipped["no road class", default: 0] += waysWithoutClass }
        for (reason, count) in assembled.skipped { merged.skipped[reason, default: 0] += count }
        return merged
    }

    // The parsing side: touched only by the thread that runs libxml2.
    private var parsed = OSMReadStatistics()
    /// Ways without a road-class key (most of a file: buildings, land use), counted apart from
    /// `parsed.skipped` so that each costs an increment, not a dictionary lookup.
    private var waysWithoutClass = 0
    private let index = NodeLocationIndex()
    private var indexPrepared = false
    private var depth = 0
    private var sawRoot = false
    private var inWay = false
    private var wayID: Int64 = 0
    private var wayVersion: Int?
    private var wayLine = 0
    private var refs: [Int64] = []
    /// The way's tags as raw bytes until the way proves to be a road: most ways are buildings and
    /// land use, whose tags never need to become strings.
    private var tagBytes: [UInt8] = []
    private var tagSpans: [(key: Range<Int>, value: Range<Int>)] = []
    private let classKeyBytes: [[UInt8]]
    /// Where road ways go in a pipelined read (nil: made into features at once), in batches.
    private var pipe: OSMWayPipe?
    private var batch: [PendingWay] = []
    private var batchNodes = 0

    // The assembling side: touched only by the thread that called `read`.
    private var assembled = OSMReadStatistics()
    private var emit: (RoadFeature) throws -> Void = { _ in }
    private var emitted = 0
    /// The first way that failed (its assembly or `each`): the read throws this.
    private var assemblyFailure: (any Error)?

    public init(path: String, crs: CoordinateSystem = .wgs84, classKeys: Set<String> = ["highway"], limits: InputLimits = .standard,
                skipFailures: Bool = false, pipelined: Bool? = nil) {
        self.path = path
        self.crs = crs
        self.classKeys = classKeys
        self.limits = limits
        self.skipFailures = skipFailures
        self.pipelined = pipelined
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
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        index.reserve(min(size / 100, 50_000_000))
        let path = self.path
        try run(pipelined: pipelined ?? (size >= 1 << 20), progress: progress, each: each) { parser, chunk in
            try parser.parse(path: path, progress: chunk)
        }
    }

    /// Reads OSM XML from memory (`path` names it in errors).
    public func read(data: Data, each: @escaping (RoadFeature) throws -> Void) throws {
        var chunks = [data]
        try run(pipelined: pipelined ?? false, progress: { _, _ in }, each: each) { parser, _ in
            try parser.parse(chunks: { chunks.isEmpty ? Data() : chunks.removeFirst() })
        }
    }

    /// One read: `parse` drives the parser (calling `chunk` with the bytes read so far), here or on a
    /// thread of its own; the features are made and handed to `each` on this thread.
    private func run(pipelined: Bool, progress: (Int, Int) -> Void, each: @escaping (RoadFeature) throws -> Void,
                     parse: @escaping (XMLStreamParser, _ chunk: (Int) -> Void) throws -> Void) throws {
        emit = each
        defer { emit = { _ in } }
        var parseFailure: (any Error)?
        if pipelined, let pipe = startParsing(parse) {
            defer { self.pipe = nil }
            events: while true {
                switch pipe.take() {
                case let .ways(ways):
                    for way in ways where assemblyFailure == nil {
                        assemble(way)
                        if assemblyFailure != nil { pipe.stop() }
                    }
                case let .progress(bytes):
                    progress(bytes, emitted)
                case let .end(failure):
                    parseFailure = failure
                    break events
                }
            }
        } else {
            // On one thread: when asked, or when no thread could be made.
            do {
                let parser = XMLStreamParser(fileName: path, handler: self, limits: limits)
                try parse(parser) { bytes in
                    self.parsed.bytes = bytes
                    progress(bytes, self.emitted)
                }
            } catch {
                parseFailure = error
            }
        }
        // A failed way came before anything the parser did after handing it on.
        if let assemblyFailure { throw assemblyFailure }
        if let parseFailure { throw parseFailure }
        guard sawRoot else { throw InputError(file: path, "not an OSM XML file (no <osm> element)") }
    }

    /// Starts `parse` on a thread of its own, which hands the ways on through the returned pipe and
    /// ends with `.end`; nil (nothing started) when no thread can be made.
    private func startParsing(_ parse: @escaping (XMLStreamParser, _ chunk: (Int) -> Void) throws -> Void) -> OSMWayPipe? {
        let pipe = OSMWayPipe()
        self.pipe = pipe // before the thread starts: its callbacks read it
        let transfer = ParserThreadTransfer(value: (reader: self, parse: parse))
        let started = ParserThread.start {
            let (reader, parse) = transfer.value
            var failure: (any Error)?
            do {
                let parser = XMLStreamParser(fileName: reader.path, handler: reader, limits: reader.limits)
                try parse(parser) { bytes in
                    reader.parsed.bytes = bytes
                    reader.handOnBatch() // the ways so far, so that the progress counts them
                    pipe.put(.progress(bytes))
                    if pipe.isStopped { parser.fail("stopped") }
                }
            } catch {
                failure = error
            }
            reader.handOnBatch()
            pipe.put(.end(failure))
        }
        guard started else {
            self.pipe = nil
            return nil
        }
        return pipe
    }

    public func startElement(_ name: XMLBytes, attributes: XMLAttributes, parser: XMLStreamParser) {
        depth += 1
        if depth == 1 {
            guard name.equals("osm") else { return parser.fail("not an OSM XML file: the root element is not <osm>") }
            sawRoot = true
            return
        }
        if name.equals("node") {
            parsed.nodes += 1
            // One pass over the attributes (a node has eight in a planet extract; four are read).
            var idText: XMLBytes?, latText: XMLBytes?, lonText: XMLBytes?, versionText: XMLBytes?
            attributes.forEach { name, value in
                switch name[0] {
                // The first of a name wins (`id` and a namespaced `x:id` share the local name), as a lookup by name does.
                case UInt8(ascii: "i") where idText == nil && XMLAttributes.name(name, is: "id"): idText = value
                case UInt8(ascii: "l") where latText == nil && XMLAttributes.name(name, is: "lat"): latText = value
                case UInt8(ascii: "l") where lonText == nil && XMLAttributes.name(name, is: "lon"): lonText = value
                case UInt8(ascii: "v") where versionText == nil && XMLAttributes.name(name, is: "version"): versionText = value
                default: break
                }
            }
            guard let id = idText?.int64 else { return parser.fail(field: "node id", "a node without a valid id") }
            let version = versionText?.int64.map { Int32(clamping: $0) } ?? 0
            // Plain decimals of up to seven places (all of OSM's) go to fixed point directly; anything
            // else is read as a Double as before, with the same checks and messages.
            if let lat = latText?.fixedPoint7, let lon = lonText?.fixedPoint7,
               (-900_000_000...900_000_000).contains(lat), (-1_800_000_000...1_800_000_000).contains(lon) {
                return index.append(id: id, lon: lon, lat: lat, version: version)
            }
            guard let lat = latText?.double, let lon = lonText?.double else {
                // Deleted nodes in change files have no location; in a plain extract this is an error.
                return parser.fail(field: "node \(id)", "a node without lat/lon")
            }
            guard lat.isFinite, lon.isFinite, (-90...90).contains(lat), (-180...180).contains(lon) else {
                return parser.fail(field: "node \(id)", "invalid coordinates lat=\(lat) lon=\(lon)")
            }
            index.append(id: id, lon: lon, lat: lat, version: version)
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
            parsed.ways += 1
            guard let id = attributes["id"]?.int64 else { return parser.fail(field: "way id", "a way without a valid id") }
            inWay = true
            wayID = id
            wayVersion = attributes["version"]?.int64.map { Int($0) }
            wayLine = parser.line
            refs.removeAll(keepingCapacity: true)
            tagBytes.removeAll(keepingCapacity: true)
            tagSpans.removeAll(keepingCapacity: true)
        } else if name.equals("relation") {
            parsed.relations += 1
        }
    }

    public func endElement(_ name: XMLBytes, parser: XMLStreamParser) {
        depth -= 1
        guard inWay, name.equals("way") else { return }
        inWay = false
        guard tagSpans.contains(where: { isClassKey($0.key) }) else {
            waysWithoutClass += 1
            return
        }
        if !indexPrepared {
            index.prepare()
            indexPrepared = true
        }
        var locations: [(lon: Int32, lat: Int32)?] = []
        var nodeVersions: [Int32] = []
        locations.reserveCapacity(refs.count)
        nodeVersions.reserveCapacity(refs.count)
        for ref in refs {
            let entry = index.entry(ref)
            locations.append(entry.map { (lon: $0.lon, lat: $0.lat) })
            nodeVersions.append(entry?.version ?? 0)
        }
        let way = PendingWay(id: wayID, version: wayVersion, line: wayLine, endLine: parser.line, endColumn: parser.column,
                             refs: refs, locations: locations, nodeVersions: nodeVersions, tagBytes: tagBytes, tagSpans: tagSpans)
        guard let pipe else {
            assemble(way)
            if assemblyFailure != nil { parser.fail("stopped") }
            return
        }
        batch.append(way)
        batchNodes += way.refs.count
        if batch.count >= 256 || batchNodes >= 1 << 16 { handOnBatch() }
    }

    /// Puts the ways not yet handed on into the pipe.
    private func handOnBatch() {
        guard let pipe, !batch.isEmpty else { return }
        pipe.put(.ways(batch))
        batch = []
        batchNodes = 0
    }

    /// Makes `way` into a feature and hands it to `each`; a failure is kept in `assemblyFailure`.
    private func assemble(_ way: PendingWay) {
        var tags: [String: String] = [:]
        tags.reserveCapacity(way.tagSpans.count)
        for span in way.tagSpans { tags[Self.text(way.tagBytes, span.key)] = Self.text(way.tagBytes, span.value) }
        let assembly = OSMWayAssembly(crs: crs, skipFailures: skipFailures)
        switch assembly.assemble(wayID: way.id, version: way.version, place: "line \(way.line)", refs: way.refs, locations: way.locations,
                                 nodeVersions: way.nodeVersions, tags: tags, statistics: &assembled) {
        case let .feature(feature):
            do {
                try emit(feature)
                emitted += 1
            } catch {
                assemblyFailure = error
            }
        case .skipped:
            break
        case let .failure(field, message):
            // Where the parser was when the way ended, as if it had stopped there.
            assemblyFailure = InputError(file: path, line: way.endLine, column: way.endColumn, field: field, message)
        }
    }

    /// Whether the tag key at `span` is a class key (compared as bytes; decoded first if it has an entity).
    private func isClassKey(_ span: Range<Int>) -> Bool {
        let key = tagBytes[span]
        if key.contains(UInt8(ascii: "&")) { return classKeys.contains(Self.text(tagBytes, span)) }
        return classKeyBytes.contains { $0.elementsEqual(key) }
    }

    /// The tag text at `span` of `bytes`, entities decoded.
    private static func text(_ bytes: [UInt8], _ span: Range<Int>) -> String {
        guard !span.isEmpty else { return "" }
        return bytes.withUnsafeBufferPointer { XMLBytes(start: $0.baseAddress! + span.lowerBound, count: span.count).string }
    }

    public func characters(_ text: XMLBytes, parser: XMLStreamParser) {}
    public var wantsCharacters: Bool { false }
}

import DimingCore
import Foundation
import GeoFormats

/// The segments of a road import waiting to move into the registry (暂存): written, as the file is
/// read, to a private temporary file (owner-only, removed by ``discard()``), and read back in batches
/// by the one short transaction that stores them. Memory holds one batch, never the file's roads,
/// and the registry's write lock is not taken while the file is read.
///
/// The record: the segment's fields in a compact binary form (strings length-prefixed, coordinates as
/// raw doubles, its OSM identity's ids, versions and tags likewise), and the county a new id is to be
/// minted in. JSON was tried for the identity and cost a third of the import.
final class SegmentSpool {
    /// One staged segment and the county its id is minted in (nil: it keeps an earlier import's id).
    struct Entry {
        var segment: RoadSegment
        var county: String?
    }

    let url: URL
    private var handle: FileHandle?
    private var buffer = Writer()
    private(set) var count = 0

    /// A new, empty staging file in `directory` (default: the system's temporary folder).
    init(directory: String? = nil) throws {
        let folder = directory.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        url = folder.appendingPathComponent("diming-import-\(UUID().uuidString).staging")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw InputError(file: url.path, "cannot create the import's staging file in \(folder.path)")
        }
        handle = try FileHandle(forWritingTo: url)
    }

    deinit { discard() }

    func append(_ segment: RoadSegment, county: String?) throws {
        buffer.put(segment, county: county)
        count += 1
        if buffer.bytes.count >= 1 << 22 { try flush() }
    }

    /// Writes what is buffered.
    func finish() throws {
        try flush()
        try handle?.close()
        handle = nil
    }

    /// Reads the staged segments back in order, `size` at a time.
    func forEachBatch(size: Int, _ body: ([Entry]) throws -> Void) throws {
        try finish()
        let reader = try FileHandle(forReadingFrom: url)
        defer { try? reader.close() }
        var source = Reader(handle: reader)
        var batch: [Entry] = []
        batch.reserveCapacity(size)
        for _ in 0..<count {
            let county: String = try source.string(), kind = try source.string(), serial = try source.integer()
            guard let featureKind = FeatureKind(rawValue: kind) else { throw Self.corrupt(url) }
            let id = FeatureID(county: county, kind: featureKind, serial: Int(serial))
            let segmentSource = try source.string(), sourceRef = try source.string(), roadClass = try source.string()
            let name = try source.optionalString(), ref = try source.optionalString()
            let confirmedUnnamed = try source.integer() == 1
            let mintIn = try source.optionalString()
            let pointCount = Int(try source.integer())
            var points: [Coordinate] = []
            points.reserveCapacity(pointCount)
            for _ in 0..<pointCount {
                points.append(Coordinate(lon: Double(bitPattern: try source.integer()), lat: Double(bitPattern: try source.integer())))
            }
            let osm = try source.identity()
            let widthBits = try source.integer()
            let surface = try source.optionalString()
            batch.append(Entry(segment: RoadSegment(id: id, source: segmentSource, sourceRef: sourceRef, roadClass: roadClass, name: name, ref: ref,
                                                    confirmedUnnamed: confirmedUnnamed, geometry: LineString(points), osm: osm,
                                                    width: widthBits == SegmentSpool.none ? nil : Double(bitPattern: widthBits), surface: surface),
                               county: mintIn))
            if batch.count == size {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }

    /// Removes the staging file.
    func discard() {
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(at: url)
    }

    private func flush() throws {
        guard !buffer.bytes.isEmpty, let handle else { return }
        try handle.write(contentsOf: buffer.bytes)
        buffer.bytes.removeAll(keepingCapacity: true)
    }

    private static let none = UInt64.max

    /// Encodes records into bytes (a struct, so a record costs one access to the spool's buffer).
    private struct Writer {
        var bytes: [UInt8] = []

        mutating func put(_ segment: RoadSegment, county: String?) {
            put(segment.id.county); put(segment.id.kind.rawValue); put(UInt64(segment.id.serial))
            put(segment.source); put(segment.sourceRef); put(segment.roadClass); put(segment.name); put(segment.ref)
            put(segment.confirmedUnnamed ? UInt64(1) : 0)
            put(county)
            put(UInt64(segment.geometry.points.count))
            for point in segment.geometry.points { put(point.lon.bitPattern); put(point.lat.bitPattern) }
            put(segment.osm)
            put(segment.width.map(\.bitPattern) ?? SegmentSpool.none)
            put(segment.surface)
        }

        mutating func put(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func put(_ text: String?) {
            guard let text else { return put(SegmentSpool.none) }
            put(UInt64(text.utf8.count))
            bytes.append(contentsOf: text.utf8)
        }

        mutating func put(_ osm: OSMIdentity?) {
            guard let osm else { return put(UInt64(0)) }
            put(UInt64(1))
            put(UInt64(bitPattern: osm.way))
            put(osm.version.map { UInt64(bitPattern: Int64($0)) } ?? SegmentSpool.none)
            put(UInt64(osm.nodes.count))
            for node in osm.nodes { put(UInt64(bitPattern: node)) }
            if let versions = osm.nodeVersions {
                put(UInt64(versions.count))
                for version in versions { put(UInt64(bitPattern: Int64(version))) }
            } else {
                put(SegmentSpool.none)
            }
            put(UInt64(osm.tags.count))
            for (key, value) in osm.tags { put(key); put(value) }
        }
    }

    static func corrupt(_ url: URL) -> InputError {
        InputError(file: url.path, "the import's staging file was changed or cut short while the import ran")
    }

    /// Reads the records back through a window of the file.
    private struct Reader {
        let handle: FileHandle
        var data: [UInt8] = []
        var offset = 0

        init(handle: FileHandle) { self.handle = handle }

        mutating func need(_ count: Int) throws {
            guard data.count - offset < count else { return }
            data.removeSubrange(0..<offset)
            offset = 0
            while data.count < count {
                guard let more = try handle.readChunk(upToCount: max(1 << 22, count)), !more.isEmpty else {
                    throw InputError("the import's staging file ends early")
                }
                data.append(contentsOf: more)
            }
        }

        mutating func integer() throws -> UInt64 {
            try need(8)
            let value = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
            offset += 8
            return UInt64(littleEndian: value)
        }

        mutating func optionalString() throws -> String? {
            let length = try integer()
            guard length != SegmentSpool.none else { return nil }
            guard length < 1 << 32 else { throw InputError("the import's staging file is corrupt") }
            try need(Int(length))
            let text = String(decoding: data[offset..<offset + Int(length)], as: UTF8.self)
            offset += Int(length)
            return text
        }

        mutating func identity() throws -> OSMIdentity? {
            guard try integer() == 1 else { return nil }
            let way = try integer()
            let version = try integer()
            let nodes = try (0..<Int(try count())).map { _ in Int64(bitPattern: try integer()) }
            let versionCount = try integer()
            let nodeVersions = versionCount == SegmentSpool.none
                ? nil : try (0..<Int(versionCount)).map { _ in Int(Int64(bitPattern: try integer())) }
            var tags: [String: String] = [:]
            for _ in 0..<Int(try count()) { tags[try string()] = try string() }
            return OSMIdentity(way: Int64(bitPattern: way), version: version == SegmentSpool.none ? nil : Int(Int64(bitPattern: version)),
                               nodes: nodes, nodeVersions: nodeVersions, tags: tags)
        }

        /// A count of what follows, refused when it could not fit in what is left of a sane file.
        mutating func count() throws -> UInt64 {
            let value = try integer()
            guard value < 1 << 32 else { throw InputError("the import's staging file is corrupt") }
            return value
        }

        mutating func string() throws -> String {
            guard let text = try optionalString() else { throw InputError("the import's staging file is corrupt") }
            return text
        }
    }
}

import DimingCore
import Foundation

/// The segments of a road import waiting to move into the registry (暂存): written, as the file is
/// read, to a private temporary file (owner-only, removed by ``discard()``), and read back in batches
/// by the one short transaction that stores them. Memory holds one batch, never the file's roads,
/// and the registry's write lock is not taken while the file is read.
///
/// The record: the segment's fields in a compact binary form (strings length-prefixed, coordinates as
/// raw doubles), its OSM identity as JSON (so the record follows that type as it grows), and the
/// county a new id is to be minted in.
final class SegmentSpool {
    /// One staged segment and the county its id is minted in (nil: it keeps an earlier import's id).
    struct Entry {
        var segment: RoadSegment
        var county: String?
    }

    let url: URL
    private var handle: FileHandle?
    private var buffer = Data()
    private(set) var count = 0
    private let encoder = JSONEncoder()

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
        put(segment.id.county); put(segment.id.kind.rawValue); put(UInt64(segment.id.serial))
        put(segment.source); put(segment.sourceRef); put(segment.roadClass); put(segment.name); put(segment.ref)
        put(segment.confirmedUnnamed ? UInt64(1) : 0)
        put(county)
        put(UInt64(segment.geometry.points.count))
        for point in segment.geometry.points { put(point.lon.bitPattern); put(point.lat.bitPattern) }
        put(try segment.osm.map { String(decoding: try encoder.encode($0), as: UTF8.self) })
        count += 1
        if buffer.count >= 1 << 22 { try flush() }
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
        let decoder = JSONDecoder()
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
            let osm = try source.optionalString().map { try decoder.decode(OSMIdentity.self, from: Data($0.utf8)) }
            batch.append(Entry(segment: RoadSegment(id: id, source: segmentSource, sourceRef: sourceRef, roadClass: roadClass, name: name, ref: ref,
                                                    confirmedUnnamed: confirmedUnnamed, geometry: LineString(points), osm: osm),
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
        guard !buffer.isEmpty, let handle else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func put(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private static let none = UInt64.max

    private func put(_ text: String?) {
        guard let text else { return put(Self.none) }
        let bytes = Array(text.utf8)
        put(UInt64(bytes.count))
        buffer.append(contentsOf: bytes)
    }

    static func corrupt(_ url: URL) -> InputError {
        InputError(file: url.path, "the import's staging file was changed or cut short while the import ran")
    }

    /// Reads the records back through a window of the file.
    private struct Reader {
        let handle: FileHandle
        var data = Data()
        var offset = 0

        init(handle: FileHandle) { self.handle = handle }

        mutating func need(_ count: Int) throws {
            guard data.count - offset < count else { return }
            data = data.subdata(in: data.startIndex + offset..<data.endIndex)
            offset = 0
            while data.count < count {
                guard let more = try handle.read(upToCount: max(1 << 22, count)), !more.isEmpty else {
                    throw InputError("the import's staging file ends early")
                }
                data.append(more)
            }
        }

        mutating func integer() throws -> UInt64 {
            try need(8)
            var value: UInt64 = 0
            withUnsafeMutableBytes(of: &value) { target in
                data.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + 8])) }
            }
            offset += 8
            return UInt64(littleEndian: value)
        }

        mutating func optionalString() throws -> String? {
            let length = try integer()
            guard length != SegmentSpool.none else { return nil }
            try need(Int(length))
            let text = data.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + Int(length)]), as: UTF8.self) }
            offset += Int(length)
            return text
        }

        mutating func string() throws -> String {
            guard let text = try optionalString() else { throw InputError("the import's staging file is corrupt") }
            return text
        }
    }
}

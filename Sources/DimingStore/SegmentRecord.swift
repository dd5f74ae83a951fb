import DimingCore
import Foundation

/// A segment in `road_segment`'s column form, as bytes: the values of ``insertSQL``'s parameters, each
/// tagged with its SQLite type, after the county its id is to be minted in. An import encodes each
/// segment so while it reads its file (``SegmentStagingFile``); the transaction binds the bytes as
/// they are. Every segment insert goes through it, so the columns are written in one place.
///
/// Layout: a 4-byte length of what follows, then ``valueCount`` values; a value is a tag byte
/// (``Tag``) and, for integers and reals, 8 bytes, for texts and blobs a 4-byte length and the bytes
/// (all little-endian).
enum SegmentRecord {
    static let insertSQL = """
        INSERT INTO road_segment (id, source, source_ref, road_class, name, ref, confirmed_unnamed, geometry, length,
                                  osm_way, osm_version, osm_nodes, osm_tags, osm_node_versions, width, surface,
                                  min_lon, min_lat, max_lon, max_lat, cell)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    /// Value 0 is the county to mint in; values 1…21 are the parameters (1 the id, null until minted;
    /// 3 the source reference).
    static let valueCount = 22
    static let mintInValue = 0, idValue = 1, sourceRefValue = 3

    enum Tag: UInt8 { case null = 0, integer, real, text, blob }

    /// Appends the record of `segment`, whose id is `id` (nil: minted later in `mintIn`). A segment
    /// without a box (no points) is not a row.
    static func append(_ segment: RoadSegment, id: String?, mintIn: String?, to bytes: inout [UInt8]) {
        guard let box = segment.geometry.boundingBox else { return }
        let start = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0])
        // The writer works on the caller's buffer itself (swapped in and out: a copy would copy the buffer).
        var out = Writer(bytes: [])
        swap(&out.bytes, &bytes)
        defer { swap(&out.bytes, &bytes) }
        out.text(mintIn)
        out.text(id)
        out.text(segment.source)
        out.text(segment.sourceRef)
        out.text(segment.roadClass)
        out.text(segment.name)
        out.text(segment.ref)
        out.integer(segment.confirmedUnnamed ? 1 : 0)
        out.blob(WKB.encode(segment.geometry))
        out.real(segment.geometry.length)
        out.integer(segment.osm?.way)
        out.integer(segment.osm?.version.map(Int64.init))
        out.blob(segment.osm.map { SegmentTable.nodeBlob($0.nodes) })
        out.text(segment.osm.map { TagJSON.encode($0.tags) })
        out.blob(segment.osm?.nodeVersions.map(SegmentTable.versionBlob))
        out.real(segment.width)
        out.text(segment.surface)
        out.real(box.minLon)
        out.real(box.minLat)
        out.real(box.maxLon)
        out.real(box.maxLat)
        out.integer(SpatialCell.key(box))
        let length = UInt32(out.bytes.count - start - 4).littleEndian
        withUnsafeBytes(of: length) { for (i, byte) in $0.enumerated() { out.bytes[start + i] = byte } }
    }

    private struct Writer {
        var bytes: [UInt8]

        mutating func tag(_ tag: Tag) { bytes.append(tag.rawValue) }

        mutating func word<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

        mutating func integer(_ value: Int64?) {
            guard let value else { return tag(.null) }
            tag(.integer)
            word(value)
        }

        mutating func real(_ value: Double?) {
            guard let value else { return tag(.null) }
            tag(.real)
            word(value.bitPattern)
        }

        mutating func text(_ value: String?) {
            guard let value else { return tag(.null) }
            tag(.text)
            word(UInt32(value.utf8.count))
            bytes.append(contentsOf: value.utf8)
        }

        mutating func blob(_ value: Data?) {
            guard let value else { return tag(.null) }
            tag(.blob)
            word(UInt32(value.count))
            bytes.append(contentsOf: value)
        }
    }

    /// The values of one record, found in `bytes`: where each starts.
    struct Values {
        let bytes: UnsafeRawBufferPointer
        private(set) var offsets: [Int] = []

        /// Reads the record starting at `bytes`' first byte (after its length), or throws when it is cut short.
        init(_ bytes: UnsafeRawBufferPointer) throws {
            self.bytes = bytes
            offsets.reserveCapacity(SegmentRecord.valueCount)
            var offset = 0
            for _ in 0..<SegmentRecord.valueCount {
                guard offset < bytes.count, let tag = Tag(rawValue: bytes[offset]) else { throw SegmentStagingFile.corrupt }
                offsets.append(offset)
                switch tag {
                case .null: offset += 1
                case .integer, .real: offset += 9
                case .text, .blob: offset += 5 + Int(try Self.length(bytes, at: offset + 1))
                }
            }
            guard offset == bytes.count else { throw SegmentStagingFile.corrupt }
        }

        static func length(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws -> UInt32 {
            guard offset + 4 <= bytes.count else { throw SegmentStagingFile.corrupt }
            return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }

        /// Value `index` as text, nil when null.
        func text(_ index: Int) throws -> String? {
            let offset = offsets[index]
            guard bytes[offset] == Tag.text.rawValue else {
                if bytes[offset] == Tag.null.rawValue { return nil }
                throw SegmentStagingFile.corrupt
            }
            let length = Int(try Self.length(bytes, at: offset + 1))
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(offset + 5)..<(offset + 5 + length)]), as: UTF8.self)
        }

        /// Binds values 2…21 to the insert's parameters of the same numbers (the id, 1, is the caller's).
        func bind(to statement: BulkStatement) throws {
            for index in 2..<SegmentRecord.valueCount {
                let offset = offsets[index], parameter = Int32(index)
                switch Tag(rawValue: bytes[offset])! {
                case .null: try statement.bind(parameter, nil as Int64?)
                case .integer: try statement.bind(parameter, Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 1, as: Int64.self)))
                case .real: try statement.bind(parameter, Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 1, as: UInt64.self))))
                case .text, .blob:
                    let length = Int(try Self.length(bytes, at: offset + 1))
                    let value = UnsafeRawBufferPointer(rebasing: bytes[(offset + 5)..<(offset + 5 + length)])
                    // Read in place: the row's bytes outlive its run, and every row binds all its values.
                    if bytes[offset] == Tag.text.rawValue { try statement.bind(parameter, staticText: value) } else { try statement.bind(parameter, staticBlob: value) }
                }
            }
        }
    }
}

import DimingCore
import DimingKit
import Foundation
import GRDB

/// Road segments, found by place through their boxes' `SpatialCell`.
public enum SegmentTable {
    static let columns = "id, source, source_ref, road_class, name, ref, confirmed_unnamed, geometry, osm_way, osm_version, osm_nodes, osm_tags, osm_node_versions, width, surface"

    /// Deletes the segments with these ids; returns how many there were.
    public static func delete(_ db: Database, ids: [FeatureID]) throws -> Int {
        var count = 0
        for chunk in chunks(ids) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let arguments = StatementArguments(chunk.map(\.description))
            try db.execute(sql: "DELETE FROM road_segment WHERE id IN (\(marks))", arguments: arguments)
            count += db.changesCount
        }
        return count
    }

    /// Ids in groups small enough for one `IN (…)` list.
    static func chunks(_ ids: [FeatureID]) -> [ArraySlice<FeatureID>] {
        stride(from: 0, to: ids.count, by: 500).map { ids[$0..<min($0 + 500, ids.count)] }
    }

    /// The active roads that hold any of these segments.
    public static func roads(_ db: Database, holding ids: [FeatureID]) throws -> [FeatureID] {
        var result = Set<String>()
        for chunk in chunks(ids) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            result.formUnion(try String.fetchAll(db, sql: """
                SELECT DISTINCT m.road_id FROM road_member m JOIN road r ON r.id = m.road_id
                WHERE r.status = 'active' AND m.segment_id IN (\(marks))
                """, arguments: StatementArguments(chunk.map(\.description))))
        }
        return result.sorted().compactMap(FeatureID.init)
    }

    /// The ids the source's segments had, keyed by their source ref (so a re-import keeps ids).
    public static func ids(_ db: Database, source: String) throws -> [String: FeatureID] {
        var result: [String: FeatureID] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT source_ref, id FROM road_segment WHERE source = ?", arguments: [source]) {
            if let id = FeatureID(row[1] as String) { result[row[0]] = id }
        }
        return result
    }

    /// Inserts segments with one prepared statement per call (bound through `BulkStatement`: GRDB's
    /// per-row argument arrays were a third of an import's commit), each in its `SegmentRecord` form.
    public static func insert(_ db: Database, _ segments: some Sequence<RoadSegment>) throws {
        let insert = try BulkStatement(db, sql: SegmentRecord.insertSQL)
        var bytes: [UInt8] = []
        for segment in segments {
            bytes.removeAll(keepingCapacity: true)
            SegmentRecord.append(segment, id: segment.id.description, mintIn: nil, to: &bytes)
            guard !bytes.isEmpty else { continue }
            try bytes.withUnsafeBytes { raw in
                try insert.bind(1, segment.id.description)
                try SegmentRecord.Values(UnsafeRawBufferPointer(rebasing: raw[4...])).bind(to: insert)
                try insert.run()
            }
        }
    }

    /// Inserts an import's staged segments, `batchSize` at a time: `ids` gives each batch's ids (and may
    /// write, e.g. remove the versions they replace), then the batch's rows are bound as staged.
    static func insert(_ db: Database, staged: SegmentStagingFile, batchSize: Int, ids: ([StagedSegment]) throws -> [FeatureID]) throws {
        let insert = try BulkStatement(db, sql: SegmentRecord.insertSQL)
        try staged.forEachBatch(size: batchSize) { batch in
            let assigned = try ids(batch.segments)
            guard assigned.count == batch.records.count else {
                throw DatabaseError(message: "\(assigned.count) ids for \(batch.records.count) staged segments")
            }
            for (record, id) in zip(batch.records, assigned) {
                try insert.bind(1, id.description)
                try record.bind(to: insert)
                try insert.run()
            }
        }
    }

    /// Segments whose boxes meet `box`, or all when `box` is nil.
    public static func fetch(_ db: Database, in box: BoundingBox? = nil) throws -> [RoadSegment] {
        guard let box else { return try Row.fetchAll(db, sql: "SELECT \(columns) FROM road_segment ORDER BY rid").map(decode) }
        return try SpatialIndex.rows(db, table: "road_segment", columns: columns, meeting: box).map(decode)
    }

    /// The segments minted in a county (their ids start with its code).
    public static func fetch(_ db: Database, county: DivisionCode) throws -> [RoadSegment] {
        // A range on the unique id index ('.' follows '-'), not LIKE, which would scan the table.
        // A cursor, not fetchAll: rows are decoded straight from the statement, not copied first.
        try Array(Row.fetchCursor(db, sql: "SELECT \(columns) FROM road_segment WHERE id >= ? AND id < ? ORDER BY rid",
                                  arguments: [county.countyPart + "-", county.countyPart + "."]).map(decode))
    }

    /// The counties that have segments.
    public static func counties(_ db: Database) throws -> [DivisionCode] {
        try String.fetchAll(db, sql: "SELECT DISTINCT substr(id, 1, 6) FROM road_segment ORDER BY 1").compactMap(DivisionCode.init)
    }

    /// Segments by id.
    public static func fetch(_ db: Database, ids: [FeatureID]) throws -> [RoadSegment] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM road_segment WHERE id IN (\(marks))",
                                arguments: StatementArguments(ids.map(\.description))).map(decode)
    }

    /// Which of these OSM ways some segment still comes from.
    public static func osmWaysInUse(_ db: Database, among ways: [Int64]) throws -> Set<Int64> {
        var found = Set<Int64>()
        for start in stride(from: 0, to: ways.count, by: 500) {
            let chunk = Array(ways[start..<min(start + 500, ways.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            found.formUnion(try Int64.fetchAll(db, sql: "SELECT DISTINCT osm_way FROM road_segment WHERE osm_way IN (\(marks))",
                                               arguments: StatementArguments(chunk)))
        }
        return found
    }

    /// Counts of all segments and of the unnamed ones.
    public static func counts(_ db: Database) throws -> (segments: Int, unnamed: Int) {
        let row = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(sum(name IS NULL OR name = ''), 0) FROM road_segment")
        return (row?[0] ?? 0, row?[1] ?? 0)
    }

    /// Reads a row of `columns` by position (GRDB's lookup by name lowercases the name on every call).
    static func decode(_ row: Row) throws -> RoadSegment {
        let idText: String = row[0]
        guard let id = FeatureID(idText) else { throw DatabaseError(message: "corrupt segment id \(idText)") }
        return RoadSegment(id: id, source: row[1], sourceRef: row[2], roadClass: row[3],
                           name: row[4], ref: row[5], confirmedUnnamed: row[6],
                           geometry: try WKB.decodeLineString(row[7]),
                           osm: (row[8] as Int64?).map {
                               OSMIdentity(way: $0, version: row[9], nodes: nodes(row[10]), nodeVersions: versions(row[12]), tags: (row[11] as String?).map(TagJSON.decode) ?? [:])
                           },
                           width: row[13], surface: row[14])
    }

    /// Node versions as little-endian 32-bit integers (4 bytes a node).
    static func versionBlob(_ versions: [Int]) -> Data {
        var data = Data(count: versions.count * 4)
        data.withUnsafeMutableBytes { raw in
            for (i, version) in versions.enumerated() { raw.storeBytes(of: Int32(clamping: version).littleEndian, toByteOffset: i * 4, as: Int32.self) }
        }
        return data
    }

    static func versions(_ blob: Data?) -> [Int]? {
        guard let blob else { return nil }
        return blob.withUnsafeBytes { raw in
            (0..<blob.count / 4).map { Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))) }
        }
    }

    /// Node ids as little-endian 64-bit integers (8 bytes a node).
    static func nodeBlob(_ nodes: [Int64]) -> Data {
        var data = Data(count: nodes.count * 8)
        data.withUnsafeMutableBytes { raw in
            for (i, node) in nodes.enumerated() { raw.storeBytes(of: node.littleEndian, toByteOffset: i * 8, as: Int64.self) }
        }
        return data
    }

    static func nodes(_ blob: Data?) -> [Int64] {
        guard let blob else { return [] }
        let count = blob.count / 8
        return blob.withUnsafeBytes { raw in
            (0..<count).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
        }
    }
}

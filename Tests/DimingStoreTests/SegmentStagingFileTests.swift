import DimingCore
import DimingKit
@testable import DimingStore
import Foundation
import GRDB
import TestSupport
import Testing

/// An import's segments staged in their row form: what comes out of the staging file is what a plain
/// insert stores, batch by batch, and a damaged file stops the insert with a clear error.
@Suite("Segment staging file")
struct SegmentStagingFileTests {
    static func segments(_ count: Int) -> [RoadSegment] {
        var random = SeededGenerator(seed: 3)
        return (1...count).map { serial in
            let points = (0..<Int.random(in: 2...6, using: &random)).map { i in
                Coordinate(lon: 116 + Double(serial) * 0.01 + Double(i) * 0.001, lat: 36 + Double.random(in: 0..<0.01, using: &random))
            }
            return RoadSegment(
                id: FeatureID(county: "371521", kind: .segment, serial: serial), source: "osm:t.osm", sourceRef: "w\(serial)",
                roadClass: serial % 3 == 0 ? "track" : "residential", name: serial % 4 == 0 ? "幸福路" : (serial % 5 == 0 ? "" : nil),
                ref: serial % 7 == 0 ? "X012" : nil, confirmedUnnamed: serial % 6 == 0, geometry: LineString(points),
                osm: serial % 2 == 0 ? OSMIdentity(way: Int64(serial), version: serial % 3 == 0 ? nil : 4, nodes: points.indices.map { Int64($0 + 100) },
                                                   nodeVersions: serial % 4 == 0 ? points.map { _ in 2 } : nil, tags: ["highway": "track", "名": "路\"\\"]) : nil,
                width: serial % 3 == 0 ? 4.5 : nil, surface: serial % 5 == 0 ? "水泥" : nil)
        }
    }

    @Test("staged segments are stored as a plain insert stores them, with the ids given per batch")
    func roundTrip() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let segments = Self.segments(600) // more than two of the writer's batches of 256
            let plain = try SQLiteRegistry(path: folder.path("plain.sqlite"))
            try plain.pool.write { try SegmentTable.insert($0, segments) }
            let staged = try SQLiteRegistry(path: folder.path("staged.sqlite"))
            let file = try SegmentStagingFile(directory: folder.url.path)
            // Odd serials keep their ids; even ones are minted (here: given back) in the transaction.
            for segment in segments { try file.append(segment, mintIn: segment.id.serial % 2 == 0 ? "371521" : nil) }
            #expect(file.count == 600)
            var batches: [Int] = []
            try staged.pool.write { db in
                try SegmentTable.insert(db, staged: file, batchSize: 250) { batch in
                    batches.append(batch.count)
                    return batch.map { entry in
                        #expect((entry.mintIn == nil) == (entry.id != nil))
                        return entry.id ?? segments.first { $0.sourceRef == entry.sourceRef }!.id
                    }
                }
            }
            #expect(batches == [250, 250, 100])
            let columns = "id, source, source_ref, road_class, name, ref, confirmed_unnamed, hex(geometry), length, osm_way, osm_version, hex(osm_nodes), osm_tags, hex(osm_node_versions), width, surface, min_lon, min_lat, max_lon, max_lat, cell"
            let read = { (registry: SQLiteRegistry) in try registry.pool.read { try Row.fetchAll($0, sql: "SELECT \(columns) FROM road_segment ORDER BY id") } }
            #expect(try read(staged) == read(plain))
            #expect(try staged.pool.read { try SegmentTable.fetch($0, county: DivisionCode("371521")!) } == segments)
            file.discard()
            #expect(!FileManager.default.fileExists(atPath: file.url.path))
        }
    }

    @Test("a staging file cut short stops the insert with a clear error")
    func cutShort() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            let file = try SegmentStagingFile(directory: folder.url.path)
            for segment in Self.segments(4) { try file.append(segment, mintIn: nil) }
            try file.finish()
            let size = try #require(try FileManager.default.attributesOfItem(atPath: file.url.path)[.size] as? Int)
            let handle = try FileHandle(forWritingTo: file.url)
            try handle.truncate(atOffset: UInt64(size - 10))
            try handle.close()
            #expect { try registry.pool.write { db in try SegmentTable.insert(db, staged: file, batchSize: 2) { $0.map { $0.id! } } } } throws: { error in
                "\(error)".contains("staging file was changed or cut short")
            }
            #expect(try registry.pool.read { try SegmentTable.counts($0).segments } == 0)
        }
    }

    @Test("a batch size below one reads one segment at a time")
    func batchSizeZero() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            let file = try SegmentStagingFile(directory: folder.url.path)
            for segment in Self.segments(3) { try file.append(segment, mintIn: nil) }
            var batches: [Int] = []
            try registry.pool.write { db in
                try SegmentTable.insert(db, staged: file, batchSize: 0) { batch in
                    batches.append(batch.count)
                    return batch.map { $0.id! }
                }
            }
            #expect(batches == [1, 1, 1])
        }
    }
}

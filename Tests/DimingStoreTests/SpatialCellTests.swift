import DimingCore
import DimingKit
@testable import DimingStore
import Foundation
import GRDB
import TestSupport
import Testing

/// The spatial cells that find segments and roads by place: every box that meets a query is in one of
/// the query's key ranges, in memory and through the store, and registries indexed by R*Tree move over.
@Suite("Spatial cells")
struct SpatialCellTests {
    static func randomBox(_ random: inout SeededGenerator, around centre: Coordinate, spread: Double) -> BoundingBox {
        // Sizes from a metre to a few degrees, so that every level is used.
        let width = pow(10, Double.random(in: -5...0.7, using: &random)), height = pow(10, Double.random(in: -5...0.7, using: &random))
        let lon = centre.lon + Double.random(in: -spread...spread, using: &random)
        let lat = centre.lat + Double.random(in: -spread...spread, using: &random)
        return BoundingBox(minLon: lon, minLat: lat, maxLon: lon + width, maxLat: lat + height)
    }

    @Test("property: a box that meets the query has its key in one of the query's ranges")
    func rangesHoldEveryMeetingBox() {
        var random = SeededGenerator(seed: 16)
        for centre in [Coordinate(lon: 116.5, lat: 36.4), Coordinate(lon: -179.99, lat: -89.99), Coordinate(lon: 179.99, lat: 89.99), Coordinate(lon: 0, lat: 0)] {
            let boxes = (0..<2_000).map { _ in Self.randomBox(&random, around: centre, spread: 3) }
            for _ in 0..<200 {
                let query = Self.randomBox(&random, around: centre, spread: 3)
                let ranges = SpatialCell.ranges(meeting: query)
                for box in boxes where box.intersects(query) {
                    let key = SpatialCell.key(box)
                    #expect(ranges.contains { $0.contains(key) }, "box \(box) meets \(query) but its cell \(key) is in no range")
                }
            }
        }
        // Edges touch: a box that only touches the query at a corner meets it.
        let box = BoundingBox(minLon: 116, minLat: 36, maxLon: 116.001, maxLat: 36.001)
        let corner = BoundingBox(minLon: 116.001, minLat: 36.001, maxLon: 116.002, maxLat: 36.002)
        #expect(SpatialCell.ranges(meeting: corner).contains { $0.contains(SpatialCell.key(box)) })
        // An empty query meets nothing; an infinite one is clamped to the whole world.
        #expect(SpatialCell.ranges(meeting: BoundingBox(minLon: 117, minLat: 36, maxLon: 116, maxLat: 37)).isEmpty)
        #expect(SpatialCell.ranges(meeting: BoundingBox(minLon: .nan, minLat: 36, maxLon: 116, maxLat: 37)).isEmpty)
        let world = SpatialCell.ranges(meeting: BoundingBox(minLon: -.infinity, minLat: -.infinity, maxLon: .infinity, maxLat: .infinity))
        #expect(world.contains { $0.contains(SpatialCell.key(box)) })
    }

    @Test("property: segments found in a box are exactly those whose boxes meet it, in rowid order")
    func storeFindsExactlyTheMeetingSegments() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            var random = SeededGenerator(seed: 7)
            let centre = Coordinate(lon: 116.5, lat: 36.4)
            let segments = (1...1_500).map { serial in
                let box = Self.randomBox(&random, around: centre, spread: 0.5)
                return RoadSegment(id: FeatureID(county: "371521", kind: .segment, serial: serial), source: "osm:t.osm", sourceRef: "\(serial)",
                                   roadClass: "track", name: nil, ref: nil,
                                   geometry: LineString([Coordinate(lon: box.minLon, lat: box.maxLat), Coordinate(lon: box.maxLon, lat: box.minLat)]))
            }
            try registry.pool.write { try SegmentTable.insert($0, segments) }
            for _ in 0..<100 {
                let query = Self.randomBox(&random, around: centre, spread: 0.5)
                let found = try registry.pool.read { try SegmentTable.fetch($0, in: query) }
                #expect(found.map(\.id) == segments.filter { $0.geometry.boundingBox!.intersects(query) }.map(\.id))
            }
        }
    }

    @Test("a registry indexed by R*Trees keeps finding its segments and roads by place after the migration")
    func migrationFromRTrees() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let queue = try DatabaseQueue(path: folder.path("r.sqlite"))
            try RegistryMigrations.migrator.migrate(queue, upTo: "v14-segment-width-and-surface")
            let line = LineString([Coordinate(lon: 116.1, lat: 36.2), Coordinate(lon: 116.102, lat: 36.201)])
            try queue.write { db throws in
                try db.execute(sql: """
                    INSERT INTO road_segment (rid, id, source, source_ref, road_class, geometry, length) VALUES (5, '371521-S-000001', 'osm:t.osm', 'w1', 'track', ?, 200);
                    INSERT INTO segment_rtree VALUES (5, 116.1, 116.102, 36.2, 36.201);
                    INSERT INTO road (rid, id, county_code, status, road_class, direction, length, start_desc, end_desc, villages, geometry, segment_count, updated_at)
                    VALUES (9, '371521-R-000001', '371521000000', 'active', 'track', '东西', 200, '', '', '[]', ?, 1, '2026-11-30T00:00:00Z');
                    INSERT INTO road_rtree VALUES (9, 116.1, 116.102, 36.2, 36.201);
                    """, arguments: [WKB.encode(line), WKB.encode(line)])
            }
            try RegistryMigrations.migrator.migrate(queue)
            try queue.read { db throws in
                let near = BoundingBox(minLon: 116.101, minLat: 36.2005, maxLon: 116.101, maxLat: 36.2005)
                #expect(try SegmentTable.fetch(db, in: near).map(\.id.description) == ["371521-S-000001"])
                #expect(try RoadTable.list(db, in: near).map(\.id.description) == ["371521-R-000001"])
                #expect(try SegmentTable.fetch(db, in: BoundingBox(minLon: 117, minLat: 37, maxLon: 117.1, maxLat: 37.1)).isEmpty)
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name IN ('segment_rtree', 'road_rtree')") == 0)
                #expect(try Int64.fetchOne(db, sql: "SELECT cell FROM road WHERE rid = 9") == SpatialCell.key(line.boundingBox!))
            }
        }
    }
}

import DimingCore
import DimingKit
@testable import DimingStore
import Foundation
import GRDB
import TestSupport
import Testing

/// The survey's own reads and writes: a cut-down segment read and bulk road writes.
@Suite("The survey's store code")
struct SurveyStoreTests {
    /// The store writes villages with sorted keys (a plain JSONEncoder's key order varies between runs).
    static let sortedEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    func withRegistry(_ body: (SQLiteRegistry) throws -> Void) throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) { try body(SQLiteRegistry(path: folder.path("r.sqlite"))) }
    }

    static func line(_ i: Int) -> LineString {
        LineString([Coordinate(lon: 116 + Double(i) * 0.001, lat: 36), Coordinate(lon: 116 + Double(i) * 0.001 + 0.000_7, lat: 36.000_3),
                    Coordinate(lon: 116 + Double(i) * 0.001 + 0.001, lat: 36.000_1)])
    }

    @Test("the survey reads a county's segments as whole segments cut down, in the same order, with the length stored at import")
    func surveySegments() throws {
        try withRegistry { registry in
            let names: [String?] = ["幸福路", nil, "", "Rua \"Easttie\"", nil]
            // Minted out of order so that the rowid order (the survey's) is not the id order.
            let serials = [7, 3, 12, 1, 5, 9]
            var segments = serials.enumerated().map { i, serial in
                RoadSegment(id: FeatureID(county: "371521", kind: .segment, serial: serial), source: "osm:t.osm", sourceRef: "\(i)",
                            roadClass: i % 2 == 0 ? "residential" : "track", name: names[i % names.count], ref: nil,
                            geometry: Self.line(i), osm: i % 3 == 0 ? nil : OSMIdentity(way: Int64(i), version: 2, nodes: [1, 2, 3], tags: ["highway": "track"]))
            }
            segments.append(RoadSegment(id: FeatureID(county: "371522", kind: .segment, serial: 1), source: "osm:t.osm", sourceRef: "x",
                                        roadClass: "track", name: nil, ref: nil, geometry: Self.line(9)))
            try registry.pool.write { try SegmentTable.insert($0, segments) }
            let county = DivisionCode("371521000000")!
            let (whole, cut) = try registry.read { tx in (try tx.segments.fetch(county: county), try tx.segments.surveySegments(county: county)) }
            #expect(whole.count == 6)
            #expect(cut == whole.map(SurveySegment.init))
            #expect(cut.map(\.id.serial) == serials)
            #expect(cut.map(\.isNamed) == whole.map(\.isNamed))
        }
    }

    static func road(_ serial: Int, segments: [Int], name: String? = nil, villages: [Road.Village] = []) -> Road {
        Road(id: FeatureID(county: "371521", kind: .road, serial: serial), countyCode: DivisionCode("371521000000")!, townCode: DivisionCode("371521101000"),
             active: true, roadClass: "track", name: name, workingName: name == nil ? "张庄村至李庄村道路" : nil, direction: .eastWest,
             length: 123.5, start: "张庄村", end: "李庄村", villages: villages, geometry: line(serial),
             segments: segments.map { Road.Member(segment: FeatureID(county: "371521", kind: .segment, serial: $0), reversed: $0 % 2 == 0) })
    }

    @Test("roads are inserted, then updated in place: same rowid, members and spatial entry replaced")
    func saveInsertsThenUpdates() throws {
        try withRegistry { registry in
            let date = Date(timeIntervalSince1970: 1_700_000_000)
            let village = Road.Village(code: "371521101201", name: "张庄村")
            try registry.pool.write { try RoadTable.save($0, [Self.road(1, segments: [1, 2]), Self.road(2, segments: [3], villages: [village])], at: date) }
            let rid = try registry.pool.read { try Int64.fetchOne($0, sql: "SELECT rid FROM road WHERE id = '371521-R-000002'") }
            try registry.pool.write { try RoadTable.save($0, [Self.road(2, segments: [4, 5], name: "幸福路"), Self.road(3, segments: [3])], at: date) }
            try registry.pool.read { db throws in
                #expect(try Int64.fetchOne(db, sql: "SELECT rid FROM road WHERE id = '371521-R-000002'") == rid)
                let two = try #require(try RoadTable.find(db, id: FeatureID(county: "371521", kind: .road, serial: 2)))
                #expect(two.name == "幸福路" && two.workingName == nil && two.villages.isEmpty)
                #expect(two.segments.map(\.segment.serial) == [4, 5] && two.segments.map(\.reversed) == [true, false])
                #expect(two.geometry == Self.line(2) && two.length == 123.5 && two.townCode == DivisionCode("371521101000"))
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM road") == 3)
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM road_member") == 5)
                // Every road has its box and spatial cell.
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM road WHERE cell IS NOT NULL AND min_lon <= max_lon") == 3)
                #expect(try RoadTable.list(db, in: Self.line(2).boundingBox!).map(\.id.serial).contains(2))
            }
            // A new line moves the road's box and cell; an unchanged one keeps them.
            var moved = Self.road(1, segments: [1, 2])
            moved.geometry = Self.line(40)
            try registry.pool.write { try RoadTable.save($0, [moved, Self.road(3, segments: [3])], at: date) }
            try registry.pool.read { db throws in
                #expect(try RoadTable.list(db, in: Self.line(1).boundingBox!).map(\.id.serial).contains(1) == false)
                #expect(try RoadTable.list(db, in: Self.line(40).boundingBox!).map(\.id.serial) == [1])
                #expect(try RoadTable.list(db, in: Self.line(3).boundingBox!).map(\.id.serial).contains(3))
            }
            try registry.pool.write { try RoadTable.save($0, [Self.road(4, segments: [9], villages: [village])], at: date) }
            #expect(try registry.pool.read { try String.fetchOne($0, sql: "SELECT villages FROM road WHERE id = '371521-R-000004'") }
                == String(decoding: try Self.sortedEncoder.encode([village]), as: UTF8.self))
        }
    }

    /// Every stored column of every road and member, in rowid order.
    static func rows(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT * FROM road ORDER BY rid").map(\.description)
            + Row.fetchAll(db, sql: "SELECT rowid, * FROM road_member ORDER BY rowid").map(\.description)
    }

    @Test("a survey's save after clearing the members stores what a plain save stores: new roads inserted, kept ones updated in place")
    func saveSurveyedAsSave() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let village = Road.Village(code: "371521101201", name: "张庄村")
        let county = DivisionCode("371521000000")!
        var outcomes: [[String]] = []
        for surveyed in [false, true] {
            try withRegistry { registry in
                try registry.pool.write { try RoadTable.save($0, [Self.road(1, segments: [1, 2]), Self.road(2, segments: [3]), Self.road(3, segments: [4])], at: date) }
                let again = [Self.road(2, segments: [3, 4], name: "幸福路"), Self.road(5, segments: [1], villages: [village]), Self.road(1, segments: [2]),
                             Self.road(6, segments: [5])]
                try registry.pool.write { db in
                    try RoadTable.clearMembers(db, county: county)
                    if surveyed {
                        try RoadTable.saveSurveyed(db, again, new: [Self.road(5, segments: []).id, Self.road(6, segments: []).id], at: date)
                    } else {
                        try RoadTable.save(db, again, at: date)
                    }
                    try RoadTable.retire(db, [Self.road(3, segments: []).id], at: date)
                }
                outcomes.append(try registry.pool.read { try Self.rows($0) })
            }
        }
        #expect(outcomes[0].count == 5 + 5) // five roads (one retired), five members
        #expect(outcomes[0] == outcomes[1])
    }

    @Test("a survey's save refuses a road said to be stored that is not, leaving nothing behind")
    func saveSurveyedMissingRoad() throws {
        try withRegistry { registry in
            #expect(throws: DatabaseError.self) {
                try registry.pool.write { try RoadTable.saveSurveyed($0, [Self.road(2, segments: [])], new: [], at: Date()) }
            }
            let stored = try registry.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM road") }
            #expect(stored == 0)
        }
    }

    @Test("a refused row is SQLite's error, and the write leaves nothing behind")
    func saveRefusal() throws {
        try withRegistry { registry in
            let error = #expect(throws: DatabaseError.self) {
                try registry.pool.write { try RoadTable.save($0, [Self.road(1, segments: [1]), Self.road(2, segments: [1])], at: Date()) }
            }
            #expect(error?.resultCode == .SQLITE_CONSTRAINT)
            #expect(error?.message?.contains("road_member.segment_id") == true)
            let stored = try registry.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM road") }
            #expect(stored == 0)
        }
    }
}

import DimingCore
import DimingKit
import Foundation
import GRDB

/// Roads and their members.
public enum RoadTable {
    static let columns = "id, county_code, town_code, status, road_class, name, working_name, direction, length, start_desc, end_desc, villages, geometry"

    /// Inserts or updates roads (by id) and replaces their memberships, in bulk: one query per few
    /// hundred roads finds those already stored (their rowids) and drops their old members, then each
    /// road is inserted (its rowid from SQLite, no `RETURNING`) or updated by rowid, with its box and
    /// spatial cell, and its members. Values are bound through `BulkStatement` (GRDB's per-row binding
    /// and cursors were half of the survey's write time).
    public static func save(_ db: Database, _ roads: [Road], at date: Date) throws {
        guard !roads.isEmpty else { return }
        let ids = roads.map(\.id.description)
        var stored: [String: Target] = [:]
        for chunk in chunks(ids) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let arguments = StatementArguments(chunk)
            for row in try Row.fetchAll(db, sql: "SELECT id, rid FROM road WHERE id IN (\(marks))", arguments: arguments) {
                stored[row[0]] = .rowid(row[1])
            }
            try db.execute(sql: "DELETE FROM road_member WHERE road_id IN (\(marks))", arguments: arguments)
        }
        try write(db, roads, ids: ids, at: date, byRowID: true, stored: &stored)
    }

    /// Saves a survey's roads after `clearMembers` (no road of the county holds members): as `save`,
    /// without its lookups. The roads in `new` were just minted and are inserted; the others are
    /// stored and are updated by id. (On a first survey of 7.5k roads the lookups and deletes `save`
    /// makes, which find nothing, were ~4 % of the survey's time.)
    public static func saveSurveyed(_ db: Database, _ roads: [Road], new: Set<FeatureID>, at date: Date) throws {
        guard !roads.isEmpty else { return }
        let ids = roads.map(\.id.description)
        var stored: [String: Target] = [:]
        for (road, id) in zip(roads, ids) where !new.contains(road.id) { stored[id] = .id }
        try write(db, roads, ids: ids, at: date, byRowID: false, stored: &stored)
    }

    /// How a stored road's row is found for an update.
    enum Target {
        case rowid(Int64)
        case id
    }

    /// Inserts the roads not in `stored` and updates those in it (by rowid or by id, as `byRowID`
    /// says), then inserts every road's members; a road inserted here is in `stored` afterwards (the
    /// same road twice in one call updates the first).
    private static func write(_ db: Database, _ roads: [Road], ids: [String], at date: Date, byRowID: Bool, stored: inout [String: Target]) throws {
        let stamp = Timestamp.string(date)
        // The same columns in both statements: 1…19 the values, 20 the id of an insert or the rowid (or id) of an update.
        let insert = try BulkStatement(db, sql: """
            INSERT INTO road (county_code, town_code, status, road_class, name, working_name, direction, length,
                              start_desc, end_desc, villages, geometry, segment_count, updated_at,
                              min_lon, min_lat, max_lon, max_lat, cell, id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let update = try BulkStatement(db, sql: """
            UPDATE road SET county_code = ?, town_code = ?, status = ?, road_class = ?, name = ?, working_name = ?,
                direction = ?, length = ?, start_desc = ?, end_desc = ?, villages = ?, geometry = ?, segment_count = ?,
                updated_at = ?, min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?, cell = ? WHERE \(byRowID ? "rid" : "id") = ?
            """)
        let member = try BulkStatement(db, sql: "INSERT INTO road_member (segment_id, road_id, seq, reversed) VALUES (?, ?, ?, ?)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys // {"code":…,"name":…} in every process (the key order was the hash seed's)
        for (road, id) in zip(roads, ids) {
            let existing = stored[id]
            let row = existing == nil ? insert : update
            try row.bind(1, road.countyCode.rawValue)
            try row.bind(2, road.townCode?.rawValue)
            try row.bind(3, road.active ? "active" : "retired")
            try row.bind(4, road.roadClass)
            try row.bind(5, road.name)
            try row.bind(6, road.workingName)
            try row.bind(7, road.direction.rawValue)
            try row.bind(8, road.length)
            try row.bind(9, road.start)
            try row.bind(10, road.end)
            // Most roads pass no village: "[]" is what the encoder would write.
            try row.bind(11, road.villages.isEmpty ? "[]" : String(decoding: try encoder.encode(road.villages), as: UTF8.self))
            try row.bind(12, WKB.encode(road.geometry))
            try row.bind(13, road.segments.count)
            try row.bind(14, stamp)
            try SpatialIndex.bind(road.geometry.boundingBox, to: row, from: 15)
            switch existing {
            case let .rowid(rowid)?:
                try row.bind(20, rowid)
                try row.run()
            case .id?:
                try row.bind(20, id)
                try row.run()
                // Said to be stored: a road that is not is an error, not a silent skip.
                guard db.changesCount == 1 else { throw DatabaseError(message: "road \(id) is not stored (a survey's save updates it)") }
            case nil:
                try row.bind(20, id)
                try row.run()
                stored[id] = byRowID ? .rowid(row.lastInsertedRowID) : .id
            }
            for (seq, m) in road.segments.enumerated() {
                try member.bind(1, m.segment.description)
                try member.bind(2, id)
                try member.bind(3, seq)
                try member.bind(4, m.reversed)
                try member.run()
            }
        }
    }

    /// Ids in groups small enough for one `IN (…)` list.
    static func chunks(_ ids: [String]) -> [ArraySlice<String>] {
        stride(from: 0, to: ids.count, by: 500).map { ids[$0..<min($0 + 500, ids.count)] }
    }

    /// Sets the road's current name (a standard name approved for it), or clears it.
    public static func setName(_ db: Database, _ id: FeatureID, _ name: String?, at date: Date) throws {
        try db.execute(sql: "UPDATE road SET name = ?, updated_at = ? WHERE id = ?", arguments: [name, Timestamp.string(date), id.description])
    }

    /// Marks roads retired and frees their segments.
    public static func retire(_ db: Database, _ ids: [FeatureID], at date: Date) throws {
        let stamp = Timestamp.string(date)
        for chunk in chunks(ids.map(\.description)) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            try db.execute(sql: "UPDATE road SET status = 'retired', updated_at = ? WHERE id IN (\(marks))", arguments: [stamp] + StatementArguments(chunk))
            try db.execute(sql: "DELETE FROM road_member WHERE road_id IN (\(marks))", arguments: StatementArguments(chunk))
        }
    }

    /// Removes every membership of the county's roads (the survey rebuilds them in the same transaction).
    public static func clearMembers(_ db: Database, county: DivisionCode) throws {
        try db.execute(sql: "DELETE FROM road_member WHERE road_id IN (SELECT id FROM road WHERE county_code = ?)", arguments: [county.rawValue])
    }

    public static func find(_ db: Database, id: FeatureID) throws -> Road? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM road WHERE id = ?", arguments: [id.description]).map { try decode($0, db: db) }
    }

    public static func list(_ db: Database, _ filter: RoadFilter) throws -> [Road] {
        var conditions = filter.includeRetired ? [] : ["status = 'active'"]
        var arguments: StatementArguments = []
        if let county = filter.county { conditions.append("county_code = ?"); arguments += [county.rawValue] }
        if let town = filter.town { conditions.append("town_code = ?"); arguments += [town.rawValue] }
        if filter.unnamedOnly { conditions.append("name IS NULL") }
        let filterSQL = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM road\(filterSQL) ORDER BY rid", arguments: arguments).map { try decode($0, db: db) }
    }

    /// The active roads' segment sets in a county, for matching ids across survey runs.
    public static func memberships(_ db: Database, county: DivisionCode) throws -> [FeatureID: (segments: Set<FeatureID>, length: Double)] {
        var result: [FeatureID: (Set<FeatureID>, Double)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, length FROM road WHERE county_code = ? AND status = 'active'", arguments: [county.rawValue]) {
            if let id = FeatureID(row[0] as String) { result[id] = ([], row[1]) }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT m.road_id, m.segment_id FROM road_member m JOIN road r ON r.id = m.road_id
            WHERE r.county_code = ? AND r.status = 'active'
            """, arguments: [county.rawValue]) {
            if let road = FeatureID(row[0] as String), let segment = FeatureID(row[1] as String) { result[road]?.0.insert(segment) }
        }
        return result.mapValues { (segments: $0.0, length: $0.1) }
    }

    /// Active roads whose boxes meet `box`.
    public static func list(_ db: Database, in box: BoundingBox) throws -> [Road] {
        try SpatialIndex.rows(db, table: "road", columns: columns, meeting: box, where: "status = 'active'").map { try decode($0, db: db) }
    }

    /// Active unnamed roads whose working name contains `text`.
    public static func searchWorkingNames(_ db: Database, containing text: String, county: DivisionCode?, limit: Int) throws -> [(id: String, text: String, county: String)] {
        try Row.fetchAll(db, sql: """
            SELECT id, working_name, county_code FROM road WHERE status = 'active' AND working_name LIKE ? AND (? IS NULL OR county_code = ?)
            ORDER BY rid LIMIT ?
            """, arguments: ["%\(text)%", county?.rawValue, county?.rawValue, limit]).map { ($0[0], $0[1], $0[2]) }
    }

    /// Per town: roads, unnamed roads, total and unnamed length (active roads of the county).
    public static func townSummary(_ db: Database, county: DivisionCode?) throws -> [(town: String?, roads: Int, unnamed: Int, length: Double, unnamedLength: Double)] {
        let countyFilter = county == nil ? "" : " AND county_code = ?"
        let arguments: StatementArguments = county.map { [$0.rawValue] } ?? []
        return try Row.fetchAll(db, sql: """
            SELECT town_code, count(*), sum(name IS NULL), sum(length), coalesce(sum(CASE WHEN name IS NULL THEN length END), 0)
            FROM road WHERE status = 'active'\(countyFilter) GROUP BY town_code ORDER BY town_code
            """, arguments: arguments).map { ($0[0], $0[1], $0[2], $0[3], $0[4]) }
    }

    static func decode(_ row: Row, db: Database) throws -> Road {
        let idText: String = row["id"], countyText: String = row["county_code"]
        guard let id = FeatureID(idText), let county = DivisionCode(countyText), let direction = RoadDirection(rawValue: row["direction"]) else {
            throw DatabaseError(message: "corrupt road row \(idText)")
        }
        let members = try Row.fetchAll(db, sql: "SELECT segment_id, reversed FROM road_member WHERE road_id = ? ORDER BY seq", arguments: [idText])
            .compactMap { row in FeatureID(row[0] as String).map { Road.Member(segment: $0, reversed: row[1]) } }
        let villagesText: String = row["villages"]
        let town: String? = row["town_code"]
        return Road(
            id: id, countyCode: county, townCode: town.flatMap(DivisionCode.init), active: (row["status"] as String) == "active",
            roadClass: row["road_class"], name: row["name"], workingName: row["working_name"], direction: direction,
            length: row["length"], start: row["start_desc"], end: row["end_desc"],
            villages: (try? JSONDecoder().decode([Road.Village].self, from: Data(villagesText.utf8))) ?? [],
            geometry: try WKB.decodeLineString(row["geometry"]), segments: members)
    }
}

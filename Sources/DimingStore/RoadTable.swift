import DimingCore
import DimingKit
import Foundation
import GRDB

/// Roads and their members.
public enum RoadTable {
    static let columns = "id, county_code, town_code, status, road_class, name, working_name, direction, length, start_desc, end_desc, villages, geometry"

    /// Inserts or updates roads (by id) and replaces their memberships and R*Tree entries, in bulk:
    /// the old entries of all of them go in a few statements, then one prepared upsert per road
    /// (`RETURNING rid`, no lookup after it) with its members, and the R*Tree entries last.
    public static func save(_ db: Database, _ roads: [Road], at date: Date) throws {
        guard !roads.isEmpty else { return }
        let stamp = Timestamp.string(date)
        let encoder = JSONEncoder()
        let ids = roads.map(\.id.description)
        for chunk in chunks(ids) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let arguments = StatementArguments(chunk)
            try db.execute(sql: "DELETE FROM road_rtree WHERE id IN (SELECT rid FROM road WHERE id IN (\(marks)))", arguments: arguments)
            try db.execute(sql: "DELETE FROM road_member WHERE road_id IN (\(marks))", arguments: arguments)
        }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO road (id, county_code, town_code, status, road_class, name, working_name, direction, length,
                              start_desc, end_desc, villages, geometry, segment_count, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET county_code = excluded.county_code, town_code = excluded.town_code, status = excluded.status,
                road_class = excluded.road_class, name = excluded.name, working_name = excluded.working_name,
                direction = excluded.direction, length = excluded.length, start_desc = excluded.start_desc,
                end_desc = excluded.end_desc, villages = excluded.villages, geometry = excluded.geometry,
                segment_count = excluded.segment_count, updated_at = excluded.updated_at
            RETURNING rid
            """)
        let member = try db.cachedStatement(sql: "INSERT INTO road_member (segment_id, road_id, seq, reversed) VALUES (?, ?, ?, ?)")
        var boxes: [(rid: Int64, box: BoundingBox)] = []
        boxes.reserveCapacity(roads.count)
        for (road, id) in zip(roads, ids) {
            let villages = String(decoding: try encoder.encode(road.villages), as: UTF8.self)
            guard let rid = try Int64.fetchOne(upsert, arguments: [
                id, road.countyCode.rawValue, road.townCode?.rawValue, road.active ? "active" : "retired",
                road.roadClass, road.name, road.workingName, road.direction.rawValue, road.length, road.start, road.end,
                villages, WKB.encode(road.geometry), road.segments.count, stamp,
            ]) else { throw DatabaseError(message: "road \(id) was not stored") }
            for (seq, m) in road.segments.enumerated() {
                try member.execute(arguments: [m.segment.description, id, seq, m.reversed])
            }
            if let box = road.geometry.boundingBox { boxes.append((rid, box)) }
        }
        // The spatial index last, in one sweep.
        let index = try db.cachedStatement(sql: "INSERT INTO road_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)")
        for (rid, box) in boxes {
            try index.execute(arguments: [rid, box.minLon, box.maxLon, box.minLat, box.maxLat])
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
        try Row.fetchAll(db, sql: """
            SELECT \(columns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM road_rtree t JOIN road r ON r.rid = t.id
            WHERE t.max_lon >= ? AND t.min_lon <= ? AND t.max_lat >= ? AND t.min_lat <= ? AND r.status = 'active' ORDER BY r.rid
            """, arguments: [box.minLon, box.maxLon, box.minLat, box.maxLat]).map { try decode($0, db: db) }
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

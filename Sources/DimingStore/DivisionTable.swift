import DimingCore
import Foundation
import GRDB

/// Reads and writes divisions.
public enum DivisionTable {
    static let columns = "code, name, level, parent_code, ur_code, lon, lat"

    /// Every division, keyed by code (used to diff an import against the registry).
    public static func all(_ db: Database) throws -> [DivisionCode: Division] {
        var result: [DivisionCode: Division] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM division")
        while let row = try rows.next() {
            let division = try decode(row)
            result[division.code] = division
        }
        return result
    }

    public static func find(_ db: Database, code: DivisionCode) throws -> Division? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM division WHERE code = ?", arguments: [code.rawValue]).map(decode)
    }

    public static func exists(_ db: Database, code: DivisionCode) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM division WHERE code = ?)", arguments: [code.rawValue]) ?? false
    }

    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM division") ?? 0
    }

    /// How many divisions there are at each level.
    public static func countByLevel(_ db: Database) throws -> [DivisionLevel: Int] {
        var result: [DivisionLevel: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT level, count(*) FROM division GROUP BY level") {
            if let level = DivisionLevel(rawValue: row[0]) { result[level] = row[1] }
        }
        return result
    }

    public static func childCount(_ db: Database, of code: DivisionCode) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM division WHERE parent_code = ?", arguments: [code.rawValue]) ?? 0
    }

    /// Divisions filtered by parent and level, ordered by code.
    public static func list(_ db: Database, parent: DivisionCode?, level: DivisionLevel?) throws -> [Division] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let parent {
            conditions.append("parent_code = ?")
            arguments += [parent.rawValue]
        }
        if let level {
            conditions.append("level = ?")
            arguments += [level.rawValue]
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM division\(filter) ORDER BY code", arguments: arguments).map(decode)
    }

    /// Divisions at `level` whose codes lie under `ancestor` (by code prefix).
    public static func list(_ db: Database, within ancestor: DivisionCode, level: DivisionLevel) throws -> [Division] {
        let prefix = ancestor.prefix(at: ancestor.structuralLevel)
        let padding = 12 - prefix.count
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM division WHERE code BETWEEN ? AND ? AND +level = ? ORDER BY code",
                                arguments: [prefix + String(repeating: "0", count: padding), prefix + String(repeating: "9", count: padding),
                                            level.rawValue]).map(decode)
    }

    /// The chain from the division's parent up to its province, nearest first.
    public static func ancestors(_ db: Database, of division: Division) throws -> [Division] {
        var chain: [Division] = []
        var next = division.parentCode
        while let code = next, chain.count < 5, let parent = try find(db, code: code) {
            chain.append(parent)
            next = parent.parentCode
        }
        return chain
    }

    /// Inserts or replaces divisions with one prepared statement (bulk loads of ~100k rows).
    public static func upsert(_ db: Database, _ divisions: some Sequence<Division>, source: String, at date: Date) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO division (code, name, level, parent_code, ur_code, lon, lat, source, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level,
                parent_code = excluded.parent_code, ur_code = excluded.ur_code, lon = excluded.lon,
                lat = excluded.lat, source = excluded.source, updated_at = excluded.updated_at
            """)
        let stamp = Timestamp.string(date)
        for division in divisions {
            try statement.execute(arguments: [
                division.code.rawValue, division.name, division.level.rawValue, division.parentCode?.rawValue,
                division.urbanRuralCode, division.point?.lon, division.point?.lat, source, stamp,
            ])
        }
    }

    static func decode(_ row: Row) throws -> Division {
        let codeText: String = row["code"]
        guard let code = DivisionCode(codeText), let level = DivisionLevel(rawValue: row["level"]) else {
            throw DatabaseError(message: "corrupt division row \(codeText)")
        }
        let parent: String? = row["parent_code"]
        let lon: Double? = row["lon"], lat: Double? = row["lat"]
        let point = lon.flatMap { lon in lat.map { Coordinate(lon: lon, lat: $0) } }
        return Division(code: code, name: row["name"], level: level, parentCode: parent.flatMap(DivisionCode.init),
                        urbanRuralCode: row["ur_code"], point: point)
    }
}

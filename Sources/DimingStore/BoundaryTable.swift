import DimingCore
import Foundation
import GRDB

/// Division boundaries with an R*Tree on their bounding boxes.
public enum BoundaryTable {
    /// Inserts or replaces the boundary of `code`.
    public static func replace(_ db: Database, _ boundary: DivisionBoundary, source: String) throws {
        guard let box = boundary.area.boundingBox else { return }
        if let old = try Int64.fetchOne(db, sql: "SELECT id FROM boundary WHERE code = ?", arguments: [boundary.code.rawValue]) {
            try db.execute(sql: "DELETE FROM boundary_rtree WHERE id = ?", arguments: [old])
            try db.execute(sql: "DELETE FROM boundary WHERE id = ?", arguments: [old])
        }
        try db.execute(sql: "INSERT INTO boundary (code, name, level, geometry, source) VALUES (?, ?, ?, ?, ?)",
                       arguments: [boundary.code.rawValue, boundary.name, boundary.level.rawValue, WKB.encode(boundary.area), source])
        try db.execute(sql: "INSERT INTO boundary_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)",
                       arguments: [db.lastInsertedRowID, box.minLon, box.maxLon, box.minLat, box.maxLat])
    }

    /// Boundaries whose box holds the point (candidates for an exact point-in-polygon test).
    public static func candidates(_ db: Database, containing point: Coordinate) throws -> [DivisionBoundary] {
        try Row.fetchAll(db, sql: """
            SELECT b.code, b.name, b.level, b.geometry FROM boundary_rtree r JOIN boundary b ON b.id = r.id
            WHERE r.min_lon <= ? AND r.max_lon >= ? AND r.min_lat <= ? AND r.max_lat >= ?
            """, arguments: [point.lon, point.lon, point.lat, point.lat]).map(decode)
    }

    /// Every boundary at `level`.
    public static func all(_ db: Database, level: DivisionLevel) throws -> [DivisionBoundary] {
        try Row.fetchAll(db, sql: "SELECT code, name, level, geometry FROM boundary WHERE level = ? ORDER BY code", arguments: [level.rawValue]).map(decode)
    }

    public static func find(_ db: Database, code: DivisionCode) throws -> DivisionBoundary? {
        try Row.fetchOne(db, sql: "SELECT code, name, level, geometry FROM boundary WHERE code = ?", arguments: [code.rawValue]).map(decode)
    }

    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM boundary") ?? 0
    }

    static func decode(_ row: Row) throws -> DivisionBoundary {
        let codeText: String = row[0]
        guard let code = DivisionCode(codeText), let level = DivisionLevel(rawValue: row[2]) else {
            throw DatabaseError(message: "corrupt boundary row \(codeText)")
        }
        return DivisionBoundary(code: code, name: row[1], level: level, area: try WKB.decodeMultiPolygon(row[3]))
    }
}

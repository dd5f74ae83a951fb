import DimingCore
import DimingKit
import Foundation
import GRDB
import GRDBSQLite

/// The survey's read of a county's segments (摸排读取): id, class, name, line and stored length, read
/// column by column through SQLite's C API. The columns come before the OSM identity in each row, so
/// its node lists and tags (most of a row's bytes, often on overflow pages) are never read.
enum SurveySegmentTable {
    static func fetch(_ db: Database, county: DivisionCode) throws -> [SurveySegment] {
        // A range on the unique id index, as `SegmentTable.fetch(county:)`; the rows are put in rowid
        // order here rather than by SQLite, which would sort the whole rows (geometry included).
        let statement = try db.makeStatement(sql: """
            SELECT rid, id, road_class, name, geometry, length FROM road_segment WHERE id >= ? AND id < ?
            """)
        try statement.setArguments([county.countyPart + "-", county.countyPart + "."])
        let handle = statement.sqliteStatement
        var rows: [(rid: Int64, segment: SurveySegment)] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                sqlite3_reset(handle)
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
            }
            let idText = text(handle, 1) ?? ""
            guard let id = FeatureID(idText) else { sqlite3_reset(handle); throw DatabaseError(message: "corrupt segment id \(idText)") }
            let blob = sqlite3_column_blob(handle, 4), size = Int(sqlite3_column_bytes(handle, 4))
            // The blob is valid until the next step: read in place, not copied first.
            let wkb = blob.map { Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: size, deallocator: .none) } ?? Data()
            let geometry: LineString
            do { geometry = try WKB.decodeLineString(wkb) } catch { sqlite3_reset(handle); throw error }
            rows.append((sqlite3_column_int64(handle, 0), SurveySegment(
                id: id, roadClass: text(handle, 2) ?? "", name: text(handle, 3), geometry: geometry, length: sqlite3_column_double(handle, 5))))
        }
        sqlite3_reset(handle)
        rows.sort { $0.rid < $1.rid }
        return rows.map(\.segment)
    }

    /// A text column, nil when NULL.
    private static func text(_ handle: SQLiteStatement, _ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }
}

extension GRDBSegments {
    func surveySegments(county: DivisionCode) throws -> [SurveySegment] { try SurveySegmentTable.fetch(db, county: county) }
}

import DimingCore
import GRDB

/// How `road_segment` and `road` rows are found by place: each row holds its box (`min_lon`, `min_lat`,
/// `max_lon`, `max_lat`) and its `SpatialCell` key (`cell`, under an ordinary index).
enum SpatialIndex {
    /// Binds a row's box and cell to parameters `first` … `first + 4`.
    static func bind(_ box: BoundingBox?, to statement: BulkStatement, from first: Int32) throws {
        try statement.bind(first, box?.minLon)
        try statement.bind(first + 1, box?.minLat)
        try statement.bind(first + 2, box?.maxLon)
        try statement.bind(first + 3, box?.maxLat)
        try statement.bind(first + 4, box.map(SpatialCell.key))
    }

    /// The rows of `table` whose boxes meet `box` (edges included) and that pass `condition`, in rowid order:
    /// one probe of the cell index per key range.
    static func rows(_ db: Database, table: String, columns: String, meeting box: BoundingBox, where condition: String? = nil) throws -> [Row] {
        let statement = try db.cachedStatement(sql: """
            SELECT \(columns), rid FROM \(table) WHERE cell BETWEEN ? AND ?
            AND max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?\(condition.map { " AND " + $0 } ?? "")
            """)
        var found: [(rid: Int64, row: Row)] = []
        for range in SpatialCell.ranges(meeting: box) {
            for row in try Row.fetchAll(statement, arguments: [range.lowerBound, range.upperBound, box.minLon, box.maxLon, box.minLat, box.maxLat]) {
                found.append((row[row.count - 1], row))
            }
        }
        return found.sorted { $0.rid < $1.rid }.map(\.row)
    }

    /// Fills the box and cell of every row of `table` from its geometry (the migration from the R*Tree),
    /// a thousand rows at a time (memory holds one batch of geometries, not the table's).
    static func fill(_ db: Database, table: String) throws {
        let update = try BulkStatement(db, sql: "UPDATE \(table) SET min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?, cell = ? WHERE rid = ?")
        var last: Int64 = .min
        while true {
            let rows = try Row.fetchAll(db, sql: "SELECT rid, geometry FROM \(table) WHERE rid > ? ORDER BY rid LIMIT 1000", arguments: [last])
            guard let end = rows.last?[0] as Int64? else { return }
            for row in rows {
                try bind(try WKB.decodeLineString(row[1]).boundingBox, to: update, from: 1)
                try update.bind(6, row[0] as Int64)
                try update.run()
            }
            last = end
        }
    }
}

import DimingCore
import GRDB

/// The registry's R*Tree tables (`segment_rtree`, `road_rtree`): a row's bounding box by its rowid.
enum RTree {
    /// Puts each row's box into `table`, in one sweep through one prepared statement.
    static func insert(_ db: Database, into table: String, _ boxes: [(rid: Int64, box: BoundingBox)]) throws {
        let index = try BulkStatement(db, sql: "INSERT INTO \(table) (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)")
        for (rid, box) in boxes {
            try index.bind(1, rid)
            try index.bind(2, box.minLon)
            try index.bind(3, box.maxLon)
            try index.bind(4, box.minLat)
            try index.bind(5, box.maxLat)
            try index.run()
        }
    }
}

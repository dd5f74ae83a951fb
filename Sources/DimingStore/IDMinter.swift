import DimingCore
import GRDB

/// Mints permanent ids from per-county counters that only grow, inside the caller's transaction.
public enum IDMinter {
    /// The next `count` ids of `kind` for the county `county` (6 digits).
    public static func mint(_ db: Database, kind: FeatureKind, county: String, count: Int = 1) throws -> [FeatureID] {
        guard count > 0 else { return [] }
        let last = try Int.fetchOne(db, sql: "SELECT last_serial FROM id_counter WHERE county = ? AND kind = ?",
                                    arguments: [county, kind.rawValue]) ?? 0
        try db.execute(sql: """
            INSERT INTO id_counter (county, kind, last_serial) VALUES (?, ?, ?)
            ON CONFLICT(county, kind) DO UPDATE SET last_serial = excluded.last_serial
            """, arguments: [county, kind.rawValue, last + count])
        return (last + 1...last + count).map { FeatureID(county: county, kind: kind, serial: $0) }
    }
}

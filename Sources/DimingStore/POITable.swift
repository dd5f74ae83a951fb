import DimingCore
import Foundation
import GRDB

/// Points of interest.
public enum POITable {
    public static func save(_ db: Database, _ item: CollectedPOI, at date: Date) throws {
        let data = String(decoding: try CaseTable.encoder().encode(item), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO poi (id, county_code, status, category, name, lon, lat, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET status = excluded.status, category = excluded.category, name = excluded.name, lon = excluded.lon,
                lat = excluded.lat, data = excluded.data, updated_at = excluded.updated_at
            """, arguments: [item.poi.id.description, item.countyCode.rawValue, item.poi.status.rawValue, item.poi.category, item.poi.name,
                             item.poi.location.lon, item.poi.location.lat, data, Timestamp.string(date)])
    }

    public static func find(_ db: Database, id: FeatureID) throws -> CollectedPOI? {
        try String.fetchOne(db, sql: "SELECT data FROM poi WHERE id = ?", arguments: [id.description])
            .map { try CaseTable.decoder().decode(CollectedPOI.self, from: Data($0.utf8)) }
    }

    public static func list(_ db: Database, county: DivisionCode? = nil, status: POIStatus? = nil) throws -> [CollectedPOI] {
        var conditions: [String] = [], arguments: StatementArguments = []
        if let county { conditions.append("county_code = ?"); arguments += [county.rawValue] }
        if let status { conditions.append("status = ?"); arguments += [status.rawValue] }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let decoder = CaseTable.decoder()
        return try String.fetchAll(db, sql: "SELECT data FROM poi\(filter) ORDER BY rid", arguments: arguments)
            .map { try decoder.decode(CollectedPOI.self, from: Data($0.utf8)) }
    }
}

/// The delivery log and what each delivery held (ref → fingerprint, OSM id, OSM ways as "id@version;…").
public enum DeliveryTable {
    public static func insert(_ db: Database, _ delivery: DeliveryRecord, records: [DeliveredRecord]) throws {
        try db.execute(sql: "INSERT INTO delivery (id, profile, county_code, created_at, folder, manifest) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [delivery.id.description, delivery.profile, delivery.countyCode.rawValue, Timestamp.string(delivery.created),
                                   delivery.folder, delivery.manifest])
        let statement = try db.makeStatement(sql: "INSERT INTO delivery_record (delivery_id, ref, fingerprint, osm_id, osm_ways) VALUES (?, ?, ?, ?, ?)")
        for record in records {
            let ways = record.osmWays.isEmpty ? nil : record.osmWays.map { "\($0.id)@\($0.version)" }.joined(separator: ";")
            try statement.execute(arguments: [delivery.id.description, record.ref, record.fingerprint, record.osmID, ways])
        }
    }

    /// The latest delivery of a profile for a county.
    public static func latest(_ db: Database, profile: String, county: DivisionCode) throws -> DeliveryRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM delivery WHERE profile = ? AND county_code = ? ORDER BY rid DESC LIMIT 1",
                         arguments: [profile, county.rawValue]).map(decode)
    }

    /// The delivery of a profile for a county made on or before `date` (the last such).
    public static func latest(_ db: Database, profile: String, county: DivisionCode, before date: Date) throws -> DeliveryRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM delivery WHERE profile = ? AND county_code = ? AND created_at <= ? ORDER BY rid DESC LIMIT 1",
                         arguments: [profile, county.rawValue, Timestamp.string(date)]).map(decode)
    }

    public static func find(_ db: Database, id: FeatureID) throws -> DeliveryRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM delivery WHERE id = ?", arguments: [id.description]).map(decode)
    }

    public static func list(_ db: Database) throws -> [DeliveryRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM delivery ORDER BY rid").map(decode)
    }

    public static func records(_ db: Database, delivery: FeatureID) throws -> [String: DeliveredRecord] {
        var result: [String: DeliveredRecord] = [:]
        let sql = "SELECT ref, fingerprint, osm_id, osm_ways FROM delivery_record WHERE delivery_id = ?"
        for row in try Row.fetchAll(db, sql: sql, arguments: [delivery.description]) {
            let ways = ((row[3] as String?) ?? "").split(separator: ";").compactMap { way -> DeliveredRecord.Way? in
                let parts = way.split(separator: "@")
                guard parts.count == 2, let id = Int64(parts[0]), let version = Int(parts[1]) else { return nil }
                return DeliveredRecord.Way(id: id, version: version)
            }
            result[row[0]] = DeliveredRecord(ref: row[0], fingerprint: row[1], osmID: row[2], osmWays: ways)
        }
        return result
    }

    public static func acknowledge(_ db: Database, id: FeatureID, by: String, note: String?, at date: Date) throws {
        try db.execute(sql: "UPDATE delivery SET ack_by = ?, ack_at = ?, ack_note = ? WHERE id = ?",
                       arguments: [by, Timestamp.string(date), note, id.description])
    }

    static func decode(_ row: Row) throws -> DeliveryRecord {
        let idText: String = row["id"], county: String = row["county_code"]
        guard let id = FeatureID(idText), let code = DivisionCode(county) else { throw DatabaseError(message: "corrupt delivery \(idText)") }
        let ackAt: String? = row["ack_at"]
        return DeliveryRecord(id: id, profile: row["profile"], countyCode: code, created: Timestamp.date(row["created_at"]) ?? .distantPast,
                              folder: row["folder"], manifest: row["manifest"], acknowledgedBy: row["ack_by"],
                              acknowledgedAt: ackAt.flatMap(Timestamp.date), acknowledgement: row["ack_note"])
    }
}

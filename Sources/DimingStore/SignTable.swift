import DimingCore
import Foundation
import GRDB

/// Place-name signs.
public enum SignTable {
    public static func save(_ db: Database, _ sign: Sign, at date: Date) throws {
        let data = String(decoding: try CaseTable.encoder().encode(sign), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO sign (id, code, road_id, county_code, status, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data, updated_at = excluded.updated_at
            """, arguments: [sign.id.description, sign.code, sign.roadID.description, sign.id.county + "000000", sign.status.rawValue, data,
                             Timestamp.string(date)])
    }

    public static func delete(_ db: Database, _ id: FeatureID) throws {
        try db.execute(sql: "DELETE FROM sign WHERE id = ?", arguments: [id.description])
    }

    public static func find(_ db: Database, id: FeatureID) throws -> Sign? {
        try String.fetchOne(db, sql: "SELECT data FROM sign WHERE id = ?", arguments: [id.description])
            .map { try CaseTable.decoder().decode(Sign.self, from: Data($0.utf8)) }
    }

    public static func list(_ db: Database, road: FeatureID? = nil, county: DivisionCode? = nil, status: SignStatus? = nil) throws -> [Sign] {
        var conditions: [String] = [], arguments: StatementArguments = []
        if let road { conditions.append("road_id = ?"); arguments += [road.description] }
        if let county { conditions.append("county_code = ?"); arguments += [county.rawValue] }
        if let status { conditions.append("status = ?"); arguments += [status.rawValue] }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let decoder = CaseTable.decoder()
        return try String.fetchAll(db, sql: "SELECT data FROM sign\(filter) ORDER BY rid", arguments: arguments)
            .map { try decoder.decode(Sign.self, from: Data($0.utf8)) }
    }
}

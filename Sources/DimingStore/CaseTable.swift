import DimingCore
import Foundation
import GRDB

/// Naming cases and batches.
public enum CaseTable {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public static func save(_ db: Database, _ namingCase: NamingCase, at date: Date) throws {
        let data = String(decoding: try encoder().encode(namingCase), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO naming_case (id, state, county_code, town_code, road_id, batch_id, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET state = excluded.state, town_code = excluded.town_code, road_id = excluded.road_id,
                batch_id = excluded.batch_id, data = excluded.data, updated_at = excluded.updated_at
            """, arguments: [namingCase.id.description, namingCase.state.rawValue, namingCase.countyCode.rawValue, namingCase.townCode?.rawValue,
                             namingCase.roadID?.description, namingCase.batchID?.description, data, Timestamp.string(date)])
    }

    public static func find(_ db: Database, id: FeatureID) throws -> NamingCase? {
        try String.fetchOne(db, sql: "SELECT data FROM naming_case WHERE id = ?", arguments: [id.description])
            .map { try decoder().decode(NamingCase.self, from: Data($0.utf8)) }
    }

    public static func list(_ db: Database, state: CaseState? = nil, town: DivisionCode? = nil, batch: FeatureID? = nil,
                            road: FeatureID? = nil) throws -> [NamingCase] {
        var conditions: [String] = [], arguments: StatementArguments = []
        if let state { conditions.append("state = ?"); arguments += [state.rawValue] }
        if let town { conditions.append("town_code = ?"); arguments += [town.rawValue] }
        if let batch { conditions.append("batch_id = ?"); arguments += [batch.description] }
        if let road { conditions.append("road_id = ?"); arguments += [road.description] }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let decoder = decoder()
        return try String.fetchAll(db, sql: "SELECT data FROM naming_case\(filter) ORDER BY rid", arguments: arguments)
            .map { try decoder.decode(NamingCase.self, from: Data($0.utf8)) }
    }

    public static func saveBatch(_ db: Database, _ batch: Batch, at date: Date) throws {
        let data = String(decoding: try encoder().encode(batch), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO batch (id, county_code, title, data, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET title = excluded.title, data = excluded.data
            """, arguments: [batch.id.description, batch.countyCode.rawValue, batch.title, data, Timestamp.string(date)])
    }

    public static func batches(_ db: Database) throws -> [Batch] {
        let decoder = decoder()
        return try String.fetchAll(db, sql: "SELECT data FROM batch ORDER BY rid").map { try decoder.decode(Batch.self, from: Data($0.utf8)) }
    }

    public static func findBatch(_ db: Database, id: FeatureID) throws -> Batch? {
        try String.fetchOne(db, sql: "SELECT data FROM batch WHERE id = ?", arguments: [id.description])
            .map { try decoder().decode(Batch.self, from: Data($0.utf8)) }
    }
}

import DimingCore
import Foundation
import GRDB

/// The append-only audit trail. The table refuses updates and deletes (triggers).
public enum AuditLog {
    @discardableResult
    public static func append(_ db: Database, _ event: AuditEvent) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO audit_event (at, actor, action, entity_kind, entity_id, before, after, document)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [Timestamp.string(event.at), event.actor, event.action, event.entityKind,
                             event.entityID, event.before, event.after, event.document])
        return db.lastInsertedRowID
    }

    /// Events, newest last, optionally for one record or one action.
    public static func events(_ db: Database, entityKind: String? = nil, entityID: String? = nil,
                              action: String? = nil, limit: Int = 1000) throws -> [AuditEvent] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let entityKind { conditions.append("entity_kind = ?"); arguments += [entityKind] }
        if let entityID { conditions.append("entity_id = ?"); arguments += [entityID] }
        if let action { conditions.append("action = ?"); arguments += [action] }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        return try Row.fetchAll(db, sql: "SELECT * FROM audit_event\(filter) ORDER BY id LIMIT ?", arguments: arguments).map { row in
            AuditEvent(id: row["id"], at: Timestamp.date(row["at"]) ?? .distantPast, actor: row["actor"],
                       action: row["action"], entityKind: row["entity_kind"], entityID: row["entity_id"],
                       before: row["before"], after: row["after"], document: row["document"])
        }
    }

    /// The id of the newest event: every write to the registry appends one, so this is a cheap
    /// generation number for caches of derived data.
    public static func latestID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit_event") ?? 0
    }

    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event") ?? 0
    }
}

import DimingCore
import DimingKit
import Foundation
import GRDB

/// The append-only audit trail. The table refuses updates and deletes (triggers).
public enum AuditLog {
    @discardableResult
    /// Appends `event`, stamped with the wall-clock time of writing: `event.at` is the use case's
    /// clock, which a rehearsal (`DIMING_TODAY`) or a test may set to another day; an audit time never follows it.
    public static func append(_ db: Database, _ event: AuditEvent, wallClock: any Clock = SystemClock()) throws -> Int64 {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1") ?? AuditChain.genesis
        let fields: [String?] = [Timestamp.string(wallClock.now()), event.actor, event.action.rawValue, event.entityKind, event.entityID, event.before, event.after, event.document]
        try db.execute(sql: """
            INSERT INTO audit_event (at, actor, action, entity_kind, entity_id, before, after, document, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: StatementArguments(fields + [AuditChain.link(previous: previous, fields: fields)]))
        return db.lastInsertedRowID
    }

    /// Recomputes the chain from the first event; names the first event whose hash does not match.
    public static func verifyChain(_ db: Database) throws -> AuditChainReport {
        var previous = AuditChain.genesis, count = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT id, at, actor, action, entity_kind, entity_id, before, after, document, hash FROM audit_event ORDER BY id")
        while let row = try rows.next() {
            count += 1
            let fields: [String?] = [row["at"], row["actor"], row["action"], row["entity_kind"], row["entity_id"], row["before"], row["after"], row["document"]]
            let expected = AuditChain.link(previous: previous, fields: fields)
            let stored: String? = row["hash"]
            guard stored == expected else { return AuditChainReport(events: count, firstBroken: row["id"]) }
            previous = expected
        }
        return AuditChainReport(events: count, firstBroken: nil)
    }

    /// Gives every event stored before the chain existed its link, oldest first.
    static func chainExisting(_ db: Database) throws {
        var previous = AuditChain.genesis
        let rows = try Row.fetchAll(db, sql: "SELECT id, at, actor, action, entity_kind, entity_id, before, after, document FROM audit_event ORDER BY id")
        for row in rows {
            let fields: [String?] = [row["at"], row["actor"], row["action"], row["entity_kind"], row["entity_id"], row["before"], row["after"], row["document"]]
            previous = AuditChain.link(previous: previous, fields: fields)
            try db.execute(sql: "UPDATE audit_event SET hash = ? WHERE id = ?", arguments: [previous, row["id"] as Int64])
        }
    }

    /// Events, newest last, optionally for one record or one action.
    public static func events(_ db: Database, entityKind: String? = nil, entityID: String? = nil,
                              action: AuditAction? = nil, limit: Int = 1000) throws -> [AuditEvent] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let entityKind { conditions.append("entity_kind = ?"); arguments += [entityKind] }
        if let entityID { conditions.append("entity_id = ?"); arguments += [entityID] }
        if let action { conditions.append("action = ?"); arguments += [action.rawValue] }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        return try Row.fetchAll(db, sql: "SELECT * FROM audit_event\(filter) ORDER BY id LIMIT ?", arguments: arguments).map(decode)
    }

    /// One page of the events `filter` selects, newest first, and their number.
    public static func search(_ db: Database, _ filter: AuditFilter, offset: Int, limit: Int) throws -> (events: [AuditEvent], total: Int) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let actor = filter.actor { conditions.append("actor = ?"); arguments += [actor] }
        if let kind = filter.entityKind { conditions.append("entity_kind = ?"); arguments += [kind] }
        if let prefix = filter.actionPrefix { conditions.append("substr(action, 1, ?) = ?"); arguments += [prefix.count, prefix] }
        if let from = filter.from { conditions.append("at >= ?"); arguments += [Timestamp.string(from)] }
        if let to = filter.to { conditions.append("at < ?"); arguments += [Timestamp.string(to)] }
        if let county = filter.county {
            let actors = filter.countyActors
            let placeholders = Array(repeating: "?", count: actors.count).joined(separator: ", ")
            conditions.append("(substr(entity_id, 1, 6) = ?" + (actors.isEmpty ? "" : " OR actor IN (\(placeholders))") + ")")
            arguments += [county]
            for actor in actors { arguments += [actor] }
        }
        let clause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event" + clause, arguments: arguments) ?? 0
        var page = arguments
        page += [limit, offset]
        let events = try Row.fetchAll(db, sql: "SELECT * FROM audit_event\(clause) ORDER BY id DESC LIMIT ? OFFSET ?", arguments: page).map(decode)
        return (events, total)
    }

    static func decode(_ row: Row) throws -> AuditEvent {
        let verb: String = row["action"]
        guard let action = AuditAction(rawValue: verb) else { throw DatabaseError(message: "audit event \(row["id"] as Int64? ?? 0) has an unknown action \(verb)") }
        return AuditEvent(id: row["id"], at: Timestamp.date(row["at"]) ?? .distantPast, actor: row["actor"],
                          action: action, entityKind: row["entity_kind"], entityID: row["entity_id"],
                          before: row["before"], after: row["after"], document: row["document"])
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

import DimingCore
import DimingKit
import Foundation
import GRDB

/// Sessions and the sign-in outbox in a sidecar SQLite file beside the registry
/// (`<registry>.sessions`, owner-only like the registry): a sign-in writes here and never waits for
/// the registry's write lock. Created on the first session; until then every read answers nil.
public final class SQLiteSessions: SessionStore, @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var pool: DatabasePool?

    public init(path: String) {
        self.path = path
    }

    /// The sidecar of the registry at `registryPath`.
    public static func sidecar(of registryPath: String) -> String { registryPath + ".sessions" }

    /// The open store, opening (and creating, when `create`) it on first use.
    private func open(create: Bool) throws -> DatabasePool? {
        try lock.withLock {
            if let pool { return pool }
            if !FileManager.default.fileExists(atPath: path) {
                guard create else { return nil }
                FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.label = "diming.sessions"
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            do {
                let opened = try DatabasePool(path: path, configuration: configuration)
                try Self.migrator.migrate(opened)
                pool = opened
                return opened
            } catch let error as DatabaseError {
                throw RegistryError.cannotOpen(path: path, reason: error.message ?? "\(error)")
            }
        }
    }

    public func transaction<T>(_ body: (any SessionTransaction) throws -> T) throws -> T {
        try Self.mapErrors { try open(create: true)!.write { try body(Transaction(db: $0)) } }
    }

    public func read<T>(_ body: (any SessionTransaction) throws -> T) throws -> T? {
        guard let pool = try open(create: false) else { return nil }
        return try Self.mapErrors { try pool.read { try body(Transaction(db: $0)) } }
    }

    static func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw RegistryError.busy(reason: error.message ?? "sessions locked")
        }
    }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-sessions-and-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE session (
                    token_sha256 TEXT PRIMARY KEY,
                    username TEXT NOT NULL,
                    csrf TEXT NOT NULL,
                    expires_at TEXT NOT NULL
                );
                CREATE INDEX session_username ON session(username);
                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                    entity_kind TEXT NOT NULL, entity_id TEXT NOT NULL,
                    before TEXT, after TEXT, document TEXT
                );
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('outbox_id', ?)", arguments: [UUID().uuidString.lowercased()])
        }
        return migrator
    }()

    struct Transaction: SessionTransaction {
        let db: Database

        func createSession(tokenDigest: String, username: String, csrf: String, expires: Date, now: Date) throws {
            try db.execute(sql: "DELETE FROM session WHERE expires_at < ?", arguments: [Timestamp.string(now)])
            try db.execute(sql: "INSERT INTO session (token_sha256, username, csrf, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [tokenDigest, username, csrf, Timestamp.string(expires)])
        }

        func session(tokenDigest: String, now: Date) throws -> (username: String, csrf: String)? {
            guard let row = try Row.fetchOne(db, sql: "SELECT username, csrf, expires_at FROM session WHERE token_sha256 = ?", arguments: [tokenDigest]),
                  let expires = Timestamp.date(row["expires_at"]), expires > now else { return nil }
            return (row["username"], row["csrf"])
        }

        func deleteSession(tokenDigest: String) throws {
            try db.execute(sql: "DELETE FROM session WHERE token_sha256 = ?", arguments: [tokenDigest])
        }

        func deleteSessions(username: String) throws {
            try db.execute(sql: "DELETE FROM session WHERE username = ?", arguments: [username])
        }

        func enqueue(_ event: AuditEvent) throws -> Int64 {
            try db.execute(sql: """
                INSERT INTO outbox (at, actor, action, entity_kind, entity_id, before, after, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [Timestamp.string(Date()), event.actor, event.action.rawValue, event.entityKind, event.entityID,
                                 event.before, event.after, event.document])
            return db.lastInsertedRowID
        }

        func pending(limit: Int) throws -> [(seq: Int64, event: AuditEvent)] {
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY seq LIMIT ?", arguments: [limit]).map { row in
                let verb: String = row["action"]
                guard let action = AuditAction(rawValue: verb) else { throw DatabaseError(message: "outbox event with an unknown action \(verb)") }
                return (row["seq"], AuditEvent(at: Timestamp.date(row["at"]) ?? Date(), actor: row["actor"], action: action,
                                        entityKind: row["entity_kind"], entityID: row["entity_id"],
                                        before: row["before"], after: row["after"], document: row["document"]))
            }
        }

        func forget(through seq: Int64) throws {
            try db.execute(sql: "DELETE FROM outbox WHERE seq <= ?", arguments: [seq])
        }

        func outboxID() throws -> String {
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'outbox_id'") ?? ""
        }
    }
}

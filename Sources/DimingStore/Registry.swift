import DimingCore
import Foundation
import GRDB

/// The registry: one SQLite file through GRDB, in WAL mode with foreign keys on.
///
/// Every `write` runs in one transaction: all or nothing. Opening a file applies the migrations it
/// lacks; migrations never change once shipped (see ``RegistryMigrations``).
public final class Registry: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the registry at `path` and migrates it.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "diming"
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL stays atomic and consistent on a crash or SIGKILL; only a power
            // loss can drop the last committed transactions.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try RegistryMigrations.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw RegistryError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Runs `body` in one write transaction; any error rolls everything back.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    /// Runs `body` on a consistent read-only snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Whether the journal is in WAL mode (it always should be).
    public func journalMode() throws -> String {
        try pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" }
    }
}

/// Failures of the registry file itself (as opposed to bad input).
public enum RegistryError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case notFound(kind: String, key: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open registry \(path): \(reason)"
        case let .notFound(kind, key): "no \(kind) \(key) in the registry"
        }
    }
}

/// The database connection handed to `Registry.write` and `read` bodies, for use cases that
/// combine several tables in one transaction.
public typealias RegistryDatabase = GRDB.Database

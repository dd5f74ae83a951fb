import DimingCore
import DimingKit
import Foundation
import GRDB

/// The embedded registry: one SQLite file through GRDB, in WAL mode with foreign keys on. It
/// implements DimingKit's store ports; nothing outside this module sees GRDB.
///
/// Every transaction is all or nothing. Opening a file applies the migrations it lacks; migrations
/// never change once shipped (see ``RegistryMigrations``).
public final class SQLiteRegistry: RegistryStore {
    public let path: String
    let pool: DatabasePool
    /// Transactions committed through this registry object.
    private let commits = CommitCounter()

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

    /// The opener the executable hands to the front ends.
    public static let opener: RegistryOpener = { try SQLiteRegistry(path: $0) }

    public var location: String { path }

    public func read<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        try mapErrors { try pool.read { try body(GRDBTransaction($0)) } }
    }

    public func transaction<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        try mapErrors { try pool.write { db in try counted(GRDBTransaction(db), body) } }
    }

    public func read<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T {
        try await mapErrors { try await pool.read { try body(GRDBTransaction($0)) } }
    }

    public func transaction<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T {
        try await mapErrors { try await pool.write { db in try self.counted(GRDBTransaction(db), body) } }
    }

    /// Changes when a transaction that changed rows commits here, or another process commits a change (every committed change appends an
    /// audit event, which ``RegistryStore/write(_:)`` enforces). `PRAGMA data_version` is not used: it
    /// counts per connection, and the pool's readers would disagree and empty caches at random.
    public func changeToken() throws -> Int64 {
        let local = commits.value
        let audit = try pool.read { try Int64.fetchOne($0, sql: "SELECT coalesce(max(id), 0) FROM audit_event") ?? 0 }
        return audit &* 1_000_003 &+ local
    }

    /// Runs `body` and counts the transaction if it changed rows. Counted just before the commit: a
    /// commit that then fails only costs a cache a spare reload.
    private func counted<T>(_ tx: GRDBTransaction, _ body: (any RegistryTransaction) throws -> T) throws -> T {
        let result = try body(tx)
        if tx.changeCount > 0 { commits.increment() }
        return result
    }

    /// Whether the journal is in WAL mode (it always should be).
    public func journalMode() throws -> String {
        try pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" }
    }

    private func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw RegistryError.busy(reason: error.message ?? "locked")
        }
    }

    private func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw RegistryError.busy(reason: error.message ?? "locked")
        }
    }
}

/// A count behind a lock (the package still builds for macOS 14, which lacks `Mutex`).
final class CommitCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int64 = 0
    var value: Int64 { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

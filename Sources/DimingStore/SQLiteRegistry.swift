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
    /// Write transactions of this object running or waiting now (``transactionIfFree(_:)`` does not queue behind them).
    private let writers = ActiveCounter()
    /// The connection that reads SQLite's change counter for ``changeToken()``.
    private let watcher: ChangeWatcher
    /// Sessions and the sign-in outbox, in a sidecar file beside the registry.
    let sessionStore: SQLiteSessions
    /// How long a writer waits for another's write lock before the registry answers busy.
    public let busyTimeout: Double

    /// How long a writer waits for the write lock by default: `$DIMING_BUSY_TIMEOUT` seconds, else 10.
    public static var defaultBusyTimeout: Double {
        ProcessInfo.processInfo.environment["DIMING_BUSY_TIMEOUT"].flatMap(Double.init).map { max(0, $0) } ?? 10
    }

    /// Opens (creating if needed) the registry at `path` and migrates it.
    public init(path: String, busyTimeout: Double = SQLiteRegistry.defaultBusyTimeout) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        sessionStore = SQLiteSessions(path: SQLiteSessions.sidecar(of: path))
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "diming"
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL stays atomic and consistent on a crash or SIGKILL; only a power
            // loss can drop the last committed transactions.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
        }
        // A new registry file is readable by its owner only (it holds accounts and the audit trail);
        // SQLite gives its -wal and -shm files the same permissions.
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try RegistryMigrations.migrator.migrate(pool)
            watcher = try ChangeWatcher(path: path)
        } catch let error as DatabaseError {
            throw RegistryError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// The opener the executable hands to the front ends.
    public static let opener: RegistryOpener = { try SQLiteRegistry(path: $0) }

    public var location: String { path }

    public func stageSegments(in directory: String?) throws -> any SegmentStaging { try SegmentStagingFile(directory: directory) }

    public func read<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        try mapErrors { try pool.read { try body(GRDBTransaction($0)) } }
    }

    public func transaction<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        writers.enter()
        defer { writers.leave() }
        return try mapErrors {
            let (result, changed, outbox) = try pool.write { db in try counted(GRDBTransaction(db), body) }
            committed(changed: changed, outbox: outbox)
            truncateLargeWAL()
            return result
        }
    }

    /// After a large write (an import, a survey), empties the WAL file if nobody reads from it now:
    /// SQLite keeps the file at its largest size, and the next process to open the registry reads it all
    /// back (11 MB after importing 100 MB of OSM, about a tenth of the survey that follows). Never waits
    /// for another connection (busy: left as it is). Only blocking writes do it, as the command line's
    /// are: a long-running server keeps its connections open and never reads its WAL back.
    private func truncateLargeWAL() {
        guard let size = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int, size >= 8 << 20 else { return }
        try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(busyTimeout * 1000))") }
            _ = try db.checkpoint(.truncate)
        }
    }

    /// A transaction begun only if no other connection holds the write lock now (`BEGIN IMMEDIATE`
    /// with no busy wait); busy at once otherwise.
    public func transactionIfFree<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        guard writers.enterIfIdle() else { throw RegistryError.busy(reason: "another write of this process is running") }
        defer { writers.leave() }
        return try mapErrors {
            let (result, changed, outbox) = try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(busyTimeout * 1000))") }
                var answer: (T, Bool, Int64?)?
                try db.inTransaction(.immediate) {
                    answer = try counted(GRDBTransaction(db), body)
                    return .commit
                }
                return answer!
            }
            committed(changed: changed, outbox: outbox)
            return result
        }
    }

    public var sessions: (any SessionStore)? { sessionStore }

    /// After a commit: counts it, and lets the outbox forget the sign-in events it moved.
    private func committed(changed: Bool, outbox: Int64?) {
        if changed { commits.increment() }
        if let outbox { SignInOutbox.forget(through: outbox, in: sessionStore) }
    }

    public func read<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T {
        try await mapErrors { try await pool.read { try body(GRDBTransaction($0)) } }
    }

    public func transaction<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T {
        writers.enter()
        defer { writers.leave() }
        return try await mapErrors {
            let (result, changed, outbox) = try await pool.write { db in try self.counted(GRDBTransaction(db), body) }
            committed(changed: changed, outbox: outbox)
            return result
        }
    }

    /// Changes whenever a transaction commits, in this process or another. Two signals: this
    /// object's own count of committed changes (seen at once), and SQLite's own change counter
    /// (`PRAGMA data_version`) read on one dedicated connection, so it counts every other
    /// connection's commits, those of other processes (the CLI beside the server) included. That
    /// connection is asked at most every ``externalCheckInterval`` seconds; a commit by another
    /// process therefore reaches caches within that time, one made here immediately.
    public func changeToken() throws -> Int64 {
        let local = commits.value
        let external = try watcher.version(every: Self.externalCheckInterval)
        return external << 32 ^ (local & 0xFFFF_FFFF)
    }

    /// How often ``changeToken()`` asks SQLite about commits made outside this object.
    static let externalCheckInterval = 0.1

    /// Runs `body`, then moves the sign-in outbox into the audit trail in the same transaction (after
    /// the body, so the body's own audit check is unaffected); the commit is counted by the caller once
    /// it has happened, so a reader that sees the new token also sees the committed data (counting
    /// earlier could cache old data under it).
    private func counted<T>(_ tx: GRDBTransaction, _ body: (any RegistryTransaction) throws -> T) throws -> (T, changed: Bool, outbox: Int64?) {
        let result = try body(tx)
        let outbox = try SignInOutbox.move(from: sessionStore, into: tx)?.last
        return (result, tx.changeCount > 0, outbox)
    }

    public func backup(to path: String) throws {
        SignInOutbox.settle(self) // the copy holds the sign-ins made so far when the lock is free
        guard !FileManager.default.fileExists(atPath: path) else { throw InputError(field: "PATH", "\(path) exists: a backup never overwrites a file") }
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        do {
            let copy = try DatabaseQueue(path: path)
            try pool.backup(to: copy)
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    public func restore(from path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw InputError(field: "PATH", "no backup at \(path)") }
        var configuration = Configuration()
        configuration.readonly = true
        let source: DatabaseQueue
        do {
            source = try DatabaseQueue(path: path, configuration: configuration)
            let check = try source.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
            let isRegistry = try source.read { try $0.tableExists("audit_event") && $0.tableExists("grdb_migrations") }
            guard check == "ok", isRegistry else { throw InputError(field: "PATH", "\(path) is not an intact Diming registry (integrity: \(check ?? "?"))") }
        } catch let error as DatabaseError {
            throw InputError(field: "PATH", "\(path) is not a registry: \(error.message ?? "\(error)")")
        }
        try mapErrors { try source.backup(to: pool) }
        try RegistryMigrations.migrator.migrate(pool)
        commits.increment()
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

/// One read-only connection of its own that reads `PRAGMA data_version`, which changes when any
/// other connection commits. It must be one connection: each connection counts separately.
final class ChangeWatcher: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let lock = NSLock()
    private var version: Int64 = 0
    private var checked = ContinuousClock.now - .seconds(3600)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "diming.watcher"
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// SQLite's change counter, asked again only when the last answer is older than `interval` seconds.
    func version(every interval: Double) throws -> Int64 {
        try lock.withLock {
            let now = ContinuousClock.now
            if now - checked >= .seconds(interval) {
                version = try queue.inDatabase { try Int64.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
                checked = now
            }
            return version
        }
    }
}

/// How many write transactions of one registry object are running or waiting.
final class ActiveCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func enter() { lock.withLock { count += 1 } }
    func leave() { lock.withLock { count -= 1 } }
    /// Enters only when no other write is running or waiting.
    func enterIfIdle() -> Bool {
        lock.withLock {
            guard count == 0 else { return false }
            count += 1
            return true
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

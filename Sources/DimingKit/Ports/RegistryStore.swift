import DimingCore
import Foundation

/// The registry as the use cases see it (登记簿): consistent read snapshots and all-or-nothing
/// write transactions over the repositories. DimingStore implements it with SQLite through GRDB;
/// a PostgreSQL adapter can implement it for city and province registries. Nothing here names a
/// storage engine: no SQL, no row types, no engine-specific errors.
public protocol RegistryStore: Sendable {
    /// Where the registry lives, for messages (a file path or a connection name).
    var location: String { get }

    /// Runs `body` on a consistent read-only snapshot.
    func read<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T

    /// Runs `body` in one transaction: any error rolls everything back. Use cases call
    /// ``RegistryStore/write(_:)``, which refuses to commit a change without its audit event.
    func transaction<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T

    /// The same, without blocking the caller's thread (for the server's cooperative threads).
    func read<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T
    func transaction<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T

    /// A number that changes whenever any transaction commits, read from the store's own change
    /// signal; caches of derived data compare it to know they are stale.
    func changeToken() throws -> Int64

    /// Writes a consistent copy of the whole registry to a new file at `path` while it stays in use
    /// (readers and writers go on; the copy is one committed state).
    func backup(to path: String) throws
    /// Replaces the registry's whole content with the copy at `path`, in one step.
    func restore(from path: String) throws

    /// Runs `body` in one transaction only if the write lock is free now: never waits for another
    /// writer, ``RegistryError/busy(reason:)`` at once instead (moving the sign-in outbox in when it can).
    func transactionIfFree<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T

    /// An empty staging of segments for an import, its private file in `directory` (nil: the system's
    /// temporary folder).
    func stageSegments(in directory: String?) throws -> any SegmentStaging

    /// Where sessions and the sign-in outbox live, beside the registry; nil for a registry that keeps none.
    var sessions: (any SessionStore)? { get }
}

extension RegistryStore {
    /// A store that cannot tell whether its lock is free waits like any transaction.
    public func transactionIfFree<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T { try transaction(body) }
    public var sessions: (any SessionStore)? { nil }

    /// Runs `body` in one write transaction that must append an audit event if it changes anything;
    /// a change without one is refused and rolled back (``UnauditedWrite``).
    public func write<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        try transaction { tx in try Self.audited(tx, body) }
    }

    /// ``write(_:)`` off the caller's thread.
    public func write<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T {
        try await transaction(async: { tx in try Self.audited(tx, body) })
    }

    /// Runs `body`, then refuses the transaction if it changed rows without appending an audit event.
    private static func audited<T>(_ tx: any RegistryTransaction, _ body: (any RegistryTransaction) throws -> T) throws -> T {
        let result = try body(tx)
        guard tx.changeCount == 0 || tx.audit.appendedInTransaction > 0 else { throw UnauditedWrite() }
        return result
    }
}

/// A write transaction that recorded no audit event: a programming error, refused so that no change
/// escapes the audit trail.
public struct UnauditedWrite: Error, CustomStringConvertible, Sendable {
    public init() {}
    public var description: String { "internal error: a write without an audit event was refused and rolled back" }
}

/// Opens (creating and migrating if needed) the registry at a location. The executable supplies
/// it: it is the only place that knows which adapter backs the registry.
public typealias RegistryOpener = @Sendable (String) throws -> any RegistryStore

/// One transaction's view of the repositories.
public protocol RegistryTransaction {
    var divisions: any DivisionRepository { get }
    var boundaries: any BoundaryRepository { get }
    var segments: any SegmentRepository { get }
    var roads: any RoadRepository { get }
    var names: any NameRepository { get }
    /// The place-name heritage list (地名文化遗产保护名录).
    var heritage: any HeritageRepository { get }
    var cases: any CaseRepository { get }
    var signs: any SignRepository { get }
    var pois: any POIRepository { get }
    var deliveries: any DeliveryRepository { get }
    var users: any UserRepository { get }
    var settings: any SettingsRepository { get }
    var audit: any AuditRepository { get }
    var ids: any IDRepository { get }
    /// How many rows this transaction has inserted, updated or deleted so far.
    var changeCount: Int { get }
}

/// Failures of the registry itself (as opposed to bad input).
public enum RegistryError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case notFound(kind: String, key: String)
    /// Another writer held the registry longer than the wait allows; try again shortly.
    case busy(reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open registry \(path): \(reason)"
        case let .notFound(kind, key): "no \(kind) \(key) in the registry"
        case let .busy(reason): "the registry is busy (\(reason)); try again in a moment"
        }
    }

    /// What was not found, for the web: `未找到案卷 379901-C-000009`.
    public var descriptionZh: String {
        switch self {
        case .cannotOpen: "无法打开登记簿"
        case let .notFound(kind, key): "登记簿中没有\(Self.kindsZh[kind] ?? "记录") \(key)"
        case .busy: "登记簿正忙，请稍后再试"
        }
    }

    /// The kinds of record `notFound` names, in the words of the pages.
    static let kindsZh = [
        "case": "案卷", "road": "道路", "name": "地名", "batch": "批次", "batch with cases": "含这些案卷的批次", "sign": "路牌",
        "POI": "地点", "delivery": "交付", "division": "区划", "photo": "照片", "receipt": "回执", "user": "用户",
        "attachment": "附件", "attachment file": "附件文件", "record": "记录", "segment": "路段", "waiver": "豁免",
    ]
}

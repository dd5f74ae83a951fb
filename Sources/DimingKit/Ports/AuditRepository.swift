import DimingCore
import Foundation

/// The append-only audit trail (审计记录).
public protocol AuditRepository {
    /// Appends `event`. The store records the wall-clock time it is written, not `event.at`: the
    /// audit time is the real clock's, never a day set for rehearsing or testing deadlines.
    @discardableResult
    func append(_ event: AuditEvent) throws -> Int64
    /// Appends an event written earlier to the sign-in outbox (``SessionStore``), keeping its time `event.at`,
    /// which the outbox took from the wall clock when it was written.
    @discardableResult
    func appendKeepingTime(_ event: AuditEvent) throws -> Int64
    /// How many events this transaction has appended so far.
    var appendedInTransaction: Int { get }
    /// Events, oldest first, optionally for one record or one action.
    func events(entityKind: String?, entityID: String?, action: AuditAction?, limit: Int) throws -> [AuditEvent]
    /// One page of the events `filter` selects, newest first, and how many it selects in all.
    func search(_ filter: AuditFilter, offset: Int, limit: Int) throws -> (events: [AuditEvent], total: Int)
    func latestID() throws -> Int64
    func count() throws -> Int
    /// Recomputes the hash chain over every event (``AuditChain``).
    func verifyChain() throws -> AuditChainReport
}

extension AuditRepository {
    public func events(entityKind: String? = nil, entityID: String? = nil, action: AuditAction? = nil) throws -> [AuditEvent] {
        try events(entityKind: entityKind, entityID: entityID, action: action, limit: 1000)
    }
}

/// Permanent ids, minted per county and kind, never reused.
public protocol IDRepository {
    func mint(kind: FeatureKind, county: String, count: Int) throws -> [FeatureID]
}

extension IDRepository {
    public func mint(kind: FeatureKind, county: String) throws -> [FeatureID] {
        try mint(kind: kind, county: county, count: 1)
    }
}

/// Registry-wide settings (deadline rules, sign settings, the demo flag), as text by key.
public protocol SettingsRepository {
    func get(_ key: String) throws -> String?
    func set(_ key: String, _ value: String) throws
}

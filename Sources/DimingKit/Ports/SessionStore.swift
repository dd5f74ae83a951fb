import DimingCore
import Foundation

/// Sessions (会话) and the sign-in outbox, kept apart from the registry's data so that a sign-in
/// never waits for the registry's write lock (a long import, a survey): the session and the sign-in's
/// audit events are written here in one small transaction of their own, and the events move into the
/// registry's audit trail, in order and with their own times, when its write lock is free
/// (``SignInOutbox``). For SQLite it is a sidecar file beside the registry; a PostgreSQL adapter can
/// keep it in its own tables. Nothing here names a storage engine.
public protocol SessionStore: Sendable {
    /// Runs `body` in one transaction of the session store: all or nothing.
    func transaction<T>(_ body: (any SessionTransaction) throws -> T) throws -> T
    /// Runs `body` on a read snapshot; `nil` when the store holds nothing yet (never created).
    func read<T>(_ body: (any SessionTransaction) throws -> T) throws -> T?
}

/// One transaction of the session store.
public protocol SessionTransaction {
    /// Starts a session, clearing the ones expired by `now`. Kept by the SHA-256 of the token, never the token.
    func createSession(tokenDigest: String, username: String, csrf: String, expires: Date, now: Date) throws
    /// The username and CSRF token of a live session.
    func session(tokenDigest: String, now: Date) throws -> (username: String, csrf: String)?
    func deleteSession(tokenDigest: String) throws
    /// Ends every session of an account (disabled, or its password changed).
    func deleteSessions(username: String) throws
    /// Appends `event` to the outbox, stamped with the wall-clock time of writing (as the audit trail stamps its own).
    /// Returns its place in the outbox.
    @discardableResult
    func enqueue(_ event: AuditEvent) throws -> Int64
    /// Events waiting in the outbox, oldest first, each with its place.
    func pending(limit: Int) throws -> [(seq: Int64, event: AuditEvent)]
    /// Forgets the events up to and including `seq` (they are in the audit trail).
    func forget(through seq: Int64) throws
    /// A name of this outbox that changes when the store is made anew, so that a place in it is never confused with
    /// the same place in an earlier one.
    func outboxID() throws -> String
}

import DimingCore
import Foundation

/// Moves sign-in events (登录记录) from the session store's outbox into the registry's audit trail:
/// in order, each with the time it was written, chained like every other event.
///
/// Exactly once across two stores: the registry keeps, in the same transaction as the moved events,
/// the outbox's name and the place of the last event moved (setting ``markerKey``); events at or
/// before it are never moved again, only forgotten by the outbox once the registry has committed.
/// The registry's adapter moves the outbox at the end of every write transaction; sign-in, sign-out,
/// the audit listing and the server (every few seconds) move it when the write lock is free.
public enum SignInOutbox {
    /// The registry setting naming the last event moved: `OUTBOX-ID SEQ`.
    public static let markerKey = "audit.sign-in-outbox"

    /// Appends to `tx`'s audit trail the events of `sessions`' outbox not yet moved. `annotate` gives
    /// some of them (by place) another `after` (a password rehashed in the same transaction).
    /// Returns the place of the last event now in the registry, for ``forget(through:in:)`` after the
    /// commit; nil when the outbox is empty.
    @discardableResult
    public static func move(from sessions: any SessionStore, into tx: any RegistryTransaction,
                            annotate: [Int64: String] = [:]) throws -> (last: Int64, moved: [Int64])? {
        guard let (id, waiting) = try sessions.read({ s in (try s.outboxID(), try s.pending(limit: 10_000)) }),
              let last = waiting.last?.seq else { return nil }
        let marker = try tx.settings.get(markerKey)?.split(separator: " ")
        let done = marker?.count == 2 && marker?[0] == Substring(id) ? Int64(marker![1]) ?? 0 : 0
        var moved: [Int64] = []
        for (seq, event) in waiting where seq > done {
            var event = event
            if let after = annotate[seq] { event.after = after }
            try tx.audit.appendKeepingTime(event)
            moved.append(seq)
        }
        if !moved.isEmpty { try tx.settings.set(markerKey, "\(id) \(last)") }
        return (last, moved)
    }

    /// Forgets the moved events in the outbox (after the registry committed them).
    public static func forget(through seq: Int64, in sessions: any SessionStore) {
        do {
            try sessions.transaction { try $0.forget(through: seq) }
        } catch {
            // They stay and are skipped by the marker next time.
            Log.accounts.warning("sign-in outbox not cleared", metadata: ["error": "\(error)"])
        }
    }

    /// Moves the outbox now if the registry's write lock is free; otherwise leaves it for later.
    /// Returns whether the outbox is empty afterwards.
    @discardableResult
    public static func settle(_ registry: any RegistryStore) -> Bool {
        guard let sessions = registry.sessions else { return true }
        do {
            guard let waiting = try sessions.read({ try $0.pending(limit: 1) }), !waiting.isEmpty else { return true }
            if let last = try registry.transactionIfFree({ tx in try move(from: sessions, into: tx)?.last }) {
                forget(through: last, in: sessions)
            }
            return true
        } catch {
            return false
        }
    }
}

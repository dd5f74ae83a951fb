import Foundation

/// Answers of read use cases kept while the registry does not change (读缓存).
///
/// Every entry belongs to one generation, the store's ``RegistryStore/changeToken()`` when it was
/// loaded; the first lookup that sees a new token empties the cache. The token is read before the
/// data, so an entry is never older than its generation. Entries also expire after `maxAge` seconds,
/// which bounds how long an answer that depends on the clock (a session's expiry, a deadline's
/// colour) can lag. Keys must name everything the answer depends on, the actor's scope included.
public final class ReadCache: @unchecked Sendable {
    private struct Entry {
        var value: any Sendable
        var loaded: ContinuousClock.Instant
    }

    public let registry: any RegistryStore
    /// The most entries kept; past it the cache starts over.
    public let capacity: Int
    /// Seconds an entry is trusted at most, even when nothing changed.
    public let maxAge: Double
    private let lock = NSLock()
    private var generation: Int64?
    private var entries: [String: Entry] = [:]

    public init(registry: any RegistryStore, capacity: Int = 10_000, maxAge: Double = 30) {
        self.registry = registry
        self.capacity = capacity
        self.maxAge = maxAge
    }

    /// The store's change token now; pass it to ``cached(_:at:)`` and ``store(_:_:at:)``.
    public func token() throws -> Int64 { try registry.changeToken() }

    /// The answer kept for `key` in generation `token`, if it is still fresh.
    public func cached<T: Sendable>(_ key: String, at token: Int64) -> T? {
        lock.withLock {
            guard generation == token, let entry = entries[key], ContinuousClock.now - entry.loaded < .seconds(maxAge) else { return nil }
            return entry.value as? T
        }
    }

    /// Keeps `value`, loaded after `token` was read, for `key`.
    public func store<T: Sendable>(_ value: T, _ key: String, at token: Int64) {
        lock.withLock {
            if generation != token {
                // A lookup with another token never matches this generation, so a late store under an
                // older token costs a reload, never a stale answer.
                generation = token
                entries.removeAll(keepingCapacity: true)
            }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, loaded: .now)
        }
    }

    /// Forgets `key` (a signed-out session, say) before the registry's change reaches the token.
    public func forget(_ key: String) {
        _ = lock.withLock { entries.removeValue(forKey: key) }
    }

    /// The answer for `key`: the kept one, or `load()`'s, kept for next time.
    public func value<T: Sendable>(_ key: String, load: () throws -> T) throws -> T {
        let token = try token()
        if let hit: T = cached(key, at: token) { return hit }
        let value = try load()
        store(value, key, at: token)
        return value
    }
}

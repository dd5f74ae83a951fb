import DimingCore
import DimingKit
import DimingStore
import Foundation

/// Keeps prepared name-check sessions per site, valid until the registry changes (the newest audit
/// event's id is the generation: every write appends one), so a clerk typing a name costs a lookup
/// and a romanisation, not a reload of the county's names.
final class CheckSessionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var generation: Int64 = -1
    private var sessions: [String: NameCheckSession] = [:]

    func session(_ services: ServerServices, site: NameSite) throws -> NameCheckSession {
        let current = try services.registry.read { try AuditLog.latestID($0) }
        let key = [site.county?.rawValue, site.town?.rawValue, site.road?.description, site.width.map { String($0) }, "\(site.scope)"]
            .map { $0 ?? "-" }.joined(separator: "|")
        if let cached = lock.withLock({ generation == current ? sessions[key] : nil }) { return cached }
        let fresh = try services.desk.session(at: site)
        lock.withLock {
            if generation != current {
                generation = current
                sessions.removeAll()
            }
            if sessions.count > 500 { sessions.removeAll() }
            sessions[key] = fresh
        }
        return fresh
    }
}

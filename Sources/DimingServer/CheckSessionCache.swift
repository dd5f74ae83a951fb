import DimingCore
import DimingKit
import Foundation
import Naming

/// Keeps prepared name-check sessions per site, valid until the registry changes (the store's own
/// change token is the generation), so a clerk typing a name costs a lookup and a romanisation, not
/// a reload of the county's names.
final class CheckSessionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var generation: Int64 = -1
    private var sessions: [String: NameCheckSession] = [:]

    /// Checks `name` at `site` off the server's threads (reading the change token and preparing a
    /// session both touch the registry).
    func check(_ name: String, desk: NamingDesk, site: NameSite) async throws -> NameCheck {
        try await blocking { try self.session(desk, site: site).check(name) }
    }

    /// The prepared session for `site`; blocks on the registry, so call it through ``blocking(_:)``.
    func session(_ desk: NamingDesk, site: NameSite) throws -> NameCheckSession {
        let current = try desk.registry.changeToken()
        let key = [site.county?.rawValue, site.town?.rawValue, site.road?.description, site.width.map { String($0) }, "\(site.scope)"]
            .map { $0 ?? "-" }.joined(separator: "|")
        if let cached = lock.withLock({ generation == current ? sessions[key] : nil }) { return cached }
        let fresh = try desk.session(at: site)
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

import DimingCore
import Foundation

/// Reading the audit trail (审计记录): an administrator's view, registry-wide for a registry
/// administrator, the county's records and accounts for a county's.
public struct AuditTrail: Sendable {
    public var registry: any RegistryStore

    public init(registry: any RegistryStore) {
        self.registry = registry
    }

    /// One page (newest first) of what `filter` selects, within what `actor` may see.
    public func search(_ filter: AuditFilter, page: Int, pageSize: Int = 50, actor: UserAccount) throws -> (events: [AuditEvent], total: Int) {
        try Policy.require(actor, .manageUsers, in: actor.ownScope)
        var filter = filter
        SignInOutbox.settle(registry) // sign-ins still in the outbox join the trail first, when the lock is free
        return try registry.read { db in
            if let county = actor.countyCode {
                filter.county = county.countyPart
                filter.countyActors = try db.users.list().filter { $0.countyCode == county }.map(\.username)
            }
            return try db.audit.search(filter, offset: max(0, page - 1) * pageSize, limit: pageSize)
        }
    }

    /// The kinds of record and the families of acts the viewer offers as filters, with Chinese labels.
    public static let entityKinds: [(String, String)] = [
        ("case", "案卷"), ("batch", "批次"), ("name", "地名"), ("road", "道路"), ("sign", "路牌"), ("poi", "兴趣点"),
        ("delivery", "交付"), ("user", "账户"), ("county", "县级设置"), ("registry", "登记簿"),
    ]
}

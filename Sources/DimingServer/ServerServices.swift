import DimingCore
import DimingKit
import DimingStore
import Foundation

/// What the server's handlers share: the registry and the loaded tables.
public struct ServerServices: Sendable {
    public var registry: Registry
    public var resources: NamingResources
    public var categories: POICategories
    public var clock: any Clock
    let checkSessions = CheckSessionCache()

    public init(registry: Registry, resources: NamingResources, categories: POICategories, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.resources = resources
        self.categories = categories
        self.clock = clock
    }

    public var accounts: Accounts { Accounts(registry: registry, clock: clock) }
    func cases(_ user: UserAccount) -> CaseService { CaseService(registry: registry, resources: resources, actor: user.username, clock: clock) }
    var desk: NamingDesk { NamingDesk(registry: registry, resources: resources, clock: clock) }

    /// The case, if the user may see it (a clerk only sees their own town's cases).
    func visibleCase(_ id: FeatureID, for user: UserAccount) throws -> CaseDetail {
        let detail = try CaseQueries(registry: registry).show(id)
        guard Authorization.allows(user, .viewCase, town: detail.namingCase.townCode) else { throw APIError.forbidden }
        return detail
    }

    /// The road's town, for authorization.
    func town(ofRoad id: FeatureID) throws -> DivisionCode? {
        try registry.read { try RoadTable.find($0, id: id) }?.townCode
    }
}

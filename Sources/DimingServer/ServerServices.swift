import DimingCore
import DimingKit
import Foundation

/// What the server's handlers share: the registry and the loaded tables.
public struct ServerServices: Sendable {
    public var registry: any RegistryStore
    public var resources: NamingResources
    public var categories: POICategories
    public var clock: any Clock
    let checkSessions = CheckSessionCache()

    public init(registry: any RegistryStore, resources: NamingResources, categories: POICategories, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.resources = resources
        self.categories = categories
        self.clock = clock
    }

    public var accounts: Accounts { Accounts(registry: registry, clock: clock) }
    func cases(_ user: UserAccount) -> CaseService { CaseService(registry: registry, resources: resources, actor: user, clock: clock) }
    func caseQueries(_ user: UserAccount) -> CaseQueries { CaseQueries(registry: registry, actor: user) }
    func desk(_ user: UserAccount) -> NamingDesk { NamingDesk(registry: registry, resources: resources, actor: user, clock: clock) }
}

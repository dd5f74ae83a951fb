import DimingCore
import Foundation

/// A batch with how many cases it holds, for lists.
public struct BatchSummary: Codable, Sendable {
    public var batch: Batch
    public var cases: Int
}

/// Read-only questions about approval batches, answered within the actor's county.
public struct BatchQueries: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount

    public init(registry: any RegistryStore, actor: UserAccount) {
        self.registry = registry
        self.actor = actor
    }

    /// The batches of the counties the actor may read, with their case counts.
    public func list() throws -> [BatchSummary] {
        try registry.read { db in
            try db.cases.batches().filter { Policy.allows(actor, .viewRegistry, in: .county($0.countyCode)) }.map {
                BatchSummary(batch: $0, cases: try db.cases.list(batch: $0.id).count)
            }
        }
    }

    /// One batch and the cases in it the actor may see.
    public func show(_ id: FeatureID) throws -> (batch: Batch, cases: [NamingCase]) {
        try registry.read { db in
            guard let batch = try db.cases.findBatch(id: id) else { throw RegistryError.notFound(kind: "batch", key: id.description) }
            try Policy.require(actor, .viewRegistry, in: .county(batch.countyCode))
            return (batch, try db.cases.list(batch: id).filter { Policy.allows(actor, .viewCase, in: $0.accessScope) })
        }
    }
}

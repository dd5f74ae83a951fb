import DimingCore
import Foundation

/// A registry whose writes run and are then rolled back (`roads import --dry-run`): the use case does
/// everything it would (ids, conflation, checks, the audit event) and reports it, and nothing stays.
struct DryRunRegistry: RegistryStore {
    let base: any RegistryStore

    private struct Rollback: Error {}

    var location: String { base.location }
    func read<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T { try base.read(body) }
    func transaction<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
        var result: T?
        do {
            _ = try base.transaction { tx -> Int in
                result = try body(tx)
                throw Rollback()
            }
        } catch is Rollback {}
        return result!
    }
    func read<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T { try await base.read(async: body) }
    func transaction<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T {
        throw RegistryError.busy(reason: "a dry run works on the calling thread only")
    }
    func changeToken() throws -> Int64 { try base.changeToken() }
    func stageSegments(in directory: String?) throws -> any SegmentStaging { try base.stageSegments(in: directory) }
    func backup(to path: String) throws { throw RegistryError.busy(reason: "no backup during a dry run") }
    func restore(from path: String) throws { throw RegistryError.busy(reason: "no restore during a dry run") }
}

import DimingCore
import Foundation

/// Backing up and restoring the whole registry (备份与恢复), online: a running server keeps
/// serving while a backup is taken. A backup is checked after it is written (it opens, and its
/// audit chain is intact); a restore is recorded in the restored registry's audit trail.
public struct RegistryBackup: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var open: RegistryOpener
    public var clock: any Clock

    public init(registry: any RegistryStore, actor: UserAccount, open: @escaping RegistryOpener, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.actor = actor
        self.open = open
        self.clock = clock
    }

    /// Writes the copy to `path` (a new file) and checks it; answers the copy's audit chain.
    public func backup(to path: String) throws -> AuditChainReport {
        try Policy.require(actor, .manageSettings, in: .registry)
        try registry.backup(to: path)
        let report = try open(path).read { try $0.audit.verifyChain() }
        guard report.ok else { throw InputError(field: "PATH", "the backup at \(path) fails its audit chain at event \(report.firstBroken ?? 0)") }
        return report
    }

    /// Replaces the registry with the backup at `path`, after checking the backup's audit chain.
    public func restore(from path: String) throws -> AuditChainReport {
        try Policy.require(actor, .manageSettings, in: .registry)
        let report = try open(path).read { try $0.audit.verifyChain() }
        guard report.ok else { throw InputError(field: "PATH", "the backup at \(path) fails its audit chain at event \(report.firstBroken ?? 0): not restored") }
        try registry.restore(from: path)
        try registry.write { db in
            try db.audit.append(AuditEvent(at: clock.now(), actor: actor.username, action: .registryRestored, entityKind: "registry",
                                           entityID: "-", after: JSON.string(["from": path, "events": "\(report.events)"])))
        }
        return report
    }
}

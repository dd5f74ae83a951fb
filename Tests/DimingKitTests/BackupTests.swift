import DimingCore
@testable import DimingKit
import DimingStore
import Foundation
import TestSupport
import Testing

@Suite("Backup and restore")
struct BackupTests {
    static let admin = UserAccount.commandLine("t")

    @Test("a backup taken while the registry is in use restores to the same listings; the restore is audited; a backup never overwrites")
    func roundTrip() throws {
        let folder = try TemporaryDirectory()
        let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path
        _ = try DemoRegistry(geoData: geoData, actor: Self.admin, open: SQLiteRegistry.opener).build(path: folder.path("live.sqlite"))
        let live = try SQLiteRegistry(path: folder.path("live.sqlite"))
        // A reader holds a snapshot open while the backup runs: the backup does not wait for it to end.
        let roadsBefore = try RoadQueries(registry: live, actor: .commandLine("test")).list(RoadFilter()).map(\.id)
        let backup = RegistryBackup(registry: live, actor: Self.admin, open: SQLiteRegistry.opener)
        let report = try backup.backup(to: folder.path("copy.sqlite"))
        #expect(report.ok && report.events > 0)
        #expect(throws: InputError.self) { try backup.backup(to: folder.path("copy.sqlite")) }
        let mode = try FileManager.default.attributesOfItem(atPath: folder.path("copy.sqlite"))[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // Into an empty registry: the same roads, and the restore in the audit trail.
        let fresh = try SQLiteRegistry(path: folder.path("fresh.sqlite"))
        _ = try RegistryBackup(registry: fresh, actor: Self.admin, open: SQLiteRegistry.opener).restore(from: folder.path("copy.sqlite"))
        #expect(try RoadQueries(registry: fresh, actor: .commandLine("test")).list(RoadFilter()).map(\.id) == roadsBefore)
        #expect(try fresh.read { try $0.audit.events(action: .registryRestored) }.count == 1)
        #expect(try fresh.read { try $0.audit.verifyChain() }.ok)
        // Not a registry: refused, nothing changed.
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: folder.path("junk.sqlite")))
        #expect(throws: (any Error).self) { try RegistryBackup(registry: fresh, actor: Self.admin, open: SQLiteRegistry.opener).restore(from: folder.path("junk.sqlite")) }
        #expect(try RoadQueries(registry: fresh, actor: .commandLine("test")).list(RoadFilter()).map(\.id) == roadsBefore)
    }
}

import DimingCore
@testable import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// Deliveries and sign orders are written into a staging folder beside their destination and moved
/// into place only after the registry commits: a failure leaves no files and no record, a folder
/// that appears holds what the registry recorded, and a killed run's leftovers are cleaned up.
@Suite("Staged writes: deliveries and sign orders")
struct StagedWriteTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path
    static let county = DivisionCode("379901")!

    /// A store whose transactions run the use case's body and then fail, as a commit can: the body's
    /// changes are rolled back.
    struct FailingCommit: RegistryStore {
        struct Failed: Error {}
        let base: any RegistryStore
        var location: String { base.location }
        func read<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T { try base.read(body) }
        func transaction<T>(_ body: (any RegistryTransaction) throws -> T) throws -> T {
            try base.transaction { tx in
                _ = try body(tx)
                throw Failed()
            }
        }
        func read<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T { try await base.read(async: body) }
        func transaction<T: Sendable>(async body: @escaping @Sendable (any RegistryTransaction) throws -> T) async throws -> T {
            try await base.transaction(async: { tx in
                _ = try body(tx)
                throw Failed()
            })
        }
        func changeToken() throws -> Int64 { try base.changeToken() }
        func stageSegments(in directory: String?) throws -> any SegmentStaging { try base.stageSegments(in: directory) }
        func backup(to path: String) throws { try base.backup(to: path) }
        func restore(from path: String) throws { try base.restore(from: path) }
    }

    struct Fixture {
        let folder: TemporaryDirectory
        let registry: SQLiteRegistry
        var root: String { folder.path("Exports") }

        func export(_ store: (any RegistryStore)? = nil, day: String = "2026-06-01") throws -> DeliveryExport {
            DeliveryExport(registry: store ?? registry, resources: try .load(geoData: StagedWriteTests.geoData), categories: try .load(geoData: StagedWriteTests.geoData),
                           actor: .commandLine("t"), clock: FixedClock(DeadlineRules.day(day)!))
        }

        func deliveries() throws -> [DeliveryRecord] { try registry.read { try $0.deliveries.list() } }
        func auditCount() throws -> Int { try registry.read { try $0.audit.events(entityKind: "delivery", entityID: nil) }.count }
    }

    func fixture() throws -> Fixture {
        let folder = try TemporaryDirectory()
        _ = try DemoRegistry(geoData: Self.geoData, actor: .commandLine("t"), open: SQLiteRegistry.opener).build(path: folder.path("d.sqlite"))
        return Fixture(folder: folder, registry: try SQLiteRegistry(path: folder.path("d.sqlite")))
    }

    /// Every entry under `folder`, recursively, relative to it.
    func tree(_ folder: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    func stagingLeft(_ folder: String) -> [String] {
        tree(folder).filter { $0.split(separator: "/").contains { $0.hasPrefix(StagedFolder.prefix) } }
    }

    @Test("an export whose transaction fails after writing its files leaves no folder, no staging folder and no record")
    func failedCommit() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let profile = try DeliveryProfile.load("amap", geoData: Self.geoData)
            #expect(throws: FailingCommit.Failed.self) {
                try f.export(FailingCommit(base: f.registry)).run(profile: profile, county: Self.county, since: .everything, root: f.root)
            }
            #expect(!FileManager.default.fileExists(atPath: f.root), "nothing of the destination appears: \(tree(f.root))")
            #expect(try f.deliveries().isEmpty)
            // Nor for a county the registry does not know, or a profile whose files cannot be written.
            #expect(throws: InputError.self) {
                try f.export().run(profile: profile, county: DivisionCode("379902")!, since: .everything, root: f.root)
            }
            var broken = profile
            broken.formats = ["csv", "no-such-format"]
            #expect(throws: InputError.self) { try f.export().run(profile: broken, county: Self.county, since: .everything, root: f.root) }
            #expect(!FileManager.default.fileExists(atPath: f.root), "\(tree(f.root))")
            #expect(try f.deliveries().isEmpty && f.auditCount() == 0, "the registry is unchanged when the files fail")
            // An existing root stays, without any trace of a failed export.
            try FileManager.default.createDirectory(atPath: f.root, withIntermediateDirectories: true)
            #expect(throws: InputError.self) { try f.export().run(profile: broken, county: Self.county, since: .everything, root: f.root) }
            #expect(tree(f.root).isEmpty, "\(tree(f.root))")

            // The next export gets the first id, and its folder is the one recorded.
            let manifest = try f.export().run(profile: profile, county: Self.county, since: .everything, root: f.root)
            #expect(manifest.id == "379901-D-000001")
            #expect(try f.deliveries().map(\.folder) == [f.root + "/amap/2026-06-01"])
        }
    }

    @Test("a delivery's folder holds the manifest the registry records; two exports get different ids and folders")
    func manifestsAndIDs() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let profile = try DeliveryProfile.load("amap", geoData: Self.geoData)
            let first = try f.export().run(profile: profile, county: Self.county, since: .everything, root: f.root + "/")
            let second = try f.export().run(profile: profile, county: Self.county, since: .everything, root: f.root)
            #expect(first.id != second.id)
            let records = try f.deliveries()
            #expect(records.map(\.id.description) == [first.id, second.id])
            #expect(records.map(\.folder) == [f.root + "/amap/2026-06-01", f.root + "/amap/2026-06-01-2"])
            for (record, manifest) in zip(records, [first, second]) {
                let text = try String(contentsOfFile: record.folder + "/manifest.json", encoding: .utf8)
                #expect(text == record.manifest, "the folder's manifest is the one recorded")
                let decoded = try JSON.decoder().decode(DeliveryManifest.self, from: Data(text.utf8))
                #expect(decoded.id == manifest.id && decoded.id == record.id.description)
                let names = Set(try FileManager.default.contentsOfDirectory(atPath: record.folder))
                #expect(names == Set(manifest.files.map(\.name) + ["manifest.json"]), "\(names)")
            }
            #expect(stagingLeft(f.root).isEmpty, "\(tree(f.root))")
            #expect(try FileManager.default.contentsOfDirectory(atPath: f.root + "/amap").sorted() == ["2026-06-01", "2026-06-01-2"])
        }
    }

    @Test("a killed run's staging folders are ignored by listings and removed by the next export; a live one is left alone")
    func leftovers() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let fm = FileManager.default
            let profiles = f.root + "/amap"
            // A run killed while writing: a truncated file, a lock nobody holds; one killed before its folder existed: a lock alone.
            let dead = profiles + "/.staging-dead"
            try fm.createDirectory(atPath: dead, withIntermediateDirectories: true)
            try "名称,拼音\n同心".write(toFile: dead + "/amap-379901.csv", atomically: true, encoding: .utf8)
            try "".write(toFile: dead + ".lock", atomically: true, encoding: .utf8)
            try "".write(toFile: f.root + "/.staging-orphan.lock", atomically: true, encoding: .utf8)
            // One killed with no lock file at all, and a folder of someone else's that only looks similar.
            try fm.createDirectory(atPath: f.root + "/.staging-nolock/faces", withIntermediateDirectories: true)
            try fm.createDirectory(atPath: f.root + "/staging-not-ours", withIntermediateDirectories: true)
            // A run still going (in this process; its lock is held).
            let live = try StagedFolder(in: profiles)

            #expect(try DeliveryExport.list(f.registry, actor: .commandLine("t")).isEmpty, "listings know nothing of staging folders")
            let manifest = try f.export().run(profile: .load("amap", geoData: Self.geoData), county: Self.county, since: .everything, root: f.root)
            #expect(manifest.id == "379901-D-000001")
            #expect(try f.deliveries().map(\.folder) == [profiles + "/2026-06-01"], "the staging folders took no delivery folder's name")
            #expect(!fm.fileExists(atPath: dead) && !fm.fileExists(atPath: dead + ".lock"))
            #expect(!fm.fileExists(atPath: f.root + "/.staging-orphan.lock") && !fm.fileExists(atPath: f.root + "/.staging-nolock"))
            #expect(fm.fileExists(atPath: f.root + "/staging-not-ours"))
            #expect(fm.fileExists(atPath: live.path) && fm.fileExists(atPath: live.lockPath), "a running export's staging folder is not touched")
            #expect(try DeliveryExport.list(f.registry, actor: .commandLine("t")).map(\.id.description) == [manifest.id])
            live.discard()
            #expect(stagingLeft(f.root).isEmpty, "\(tree(f.root))")
        }
    }

    @Test("a run killed after its commit but before the move: the next export moves the recorded delivery into place")
    func killedAfterCommit() throws {
        let f = try fixture()
        try withExtendedLifetime(f.folder) {
            let profile = try DeliveryProfile.load("amap", geoData: Self.geoData)
            let first = try f.export().run(profile: profile, county: Self.county, since: .everything, root: f.root)
            let folder = try #require(try f.deliveries().first?.folder)
            // As if the process died between the commit and the rename.
            try FileManager.default.moveItem(atPath: folder, toPath: f.root + "/amap/.staging-committed")
            let second = try f.export().run(profile: profile, county: Self.county, since: .everything, root: f.root)
            #expect(second.id != first.id)
            let records = try f.deliveries()
            #expect(records.count == 2 && Set(records.map(\.folder)).count == 2)
            for record in records {
                #expect(try String(contentsOfFile: record.folder + "/manifest.json", encoding: .utf8) == record.manifest)
            }
            #expect(stagingLeft(f.root).isEmpty, "\(tree(f.root))")
        }
    }

    @Test("a staging folder merges into an existing folder, replacing files of the same name and keeping the others")
    func merge() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let orders = folder.path("signs")
            try FileManager.default.createDirectory(atPath: orders + "/faces", withIntermediateDirectories: true)
            try "old".write(toFile: orders + "/order-A.csv", atomically: true, encoding: .utf8)
            try "a".write(toFile: orders + "/faces/a.svg", atomically: true, encoding: .utf8)
            try "keep".write(toFile: orders + "/order-B.csv", atomically: true, encoding: .utf8)
            let result: Int = try StagedFolder.stage(in: folder.url.path, merge: true) { staging in
                try FileManager.default.createDirectory(atPath: staging.path + "/faces", withIntermediateDirectories: true)
                try "new".write(toFile: staging.path + "/order-A.csv", atomically: true, encoding: .utf8)
                try "b".write(toFile: staging.path + "/faces/b.svg", atomically: true, encoding: .utf8)
                return (7, orders)
            }
            #expect(result == 7)
            #expect(tree(orders) == ["faces", "faces/a.svg", "faces/b.svg", "order-A.csv", "order-B.csv"])
            #expect(try String(contentsOfFile: orders + "/order-A.csv", encoding: .utf8) == "new")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["signs"])
        }
    }

    // MARK: Sign orders

    func signFixture() throws -> (TemporaryDirectory, SQLiteRegistry, FeatureID) {
        let folder = try TemporaryDirectory()
        let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
        try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: Self.geoData + "/demo/divisions.csv")
        func p(_ east: Double, _ north: Double) -> Coordinate { Coordinate(lon: 115.9 + east / 89_500, lat: 36.3 + north / 110_950) }
        let features = [
            RoadFeature(location: "a", sourceRef: "a", tags: ["highway": "tertiary"], lines: [LineString([p(0, 0), p(500, 0), p(1000, 0)])]),
            RoadFeature(location: "b", sourceRef: "b", tags: ["highway": "residential", "name": "富民路"], lines: [LineString([p(500, -300), p(500, 0), p(500, 300)])]),
        ]
        _ = try RoadImport(registry: registry, actor: .commandLine("t")).run(features: features, file: "f", source: "s", county: DivisionCode("379901"))
        _ = try SurveyRun(registry: registry, actor: .commandLine("t")).run(county: nil)
        let road = try #require(try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true)).first)
        let desk = NamingDesk(registry: registry, resources: try .load(geoData: Self.geoData), actor: .commandLine("t"))
        _ = try desk.add("兴业路", at: NameSite(road: FeatureID(road.id)), status: .standard)
        return (folder, registry, try #require(FeatureID(road.id)))
    }

    @Test("a sign order whose transaction fails leaves no files and the signs planned; a good one writes its files only then")
    func signOrder() throws {
        let (folder, registry, road) = try signFixture()
        try withExtendedLifetime(folder) {
            let service = SignService(registry: registry, actor: .commandLine("t"))
            let planned = try service.plan(road: road)
            #expect(!planned.isEmpty)
            let out = folder.path("Exports/signs")
            let failing = SignService(registry: FailingCommit(base: registry), actor: .commandLine("t"))
            #expect(throws: FailingCommit.Failed.self) { try SignOrder(signs: failing).write(road: road, to: out) }
            #expect(!FileManager.default.fileExists(atPath: folder.path("Exports")), "no order folder, no staging folder: \(tree(folder.path("Exports")))")
            #expect(try service.list(road: road).allSatisfy { $0.status == .planned })
            // A folder that cannot be made: nothing changes either.
            try "a file".write(toFile: folder.path("blocked"), atomically: true, encoding: .utf8)
            #expect(throws: (any Error).self) { try SignOrder(signs: service).write(road: road, to: folder.path("blocked/signs")) }
            #expect(try service.list(road: road).allSatisfy { $0.status == .planned })

            let written = try SignOrder(signs: service).write(road: road, to: out)
            #expect(written.signs == planned.count && written.faces.count == planned.count)
            #expect(([written.csv, written.xlsx] + written.faces).allSatisfy { FileManager.default.fileExists(atPath: $0) })
            #expect(written.csv == out + "/order-\(road).csv")
            #expect(try service.list(road: road).allSatisfy { $0.status == .ordered })
            #expect(stagingLeft(folder.path("Exports")).isEmpty, "\(tree(folder.path("Exports")))")
            // Nothing left to order: an error, and the earlier order's files stay as they were.
            let before = tree(out)
            #expect(throws: ProcedureError.self) { try SignOrder(signs: service).write(road: road, to: out) }
            #expect(tree(out) == before && stagingLeft(folder.path("Exports")).isEmpty)
        }
    }
}

import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// Issue 18, part 5: a road import reads and checks its file holding no write lock (its segments
/// staged in a private temporary file), then moves them in with one short transaction, all or nothing.
@Suite("Staged road import")
struct StagedRoadImportTests {
    let batched = BatchedRoadImportTests()

    /// A write of its own, begun only if the registry's write lock is free at that moment.
    static func writeIfFree(_ registry: SQLiteRegistry, _ value: String) -> Bool {
        (try? registry.transactionIfFree { tx -> Void in
            try tx.settings.set("test.probe", value)
            try tx.audit.append(AuditEvent(at: Date(), actor: "t", action: .settingsDemo, entityKind: "registry", entityID: value))
        }) != nil
    }

    @Test("while the file is read, other writers get the lock at once; the segments arrive together at the end")
    func lockFreeWhileReading() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try batched.registry(folder, "r.sqlite")
            let list = batched.features(40)
            var freeWhileReading: [Bool] = [], storedWhileReading: [Int] = []
            let report = try RoadImport(registry: registry, actor: .commandLine("t")).run(file: "f", source: "s", county: DivisionCode("371521"), batchSize: 7) { each in
                for (index, feature) in list.enumerated() {
                    try each(feature)
                    if index % 10 == 9 {
                        freeWhileReading.append(Self.writeIfFree(registry, "\(index)"))
                        storedWhileReading.append(try registry.read { try $0.segments.ids(source: "s").count })
                    }
                }
            }
            #expect(report.segments == 40)
            #expect(freeWhileReading == [true, true, true, true], "no write lock is held while the file is read")
            #expect(storedWhileReading == [0, 0, 0, 0], "nothing is stored before the whole file was read")
            #expect(try registry.read { try $0.segments.ids(source: "s").count } == 40)
            #expect(try registry.read { try $0.audit.verifyChain() }.firstBroken == nil)
        }
    }

    @Test("another import of the same source between the read and the commit: refused as busy, nothing stored; a later run succeeds")
    func concurrentSameSource() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try batched.registry(folder, "r.sqlite")
            let importer = RoadImport(registry: registry, actor: .commandLine("t"))
            let county = DivisionCode("371521")
            let list = batched.features(20)
            #expect(throws: RegistryError.self) {
                try importer.run(file: "f", source: "s", county: county) { each in
                    try list.forEach(each)
                    _ = try importer.run(features: Array(list.prefix(5)), file: "g", source: "s", county: county)
                }
            }
            #expect(try registry.read { try $0.segments.ids(source: "s").count } == 5, "only the other import's segments")
            #expect(try importer.run(features: list, file: "f", source: "s", county: county).segments == 20)
        }
    }

    @Test("the staging file is private and removed afterwards, after a failure too")
    func stagingFileRemoved() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try batched.registry(folder, "r.sqlite")
            let temporary = folder.path("staging")
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            var importer = RoadImport(registry: registry, actor: .commandLine("t"))
            importer.stagingDirectory = temporary
            func staging() throws -> Set<String> {
                Set(try FileManager.default.contentsOfDirectory(atPath: temporary).filter { $0.hasPrefix("diming-import-") && $0.hasSuffix(".staging") })
            }
            let list = batched.features(10)
            var seen: Set<String> = [], mode = 0
                        _ = try importer.run(file: "f", source: "s", county: DivisionCode("371521")) { each in
                try list.forEach(each)
                seen = try staging()
                if let name = seen.first {
                    mode = try FileManager.default.attributesOfItem(atPath: temporary + "/" + name)[.posixPermissions] as? Int ?? 0
                }
            }
            #expect(seen.count == 1 && mode & 0o077 == 0, "owner-only: \(String(mode, radix: 8))")
            #expect(try staging().isEmpty)
            #expect(throws: InputError.self) {
                try importer.run(file: "f", source: "t", county: DivisionCode("371521")) { each in
                    try list.forEach(each)
                    seen = try staging()
                    try each(list[0]) // a duplicate id
                }
            }
            let left = try staging()
            #expect(seen.count == 1 && left.isEmpty)
            #expect(try registry.read { try $0.segments.ids(source: "t").isEmpty })
        }
    }
}

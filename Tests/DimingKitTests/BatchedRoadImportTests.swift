import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// Issue 18, item 8: roads are written in batches as they are read, with the same result as one
/// batch, and a failure in a later batch leaves nothing of the earlier ones.
@Suite("Batched road import")
struct BatchedRoadImportTests {
    func features(_ count: Int) -> [RoadFeature] {
        (0..<count).map { i in
            RoadFeature(location: "way \(i)", sourceRef: "w\(i)", tags: ["highway": i % 3 == 0 ? "residential" : "track"],
                        lines: [LineString([Coordinate(lon: 115.8 + Double(i) * 0.001, lat: 36.1), Coordinate(lon: 115.8 + Double(i) * 0.001, lat: 36.11)])])
        }
    }

    func registry(_ folder: TemporaryDirectory, _ name: String) throws -> SQLiteRegistry {
        let registry = try SQLiteRegistry(path: folder.path(name))
        try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: folder.write("d.csv", RoadImportTests.divisions))
        return registry
    }

    @Test("batches of 7 give the same segments and ids as one batch; re-import in batches keeps ids")
    func sameAsOneBatch() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let county = DivisionCode("371521")
            let one = try registry(folder, "one.sqlite"), batched = try registry(folder, "batched.sqlite")
            let list = features(50)
            let a = try RoadImport(registry: one, actor: .commandLine("t")).run(file: "f", source: "s", county: county, batchSize: 10_000) { each in
                try list.forEach(each)
            }
            let b = try RoadImport(registry: batched, actor: .commandLine("t")).run(file: "f", source: "s", county: county, batchSize: 7) { each in
                try list.forEach(each)
            }
            #expect(a.segments == 50 && b.segments == 50 && a.features == 50 && b.features == 50)
            let idsA = try one.read { try $0.segments.ids(source: "s") }, idsB = try batched.read { try $0.segments.ids(source: "s") }
            #expect(idsA == idsB)
            let again = try RoadImport(registry: batched, actor: .commandLine("t")).run(file: "f", source: "s", county: county, batchSize: 7) { each in
                try list.forEach(each)
            }
            #expect(again.replaced == 50)
            #expect(try batched.read { try $0.segments.ids(source: "s") } == idsB)
        }
    }

    @Test("a duplicate id in a later batch fails the import and leaves no segment of the earlier batches")
    func failureInLaterBatch() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try registry(folder, "r.sqlite")
            let list = features(30) + [features(1)[0]]
            let error = try #require(throws: InputError.self) {
                try RoadImport(registry: registry, actor: .commandLine("t")).run(file: "f", source: "s", county: DivisionCode("371521"), batchSize: 5) { each in
                    try list.forEach(each)
                }
            }
            #expect(error.message.contains("more than once"))
            #expect(try registry.read { try $0.segments.ids(source: "s") }.isEmpty)
        }
    }
}

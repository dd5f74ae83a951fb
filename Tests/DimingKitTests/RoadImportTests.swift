import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing

@Suite("Road import")
struct RoadImportTests {
    static let divisions = "code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n371500000000,聊城市,city,2,370000000000\n371521000000,阳谷县,county,3,371500000000\n"

    func feature(_ ref: String, _ tags: [String: String]) -> RoadFeature {
        RoadFeature(location: ref, sourceRef: ref, tags: tags,
                    lines: [LineString([Coordinate(lon: 115.8, lat: 36.1), Coordinate(lon: 115.81, lat: 36.11)])])
    }

    @Test("roads are classified, counted by class, and a re-import replaces the source keeping ids")
    func importAndReimport() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: folder.write("d.csv", Self.divisions))
            let features = [
                feature("1", ["highway": "residential", "name": "幸福路"]),
                feature("2", ["highway": "track"]),
                feature("3", ["highway": "track", "noname": "yes"]),
                feature("4", ["highway": "footway"]),
                feature("5", ["building": "yes"]),
                feature("6", ["highway": "primary_link", "ref": "X012"]),
            ]
            let importer = RoadImport(registry: registry, actor: .commandLine("t"))
            let county = DivisionCode("371521")
            let first = try importer.run(features: features, file: "f", source: "s", county: county)
            #expect(first.segments == 4 && first.namedSegments == 1 && first.unnamedSegments == 3)
            #expect(first.byClass["track"]?.unnamed == 2)
            #expect(first.skipped.values.reduce(0, +) == 2)
            let ids = try registry.read { try $0.segments.ids(source: "s") }
            let second = try importer.run(features: features, file: "f", source: "s", county: county)
            #expect(second.replaced == 4)
            #expect(try registry.read { try $0.segments.ids(source: "s") } == ids)
            #expect(try registry.read { try $0.segments.counts() }.segments == 4)
            let noname = try registry.read { try $0.segments.fetch() }.first { $0.sourceRef == "3" }
            #expect(noname?.confirmedUnnamed == true)
        }
    }

    @Test("an unknown county or a road outside every boundary is refused")
    func countyRequired() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            let importer = RoadImport(registry: registry, actor: .commandLine("t"))
            let features = [feature("1", ["highway": "track"])]
            #expect(throws: InputError.self) { try importer.run(features: features, file: "f", source: "s", county: DivisionCode("371521")) }
            #expect(throws: InputError.self) { try importer.run(features: features, file: "f", source: "s", county: nil) }
            #expect(try registry.read { try $0.segments.counts() }.segments == 0)
        }
    }
}

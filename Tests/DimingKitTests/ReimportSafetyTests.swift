import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// Re-importing a source never loses what the new file does not mention, unless asked.
@Suite("Road re-import safety")
struct ReimportSafetyTests {
    static let divisions = "code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n371500000000,聊城市,city,2,370000000000\n371521000000,阳谷县,county,3,371500000000\n"
    let county = DivisionCode("371521")

    func feature(_ ref: String, _ lon: Double) -> RoadFeature {
        RoadFeature(location: ref, sourceRef: ref, tags: ["highway": "track"],
                    lines: [LineString([Coordinate(lon: lon, lat: 36.1), Coordinate(lon: lon + 0.01, lat: 36.11)])])
    }

    func withRegistry(_ body: (SQLiteRegistry, RoadImport, TemporaryDirectory) throws -> Void) throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: folder.write("d.csv", Self.divisions))
            try body(registry, RoadImport(registry: registry, actor: .commandLine("t")), folder)
        }
    }

    func snapshot(_ registry: SQLiteRegistry) throws -> ([String: FeatureID], Int) {
        try registry.read { (try $0.segments.ids(source: "s"), try $0.audit.count()) }
    }

    @Test("an empty replacement is an error and changes nothing")
    func empty() throws {
        try withRegistry { registry, importer, _ in
            _ = try importer.run(features: [feature("1", 115.8), feature("2", 115.9)], file: "f", source: "s", county: county)
            let before = try snapshot(registry)
            for replace in [false, true] {
                #expect(throws: InputError.self) { try importer.run(features: [], file: "empty.osm", source: "s", county: county, replace: replace) }
            }
            #expect(try snapshot(registry) == before)
        }
    }

    @Test("a file with one id twice is refused, on the first import and on a re-import")
    func duplicates() throws {
        try withRegistry { registry, importer, _ in
            let twice = [feature("1", 115.8), feature("1", 115.9)]
            #expect(throws: InputError.self) { try importer.run(features: twice, file: "f", source: "s", county: county) }
            #expect(try snapshot(registry).0.isEmpty)
            _ = try importer.run(features: [feature("1", 115.8)], file: "f", source: "s", county: county)
            let before = try snapshot(registry)
            #expect(throws: InputError.self) { try importer.run(features: twice, file: "f", source: "s", county: county) }
            #expect(try snapshot(registry) == before)
        }
    }

    @Test("a partial re-import keeps what it does not mention; --replace removes it, but never roads with open cases")
    func partial() throws {
        try withRegistry { registry, importer, folder in
            _ = try importer.run(features: [feature("1", 115.8), feature("2", 115.9)], file: "f", source: "s", county: county)
            let ids = try snapshot(registry).0
            let kept = try importer.run(features: [feature("1", 115.8)], file: "f", source: "s", county: county)
            #expect(kept.kept == 1 && kept.replaced == 1 && kept.removed == 0)
            #expect(try snapshot(registry).0 == ids)

            // A road on segment 2 with an open case blocks --replace.
            _ = try SurveyRun(registry: registry, actor: .commandLine("t")).run(county: county)
            let road = try #require(try registry.read { try $0.segments.roads(holding: [ids["2"]!]) }.first)
            let resources = try NamingResources.load(geoData: SharedData.packageRoot.appendingPathComponent("GeoData").path)
            _ = try CaseService(registry: registry, resources: resources, actor: .commandLine("t"))
                .create(CaseApplication(road: road, name: "幸福路", applicant: "村委会"))
            let before = try snapshot(registry)
            #expect(throws: InputError.self) { try importer.run(features: [feature("1", 115.8)], file: "f", source: "s", county: county, replace: true) }
            #expect(try snapshot(registry) == before)
            _ = folder
        }
    }

    @Test("--replace removes the segments the file no longer mentions when no case is open")
    func replace() throws {
        try withRegistry { registry, importer, _ in
            _ = try importer.run(features: [feature("1", 115.8), feature("2", 115.9)], file: "f", source: "s", county: county)
            let report = try importer.run(features: [feature("1", 115.8)], file: "f", source: "s", county: county, replace: true)
            #expect(report.removed == 1 && report.kept == 0)
            #expect(try snapshot(registry).0.keys.sorted() == ["1"])
        }
    }
}

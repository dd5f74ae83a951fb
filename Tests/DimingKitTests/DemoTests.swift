import DimingCore
import DimingKit
import DimingStore
import Foundation
import TestSupport
import Testing

@Suite("Demo and synthetic regions")
struct DemoTests {
    @Test("the demo registry builds from GeoData and holds divisions, a boundary and roads")
    func demo() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path
            let path = folder.path("demo.sqlite")
            let report = try DemoRegistry(geoData: geoData, actor: .commandLine("test"), open: SQLiteRegistry.opener).build(path: path)
            #expect(report.divisions.byLevel["county"] == 1)
            #expect((report.divisions.byLevel["village"] ?? 0) > 20)
            #expect(report.roads.unnamedSegments > 0 && report.roads.namedSegments > 0)
            #expect(try DemoRegistry.canReplace(path: path, open: SQLiteRegistry.opener))
            let registry = try SQLiteRegistry(path: path)
            let county = try #require(try DivisionQueries(registry: registry).list(parent: nil, level: .county).first)
            #expect(try DivisionQueries(registry: registry).locate(county.point!).code == county.code.rawValue)
            // Building again gives the same registry contents.
            let again = try DemoRegistry(geoData: geoData, actor: .commandLine("test"), open: SQLiteRegistry.opener).build(path: path)
            #expect(again.roads.segments == report.roads.segments)
        }
    }

    @Test("a registry with other data is not replaced by the demo")
    func protectsRealData() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let path = folder.path("real.sqlite")
            let file = try folder.write("d.csv", "code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n")
            try DivisionImport(registry: SQLiteRegistry(path: path), actor: .commandLine("test")).run(path: file)
            #expect(try !DemoRegistry.canReplace(path: path, open: SQLiteRegistry.opener))
        }
    }

    @Test("the generator is deterministic, and what it writes imports cleanly")
    func generator() throws {
        var parameters = SyntheticRegion.Parameters()
        parameters.countiesPerCity = 2
        parameters.townsPerCounty = 5
        parameters.villagesPerTown = 7
        let a = SyntheticRegion(parameters), b = SyntheticRegion(parameters)
        #expect(a.divisions == b.divisions)
        #expect(a.segments.map(\.line) == b.segments.map(\.line))
        parameters.seed = 99
        #expect(SyntheticRegion(parameters).divisions != a.divisions)
        #expect(a.divisions.filter { $0.level == .village }.count == 2 * 5 * 8)
        #expect(Set(a.divisions.map(\.code)).count == a.divisions.count)

        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            try SyntheticRegionFiles.write(a, to: folder.path("region"))
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            let report = try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: folder.path("region/divisions.csv"))
            #expect(report.added == a.divisions.count)
            #expect(try BoundaryImport(registry: registry, actor: .commandLine("test")).run(path: folder.path("region/boundaries.geojson"), crs: .wgs84).boundaries == 2)
        }
    }

    @Test("GeoData/demo is what the generator makes with its defaults")
    func shippedDemoIsGenerated() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            try SyntheticRegionFiles.write(SyntheticRegion(.init()), to: folder.url.path)
            for file in [SyntheticRegionFiles.divisionsFile, SyntheticRegionFiles.boundariesFile, SyntheticRegionFiles.roadsFile] {
                let shipped = try String(contentsOfFile: SharedData.packageRoot.appendingPathComponent("GeoData/demo/" + file).path, encoding: .utf8)
                #expect(try String(contentsOfFile: folder.path(file), encoding: .utf8) == shipped, "\(file) differs: regenerate GeoData/demo")
            }
        }
    }
}

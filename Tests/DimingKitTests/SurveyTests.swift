import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing

@Suite("Survey")
struct SurveyTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path

    /// Sum of segment lengths, sum of road lengths, and whether every segment is in exactly one road.
    func check(_ registry: SQLiteRegistry) throws -> (segments: Double, roads: Double, everySegmentOnce: Bool) {
        try registry.read { db in
            let segments = try db.segments.fetch()
            let roads = try db.roads.list(RoadFilter())
            let members = roads.flatMap { $0.segments.map(\.segment) }
            return (segments.reduce(0) { $0 + $1.geometry.length }, roads.reduce(0) { $0 + $1.length },
                    members.count == segments.count && Set(members) == Set(segments.map(\.id)))
        }
    }

    @Test("the demo county: stitched length equals segment length, no segment twice, a re-run keeps every id")
    func demoCounty() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let report = try DemoRegistry(geoData: Self.geoData, actor: .commandLine("t"), open: SQLiteRegistry.opener).build(path: folder.path("d.sqlite"))
            let registry = try SQLiteRegistry(path: folder.path("d.sqlite"))
            let survey = try #require(report.survey.first)
            #expect(survey.roads < survey.segments, "segments were stitched")
            #expect(survey.unnamedRoads > 0)
            let totals = try check(registry)
            #expect(abs(totals.roads - totals.segments) <= totals.segments * 0.001)
            #expect(totals.everySegmentOnce)
            let before = try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter()).map(\.id)
            let again = try SurveyRun(registry: registry, actor: .commandLine("t")).run(county: nil)
            #expect(again[0].kept == survey.roads && again[0].added == 0 && again[0].retired == 0)
            #expect(try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter()).map(\.id) == before)
            // Unnamed roads carry a described working name; backlog per town adds up.
            let unnamed = try RoadQueries(registry: registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true))
            #expect(unnamed.allSatisfy { $0.workingName?.hasSuffix("道路") == true })
            #expect(try RoadQueries(registry: registry, actor: .commandLine("test")).backlog(county: nil).reduce(0) { $0 + $1.unnamedRoads } == unnamed.count)
        }
    }

    @Test("after a re-import that changes one road, the other roads keep their ids")
    func stableIDs() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let divisions = try folder.write("d.csv", "code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n371500000000,聊城市,city,2,370000000000\n371521000000,阳谷县,county,3,371500000000\n")
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: divisions)
            func road(_ ref: String, _ y: Double, _ xs: [Double], _ tags: [String: String] = ["highway": "track"]) -> RoadFeature {
                RoadFeature(location: ref, sourceRef: ref, tags: tags,
                            lines: [LineString(xs.map { Coordinate(lon: 115.8 + $0 / 89_500, lat: 36.1 + y / 110_950) })])
            }
            let first = [road("a1", 0, [0, 500]), road("a2", 0, [500, 1000]), road("b1", 2000, [0, 800]), road("c1", 4000, [0, 900])]
            let importer = RoadImport(registry: registry, actor: .commandLine("t"))
            let county = DivisionCode("371521")
            _ = try importer.run(features: first, file: "f", source: "s", county: county)
            _ = try SurveyRun(registry: registry, actor: .commandLine("t")).run(county: county)
            let ids = try registry.read { try $0.roads.list(RoadFilter()) }
                .reduce(into: [String: FeatureID]()) { $0[$1.segments.count == 2 ? "a" : $1.length < 850 ? "b" : "c"] = $1.id }
            // Road a grows by a third piece, c is removed (the new file replaces the source), d is new; b is untouched.
            let second = [road("a1", 0, [0, 500]), road("a2", 0, [500, 1000]), road("a3", 0, [1000, 1200]), road("b1", 2000, [0, 800]),
                          road("d1", 6000, [0, 700])]
            _ = try importer.run(features: second, file: "f", source: "s", county: county, replace: true)
            let report = try #require(try SurveyRun(registry: registry, actor: .commandLine("t")).run(county: county).first)
            #expect(report.kept == 1 && report.changed == 1 && report.added == 1 && report.retired == 1)
            let roads = try registry.read { try $0.roads.list(RoadFilter()) }
            #expect(roads.contains { $0.id == ids["b"] && $0.segments.count == 1 })
            #expect(roads.contains { $0.id == ids["a"] && $0.segments.count == 3 })
            #expect(!roads.contains { $0.id == ids["c"] })
            let retired = try registry.read { try $0.roads.find(id: ids["c"]!) }
            #expect(retired?.active == false)
        }
    }

    /// A registry's active roads as comparable text: ids left out, members named by their source reference.
    func roadsWithoutIDs(_ registry: SQLiteRegistry) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try registry.read { db in
            let refs = Dictionary(uniqueKeysWithValues: try db.segments.fetch().map { ($0.id, $0.sourceRef) })
            return try db.roads.list(RoadFilter()).map { road in
                var road = road
                let members = road.segments.map { "\(refs[$0.segment]!)\($0.reversed ? "-" : "+")" }
                road.id = FeatureID(county: "371521", kind: .road, serial: 1)
                road.segments = []
                return String(decoding: try encoder.encode(road), as: UTF8.self) + members.joined(separator: ",")
            }.sorted()
        }
    }

    @Test("a re-survey after an edit (kept, changed, new and retired roads) stores the roads a first survey of the edited data stores")
    func resurveyEqualsFreshSurvey() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let divisions = try folder.write("d.csv", "code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n371500000000,聊城市,city,2,370000000000\n371521000000,阳谷县,county,3,371500000000\n371521101000,张庄镇,town,4,371521000000\n")
            func road(_ ref: String, _ y: Double, _ xs: [Double], _ tags: [String: String] = ["highway": "track"]) -> RoadFeature {
                RoadFeature(location: ref, sourceRef: ref, tags: tags,
                            lines: [LineString(xs.map { Coordinate(lon: 115.8 + $0 / 89_500, lat: 36.1 + y / 110_950) })])
            }
            let first = [road("a1", 0, [0, 500]), road("a2", 0, [500, 1000]), road("b1", 2000, [0, 800]), road("c1", 4000, [0, 900]),
                         road("n1", 3000, [0, 400], ["highway": "residential", "name": "幸福路"]), road("n2", 3000, [400, 900], ["highway": "residential", "name": "幸福路"])]
            let second = [road("a1", 0, [0, 500]), road("a2", 0, [500, 1000]), road("a3", 0, [1000, 1200]), road("b1", 2000, [0, 800]),
                          road("d1", 6000, [0, 700]), road("n1", 3000, [0, 400], ["highway": "residential", "name": "幸福路"]),
                          road("n2", 3000, [400, 900], ["highway": "residential", "name": "幸福路"])]
            let county = DivisionCode("371521")
            func registry(_ name: String, _ imports: [[RoadFeature]]) throws -> SQLiteRegistry {
                let registry = try SQLiteRegistry(path: folder.path(name))
                try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: divisions)
                for (index, features) in imports.enumerated() {
                    _ = try RoadImport(registry: registry, actor: .commandLine("t")).run(features: features, file: "f", source: "s", county: county, replace: index > 0)
                    _ = try SurveyRun(registry: registry, actor: .commandLine("t")).run(county: county)
                }
                return registry
            }
            let edited = try registry("edited.sqlite", [first, second])
            let fresh = try registry("fresh.sqlite", [second])
            let roads = try roadsWithoutIDs(edited)
            #expect(roads.count == 4)
            #expect(roads == (try roadsWithoutIDs(fresh)))
        }
    }

    @Test("a real extract: import and survey keep every metre", .enabled(if: SharedData.available, "needs ../shared/data"))
    func realExtract() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: Self.geoData + "/demo/divisions.csv")
            _ = try RoadFileImport(registry: registry, actor: .commandLine("t"))
                .run(path: SharedData.path("osm/gh_north-bayreuth.osm"), crs: .wgs84, county: DivisionCode("379901"), source: nil)
            let report = try #require(try SurveyRun(registry: registry, actor: .commandLine("t")).run(county: nil).first)
            #expect(report.roads > 0 && report.roads < report.segments)
            let totals = try check(registry)
            #expect(abs(totals.roads - totals.segments) <= totals.segments * 0.001)
            #expect(totals.everySegmentOnce)
        }
    }
}

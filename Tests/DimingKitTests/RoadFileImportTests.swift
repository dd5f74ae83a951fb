import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// Issue 16: import profiles, dry runs, honest outcomes and conflation, on a 农村公路 layer as a
/// county transport bureau exports it.
@Suite("Road file import: profiles, dry run, outcomes, conflation")
struct RoadFileImportTests {
    static let divisions = "code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n371500000000,聊城市,city,2,370000000000\n371521000000,阳谷县,county,3,371500000000\n"
    static let boundary = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":"371521","name":"阳谷县"},
         "geometry":{"type":"Polygon","coordinates":[[[115.7,36.0],[116.0,36.0],[116.0,36.3],[115.7,36.3],[115.7,36.0]]]}}]}
        """
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path
    static let county = DivisionCode("371521")!

    /// The transport bureau's layer: grades 三级/四级/等外公路 and one grade the profile does not know.
    static let ruralRoads = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"OBJECTID":1,"名称":"王庄路","技术等级":"三级公路","路线编码":"X012371521","路面宽度":"6.5","路面类型":"沥青混凝土"},
         "geometry":{"type":"LineString","coordinates":[[115.80,36.10],[115.81,36.11],[115.82,36.115]]}},
        {"type":"Feature","properties":{"OBJECTID":2,"技术等级":"四级公路","路线编码":"C001371521","路基宽度":"5.5","路面类型":"水泥混凝土"},
         "geometry":{"type":"LineString","coordinates":[[115.83,36.12],[115.84,36.13]]}},
        {"type":"Feature","properties":{"OBJECTID":3,"技术等级":"等外公路","路线编码":"C002371521","路面类型":"砂石"},
         "geometry":{"type":"LineString","coordinates":[[115.85,36.14],[115.86,36.141]]}},
        {"type":"Feature","properties":{"OBJECTID":4,"技术等级":"规划","路线编码":"C003371521"},
         "geometry":{"type":"LineString","coordinates":[[115.87,36.15],[115.88,36.16]]}}
        ]}
        """

    /// The same three roads as OpenStreetMap has them: drawn a few metres off, unnamed where the bureau names them.
    static let osmRoads = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"way/11","properties":{"highway":"tertiary"},
         "geometry":{"type":"LineString","coordinates":[[115.80003,36.10002],[115.81002,36.11003],[115.82003,36.11502]]}},
        {"type":"Feature","id":"way/12","properties":{"highway":"track"},
         "geometry":{"type":"LineString","coordinates":[[115.83002,36.12003],[115.84003,36.13002]]}},
        {"type":"Feature","id":"way/13","properties":{"highway":"track","name":"李家胡同"},
         "geometry":{"type":"LineString","coordinates":[[115.85003,36.14003],[115.86002,36.14102]]}}
        ]}
        """

    struct Fixture {
        let folder: TemporaryDirectory
        let registry: SQLiteRegistry
        let actor = UserAccount.commandLine("t")

        init() throws {
            folder = try TemporaryDirectory()
            registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            try DivisionImport(registry: registry, actor: actor).run(path: folder.write("d.csv", RoadFileImportTests.divisions))
            _ = try BoundaryImport(registry: registry, actor: actor).run(path: folder.write("b.geojson", RoadFileImportTests.boundary), crs: .wgs84)
        }

        func profile(_ name: String) throws -> RoadClassification {
            try ImportProfiles(registry: registry, actor: actor, geoData: RoadFileImportTests.geoData).resolve(name, county: RoadFileImportTests.county)
                .classification()
        }

        func importer(_ profile: String) throws -> RoadFileImport {
            RoadFileImport(registry: registry, actor: actor, classification: try self.profile(profile))
        }

        func options(_ source: String, _ edit: (inout RoadFileImportOptions) -> Void = { _ in }) -> RoadFileImportOptions {
            var options = RoadFileImportOptions()
            options.county = RoadFileImportTests.county
            options.source = source
            edit(&options)
            return options
        }

        var segments: [RoadSegment] { get throws { try registry.read { try $0.segments.fetch() } } }
        var auditCount: Int { get throws { try registry.read { try $0.audit.count() } } }
    }

    @Test("the rural-roads profile maps 技术等级 to classes, 路线编码 to route codes, widths and surfaces; an unknown grade is skipped with its reason")
    func ruralProfile() throws {
        let f = try Fixture()
        let report = try f.importer("rural-roads").run(path: f.folder.write("rural.geojson", Self.ruralRoads), options: f.options("transport-2024"))
        #expect(report.segments == 3)
        #expect(report.byClass.mapValues(\.segments) == ["tertiary": 1, "unclassified": 1, "track": 1])
        #expect(report.skipped == ["技术等级 规划 is not a road class of the profile": 1])
        #expect(report.withWidth == 2 && report.withSurface == 3)
        let byRef = Dictionary(uniqueKeysWithValues: try f.segments.map { ($0.sourceRef, $0) })
        #expect(byRef["1"]?.ref == "X012" && byRef["1"]?.name == "王庄路" && byRef["1"]?.roadClass == "tertiary")
        #expect(byRef["2"]?.ref == "C001" && byRef["2"]?.name == nil)
        #expect(RoadNature.chinese(routeCode: byRef["1"]?.ref, roadClass: byRef["1"]?.roadClass) == "县道")
        // Widths and surfaces are stored with the segments (路面宽度, else 路基宽度; 路面类型 named by the profile).
        #expect(byRef["1"]?.width == 6.5 && byRef["1"]?.surface == "asphalt")
        #expect(byRef["2"]?.width == 5.5 && byRef["2"]?.surface == "concrete")
        #expect(byRef["3"]?.width == nil && byRef["3"]?.surface == "gravel")
        // A name check at the road goes by the width its data states, without one being given.
        _ = try SurveyRun(registry: f.registry, actor: f.actor).run(county: Self.county)
        let road = try #require(try f.registry.read { try $0.roads.list(RoadFilter(county: Self.county)) }
            .first { $0.segments.contains { $0.segment == byRef["1"]?.id } })
        let resources = try NamingResources.load(geoData: Self.geoData)
        let check = try NamingDesk(registry: f.registry, resources: resources, actor: f.actor).check("王庄大道", at: NameSite(road: road.id))
        #expect(check.findings.contains { $0.message.contains("不足40米") }, "\(check.findings.map(\.message))")
        let attributes = try f.profile("rural-roads").attributes(["路基宽度": "5.5", "路面类型": "水泥混凝土"])
        #expect(attributes.width == 5.5 && attributes.surface == "concrete")

        // Without the profile, the same file stores nothing: exit 1 with the reason.
        let error = #expect(throws: InputError.self) {
            try RoadFileImport(registry: f.registry, actor: f.actor).run(path: f.folder.path("rural.geojson"), options: f.options("plain"))
        }
        #expect(error?.description.contains("no road class") == true)
    }

    @Test("a county's own profile is an audited setting and wins over the shipped one")
    func countyProfile() throws {
        let f = try Fixture()
        let profiles = ImportProfiles(registry: f.registry, actor: f.actor, geoData: Self.geoData)
        var own = try profiles.resolve("rural-roads", county: Self.county)
        own.classes["规划"] = "track"
        let before = try f.auditCount
        try profiles.set(own, county: Self.county)
        #expect(try f.auditCount == before + 1)
        #expect(try profiles.resolve("rural-roads", county: Self.county).classes["规划"] == "track")
        #expect(try profiles.resolve("rural-roads", county: nil).classes["规划"] == nil)
        #expect(throws: AccessDenied.self) {
            try ImportProfiles(registry: f.registry, actor: UserAccount(username: "c", displayName: "c", role: .clerk, countyCode: Self.county, townCode: nil), geoData: Self.geoData)
                .set(own, county: Self.county)
        }
        own.classes["规划"] = "footway"
        #expect(throws: InputError.self) { try profiles.set(own, county: Self.county) }
    }

    @Test("--dry-run reports by class and skip reason and changes nothing")
    func dryRun() throws {
        let f = try Fixture()
        let before = try f.auditCount
        let report = try f.importer("rural-roads").run(path: f.folder.write("rural.geojson", Self.ruralRoads),
                                                      options: f.options("transport-2024") { $0.dryRun = true })
        #expect(report.dryRun && report.segments == 3 && report.skipped.count == 1)
        #expect(try f.segments.isEmpty)
        #expect(try f.auditCount == before)
        _ = try f.importer("rural-roads").run(path: f.folder.path("rural.geojson"), options: f.options("transport-2024"))
        #expect(try f.segments.map(\.id.serial).sorted() == [1, 2, 3]) // the dry run minted no ids
    }

    @Test("two sources of the same roads: the second is matched and merged, the backlog is unchanged, the survey report lists them as matched")
    func conflation() throws {
        let f = try Fixture()
        let osm = try f.folder.write("osm.geojson", Self.osmRoads)
        _ = try f.importer("osm").run(path: osm, options: f.options("osm-2024"))
        _ = try SurveyRun(registry: f.registry, actor: f.actor).run(county: Self.county)
        let backlog = try RoadQueries(registry: f.registry, actor: .commandLine("test")).backlog(county: Self.county)
        #expect(backlog.reduce(0) { $0 + $1.unnamedRoads } == 2)

        // The bureau's layer ranks higher: its name and route codes are taken, a conflicting class is recorded.
        _ = try SourcePriority.update(f.registry, county: Self.county, actor: f.actor) { $0.sources = ["transport-*", "osm-*"] }
        var edited = Self.ruralRoads
        edited = edited.replacingOccurrences(of: "\"名称\":\"王庄路\",", with: "") // keep both unnamed roads unnamed
        let report = try f.importer("rural-roads").run(path: f.folder.write("rural.geojson", edited), options: f.options("transport-2024"))
        let conflation = try #require(report.conflation)
        #expect(conflation.matched == 3 && conflation.new == 0) // the 4th (规划) is skipped before matching
        #expect(report.segments == 0)
        #expect(try f.segments.count == 3)
        let merged = try f.segments.first { $0.sourceRef == "way/12" }
        #expect(merged?.ref == "C001" && merged?.roadClass == "unclassified")
        #expect(conflation.matches.contains { $0.conflicts.contains { $0.hasPrefix("class: unclassified (kept, from transport-2024)") } })
        // Names the bureau lacks stay as OSM gives them.
        #expect(try f.segments.first { $0.sourceRef == "way/13" }?.name == "李家胡同")

        _ = try SurveyRun(registry: f.registry, actor: f.actor).run(county: Self.county)
        let after = try RoadQueries(registry: f.registry, actor: .commandLine("test")).backlog(county: Self.county)
        #expect(after.reduce(0) { $0 + $1.unnamedRoads } == 2)
        #expect(after.reduce(0) { $0 + $1.roads } == backlog.reduce(0) { $0 + $1.roads })
        let ledger = try ConflationLedger.report(f.registry, county: Self.county)["371521"]
        #expect(ledger?.first?.source == "transport-2024" && ledger?.first?.matched == 3)
    }

    @Test("roads outside the county are refused and listed unless --allow-outside; --skip-failures writes the rejects with reasons")
    func outcomes() throws {
        let f = try Fixture()
        let outside = Self.ruralRoads.replacingOccurrences(of: "[[115.83,36.12],[115.84,36.13]]", with: "[[116.83,36.12],[116.84,36.13]]")
            .replacingOccurrences(of: "\"名称\":\"王庄路\"", with: "\"名称\":\"王庄\\u0000路\"")
        let path = try f.folder.write("outside.geojson", outside)
        let importer = try f.importer("rural-roads")
        let error = #expect(throws: InputError.self) { try importer.run(path: path, options: f.options("t")) }
        #expect(error?.description.contains("control character") == true || error?.description.contains("features[1]") == true)

        let rejects = f.folder.path("rejects.csv")
        let report = try importer.run(path: path, options: f.options("t") { $0.skipFailures = true; $0.rejectsPath = rejects })
        #expect(report.segments == 1 && report.rejected == 2 && report.rejectsFile == rejects)
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(text.contains("outside the boundary of 阳谷县") && text.contains("features[1]"))

        let clean = Self.ruralRoads.replacingOccurrences(of: "[[115.83,36.12],[115.84,36.13]]", with: "[[116.83,36.12],[116.84,36.13]]")
        let cleanPath = try f.folder.write("outside2.geojson", clean)
        let refused = #expect(throws: InputError.self) { try importer.run(path: cleanPath, options: f.options("u")) }
        #expect(refused?.description.contains("outside the boundary of 阳谷县") == true && refused?.description.contains("--allow-outside") == true)
        #expect(refused?.descriptionZh.contains("阳谷县界外") == true && refused?.descriptionZh.contains("允许县界外道路") == true)
        let allowed = try importer.run(path: cleanPath, options: f.options("u") { $0.allowOutside = true; $0.conflate = false })
        #expect(allowed.outside == 1 && allowed.segments == 3)
    }

    @Test("an import of zero features stores nothing and fails with the reason")
    func zeroFeatures() throws {
        let f = try Fixture()
        let path = try f.folder.write("empty.geojson", #"{"type":"FeatureCollection","features":[]}"#)
        let error = #expect(throws: InputError.self) { try f.importer("osm").run(path: path, options: f.options("e")) }
        #expect(error?.description.contains("no road segments") == true)
        #expect(error?.descriptionZh.contains("登记簿未作任何改动") == true, "the web's data officer reads it in Chinese")
        #expect(try f.segments.isEmpty)
    }
}

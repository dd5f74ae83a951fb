import Foundation
import TestSupport
import Testing

/// Issue 16 from the command line: a projected GBK Shapefile with the rural-roads profile, --dry-run,
/// a second source merged (backlog unchanged, survey report lists it), an import of nothing exits 1.
@Suite("Road files as counties have them, from the command line")
struct RoadFormatsCLITests {
    static let hasOgr2ogr = Tool.isInstalled("/usr/bin/ogr2ogr")
    static let divisions = "code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n371500000000,聊城市,city,2,370000000000\n371521000000,阳谷县,county,3,371500000000\n"
    static let rural = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"名称":"王庄路","技术等级":"三级公路","路线编码":"X012371521"},"geometry":{"type":"LineString","coordinates":[[115.80,36.10],[115.81,36.11]]}},
        {"type":"Feature","properties":{"技术等级":"四级公路","路线编码":"C001371521"},"geometry":{"type":"LineString","coordinates":[[115.83,36.12],[115.84,36.13]]}},
        {"type":"Feature","properties":{"技术等级":"等外公路"},"geometry":{"type":"LineString","coordinates":[[115.85,36.14],[115.86,36.141]]}}
        ]}
        """
    static let osm = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"w1","properties":{"highway":"tertiary","name":"王庄路"},"geometry":{"type":"LineString","coordinates":[[115.80002,36.10003],[115.81003,36.11002]]}},
        {"type":"Feature","id":"w2","properties":{"highway":"track"},"geometry":{"type":"LineString","coordinates":[[115.83003,36.12002],[115.84002,36.13003]]}},
        {"type":"Feature","id":"w3","properties":{"highway":"track"},"geometry":{"type":"LineString","coordinates":[[115.85002,36.14003],[115.86003,36.14102]]}}
        ]}
        """

    @Test("a GBK Shapefile in EPSG:4527 with --profile rural-roads: dry run changes nothing, then imports; OSM of the same roads merges", .enabled(if: hasOgr2ogr, "needs ogr2ogr (gdal-bin)"))
    func shapefileThenOSM() throws {
        let folder = try TemporaryDirectory()
        let db = folder.path("r.sqlite")
        #expect(try CLI.run(["divisions", "import", folder.write("d.csv", Self.divisions), "--db", db]).status == 0)
        let shp = folder.path("rural.shp")
        let made = try Tool.run("/usr/bin/ogr2ogr", ["-f", "ESRI Shapefile", "-t_srs", "EPSG:4527", "-lco", "ENCODING=GBK", shp,
                                                     folder.write("rural.geojson", Self.rural)], mergeErrors: true)
        try #require(made.status == 0, "\(made.output)")

        let audit = try CLI.run(["audit", "verify", "--db", db]).stdout
        let dry = try CLI.run(["roads", "import", shp, "--county", "371521", "--profile", "rural-roads", "--dry-run", "--db", db])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Dry run (nothing changed)") && dry.stdout.contains("EPSG:4527") && dry.stdout.contains("tertiary"))
        #expect(try CLI.run(["roads", "list", "--json", "--db", db]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]"
            || CLI.run(["survey", "report", "--db", db]).stdout.contains("total: 0 roads"))
        #expect(try CLI.run(["audit", "verify", "--db", db]).stdout == audit)

        let imported = try CLI.run(["roads", "import", shp, "--county", "371521", "--profile", "rural-roads", "--source", "transport-2024", "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try CLI.run(["survey", "--db", db]).status == 0)
        let before = try CLI.run(["survey", "report", "--db", db]).stdout
        #expect(before.contains("total: 3 roads, 2 unnamed"))
        let names = try CLI.run(["roads", "list", "--json", "--db", db]).stdout
        #expect(names.contains("王庄路"))

        let second = try CLI.run(["roads", "import", folder.write("osm.geojson", Self.osm), "--county", "371521", "--source", "osm-2024", "--db", db])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("3 matched"))
        #expect(try CLI.run(["survey", "--db", db]).status == 0)
        let after = try CLI.run(["survey", "report", "--db", db]).stdout
        #expect(after.contains("total: 3 roads, 2 unnamed"))
        #expect(after.contains("osm-2024: 3 matched, 0 new, 1 conflicting segments")) // track ≠ 四级公路 (unclassified)
    }

    @Test("an import that stores nothing exits 1 and says why")
    func nothingStored() throws {
        let folder = try TemporaryDirectory()
        let db = folder.path("r.sqlite")
        #expect(try CLI.run(["divisions", "import", folder.write("d.csv", Self.divisions), "--db", db]).status == 0)
        let empty = try CLI.run(["roads", "import", folder.write("e.geojson", #"{"type":"FeatureCollection","features":[]}"#), "--county", "371521", "--db", db])
        #expect(empty.status == 1 && empty.stderr.contains("no road segments"))
        let unmapped = try CLI.run(["roads", "import", folder.write("r.geojson", Self.rural), "--county", "371521", "--db", db])
        #expect(unmapped.status == 1 && unmapped.stderr.contains("3 skipped: no road class"), "\(unmapped.stderr)")
    }

    @Test("without a loadable GDAL a GeoPackage import exits 1 saying so, changing nothing; GeoJSON imports need no GDAL")
    func withoutGDAL() throws {
        let folder = try TemporaryDirectory()
        let db = folder.path("r.sqlite")
        let noGDAL = ["DIMING_GDAL_LIBRARY": "libgdal-missing.so.99"]
        #expect(try CLI.run(["divisions", "import", folder.write("d.csv", Self.divisions), "--db", db], environment: noGDAL).status == 0)
        let audit = try CLI.run(["audit", "verify", "--db", db]).stdout
        let gpkg = try CLI.run(["roads", "import", folder.write("roads.gpkg", "not read"), "--county", "371521", "--db", db], environment: noGDAL)
        #expect(gpkg.status == 1, "\(gpkg.stderr)")
        #expect(gpkg.stderr.contains("roads.gpkg") && gpkg.stderr.contains("GDAL could not be loaded")
            && gpkg.stderr.contains("libgdal-missing.so.99 not found") && gpkg.stderr.contains("make demo"), "\(gpkg.stderr)")
        #expect(try CLI.run(["audit", "verify", "--db", db]).stdout == audit)
        let osm = try CLI.run(["roads", "import", folder.write("osm.geojson", Self.osm), "--county", "371521", "--db", db], environment: noGDAL)
        #expect(osm.status == 0, "\(osm.stderr)")
    }
}

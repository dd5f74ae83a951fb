import DimingCore
import DimingKit
import DimingStore
import Foundation
import TestSupport
import Testing

/// A road imported from OSM keeps the way it came from (id, version, node ids), from XML and from
/// PBF alike, so a delivery to OSM can modify or delete that way (#15).
@Suite("Imported segments keep their OSM identity")
struct OSMIdentityTests {
    static let divisions = "code,name,level,level_num,parent_code\n370000000000,山东省,province,1,\n371500000000,聊城市,city,2,370000000000\n371521000000,阳谷县,county,3,371500000000\n"
    static let osm = """
        <?xml version='1.0' encoding='UTF-8'?>
        <osm version="0.6">
        <node id="1" version="3" lat="36.1" lon="115.8"/><node id="2" lat="36.2" lon="115.9"/><node id="3" lat="36.3" lon="115.95"/>
        <node id="5000000001" lat="36.35" lon="115.97"/>
        <way id="4000000007" version="12"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="track"/></way>
        <way id="8"><nd ref="3"/><nd ref="5000000001"/><tag k="highway" v="residential"/><tag k="name" v="幸福路"/></way>
        </osm>
        """

    func identities(_ file: String, in folder: TemporaryDirectory) throws -> [String: OSMIdentity?] {
        let registry = try SQLiteRegistry(path: folder.path(UUID().uuidString + ".sqlite"))
        try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: folder.write("d.csv", Self.divisions))
        _ = try RoadFileImport(registry: registry, actor: .commandLine("t")).run(path: file, crs: .wgs84, county: DivisionCode("371521"), source: "s")
        let segments = try registry.read { try $0.segments.fetch(county: DivisionCode("371521")!) }
        return Dictionary(uniqueKeysWithValues: segments.map { ($0.sourceRef, $0.osm) })
    }

    @Test("way id, version, node ids (and versions where all are known) and tags are stored and read back; a clipped way has none")
    func xml() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let stored = try identities(folder.write("a.osm", Self.osm), in: folder)
            #expect(stored["w4000000007"] == OSMIdentity(way: 4_000_000_007, version: 12, nodes: [1, 2, 3], tags: ["highway": "track"]))
            #expect(stored["w8"] == OSMIdentity(way: 8, version: nil, nodes: [3, 5_000_000_001], tags: ["highway": "residential", "name": "幸福路"]))
            let versioned = Self.osm.replacingOccurrences(of: "<node id=\"2\"", with: "<node id=\"2\" version=\"1\"")
                .replacingOccurrences(of: "<node id=\"3\"", with: "<node id=\"3\" version=\"7\"")
            #expect(try identities(folder.write("v.osm", versioned), in: folder)["w4000000007"]??.nodeVersions == [3, 1, 7])
            // Node 4 is not in the file: with --skip-failures the way keeps nodes 1–3 but no identity.
            let clipped = Self.osm.replacingOccurrences(of: "<nd ref=\"3\"/><tag k=\"highway\" v=\"track\"/>",
                                                        with: "<nd ref=\"3\"/><nd ref=\"4\"/><tag k=\"highway\" v=\"track\"/>")
            let registry = try SQLiteRegistry(path: folder.path("clipped.sqlite"))
            try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: folder.write("d.csv", Self.divisions))
            var options = RoadFileImportOptions()
            (options.county, options.source, options.skipFailures) = (DivisionCode("371521"), "s", true)
            _ = try RoadFileImport(registry: registry, actor: .commandLine("t")).run(path: folder.write("c.osm", clipped), options: options)
            let segments = try registry.read { try $0.segments.fetch(county: DivisionCode("371521")!) }
            #expect(segments.first { $0.sourceRef == "w4000000007" }.map { $0.osm == nil && $0.geometry.points.count == 3 } == true)
        }
    }

    @Test("the same from PBF, node versions included", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/osmium"), "skipped: osmium-tool is not installed"))
    func pbf() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let plain = try folder.write("a.osm", Self.osm)
            _ = try Tool.run("/usr/bin/osmium", ["cat", "-O", "-o", folder.path("a.osm.pbf"), plain])
            #expect(try identities(folder.path("a.osm.pbf"), in: folder) == identities(plain, in: folder))
            // Node versions too, where every node of the way has one.
            let versioned = try folder.write("v.osm", Self.osm.replacingOccurrences(of: "<node id=\"2\"", with: "<node id=\"2\" version=\"1\"")
                .replacingOccurrences(of: "<node id=\"3\"", with: "<node id=\"3\" version=\"7\""))
            _ = try Tool.run("/usr/bin/osmium", ["cat", "-O", "-o", folder.path("v.osm.pbf"), versioned])
            #expect(try identities(folder.path("v.osm.pbf"), in: folder)["w4000000007"]??.nodeVersions == [3, 1, 7])
        }
    }

    @Test("segments from other formats have none")
    func geojson() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let file = try folder.write("a.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":"track"},
                "geometry":{"type":"LineString","coordinates":[[115.8,36.1],[115.9,36.2]]}}]}
                """)
            #expect(try identities(file, in: folder).values.allSatisfy { $0 == nil })
        }
    }
}

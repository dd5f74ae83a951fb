import DimingCore
import DimingKit
import DimingStore
import Foundation
import TestSupport
import Testing

/// Deliveries to OSM of roads that came from OSM (#15): the ways are modified in place by id and
/// version with their own nodes and tags, and a later change set modifies or deletes those ways.
@Suite("OSM deliveries of roads imported from OSM")
struct OSMDeliveryTests {
    /// Road A: ways 9001 and 9002 meeting at node 3; roads B and C: ways 9005 and 9007 on their own
    /// (west edge of the demo county).
    static func osm(withB: Bool) -> String {
        """
        <?xml version='1.0' encoding='UTF-8'?>
        <osm version="0.6">
        <node id="1" version="2" lat="36.300" lon="115.800"/><node id="2" version="1" lat="36.301" lon="115.802"/>
        <node id="3" version="4" lat="36.302" lon="115.804"/><node id="4" version="1" lat="36.304" lon="115.805"/>
        <node id="5" version="3" lat="36.320" lon="115.800"/><node id="6" version="9" lat="36.322" lon="115.803"/>
        <node id="7" version="1" lat="36.340" lon="115.800"/><node id="8" version="1" lat="36.342" lon="115.803"/>
        <way id="9001" version="3"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="track"/><tag k="surface" v="gravel"/></way>
        <way id="9002" version="5"><nd ref="3"/><nd ref="4"/><tag k="highway" v="track"/><tag k="tracktype" v="grade2"/></way>
        <way id="9007" version="2"><nd ref="7"/><nd ref="8"/><tag k="highway" v="track"/></way>
        \(withB ? "<way id=\"9005\" version=\"7\"><nd ref=\"5\"/><nd ref=\"6\"/><tag k=\"highway\" v=\"track\"/></way>" : "")
        </osm>
        """
    }

    /// The ways with negative ids (new objects), each as its text.
    static func newWays(_ xml: String) -> [String] {
        xml.components(separatedBy: "<way id=\"-").dropFirst().map { $0.components(separatedBy: "</way>")[0] }
    }

    @Test("the OSM file modifies the OSM ways in place (id, version, their nodes and tags); after a rename, a cancelled name and a road gone, the osmChange modifies and deletes those way ids (roads from OSM XML and from PBF)",
          arguments: FileManager.default.isExecutableFile(atPath: "/usr/bin/osmium") ? ["osm", "pbf"] : ["osm"])
    func inPlace(format: String) throws {
        let f = try DeliveryTests().fixture()
        try withExtendedLifetime(f.folder) {
            let county = DeliveryTests.county
            let importer = RoadFileImport(registry: f.registry, actor: .commandLine("t"))
            /// The file in the format under test (PBF made from the XML by osmium).
            func file(_ name: String, withB: Bool) throws -> String {
                let xml = try f.folder.write(name + ".osm", Self.osm(withB: withB))
                guard format == "pbf" else { return xml }
                _ = try Tool.run("/usr/bin/osmium", ["cat", "-O", "-o", f.folder.path(name + ".osm.pbf"), xml])
                return f.folder.path(name + ".osm.pbf")
            }
            _ = try importer.run(path: file("a", withB: true), crs: .wgs84, county: county, source: "osm")
            _ = try SurveyRun(registry: f.registry, actor: .commandLine("t")).run(county: nil)
            let segments = try f.registry.read { try $0.segments.fetch(county: county) }.filter { $0.source == "osm" }
            func road(of way: Int64) throws -> FeatureID {
                let segment = try #require(segments.first { $0.osm?.way == way })
                return try #require(try f.registry.read { try $0.segments.roads(holding: [segment.id]) }.first)
            }
            let (a, b, c) = (try road(of: 9001), try road(of: 9005), try road(of: 9007))
            #expect(try road(of: 9002) == a, "the two ways meeting at node 3 are one road")
            try f.standardize([CaseApplication(road: a, name: "同心路", applicant: "村委会"), CaseApplication(road: b, name: "惠民路", applicant: "村委会"),
                               CaseApplication(road: c, name: "和谐路", applicant: "村委会")],
                              approvalDay: "2026-02-01", document: "示政字〔2026〕1号")
            let root = f.folder.path("Exports")
            let profile = try DeliveryProfile.load("osm", geoData: DeliveryTests.geoData)
            let full = try f.export("2026-03-01").run(profile: profile, county: county, since: .everything, root: root)
            let fullFolder = try f.registry.read { try $0.deliveries.find(id: FeatureID(full.id)!) }!.folder
            let xml = try String(contentsOfFile: fullFolder + "/osm-379901.osm", encoding: .utf8)
            #expect(xml.contains("<way id=\"9001\" version=\"3\" action=\"modify\">") && xml.contains("<way id=\"9002\" version=\"5\" action=\"modify\">"))
            #expect(xml.contains("<node id=\"1\" version=\"2\" lat=\"36.3000000\" lon=\"115.8000000\"/>"), "OSM's own nodes, with their versions")
            let way9001 = try #require(xml.components(separatedBy: "<way id=\"9001\"").dropFirst().first?.components(separatedBy: "</way>").first)
            #expect(way9001.contains("<nd ref=\"1\"/>") && way9001.contains("k=\"surface\" v=\"gravel\"") && way9001.contains("k=\"highway\" v=\"track\""))
            #expect(way9001.contains("k=\"name\" v=\"同心路\"") && way9001.contains("k=\"name:zh_pinyin\" v=\"Tóngxīn Lù\""))
            #expect(Self.newWays(xml).allSatisfy { !$0.contains("同心路") }, "no copy of road A as a new way")
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/osmium") {
                let (status, output) = try Tool.run("/usr/bin/osmium", ["check-refs", fullFolder + "/osm-379901.osm"], mergeErrors: true)
                #expect(status == 0 && output.contains("Nodes in ways missing: 0"), "\(output)")
            } else { print("skipped the osmium checks: osmium-tool is not installed") }

            // A renames road A and cancels road C's name (销名, the road stands); road B is gone from the
            // source (re-imported with --replace), so the survey retires it.
            try f.standardize([CaseApplication(kind: .renaming, road: a, name: "振兴路", applicant: "镇政府"),
                               CaseApplication(kind: .retirement, road: c, name: "", applicant: "镇政府")], approvalDay: "2026-04-01", document: "示政字〔2026〕9号")
            _ = try importer.run(path: file("b", withB: false), crs: .wgs84, county: county, source: "osm", replace: true)
            _ = try SurveyRun(registry: f.registry, actor: .commandLine("t")).run(county: nil)
            let changes = try f.export("2026-04-10").run(profile: profile, county: county, since: .last, root: root)
            #expect(changes.changed.contains(a.description) && Set(changes.retired) == [b.description, c.description])
            let folder = try f.registry.read { try $0.deliveries.find(id: FeatureID(changes.id)!) }!.folder
            let osc = try String(contentsOfFile: folder + "/osm-379901-changes.osc", encoding: .utf8)
            let modify = try #require(osc.components(separatedBy: "<modify>").dropFirst().first?.components(separatedBy: "</modify>").first)
            let delete = try #require(osc.components(separatedBy: "<delete>").dropFirst().first?.components(separatedBy: "</delete>").first)
            #expect(modify.contains("<way id=\"9001\" version=\"3\">") && modify.contains("k=\"name\" v=\"振兴路\"") && modify.contains("k=\"old_name\" v=\"同心路\""))
            #expect(modify.contains("k=\"surface\" v=\"gravel\""), "a modify sends the whole way: its other tags are kept")
            #expect(!osc.contains("<node id=\"1\""), "OSM's unchanged nodes are not repeated")
            #expect(delete.contains("<way id=\"9005\" version=\"7\"/>") && !delete.contains("9007"))
            let way9007 = try #require(modify.components(separatedBy: "<way id=\"9007\" version=\"2\">").dropFirst().first?.components(separatedBy: "</way>").first)
            #expect(way9007.contains("k=\"old_name\" v=\"和谐路\"") && !way9007.contains("k=\"name\""), "a cancelled name leaves the standing way")
            #expect(Self.newWays(osc).allSatisfy { !$0.contains("振兴路") && !$0.contains("和谐路") }, "nothing of roads A and C is created afresh")
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/osmium") {
                let (status, output) = try Tool.run("/usr/bin/osmium", ["fileinfo", "-e", folder + "/osm-379901-changes.osc"], mergeErrors: true)
                #expect(status == 0 && output.contains("Number of ways: 4"), "\(output)")
            }
        }
    }
}

import DimingCore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// OSM PBF through libosmium reads the same roads as the OSM XML it was made from (`osmium cat`).
@Suite("OSM PBF reader", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/osmium"),
                                  "skipped: osmium-tool is not installed (apt-get install osmium-tool)"))
struct OSMPBFReaderTests {
    static let osm = BadFiles.osmHeader + """
        <node id="3" lat="36.3" lon="115.7"/>
        <node id="1" lat="36.1" lon="115.8"/>
        <node id="2" lat="36.2" lon="115.9"/>
        <node id="-4" lat="36.25" lon="115.85"/>
        <way id="10" version="7"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/><tag k="name" v="幸福&amp;路"/></way>
        <way id="11" version="2"><nd ref="2"/><nd ref="3"/><nd ref="-4"/><tag k="highway" v="track"/><tag k="noname" v="yes"/></way>
        <way id="12"><nd ref="1"/><nd ref="3"/><tag k="building" v="yes"/></way>
        <way id="13"><nd ref="98"/><nd ref="99"/><tag k="highway" v="track"/></way>
        <way id="14"><nd ref="1"/><nd ref="2"/><nd ref="97"/><nd ref="3"/><tag k="highway" v="service"/></way>
        <relation id="1"><member type="way" ref="10" role=""/></relation>
        </osm>
        """

    func pbf(_ xml: String, in folder: TemporaryDirectory) throws -> (xml: String, pbf: String) {
        let plain = try folder.write("a.osm", xml)
        let pbf = folder.path("a.osm.pbf")
        _ = try Tool.run("/usr/bin/osmium", ["cat", "-O", "-o", pbf, plain])
        return (plain, pbf)
    }

    @Test("the same features, identities and statistics as the XML")
    func sameAsXML() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let (plain, pbf) = try pbf(Self.osm, in: folder)
            let xmlReader = OSMRoadReader(path: plain, skipFailures: true)
            let pbfReader = OSMPBFReader(path: pbf, skipFailures: true)
            let xml = try xmlReader.read(), binary = try pbfReader.read()
            #expect(binary.map(\.sourceRef) == ["w10", "w11", "w14"])
            #expect(binary.map(\.sourceRef) == xml.map(\.sourceRef))
            #expect(binary.map(\.tags) == xml.map(\.tags))
            #expect(binary.map(\.lines) == xml.map(\.lines))
            #expect(binary.map(\.osm) == xml.map(\.osm))
            #expect(binary[0].tags["name"] == "幸福&路")
            #expect(binary[0].osm == OSMIdentity(way: 10, version: 7, nodes: [1, 2], tags: ["name": "幸福&路", "highway": "residential"]))
            #expect(binary[1].osm?.nodes == [2, 3, -4]) // negative ids (JOSM's new objects) resolve too
            // Clipped to the longest run of present nodes: no identity, since a modify would cut the way short.
            #expect(binary[2].lines.first?.points.count == 2 && binary[2].osm == nil)
            #expect(pbfReader.statistics.skipped == xmlReader.statistics.skipped)
            #expect(pbfReader.statistics.nodes == 4 && pbfReader.statistics.ways == 5 && pbfReader.statistics.relations == 1)
            let source = try RoadSource.read(path: pbf, crs: .wgs84, classKeys: ["highway"], skipFailures: true)
            #expect(source.format == .pbf && source.records == 5 && source.features.count == 3)
        }
    }

    @Test("a missing node is an error naming the way, unless failures are skipped")
    func missingNode() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let (_, pbf) = try pbf(Self.osm, in: folder)
            let error = try #require(throws: InputError.self) { try OSMPBFReader(path: pbf).read() }
            #expect(error.file == pbf)
            #expect(error.description.contains("way 13") && error.description.contains("--skip-failures"), "\(error)")
        }
    }

    @Test("a file that is not PBF, a truncated one and a directory are errors that name the file")
    func badFiles() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let (_, pbf) = try pbf(Self.osm, in: folder)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: pbf))
            let truncated = folder.path("cut.osm.pbf")
            try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: truncated))
            let text = try folder.write("text.osm.pbf", "<osm/>")
            let directory = folder.path("dir.osm.pbf")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (path, expected) in [(truncated, "not a readable OSM PBF file"), (text, "not a readable OSM PBF file"), (directory, "not a regular file")] {
                let error = try #require(throws: InputError.self, "\(path)") {
                    _ = try RoadSource.read(path: path, crs: .wgs84, classKeys: ["highway"], skipFailures: true)
                }
                #expect(error.file == path && error.description.contains(expected), "\(path): \(error)")
            }
        }
    }

    @Test("a callback's error stops the read and comes back as it was")
    func stops() throws {
        struct Enough: Error {}
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let (_, pbf) = try pbf(Self.osm, in: folder)
            var seen = 0
            #expect(throws: Enough.self) {
                try OSMPBFReader(path: pbf, skipFailures: true).read { _ in
                    seen += 1
                    throw Enough()
                }
            }
            #expect(seen == 1)
        }
    }
}

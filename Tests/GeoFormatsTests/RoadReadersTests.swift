import DimingCore
import Foundation
import GeoFormats
import TestSupport
import Testing

@Suite("Road readers: OSM XML, KML/KMZ, GPX")
struct RoadReadersTests {
    static let osm = BadFiles.osmHeader + """
        <node id="3" lat="36.3" lon="115.7"/>
        <node id="1" lat="36.1" lon="115.8"/>
        <node id="2" lat="36.2" lon="115.9"/>
        <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/><tag k="name" v="幸福&amp;路"/></way>
        <way id="11"><nd ref="2"/><nd ref="3"/><tag k="highway" v="track"/><tag k="noname" v="yes"/></way>
        <way id="12"><nd ref="1"/><nd ref="3"/><tag k="building" v="yes"/></way>
        <way id="13"><nd ref="98"/><nd ref="99"/><tag k="highway" v="track"/></way>
        <relation id="1"><member type="way" ref="10" role=""/></relation>
        </osm>
        """

    @Test("OSM: ways with a road class, nodes resolved even out of order, entities decoded")
    func osm() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let reader = OSMRoadReader(path: try folder.write("a.osm", Self.osm), skipFailures: true)
            let features = try reader.read()
            #expect(features.map(\.sourceRef) == ["w10", "w11"])
            #expect(features[0].tags["name"] == "幸福&路")
            #expect(features[0].lines[0].points == [Coordinate(lon: 115.8, lat: 36.1), Coordinate(lon: 115.9, lat: 36.2)])
            #expect(features[1].tags["noname"] == "yes")
            #expect(reader.statistics.nodes == 3 && reader.statistics.ways == 4 && reader.statistics.relations == 1)
            #expect(reader.statistics.skipped == ["no road class": 1, "nodes missing from the extract": 1])
        }
    }

    @Test("OSM: a gzip-compressed file reads the same", .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/gzip"), "skipped: gzip is not installed"))
    func osmGzip() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let plain = try folder.write("a.osm", Self.osm)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/gzip")
            process.arguments = ["-k", plain]
            try process.run()
            process.waitUntilExit()
            let features = try RoadSource.read(path: plain + ".gz", crs: .wgs84, classKeys: ["highway"], skipFailures: true).features
            #expect(features.map(\.sourceRef) == ["w10", "w11"])
            #expect(features.map(\.lines) == (try OSMRoadReader(path: plain, skipFailures: true).read()).map(\.lines))
        }
    }

    @Test("OSM: GCJ-02 sources are converted")
    func osmCRS() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let features = try OSMRoadReader(path: try folder.write("a.osm", Self.osm), crs: .gcj02, skipFailures: true).read()
            let expected = ChinaOffset.gcj02ToWgs84(Coordinate(lon: 115.8, lat: 36.1))
            #expect(features[0].lines[0].points[0] == expected)
        }
    }

    @Test("KML and KMZ: placemark names, extended data, lines in MultiGeometry, points apart")
    func kml() throws {
        let kml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <kml xmlns="http://www.opengis.net/kml/2.2"><Document>
            <Placemark id="p1"><name>张庄村至李庄村道路</name>
              <ExtendedData><Data name="highway"><value>track</value></Data><SchemaData><SimpleData name="width">4</SimpleData></SchemaData></ExtendedData>
              <MultiGeometry><LineString><coordinates>115.80,36.10,0 115.81,36.11,0</coordinates></LineString>
              <LineString><coordinates>
                115.81,36.11 115.82,36.12
              </coordinates></LineString></MultiGeometry>
            </Placemark>
            <Placemark><name>村委会</name><Point><coordinates>115.8,36.1</coordinates></Point></Placemark>
            </Document></kml>
            """
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let plain = try folder.write("a.kml", kml)
            try BadFiles.kmz(kml, at: folder.path("a.kmz"))
            for path in [plain, folder.path("a.kmz")] {
                let reader = KMLReader(path: path)
                try reader.read()
                #expect(reader.lines.count == 1)
                #expect(reader.lines[0].sourceRef == "p1")
                #expect(reader.lines[0].tags == ["id": "p1", "name": "张庄村至李庄村道路", "highway": "track", "width": "4"])
                #expect(reader.lines[0].lines.map(\.points.count) == [2, 2])
                #expect(reader.points.map { $0.properties["name"] } == ["村委会"])
            }
        }
    }

    @Test("GPX: tracks with their segments, routes, and waypoints", .enabled(if: SharedData.available, "needs ../shared/data"))
    func gpx() throws {
        let gpx = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="diming-test" xmlns="http://www.topografix.com/GPX/1/1">
              <wpt lat="36.1" lon="115.8"><name>快递点</name></wpt>
              <rte><name>巡查路线</name><rtept lat="36.1" lon="115.8"><name>起点</name></rtept><rtept lat="36.2" lon="115.8"/></rte>
              <trk><name>村道</name><type>track</type>
                <trkseg><trkpt lat="36.1" lon="115.8"><ele>30</ele><name>p</name></trkpt><trkpt lat="36.11" lon="115.81"/></trkseg>
                <trkseg><trkpt lat="36.2" lon="115.8"/><trkpt lat="36.21" lon="115.81"/><trkpt lat="36.22" lon="115.82"/></trkseg>
              </trk>
            </gpx>
            """
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let path = try folder.write("a.gpx", gpx)
            let reader = GPXReader(path: path)
            try reader.read()
            #expect(reader.lines.map { $0.tags["name"] } == ["巡查路线", "村道"])
            #expect(reader.lines[1].tags["type"] == "track")
            #expect(reader.lines[1].lines.map(\.points.count) == [2, 3])
            #expect(reader.points.map { $0.properties["name"] } == ["快递点"])
            // The fixture is valid GPX 1.1, if xmllint is there to say so.
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
                process.arguments = ["--noout", "--schema", SharedData.path("schemas/gpx11.xsd"), path]
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
            }
        }
    }

    @Test("bad files give an error that says what and where")
    func badFiles() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            for (path, expected) in try BadFiles.write(to: folder) {
                let error = try #require(throws: InputError.self, "\(path)") {
                    _ = try RoadSource.read(path: path, crs: .wgs84, classKeys: ["highway"])
                }
                #expect(error.file == path)
                #expect(error.description.contains(expected), "\(path): \(error)")
                if path.hasSuffix(".osm") && !path.hasSuffix("not-osm.osm") {
                    #expect(error.line != nil, "\(path): \(error) has no line")
                }
            }
        }
    }

    @Test("the real extracts read whole", .enabled(if: SharedData.available, "needs ../shared/data"))
    func realExtracts() throws {
        for (file, ways) in [("gh_north-bayreuth.osm", 2_056), ("cn_shenzhen_longgang_2019.osm", 516)] {
            let reader = OSMRoadReader(path: SharedData.path("osm/" + file))
            let features = try reader.read()
            #expect(features.count + reader.statistics.skipped["nodes missing from the extract", default: 0] == ways, "\(file)")
        }
    }
}

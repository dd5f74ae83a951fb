import DimingCore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// Issue 18, item 1: every reader refuses what is not a regular file, and enforces its limits with
/// an error naming the limit, the file and the place.
@Suite("Bounded readers")
struct BoundedReadersTests {
    @Test("a FIFO, a directory and a device are refused at once by every reader")
    func notRegularFiles() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let fifo = folder.path("f.osm")
            #expect(mkfifo(fifo, 0o600) == 0)
            let directory = folder.path("d.kmz")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let device = folder.path("z.gpx")
            try FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/zero")
            for path in [fifo, directory, device] {
                let error = try #require(throws: InputError.self) { _ = try RoadSource.read(path: path, crs: .wgs84, classKeys: ["highway"]) }
                #expect(error.file == path && error.message.contains("not a regular file"), "\(error)")
            }
            let csv = folder.path("f.csv")
            #expect(mkfifo(csv, 0o600) == 0)
            #expect(throws: InputError.self) { _ = try CSVTable(path: csv) }
            let json = folder.path("f.geojson")
            #expect(mkfifo(json, 0o600) == 0)
            #expect(throws: InputError.self) { _ = try GeoJSONReader.read(path: json) }
            let kml = folder.path("f.kml")
            #expect(mkfifo(kml, 0o600) == 0)
            #expect(throws: InputError.self) { try KMLReader(path: kml).read() }
        }
    }

    @Test("XML: nesting, attribute values and element text are bounded, each limit named with the line")
    func xmlLimits() throws {
        var limits = InputLimits()
        limits.maxDepth = 10
        limits.maxStringBytes = 100
        let deep = "<osm version=\"0.6\">" + String(repeating: "<a>", count: 20) + String(repeating: "</a>", count: 20) + "</osm>"
        let depthError = try #require(throws: InputError.self) { try OSMRoadReader(path: "deep.osm", limits: limits).read(data: Data(deep.utf8)) { _ in } }
        #expect(depthError.message.contains("maxDepth = 10") && depthError.line == 1, "\(depthError)")
        let long = "<osm version=\"0.6\">\n<node id=\"1\" lat=\"1\" lon=\"1\"><tag k=\"x\" v=\"\(String(repeating: "y", count: 200))\"/></node></osm>"
        let attributeError = try #require(throws: InputError.self) { try OSMRoadReader(path: "a.osm", limits: limits).read(data: Data(long.utf8)) { _ in } }
        #expect(attributeError.message.contains("maxStringBytes") && attributeError.line == 2, "\(attributeError)")
        let kml = "<kml><Document><Placemark><name>\(String(repeating: "路", count: 100))</name></Placemark></Document></kml>"
        let textError = try #require(throws: InputError.self) { try KMLReader(path: "t.kml", limits: limits).read(data: Data(kml.utf8), zipped: false) }
        #expect(textError.message.contains("maxStringBytes") && textError.field == "Placemark 1", "\(textError)")
    }

    @Test("KMZ and gzip inflate as a stream, refused past the inflated size or ratio")
    func inflationLimits() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let kmz = folder.path("big.kmz")
            try HostileFiles.deflated(prefix: "<kml><Document>", filler: UInt8(ascii: " "), megabytes: 4, entry: "doc.kml", at: kmz)
            var limits = InputLimits()
            limits.ratioGrace = 1 << 20
            let ratio = try #require(throws: InputError.self) { try KMLReader(path: kmz, limits: limits).read() }
            #expect(ratio.file == kmz && ratio.field == "doc.kml" && ratio.message.contains("maxInflationRatio"), "\(ratio)")
            limits = InputLimits()
            limits.maxInflatedBytes = 1 << 20
            let size = try #require(throws: InputError.self) { try KMLReader(path: kmz, limits: limits).read() }
            #expect(size.message.contains("maxInflatedBytes"), "\(size)")
            // Within the limits, the same archive streams to the end (and is not a valid document).
            let whole = try #require(throws: InputError.self) { try KMLReader(path: kmz).read() }
            #expect(whole.message.contains("malformed XML"), "\(whole)")

            let gz = folder.path("big.osm.gz")
            try Tool.python(["-c", "import gzip,sys\nf=gzip.open(sys.argv[1],'wb')\nf.write(b'<osm>'+b' '*(4<<20)+b'</osm>')\nf.close()", gz])
            var gzLimits = InputLimits()
            gzLimits.ratioGrace = 1 << 20
            let gzError = try #require(throws: InputError.self) { _ = try OSMRoadReader(path: gz, limits: gzLimits).read() }
            #expect(gzError.message.contains("maxInflationRatio"), "\(gzError)")
            #expect(try OSMRoadReader(path: gz).read().isEmpty)
        }
    }

    @Test("OSM: a way with a node the file lacks is an error, or clipped and counted with skipFailures")
    func missingNodes() throws {
        let osm = """
            <osm version="0.6">
            <node id="1" lat="36.1" lon="115.8"/><node id="2" lat="36.2" lon="115.9"/><node id="3" lat="36.3" lon="115.9"/>
            <way id="7"><nd ref="1"/><nd ref="2"/><nd ref="99"/><nd ref="3"/><tag k="highway" v="track"/></way>
            </osm>
            """
        let error = try #require(throws: InputError.self) { try OSMRoadReader(path: "m.osm").read(data: Data(osm.utf8)) { _ in } }
        #expect(error.field == "way 7" && error.message.contains("node 99") && error.line == 3, "\(error)")
        let reader = OSMRoadReader(path: "m.osm", skipFailures: true)
        var features: [RoadFeature] = []
        try reader.read(data: Data(osm.utf8)) { features.append($0) }
        #expect(features.first?.lines.first?.points.count == 2)
        #expect(reader.statistics.skipped["ways clipped: nodes missing from the extract"] == 1)
    }

    @Test("CSV: a table over maxTableBytes or a row over maxLineBytes is refused with its line")
    func csvLimits() throws {
        var limits = InputLimits()
        limits.maxLineBytes = 50
        let text = "code,name\n1,短\n2,\(String(repeating: "长", count: 40))\n"
        let table = try CSVTable(data: Data(text.utf8), name: "t.csv", limits: limits)
        _ = try table.next()
        let error = try #require(throws: InputError.self) { _ = try table.next() }
        #expect(error.line == 3 && error.message.contains("maxLineBytes"), "\(error)")
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            limits.maxTableBytes = 10
            let path = try folder.write("big.csv", text)
            let big = try #require(throws: InputError.self) { _ = try CSVTable(path: path, limits: limits) }
            #expect(big.message.contains("maxTableBytes"), "\(big)")
        }
    }

    @Test("names: control characters, direction overrides and over-long text are refused")
    func fieldText() {
        #expect(FieldText.problem("幸福路") == nil)
        #expect(FieldText.problem("幸福\u{0}路")?.contains("U+0000") == true)
        #expect(FieldText.problem("幸福\n路") != nil)
        #expect(FieldText.problem("\u{202E}路福幸") != nil)
        #expect(FieldText.problem(String(repeating: "路", count: 101))?.contains("maxNameCharacters") == true)
        #expect(FieldText.problem(String(repeating: "路", count: 100)) == nil)
    }
}

@Suite("Ring crossings")
struct RingCrossingTests {
    @Test("a bow-tie crosses itself where its edges meet; squares and touching rings do not")
    func bowTie() throws {
        let bowTie = [(115.0, 36.0), (116.0, 37.0), (116.0, 36.0), (115.0, 37.0), (115.0, 36.0)].map { Coordinate(lon: $0.0, lat: $0.1) }
        let crossing = try #require(RingSimplicity.crossing(in: bowTie))
        #expect(abs(crossing.at.lon - 115.5) < 1e-9 && abs(crossing.at.lat - 36.5) < 1e-9)
        let square = [(115.0, 36.0), (116.0, 36.0), (116.0, 37.0), (115.0, 37.0), (115.0, 36.0)].map { Coordinate(lon: $0.0, lat: $0.1) }
        #expect(RingSimplicity.crossing(in: square) == nil)
        // Two squares touching at one vertex, drawn as one ring: not a crossing.
        let touching = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 2.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
            .map { Coordinate(lon: $0.0, lat: $0.1) }
        #expect(RingSimplicity.crossing(in: touching) == nil)
    }

    @Test("property: a random star-shaped ring is simple; swapping two far vertices makes it cross")
    func randomRings() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<200 {
            let n = Int(generator.next() % 400) + 8
            let ring = (0..<n).map { i -> Coordinate in
                let angle = Double(i) / Double(n) * 2 * .pi
                let radius = 0.5 + Double(generator.next() % 1000) / 2000
                return Coordinate(lon: 115 + radius * cos(angle), lat: 36 + radius * sin(angle))
            }
            #expect(RingSimplicity.crossing(in: ring) == nil)
            var crossed = ring
            crossed.swapAt(1, n / 2)
            #expect(RingSimplicity.crossing(in: crossed) != nil)
        }
    }

    @Test("the Shandong boundaries, converted from GCJ-02, have no crossing ring", .enabled(if: SharedData.available, "needs ../shared/data"))
    func realBoundaries() throws {
        var crossings: [String] = []
        try GeoJSONReader.forEach(path: SharedData.path("boundaries/vonng_fences_shandong_2018_gcj02.geojson"), crs: .gcj02) { feature in
            let polygons: [Polygon]
            switch feature.geometry {
            case let .polygon(p)?: polygons = [p]
            case let .multiPolygon(m)?: polygons = m.polygons
            default: polygons = []
            }
            for polygon in polygons {
                for ring in [polygon.outer] + polygon.holes where RingSimplicity.crossing(in: ring) != nil {
                    crossings.append(feature.properties["name"] ?? "?")
                }
            }
        }
        #expect(crossings.isEmpty, "\(crossings)")
    }
}

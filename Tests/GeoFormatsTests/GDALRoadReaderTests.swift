import DimingCore
import Foundation
@testable import GeoFormats
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Shapefile, GeoPackage and projected GeoJSON made by GDAL's own ogr2ogr from a GeoJSON fixture, read
/// back through ``GDALRoadReader`` (issue 16's acceptance: Chinese names intact, within 0.5 m).
@Suite("GDAL road files")
struct GDALRoadReaderTests {
    static let ogr2ogr = "/usr/bin/ogr2ogr"
    static let hasOgr2ogr = Tool.isInstalled(ogr2ogr)

    /// A 农村公路 layer as a county transport bureau's export has it (WGS-84 longitude/latitude).
    static let fixture = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"名称":"王庄路","技术等级":"三级公路","路线编码":"X012371521","路面宽度":6.5,"路面类型":"沥青混凝土"},
         "geometry":{"type":"LineString","coordinates":[[115.80,36.10],[115.81,36.11],[115.8234567,36.1156789]]}},
        {"type":"Feature","properties":{"技术等级":"四级公路","路线编码":"C001371521","路面宽度":4.5,"路面类型":"水泥混凝土"},
         "geometry":{"type":"LineString","coordinates":[[115.83,36.12],[115.84,36.13]]}},
        {"type":"Feature","properties":{"名称":"李家胡同","技术等级":"等外公路","路面类型":"砂石"},
         "geometry":{"type":"MultiLineString","coordinates":[[[115.85,36.14],[115.86,36.141]],[[115.86,36.141],[115.87,36.145]]]}},
        {"type":"Feature","properties":{"名称":"赵村村委会"},"geometry":{"type":"Point","coordinates":[115.9,36.2]}}
        ]}
        """

    static func source() throws -> [GeoJSONFeature] { try GeoJSONReader.read(data: Data(fixture.utf8), name: "fixture") }

    /// Runs ogr2ogr, failing the test with its output when it fails.
    static func convert(_ arguments: [String]) throws {
        let (status, output) = try Tool.run(ogr2ogr, arguments, mergeErrors: true)
        try #require(status == 0, "ogr2ogr \(arguments.joined(separator: " ")): \(output)")
    }

    static func read(_ path: String, driver: GDALRoadReader.Driver, crs: SourceCRS = .builtin(.wgs84), encoding: String? = nil) throws
        -> (GDALRoadReader, [RoadFeature]) {
        let reader = GDALRoadReader(path: path, driver: driver, crs: crs, encoding: encoding)
        var features: [RoadFeature] = []
        try reader.read { features.append($0) }
        return (reader, features)
    }

    /// The read features match the fixture: names and attributes intact, every point within 0.5 m.
    static func expectRoundTrip(_ features: [RoadFeature]) throws {
        let lines = try source().compactMap { feature -> (String?, [LineString])? in
            switch feature.geometry {
            case let .lineString(line)?: (feature.properties["名称"], [line])
            case let .multiLineString(parts)?: (feature.properties["名称"], parts)
            default: nil
            }
        }
        try #require(features.count == lines.count)
        #expect(features.map { $0.tags["名称"] } == lines.map(\.0))
        #expect(features[0].tags["技术等级"] == "三级公路" && features[0].tags["路面类型"] == "沥青混凝土")
        #expect(features[2].tags["路面类型"] == "砂石")
        for (feature, expected) in zip(features, lines) {
            try #require(feature.lines.count == expected.1.count)
            for (line, original) in zip(feature.lines, expected.1) {
                try #require(line.points.count == original.points.count)
                for (point, source) in zip(line.points, original.points) {
                    #expect(Geodesy.distance(point, source) < 0.5, "\(point) vs \(source)")
                }
            }
        }
    }

    @Test("a Shapefile with a GBK .dbf and a projected CGCS2000 .prj reads with Chinese names intact, within 0.5 m",
          .enabled(if: hasOgr2ogr, "needs ogr2ogr (gdal-bin)"))
    func shapefileGBK() throws {
        let folder = try TemporaryDirectory()
        let geojson = try folder.write("roads.geojson", Self.fixture)
        let shp = folder.path("roads.shp")
        try Self.convert(["-f", "ESRI Shapefile", "-t_srs", "EPSG:4527", "-lco", "ENCODING=GBK", "-where", "OGR_GEOMETRY <> 'POINT'", shp, geojson])
        // The .dbf really holds GBK: 王 is CD F5.
        let dbf = try Data(contentsOf: URL(fileURLWithPath: folder.path("roads.dbf")))
        #expect(dbf.range(of: Data([0xCD, 0xF5])) != nil)
        let (reader, features) = try Self.read(shp, driver: .shapefile)
        #expect(reader.systems.first?.contains("EPSG:4527") == true)
        try Self.expectRoundTrip(features)

        // Without its .cpg (as many exports arrive), the GBK text is still recognised.
        try FileManager.default.removeItem(atPath: folder.path("roads.cpg"))
        try Self.expectRoundTrip(try Self.read(shp, driver: .shapefile).1)
        // And a wrong .prj is overridden by --crs: without the .prj, the error names the system to give.
        try FileManager.default.removeItem(atPath: folder.path("roads.prj"))
        let error = #expect(throws: InputError.self) { try Self.read(shp, driver: .shapefile) }
        #expect(error?.description.contains("look projected") == true)
        #expect(error?.description.contains("EPSG:4527") == true)
        try Self.expectRoundTrip(try Self.read(shp, driver: .shapefile, crs: .epsg(4527)).1)
    }

    @Test("the same in GeoPackage and File Geodatabase, and in a projected GeoJSON with a crs member",
          .enabled(if: hasOgr2ogr, "needs ogr2ogr (gdal-bin)"))
    func geopackageAndProjectedGeoJSON() throws {
        let folder = try TemporaryDirectory()
        let geojson = try folder.write("roads.geojson", Self.fixture)
        let gpkg = folder.path("roads.gpkg")
        try Self.convert(["-f", "GPKG", "-t_srs", "EPSG:4527", gpkg, geojson])
        try Self.expectRoundTrip(try Self.read(gpkg, driver: .geopackage).1)
        // File Geodatabase (a folder), as GDAL 3.6 writes it with OpenFileGDB.
        let gdb = folder.path("roads.gdb")
        try Self.convert(["-f", "OpenFileGDB", "-t_srs", "EPSG:4527", "-nlt", "MULTILINESTRING", "-where", "OGR_GEOMETRY <> 'POINT'", gdb, geojson])
        #expect(try RoadSource.format(of: gdb + "/") == .filegdb)
        try Self.expectRoundTrip(try Self.read(gdb, driver: .fileGeodatabase).1)

        // Projected CGCS2000 GeoJSON (ogr2ogr writes the crs member): read through GDAL by RoadSource.
        let projected = folder.path("projected.geojson")
        try Self.convert(["-f", "GeoJSON", "-t_srs", "EPSG:4527", projected, geojson])
        #expect(try GeoJSONReader.declaredSystem(path: projected) == .epsg(4527))
        var features: [RoadFeature] = []
        let summary = try RoadSource.forEach(path: projected, system: .builtin(.wgs84), classKeys: []) { features.append($0) }
        #expect(summary.skipped["not a line"] == 1)
        try Self.expectRoundTrip(features)

        // The same numbers with the crs member removed: the error says what is wrong with the coordinate system.
        let text = try String(contentsOfFile: projected, encoding: .utf8)
        let stripped = text.replacingOccurrences(of: #""crs": \{[^}]*\}[^}]*\},"#, with: "", options: .regularExpression)
        #expect(!stripped.contains("\"crs\""))
        let bare = try folder.write("bare.geojson", stripped)
        let error = #expect(throws: InputError.self) { try RoadSource.forEach(path: bare, system: .builtin(.wgs84), classKeys: []) { _ in } }
        #expect(error?.description.contains("looks projected") == true && error?.description.contains("--crs EPSG:") == true)
        features.removeAll()
        _ = try RoadSource.forEach(path: bare, system: .epsg(4527), classKeys: []) { features.append($0) }
        try Self.expectRoundTrip(features)
    }

    @Test("a feature GDAL reads but Diming refuses fails the file, or is set aside with its reason under skipFailures",
          .enabled(if: hasOgr2ogr, "needs ogr2ogr (gdal-bin)"))
    func failuresSetAside() throws {
        let folder = try TemporaryDirectory()
        let gpkg = folder.path("roads.gpkg")
        try Self.convert(["-f", "GPKG", gpkg, try folder.write("roads.geojson", Self.fixture)])
        var limits = InputLimits()
        limits.maxStringBytes = 12 // 沥青混凝土 and 水泥混凝土 (15 bytes in UTF-8) pass it; 李家胡同 and 砂石 do not
        let strict = GDALRoadReader(path: gpkg, driver: .geopackage, limits: limits)
        let error = #expect(throws: InputError.self) { try strict.read { _ in } }
        #expect(error?.description.contains("maxStringBytes") == true)
        let lenient = GDALRoadReader(path: gpkg, driver: .geopackage, limits: limits, skipFailures: true)
        var read = 0
        try lenient.read { _ in read += 1 }
        #expect(read + lenient.failures.count == 3 && !lenient.failures.isEmpty)
        #expect(lenient.failures.allSatisfy { $0.reason.contains("maxStringBytes") })
    }

    @Test("a Shapefile whose .dbf is a FIFO or a folder is refused at once, naming it")
    func companionsMustBeFiles() throws {
        let folder = try TemporaryDirectory()
        try Data([0, 0, 39, 10]).write(to: URL(fileURLWithPath: folder.path("roads.shp")))
        #expect(mkfifo(folder.path("roads.dbf"), 0o600) == 0)
        let error = #expect(throws: InputError.self) { try GDALRoadReader(path: folder.path("roads.shp"), driver: .shapefile).read { _ in } }
        #expect(error?.description.contains("roads.dbf") == true && error?.description.contains("not a regular file") == true)
    }

    @Test("Xi'an 80 and Beijing 54 Gauss–Krüger systems are read; a system on another datum is refused by name")
    func datums() throws {
        #expect(throws: Never.self) { try CRSTransform(epsg: 2362, origin: "--crs") } // Xian 1980 / 3-degree GK zone 39
        #expect(throws: Never.self) { try CRSTransform(epsg: 2436, origin: "--crs") } // Beijing 1954 / 3-degree GK CM 117E
        #expect(throws: Never.self) { try CRSTransform(epsg: 32650, origin: "--crs") } // WGS 84 / UTM 50N
        let error = #expect(throws: InputError.self) { try CRSTransform(epsg: 27700, origin: "--crs") } // British National Grid
        #expect(error?.description.contains("CGCS2000") == true)
        #expect(throws: InputError.self) { try CRSTransform(epsg: 999_999, origin: "--crs") }
    }

    @Test("EPSG:4527 (transverse Mercator, central meridian 117°E): random points mirror about the meridian, and the meridian maps to 117°E")
    func transverseMercatorProperty() throws {
        let transform = try CRSTransform(epsg: 4527, origin: "test")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let offset = Double.random(in: 1...150_000, using: &generator)
            let northing = Double.random(in: 3_800_000...4_300_000, using: &generator)
            var x = [39_500_000 + offset, 39_500_000 - offset, 39_500_000], y = [northing, northing, northing]
            try #require(transform.toWGS84(x: &x, y: &y))
            #expect(abs((x[0] - 117) + (x[1] - 117)) < 1e-9, "east and west mirror: \(x)")
            #expect(abs(y[0] - y[1]) < 1e-9)
            #expect(abs(x[2] - 117) < 1e-9 && y[2] > y[0], "the meridian: \(x[2]); latitude is highest on it")
        }
    }
}

import Foundation
import ZIPFoundation

/// The hostile-input corpus of issue 18, generated (nothing large is committed): files that
/// exhaust memory or time, that hang a naive reader, and that a careless importer would accept
/// silently. Each case says which import it feeds, and a phrase the error must contain.
public enum HostileFiles {
    /// Which `diming` import reads the file.
    public enum Importer: String, Sendable {
        case roads, boundaries, divisions, pois

        /// The command line that imports `path` (the registry is added by the caller).
        public func arguments(_ path: String) -> [String] {
            switch self {
            case .roads: ["roads", "import", path]
            case .boundaries: ["divisions", "boundaries", path]
            case .divisions: ["divisions", "import", path]
            case .pois: ["pois", "import", path, "--county", HostileFiles.demoCounty]
            }
        }
    }

    public struct Case: Sendable {
        public var name: String
        public var importer: Importer
        public var path: String
        public var expected: String
    }

    /// The demo registry's county (`diming demo`), and a point and code inside it.
    public static let demoCounty = "379901"
    public static let demoTown = "379901001000"
    public static let inside = (lon: 115.95, lat: 36.35)

    static let osmHeader = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n"

    /// Writes the corpus into `directory`. `bigMB` sizes the files meant to exhaust memory.
    public static func write(to directory: TemporaryDirectory, bigMB: Int = 24) throws -> [Case] {
        var cases: [Case] = []
        func add(_ name: String, _ importer: Importer, _ expected: String, _ content: String) throws {
            cases.append(Case(name: name, importer: importer, path: try directory.write(name, content), expected: expected))
        }
        let (lon, lat) = inside
        let feature = { (properties: String, geometry: String) in
            #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{\#(properties)},"geometry":\#(geometry)}]}"#
        }
        let line = #"{"type":"LineString","coordinates":[[\#(lon),\#(lat)],[\#(lon + 0.01),\#(lat + 0.01)]]}"#

        // Resource bombs.
        let kmz = directory.path("bomb.kmz")
        try deflated(prefix: "<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>", filler: UInt8(ascii: " "),
                     megabytes: 256, entry: "doc.kml", at: kmz)
        cases.append(Case(name: "bomb.kmz", importer: .roads, path: kmz, expected: "maxInflationRatio"))
        let gz = directory.path("bomb.osm.gz")
        try Tool.python(["-c", "import gzip,sys\nf=gzip.open(sys.argv[1],'wb',9)\nf.write(b'<osm version=\"0.6\">')\nfor _ in range(256): f.write(b' '*(1<<20))\nf.close()", gz])
        cases.append(Case(name: "bomb.osm.gz", importer: .roads, path: gz, expected: "maxInflationRatio"))
        let hugeLine = directory.path("huge-line.geojson")
        try repeated(prefix: #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":"379901"},"geometry":{"type":"Polygon","coordinates":[["#,
                     unit: "[\(lon),\(lat)],", suffix: "[\(lon),\(lat)]]]}}]}", megabytes: bigMB, at: hugeLine)
        cases.append(Case(name: "huge-line.geojson (boundaries)", importer: .boundaries, path: hugeLine, expected: "maxFeatureBytes"))
        let hugeRoad = directory.path("huge-road.geojson")
        try repeated(prefix: #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":"track"},"geometry":{"type":"LineString","coordinates":["#,
                     unit: "[\(lon),\(lat)],", suffix: "[\(lon),\(lat)]]}}]}", megabytes: bigMB, at: hugeRoad)
        cases.append(Case(name: "huge-road.geojson", importer: .roads, path: hugeRoad, expected: "maxFeatureBytes"))
        try add("huge-string.geojson", .roads, "maxStringBytes",
                feature(#""highway":"track","name":""# + String(repeating: "路", count: 1 << 20) + #"""#, line))
        try add("deep.geojson", .roads, "maxDepth", #"{"type":"FeatureCollection","features":["# + String(repeating: "[", count: 100_000)
            + String(repeating: "]", count: 100_000) + "]}")
        try add("deep.osm", .roads, "maxDepth", osmHeader + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000) + "</osm>\n")
        try add("long-attribute.osm", .roads, "maxStringBytes",
                osmHeader + "<node id=\"1\" lat=\"36\" lon=\"115\"><tag k=\"note\" v=\"" + String(repeating: "x", count: 2 << 20) + "\"/></node></osm>\n")

        // Inputs that hang a reader that opens whatever it is given.
        let fifo = directory.path("fifo.osm")
        guard mkfifo(fifo, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        cases.append(Case(name: "fifo.osm", importer: .roads, path: fifo, expected: "not a regular file"))
        let folder = directory.path("folder.kmz")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cases.append(Case(name: "folder.kmz", importer: .roads, path: folder, expected: "not a regular file"))
        let device = directory.path("device.gpx")
        try FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/zero")
        cases.append(Case(name: "device.gpx", importer: .roads, path: device, expected: "not a regular file"))
        let fifoCSV = directory.path("fifo.csv")
        guard mkfifo(fifoCSV, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        cases.append(Case(name: "fifo.csv", importer: .divisions, path: fifoCSV, expected: "not a regular file"))

        // Silent acceptance.
        try add("missing-node.osm", .roads, "not in the file", osmHeader + """
            <node id="1" lat="\(lat)" lon="\(lon)"/><node id="2" lat="\(lat + 0.01)" lon="\(lon + 0.01)"/>
            <way id="7"><nd ref="1"/><nd ref="99"/><nd ref="2"/><tag k="highway" v="track"/></way></osm>
            """)
        try add("boolean-coordinates.geojson", .roads, "array of numbers",
                feature(#""highway":"track""#, #"{"type":"LineString","coordinates":[[true,false],[\#(lon),\#(lat)]]}"#))
        try add("string-coordinates.geojson", .roads, "array of numbers",
                feature(#""highway":"track""#, #"{"type":"LineString","coordinates":[["\#(lon)","\#(lat)"],[\#(lon),\#(lat)]]}"#))
        try add("nul-road-name.geojson", .roads, "control character", feature(#""highway":"track","name":"幸福\u0000路""#, line))
        try add("empty.geojson", .roads, "no road segments", #"{"type":"FeatureCollection","features":[]}"#)
        let divisionHeader = "code,name,level,level_num,parent_code\n"
        try add("nul-name.csv", .divisions, "control character", divisionHeader + "\(demoTown),城关\u{0}镇,town,4,379901000000\n")
        try add("long-name.csv", .divisions, "maxNameCharacters", divisionHeader + "\(demoTown),\(String(repeating: "镇", count: 300)),town,4,379901000000\n")
        try add("megabyte-name.csv", .divisions, "maxLineBytes", divisionHeader + "\(demoTown),\(String(repeating: "镇", count: 1 << 20)),town,4,379901000000\n")
        try add("empty.csv", .divisions, "no rows", divisionHeader)
        try add("bowtie.geojson", .boundaries, "crosses itself", feature(#""adcode":"\#(demoCounty)","name":"冠县""#,
            #"{"type":"Polygon","coordinates":[[[115.0,36.0],[116.0,37.0],[116.0,36.0],[115.0,37.0],[115.0,36.0]]]}"#))
        try add("unknown-code.geojson", .boundaries, "not in the registry", feature(#""adcode":"659999","name":"无此县""#,
            #"{"type":"Polygon","coordinates":[[[115.0,36.0],[116.0,36.0],[116.0,37.0],[115.0,37.0],[115.0,36.0]]]}"#))
        try add("empty-multipolygon.geojson", .boundaries, "empty MultiPolygon",
                feature(#""adcode":"\#(demoCounty)""#, #"{"type":"MultiPolygon","coordinates":[]}"#))
        try add("duplicate-code.geojson", .boundaries, "appears twice", #"{"type":"FeatureCollection","features":["#
            + Array(repeating: #"{"type":"Feature","properties":{"adcode":"\#(demoCounty)"},"geometry":{"type":"Polygon","coordinates":[[[115.0,36.0],[116.0,36.0],[116.0,37.0],[115.0,37.0],[115.0,36.0]]]}}"#, count: 2).joined(separator: ",") + "]}")
        try add("nul-poi.csv", .pois, "control character", "名称,类别,经度,纬度\n李家\u{0}采摘园,采摘园,\(lon),\(lat)\n")
        try add("long-poi.csv", .pois, "maxNameCharacters", "名称,类别,经度,纬度\n\(String(repeating: "园", count: 500)),采摘园,\(lon),\(lat)\n")
        try add("empty-poi.csv", .pois, "no POIs", "名称,类别,经度,纬度\n")
        // A Big5 table (Taiwan, Hong Kong) is refused, not decoded as GB18030 and stored garbled.
        let big5 = directory.path("big5-poi.csv")
        let big5Text = "名稱,類別,經度,緯度\n李家採摘園,採摘園,\(lon),\(lat)\n王莊農家樂,農家樂,\(lon),\(lat)\n"
        FileManager.default.createFile(atPath: big5, contents: big5Text.data(using: String.Encoding(rawValue: 0x8000_0A03)))
        cases.append(Case(name: "big5-poi.csv", importer: .pois, path: big5, expected: "BIG5"))
        // The demo county has a boundary: a file may not replace it without --replace.
        try add("replacing-boundary.geojson", .boundaries, "already has a boundary", feature(#""adcode":"\#(demoCounty)","name":"示范县""#,
            #"{"type":"Polygon","coordinates":[[[115.0,36.0],[116.0,36.0],[116.0,37.0],[115.0,37.0],[115.0,36.0]]]}"#))
        return cases
    }

    /// A ZIP whose one entry is `prefix` then `megabytes` MB of `filler` (deflated about 1,000 times).
    public static func deflated(prefix: String, filler: UInt8, megabytes: Int, entry: String, at path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let head = Data(prefix.utf8)
        let total = Int64(head.count + megabytes << 20)
        let block = Data(repeating: filler, count: 1 << 20)
        try archive.addEntry(with: entry, type: .file, uncompressedSize: total, compressionMethod: .deflate, bufferSize: 1 << 20) { position, size in
            var chunk = Data()
            var at = Int(position)
            while chunk.count < size {
                if at < head.count {
                    let piece = head.subdata(in: at..<min(head.count, at + size - chunk.count))
                    chunk.append(piece)
                    at += piece.count
                } else {
                    let piece = min(size - chunk.count, block.count)
                    chunk.append(block.prefix(piece))
                    at += piece
                }
            }
            return chunk
        }
    }

    /// `prefix`, `unit` repeated to about `megabytes` MB, then `suffix`, written in pieces.
    public static func repeated(prefix: String, unit: String, suffix: String, megabytes: Int, at path: String) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(prefix.utf8))
        let block = Data(String(repeating: unit, count: (1 << 20) / unit.utf8.count).utf8)
        for _ in 0..<megabytes { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data(suffix.utf8))
    }
}

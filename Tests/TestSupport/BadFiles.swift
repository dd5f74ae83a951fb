import Foundation
import ZIPFoundation

/// Files that must be rejected with a clear error: each one's name, its content, and a phrase the
/// error must contain.
public enum BadFiles {
    public static let osmHeader = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n"

    public static let cases: [(name: String, content: String, expected: String)] = [
        ("truncated.osm", osmHeader + "<node id=\"1\" lat=\"36.1\" lon=\"115.8\"/>\n<node id=\"2\" lat=\"36.2\" lon=\"115.9\"/>\n<way id=\"5\">\n<nd ref=\"1\"/>\n<nd re", "malformed XML"),
        ("bomb.osm", """
            <?xml version="1.0"?>
            <!DOCTYPE osm [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            ]>
            <osm version="0.6"><node id="1" lat="36" lon="115"><tag k="x" v="&c;"/></node></osm>
            """, "entity"),
        ("xxe.osm", """
            <?xml version="1.0"?>
            <!DOCTYPE osm [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <osm version="0.6"><way id="1"><tag k="name" v="&secret;"/></way></osm>
            """, "entity"),
        ("nan.osm", osmHeader + "<node id=\"1\" lat=\"NaN\" lon=\"115.8\"/>\n</osm>\n", "invalid coordinates"),
        ("lat.osm", osmHeader + "<node id=\"1\" lat=\"36.1\" lon=\"115.8\"/>\n<node id=\"2\" lat=\"91.5\" lon=\"115.8\"/>\n</osm>\n", "invalid coordinates"),
        ("empty-way.osm", osmHeader + "<way id=\"9\"><tag k=\"highway\" v=\"track\"/></way>\n</osm>\n", "empty geometry"),
        ("empty.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":"track"},"geometry":{"type":"LineString","coordinates":[]}}]}"#, "features[1]"),
        ("empty.kml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>路</name><LineString><coordinates></coordinates></LineString></Placemark></Document></kml>
            """, "empty geometry"),
        ("empty.gpx", """
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>t</name><trkseg></trkseg></trk></gpx>
            """, "empty geometry"),
        ("not-osm.osm", "<?xml version=\"1.0\"?><html></html>", "not an OSM"),
    ]

    /// Writes every case into `directory`, plus `nokml.kmz` (a ZIP without a KML document).
    public static func write(to directory: TemporaryDirectory) throws -> [(path: String, expected: String)] {
        var result = try cases.map { (try directory.write($0.name, $0.content), $0.expected) }
        let kmz = directory.path("nokml.kmz")
        let archive = try Archive(url: URL(fileURLWithPath: kmz), accessMode: .create)
        let readme = Data("no KML here".utf8)
        try archive.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(readme.count)) { position, size in
            readme.subdata(in: Int(position)..<Int(position) + size)
        }
        result.append((kmz, "no KML"))
        return result
    }

    /// A KMZ holding `kml` as doc.kml.
    public static func kmz(_ kml: String, at path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let data = Data(kml.utf8)
        try archive.addEntry(with: "doc.kml", type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

import DimingCore
import Foundation

/// Writes KML 2.2 documents of placemarks (points and lines, WGS-84) with extended data.
public enum KMLWriter {
    public struct Placemark {
        public var name: String
        public var data: [(String, String)]
        public var point: Coordinate?
        public var line: LineString?

        public init(name: String, data: [(String, String)], point: Coordinate? = nil, line: LineString? = nil) {
            self.name = name
            self.data = data
            self.point = point
            self.line = line
        }
    }

    public static func document(name: String, placemarks: [Placemark], decimals: Int = 7) -> String {
        let e = XMLText.escape
        func c(_ p: Coordinate) -> String { String(format: "%.\(decimals)f,%.\(decimals)f,0", p.lon, p.lat) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n<name>\(e(name))</name>\n"
        for placemark in placemarks {
            out += "<Placemark>\n<name>\(e(placemark.name))</name>\n<ExtendedData>"
            for (key, value) in placemark.data { out += "<Data name=\"\(e(key))\"><value>\(e(value))</value></Data>" }
            out += "</ExtendedData>\n"
            if let point = placemark.point { out += "<Point><coordinates>\(c(point))</coordinates></Point>\n" }
            if let line = placemark.line { out += "<LineString><coordinates>\(line.points.map(c).joined(separator: " "))</coordinates></LineString>\n" }
            out += "</Placemark>\n"
        }
        return out + "</Document>\n</kml>\n"
    }
}

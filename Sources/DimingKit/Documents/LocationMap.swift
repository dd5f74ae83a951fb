import DimingCore
import Foundation
import GeoFormats

/// The location map (位置示意图) of a document's roads, drawn from the registry as inline SVG: the
/// roads of the document in red with their names, the other roads around them in grey, a north
/// arrow and a scale bar. Longitude is scaled by the cosine of the latitude, so shapes keep their form.
enum LocationMap {
    static func svg(roads: [(name: String, line: LineString)], context: [LineString], width: Double = 170, height: Double = 100) -> String? {
        let points = roads.flatMap(\.line.points)
        guard let first = points.first else { return nil }
        var minLon = first.lon, maxLon = first.lon, minLat = first.lat, maxLat = first.lat
        for p in points {
            minLon = min(minLon, p.lon); maxLon = max(maxLon, p.lon); minLat = min(minLat, p.lat); maxLat = max(maxLat, p.lat)
        }
        let k = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * k, 0.002), spanY = max(maxLat - minLat, 0.002)
        let margin = 8.0
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        let cx = (minLon + maxLon) / 2, cy = (minLat + maxLat) / 2
        func xy(_ c: Coordinate) -> (Double, Double) {
            (width / 2 + (c.lon - cx) * k * scale, height / 2 - (c.lat - cy) * scale)
        }
        func path(_ line: LineString) -> String {
            line.points.enumerated().map { i, c in
                let (x, y) = xy(c)
                return (i == 0 ? "M" : "L") + String(format: "%.2f %.2f", x, y)
            }.joined(separator: " ")
        }
        let e = XMLText.escape
        var body = context.map { "<path d=\"\(path($0))\" stroke=\"#999\" stroke-width=\"0.5\" fill=\"none\"/>" }
        for road in roads {
            body.append("<path d=\"\(path(road.line))\" stroke=\"#c00\" stroke-width=\"1.4\" fill=\"none\"/>")
        }
        for road in roads where !road.line.points.isEmpty {
            let (x, y) = xy(road.line.points[road.line.points.count / 2])
            body.append(String(format: "<text x=\"%.2f\" y=\"%.2f\" font-size=\"3.2\" fill=\"#900\">", x + 1, y - 1) + e(road.name) + "</text>")
        }
        // Scale bar: a round length near a fifth of the width, in metres (1° of latitude ≈ 111,320 m).
        let metresPerUnit = 111_320 / scale
        let target = width / 5 * metresPerUnit
        let bar = [50.0, 100, 200, 500, 1000, 2000, 5000, 10000, 20000].last { $0 <= target } ?? 50
        let barLength = bar / metresPerUnit
        body.append(String(format: "<path d=\"M6 %.2f h%.2f\" stroke=\"#000\" stroke-width=\"0.6\"/>", height - 5, barLength))
        body.append(String(format: "<text x=\"6\" y=\"%.2f\" font-size=\"3\">%@</text>", height - 6.5, bar >= 1000 ? "\(Int(bar / 1000)) 千米" : "\(Int(bar)) 米"))
        body.append(String(format: "<path d=\"M%.2f 12 l3 -8 l3 8 l-3 -2 z\" fill=\"#000\"/><text x=\"%.2f\" y=\"16.5\" font-size=\"3.5\">北</text>", width - 10, width - 8.8))
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))mm" height="\(Int(height))mm" \
            font-family="WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif"><rect x="0.3" y="0.3" width="\(width - 0.6)" height="\(height - 0.6)" fill="#fff" stroke="#333" stroke-width="0.3"/>
            \(body.joined(separator: "\n"))
            </svg>
            """
    }
}

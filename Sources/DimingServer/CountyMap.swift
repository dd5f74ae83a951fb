import DimingCore
import DimingKit
import Foundation

/// The county map drawn from the registry's own geometry: roads coloured by status, villages, signs.
/// It holds plain values; the `map` template draws the SVG, so every name and label is escaped there.
struct CountyMap: Sendable {
    struct Line: Sendable {
        var id: String
        var points: String
        var colour: String
        var width: Int
        var label: String
    }

    struct Mark: Sendable {
        var x: String
        var y: String
        var label: String
    }

    var county: String
    var viewBox: String
    var roads: [Line] = []
    var villages: [Mark] = []
    var signs: [Mark] = []
    /// Nothing to draw: no road and no village.
    var empty: Bool { roads.isEmpty && villages.isEmpty }

    /// Projects the county's map report onto the SVG's plane (east to the right, north up).
    init(_ report: CountyMapReport) {
        county = report.county
        guard let box = BoundingBox(covering: report.roads.flatMap(\.line.points) + report.villages.map(\.position)) else {
            viewBox = "0 0 100 100"
            return
        }
        let scale = 1000 / max(box.maxLon - box.minLon, 1e-6), latScale = scale * 1.2
        func x(_ p: Coordinate) -> String { String(format: "%.1f", (p.lon - box.minLon) * scale) }
        func y(_ p: Coordinate) -> String { String(format: "%.1f", (box.maxLat - p.lat) * latScale) }
        viewBox = String(format: "-20 -20 1040 %.0f", (box.maxLat - box.minLat) * latScale + 40)
        let colours: [CountyMapReport.RoadStatus: String] = [.inProcedure: "#e69500", .standard: "#1a8f3c", .unnamed: "#d33", .named: "#456"]
        roads = report.roads.map { road in
            Line(id: road.id.description, points: road.line.points.map { x($0) + "," + y($0) }.joined(separator: " "),
                 colour: colours[road.status] ?? "#456", width: road.status == .unnamed ? 2 : 3, label: road.label)
        }
        villages = report.villages.map { Mark(x: x($0.position), y: y($0.position), label: $0.label) }
        signs = report.signs.map { Mark(x: x($0.position), y: y($0.position), label: $0.label) }
    }

    /// The `map` template's values.
    var values: [String: Any] {
        ["county": county, "viewBox": viewBox, "empty": empty,
         "roads": roads.map { ["id": $0.id, "points": $0.points, "colour": $0.colour, "width": $0.width, "label": $0.label] as [String: Any] },
         "villages": villages.map { ["x": $0.x, "y": $0.y, "label": $0.label] },
         "signs": signs.map { ["x": $0.x, "y": $0.y, "label": $0.label] }]
    }
}

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

    /// Reads the map; blocks on the registry, so the handler calls it through ``blocking(_:)``.
    static func load(_ registry: any RegistryStore) throws -> CountyMap {
        try registry.read { db in
            let roads = try db.roads.list(RoadFilter())
            let villages = try db.divisions.list(parent: nil, level: .village).filter { $0.point != nil }
            let signs = try db.signs.list()
            let inProcedure = Set(try db.cases.list().filter { !$0.state.isFinal }.compactMap(\.roadID))
            let county = try db.divisions.list(parent: nil, level: .county).first?.name ?? ""
            guard let box = BoundingBox(covering: roads.flatMap(\.geometry.points) + villages.compactMap(\.point)) else {
                return CountyMap(county: county, viewBox: "0 0 100 100")
            }
            let scale = 1000 / max(box.maxLon - box.minLon, 1e-6), latScale = scale * 1.2
            func x(_ p: Coordinate) -> String { String(format: "%.1f", (p.lon - box.minLon) * scale) }
            func y(_ p: Coordinate) -> String { String(format: "%.1f", (box.maxLat - p.lat) * latScale) }
            var map = CountyMap(county: county, viewBox: String(format: "-20 -20 1040 %.0f", (box.maxLat - box.minLat) * latScale + 40))
            let standard = Set(try db.names.current(in: box).filter { $0.status == .standard }.compactMap(\.roadID))
            map.roads = roads.map { road in
                let standard = standard.contains(road.id)
                let colour = inProcedure.contains(road.id) ? "#e69500" : standard ? "#1a8f3c" : road.name == nil ? "#d33" : "#456"
                return Line(id: road.id.description, points: road.geometry.points.map { x($0) + "," + y($0) }.joined(separator: " "),
                            colour: colour, width: road.name == nil ? 2 : 3, label: road.name ?? road.workingName ?? road.id.description)
            }
            map.villages = villages.map { Mark(x: x($0.point!), y: y($0.point!), label: $0.shortName) }
            map.signs = signs.map { Mark(x: x($0.position), y: y($0.position), label: $0.code + " " + $0.text) }
            return map
        }
    }

    /// The `map` template's values.
    var values: [String: Any] {
        ["county": county, "viewBox": viewBox, "empty": empty,
         "roads": roads.map { ["id": $0.id, "points": $0.points, "colour": $0.colour, "width": $0.width, "label": $0.label] as [String: Any] },
         "villages": villages.map { ["x": $0.x, "y": $0.y, "label": $0.label] },
         "signs": signs.map { ["x": $0.x, "y": $0.y, "label": $0.label] }]
    }
}

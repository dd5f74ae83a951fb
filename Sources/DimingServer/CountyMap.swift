import DimingCore
import DimingKit
import Foundation
import GeoFormats

/// The county map drawn from the registry's own geometry: roads coloured by status, villages, signs.
struct CountyMap {
    let services: ServerServices

    func render() throws -> (county: String, svg: String) {
        try services.registry.read { db in
            let roads = try db.roads.list(RoadFilter())
            let villages = try db.divisions.list(parent: nil, level: .village).filter { $0.point != nil }
            let signs = try db.signs.list()
            let inProcedure = Set(try db.cases.list().filter { !$0.state.isFinal }.compactMap(\.roadID))
            let county = try db.divisions.list(parent: nil, level: .county).first?.name ?? ""
            guard let box = BoundingBox(covering: roads.flatMap(\.geometry.points) + villages.compactMap(\.point)) else {
                return (county, "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><text x=\"10\" y=\"50\">尚无道路</text></svg>")
            }
            let scale = 1000 / max(box.maxLon - box.minLon, 1e-6), latScale = scale * 1.2
            func xy(_ p: Coordinate) -> String { String(format: "%.1f,%.1f", (p.lon - box.minLon) * scale, (box.maxLat - p.lat) * latScale) }
            let height = (box.maxLat - box.minLat) * latScale
            var svg = String(format: "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-20 -20 1040 %.0f\">", height + 40)
            for road in roads {
                let standard = try db.names.standardName(road: road.id) != nil
                let colour = inProcedure.contains(road.id) ? "#e69500" : standard ? "#1a8f3c" : road.name == nil ? "#d33" : "#456"
                let label = XMLText.escape(road.name ?? road.workingName ?? road.id.description)
                svg += "<a href=\"/roads/\(road.id)\"><polyline points=\"\(road.geometry.points.map(xy).joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(road.name == nil ? 2 : 3)\"><title>\(label)</title></polyline></a>"
            }
            for village in villages {
                let p = xy(village.point!).split(separator: ",")
                svg += "<circle cx=\"\(p[0])\" cy=\"\(p[1])\" r=\"3\" fill=\"#333\"><title>\(XMLText.escape(village.shortName))</title></circle>"
            }
            for sign in signs {
                let p = xy(sign.position).split(separator: ",")
                svg += "<rect x=\"\(p[0])\" y=\"\(p[1])\" width=\"5\" height=\"5\" fill=\"#1d4f9c\" transform=\"rotate(45 \(p[0]) \(p[1]))\"><title>\(XMLText.escape(sign.code + " " + sign.text))</title></rect>"
            }
            return (county, svg + "</svg>")
        }
    }
}

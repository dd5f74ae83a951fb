import DimingCore
import Foundation

/// A GeoJSON geometry (WGS-84 longitude, latitude), as the web map draws it.
public enum MapGeometry: Sendable, Encodable {
    case point(Coordinate)
    case line([Coordinate])
    case polygons([[[Coordinate]]])

    private enum Keys: String, CodingKey { case type, coordinates }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        // Six decimals: about 0.1 m, plenty for a map, and a third smaller than full precision.
        func pair(_ c: Coordinate) -> [Double] { [(c.lon * 1e6).rounded() / 1e6, (c.lat * 1e6).rounded() / 1e6] }
        switch self {
        case .point(let c):
            try container.encode("Point", forKey: .type)
            try container.encode(pair(c), forKey: .coordinates)
        case .line(let points):
            try container.encode("LineString", forKey: .type)
            try container.encode(points.map(pair), forKey: .coordinates)
        case .polygons(let polygons):
            try container.encode("MultiPolygon", forKey: .type)
            try container.encode(polygons.map { $0.map { $0.map(pair) } }, forKey: .coordinates)
        }
    }
}

/// One feature of a map layer: its geometry and what the map shows of it.
public struct MapFeature: Sendable, Encodable {
    public var type = "Feature"
    public var geometry: MapGeometry
    /// `layer` (boundary, village, road, sign, poi), `label`, and per layer `id`, `status`, `link`.
    public var properties: [String: String]
}

/// The web map's layers inside a bounding box (地图图层), from the spatial index, in the actor's
/// county: town boundaries with names, villages, roads coloured by status (unnamed, in procedure,
/// standard, other named), signs and accepted POIs. Filters by town and road status. At most
/// ``limit`` roads: a `truncated` answer tells the map to ask the user to zoom in.
public struct MapLayersReport: Sendable, Encodable {
    public var type = "FeatureCollection"
    public var features: [MapFeature]
    public var truncated: Bool

    public static let limit = 2500

    /// The map's road statuses, as the legend names them.
    public enum RoadStatus: String, CaseIterable, Sendable {
        case unnamed, inProcedure, standard, named
        public var chinese: String {
            switch self {
            case .unnamed: "无名路"
            case .inProcedure: "办理中"
            case .standard: "标准地名"
            case .named: "其他已命名"
            }
        }
    }

    public static func load(_ registry: any RegistryStore, actor: UserAccount, box: BoundingBox, town: DivisionCode? = nil,
                            statuses: Set<RoadStatus>? = nil) throws -> MapLayersReport {
        try Policy.require(actor, .viewRegistry, in: actor.ownScope)
        let county = actor.countyCode
        func mine(_ code: DivisionCode?) -> Bool {
            guard let code else { return county == nil }
            return (county.map { $0 == code || $0.isAncestor(of: code) } ?? true) && (town.map { $0 == code || $0.isAncestor(of: code) } ?? true)
        }
        return try registry.read { db in
            var features: [MapFeature] = []
            for boundary in try db.boundaries.all(level: .town) where mine(boundary.code) && (boundary.area.boundingBox?.intersects(box) ?? false) {
                features.append(MapFeature(geometry: .polygons(boundary.area.polygons.map { [$0.outer] + $0.holes }),
                                           properties: ["layer": "boundary", "label": boundary.name, "id": boundary.code.rawValue]))
            }
            let roads = try db.roads.list(in: box).filter { mine($0.townCode ?? $0.countyCode) }
            let open = Set(try db.cases.list().filter { !$0.state.isFinal }.compactMap(\.roadID))
            let standard = Set(try db.names.current(in: box).filter { $0.status == .standard }.compactMap(\.roadID))
            var shown = 0, truncated = false
            for road in roads {
                let status: RoadStatus = open.contains(road.id) ? .inProcedure : standard.contains(road.id) ? .standard : road.name == nil ? .unnamed : .named
                if let statuses, !statuses.contains(status) { continue }
                if shown == limit { truncated = true; break }
                shown += 1
                features.append(MapFeature(geometry: .line(road.geometry.points), properties: [
                    "layer": "road", "id": road.id.description, "status": status.rawValue, "label": road.name ?? road.workingName ?? road.id.description,
                    "link": "/roads/\(road.id)"]))
            }
            let villages = try county.map { try db.divisions.list(within: town ?? $0, level: .village) } ?? db.divisions.list(parent: nil, level: .village)
            for village in villages { if let point = village.point, box.contains(point) {
                features.append(MapFeature(geometry: .point(point), properties: ["layer": "village", "label": village.shortName, "id": village.code.rawValue]))
            } }
            for sign in try db.signs.list(SignFilter(county: county)) where box.contains(sign.position) {
                features.append(MapFeature(geometry: .point(sign.position), properties: [
                    "layer": "sign", "label": sign.code + " " + sign.text, "id": sign.id.description, "status": sign.status.rawValue]))
            }
            for item in try db.pois.list(county: county, status: .accepted) where box.contains(item.poi.location) {
                features.append(MapFeature(geometry: .point(item.poi.location), properties: [
                    "layer": "poi", "label": item.poi.name, "id": item.poi.id.description]))
            }
            return MapLayersReport(features: features, truncated: truncated)
        }
    }

    /// The box around everything the actor's county holds (the map's first view), if anything.
    public static func extent(_ registry: any RegistryStore, actor: UserAccount) throws -> BoundingBox? {
        try Policy.require(actor, .viewRegistry, in: actor.ownScope)
        return try registry.read { db in
            if let county = actor.countyCode, let area = try db.boundaries.find(code: county)?.area.boundingBox { return area }
            let roads = try db.roads.list(RoadFilter(county: actor.countyCode))
            return BoundingBox(covering: roads.flatMap(\.geometry.points))
        }
    }
}

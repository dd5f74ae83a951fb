import DimingCore
import Foundation

/// A road in a list: enough to pick it from the backlog.
public struct RoadSummary: Codable, Sendable {
    public var id: String
    public var name: String?
    public var workingName: String?
    public var roadClass: String
    public var length: Double
    public var direction: RoadDirection
    public var start: String
    public var end: String
    public var townCode: String?
    public var villages: [String]

    init(_ road: Road) {
        id = road.id.description
        name = road.name
        workingName = road.workingName
        roadClass = road.roadClass
        length = (road.length * 10).rounded() / 10
        direction = road.direction
        start = road.start
        end = road.end
        townCode = road.townCode?.rawValue
        villages = road.villages.map(\.name)
    }
}

/// A GeoJSON LineString geometry (WGS-84).
public struct LineGeometry: Codable, Sendable {
    public var type = "LineString"
    public var coordinates: [[Double]]

    public init(_ line: LineString) {
        coordinates = line.points.map { [$0.lon, $0.lat] }
    }
}

/// One road in full: description, geometry, segments and their sources.
public struct RoadDetail: Codable, Sendable {
    public struct Segment: Codable, Sendable {
        public var id: String
        public var source: String
        public var sourceRef: String
        public var roadClass: String
        public var length: Double
        public var reversed: Bool
        /// Width (m) and surface as the source states them.
        public var width: Double?
        public var surface: String?
    }

    public var id: String
    public var status: String
    public var name: String?
    public var workingName: String?
    public var roadClass: String
    public var length: Double
    public var direction: RoadDirection
    public var start: String
    public var end: String
    /// 起于…，止于…
    public var span: String
    public var countyCode: String
    public var townCode: String?
    public var townName: String?
    public var villages: [Road.Village]
    public var segments: [Segment]
    public var sources: [String]
    public var geometry: LineGeometry
}

/// The backlog of one town.
public struct TownBacklog: Codable, Sendable {
    public var townCode: String?
    public var townName: String
    public var roads: Int
    public var unnamedRoads: Int
    public var length: Double
    public var unnamedLength: Double
}

/// Read-only questions about surveyed roads, within the county the actor may read: a list without a
/// county is the actor's county, and another county's roads are refused (``AccessDenied``).
public struct RoadQueries: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount

    public init(registry: any RegistryStore, actor: UserAccount) {
        self.registry = registry
        self.actor = actor
    }

    public func list(_ filter: RoadFilter) throws -> [RoadSummary] {
        var filter = filter
        filter.county = try Policy.readableCounty(actor, asked: filter.county)
        if let town = filter.town { try Policy.require(actor, .viewRegistry, in: .town(town)) }
        return try registry.read { [filter] in try $0.roads.list(filter).map(RoadSummary.init) }
    }

    public func show(_ id: FeatureID) throws -> RoadDetail {
        guard let county = DivisionCode(id.county) else { throw RegistryError.notFound(kind: "road", key: id.description) }
        try Policy.require(actor, .viewRegistry, in: .county(county))
        return try registry.read { db in
            guard let road = try db.roads.find(id: id) else { throw RegistryError.notFound(kind: "road", key: id.description) }
            let segments = Dictionary(uniqueKeysWithValues: try db.segments.fetch(ids: road.segments.map(\.segment)).map { ($0.id, $0) })
            let details = road.segments.compactMap { member in
                segments[member.segment].map {
                    RoadDetail.Segment(id: $0.id.description, source: $0.source, sourceRef: $0.sourceRef, roadClass: $0.roadClass,
                                       length: ($0.geometry.length * 10).rounded() / 10, reversed: member.reversed,
                                       width: $0.width, surface: $0.surface)
                }
            }
            let town = try road.townCode.flatMap { try db.divisions.find(code: $0) }
            return RoadDetail(
                id: road.id.description, status: road.active ? "active" : "retired", name: road.name, workingName: road.workingName,
                roadClass: road.roadClass, length: (road.length * 10).rounded() / 10, direction: road.direction, start: road.start,
                end: road.end, span: "起于\(road.start)，止于\(road.end)", countyCode: road.countyCode.rawValue,
                townCode: road.townCode?.rawValue, townName: town?.name, villages: road.villages, segments: details,
                sources: Array(Set(details.map(\.source))).sorted(), geometry: LineGeometry(road.geometry))
        }
    }

    /// Per town: roads, unnamed roads, total and unnamed length.
    public func backlog(county: DivisionCode?) throws -> [TownBacklog] {
        let county = try Policy.readableCounty(actor, asked: county)
        return try registry.read { db in
            try db.roads.townSummary(county: county.map { $0.ancestor(at: .county) }).map { row in
                let town = try row.town.flatMap(DivisionCode.init).flatMap { try db.divisions.find(code: $0) }
                return TownBacklog(townCode: row.town, townName: town?.name ?? "（未定乡镇）", roads: row.roads, unnamedRoads: row.unnamed,
                                   length: (row.length * 10).rounded() / 10, unnamedLength: (row.unnamedLength * 10).rounded() / 10)
            }
        }
    }
}

import DimingCore
import Foundation

/// What the county map (道路地图) shows, in WGS-84: roads by status, villages, signs, within the actor's
/// county (every county for a registry administrator). The server draws it.
public struct CountyMapReport: Sendable {
    /// A road's colour on the map.
    public enum RoadStatus: String, Sendable {
        /// 无名路
        case unnamed
        /// 办理中: a case is open.
        case inProcedure
        /// 标准地名
        case standard
        /// Named in the source data, with no standard name yet.
        case named
    }

    public struct MapRoad: Sendable {
        public var id: FeatureID
        public var line: LineString
        public var status: RoadStatus
        public var label: String
    }

    public struct MapPoint: Sendable {
        public var position: Coordinate
        public var label: String
    }

    public var county: String
    public var roads: [MapRoad]
    public var villages: [MapPoint]
    public var signs: [MapPoint]

    public static func load(_ registry: any RegistryStore, actor: UserAccount) throws -> CountyMapReport {
        try Policy.require(actor, .viewRegistry, in: actor.ownScope)
        let county = actor.countyCode
        return try registry.read { db in
            let roads = try db.roads.list(RoadFilter(county: county))
            let villages = try county.map { try db.divisions.list(within: $0, level: .village) } ?? db.divisions.list(parent: nil, level: .village)
            let signs = try db.signs.list(county: county)
            let open = Set(try db.cases.list().filter { !$0.state.isFinal && (county == nil || $0.countyCode == county) }.compactMap(\.roadID))
            let box = BoundingBox(covering: roads.flatMap(\.geometry.points))
            let standard = Set(try box.map { try db.names.current(in: $0) }?.filter { $0.status == .standard }.compactMap(\.roadID) ?? [])
            let name = try county.flatMap { try db.divisions.find(code: $0) }?.name ?? db.divisions.list(parent: nil, level: .county).first?.name ?? ""
            return CountyMapReport(
                county: name,
                roads: roads.map { road in
                    let status: RoadStatus = open.contains(road.id) ? .inProcedure : standard.contains(road.id) ? .standard : road.name == nil ? .unnamed : .named
                    return MapRoad(id: road.id, line: road.geometry, status: status, label: road.name ?? road.workingName ?? road.id.description)
                },
                villages: villages.compactMap { village in village.point.map { MapPoint(position: $0, label: village.shortName) } },
                signs: signs.map { MapPoint(position: $0.position, label: $0.code + " " + $0.text) })
        }
    }
}

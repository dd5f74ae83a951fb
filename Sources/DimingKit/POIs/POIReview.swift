import DimingCore
import DimingStore
import Foundation

/// The review queue of collected POIs: accept (with the address of the nearest standard road and
/// the village), merge into another, or reject with a reason.
public struct POIReview: Sendable {
    public var registry: Registry
    public var actor: String
    public var clock: any Clock

    public init(registry: Registry, actor: String, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
    }

    public enum Decision: Sendable {
        case accept
        case merge(into: FeatureID)
        case reject(reason: String)
    }

    public func pending(county: DivisionCode? = nil) throws -> [CollectedPOI] {
        try registry.read { try POITable.list($0, county: county.map { $0.ancestor(at: .county) }, status: .pending) }
    }

    public func decide(_ id: FeatureID, _ decision: Decision) throws -> CollectedPOI {
        let now = clock.now()
        return try registry.write { db in
            guard var item = try POITable.find(db, id: id) else { throw RegistryError.notFound(kind: "POI", key: id.description) }
            guard item.poi.status == .pending else { throw ProcedureError("POI \(id) is \(item.poi.status.rawValue), not pending review") }
            switch decision {
            case .accept:
                item.poi.status = .accepted
                item.poi.address = try address(db, item)
            case let .merge(target):
                guard target != id, let into = try POITable.find(db, id: target), into.poi.status == .accepted || into.poi.status == .pending else {
                    throw InputError(field: "--into", "\(target) is not a pending or accepted POI")
                }
                item.poi.status = .merged
                item.mergedInto = target
            case let .reject(reason):
                guard !reason.isEmpty else { throw InputError(field: "--reason", "a rejection needs a reason") }
                item.poi.status = .rejected
                item.reviewNote = reason
            }
            try POITable.save(db, item, at: now)
            try AuditLog.append(db, AuditEvent(at: now, actor: actor, action: "poi.\(item.poi.status.rawValue)", entityKind: "poi",
                                               entityID: id.description, after: JSON.string(["address": item.poi.address ?? "", "note": item.reviewNote ?? "",
                                                                                            "into": item.mergedInto?.description ?? ""])))
            return item
        }
    }

    /// 示范县梁堤街道江楼村，幸福路旁: the division of the nearest village and the nearest standard road.
    func address(_ db: RegistryDatabase, _ item: CollectedPOI) throws -> String {
        let point = item.poi.location
        let villages = try DivisionTable.list(db, within: item.countyCode, level: .village).filter { $0.point != nil }
        let village = villages.min { Geodesy.distance($0.point!, point) < Geodesy.distance($1.point!, point) }
        var parts: [String] = []
        if let county = try DivisionTable.find(db, code: item.countyCode) { parts.append(county.name) }
        if let village {
            if let town = try village.parentCode.flatMap({ try DivisionTable.find(db, code: $0) }) { parts.append(town.name) }
            parts.append(village.shortName)
        }
        let box = BoundingBox(minLon: point.lon - 0.01, minLat: point.lat - 0.01, maxLon: point.lon + 0.01, maxLat: point.lat + 0.01)
        let projection = LocalProjection(origin: point)
        let road = try RoadTable.list(db, in: box)
            .compactMap { road -> (String, Double)? in
                guard let name = try NameTable.standardName(db, road: road.id)?.text else { return nil }
                return (name, projection.distance(from: point, to: road.geometry))
            }
            .min { $0.1 < $1.1 }
        return parts.joined() + (road.map { "，\($0.0)旁" } ?? "")
    }
}

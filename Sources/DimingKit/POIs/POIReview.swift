import DimingCore
import Foundation

/// The review queue of collected POIs: accept (with the address of the nearest standard road and
/// the village), merge into another, or reject with a reason.
public struct POIReview: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var clock: any Clock

    public init(registry: any RegistryStore, actor: UserAccount, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
    }

    public enum Decision: Sendable {
        case accept
        case merge(into: FeatureID)
        case reject(reason: String)
    }

    /// POIs of the counties the actor may review, optionally of one county and status.
    public func list(county: DivisionCode?, status: POIStatus?) throws -> [CollectedPOI] {
        try Policy.require(actor, .reviewPOIs, in: actor.ownScope)
        return try registry.read { try $0.pois.list(county: county.map { $0.ancestor(at: .county) }, status: status) }
            .filter { Policy.allows(actor, .reviewPOIs, in: .county($0.countyCode)) }
    }

    /// The POIs waiting for review that the actor may review (their county's, or one county's).
    public func pending(county: DivisionCode? = nil) throws -> [CollectedPOI] {
        try list(county: county, status: .pending)
    }

    public func decide(_ id: FeatureID, _ decision: Decision) throws -> CollectedPOI {
        let now = clock.now()
        return try registry.write { db in
            guard var item = try db.pois.find(id: id) else { throw RegistryError.notFound(kind: "POI", key: id.description) }
            try Policy.require(actor, .reviewPOIs, in: .county(item.countyCode))
            guard item.poi.status == .pending else { throw ProcedureViolation.notReady(what: "POI_REVIEWED", en: "POI \(id) is \(item.poi.status.rawValue), not pending review",
                                                                                 zh: "兴趣点\(id)已审核（\(item.poi.status.rawValue)），不在待审队列中。") }
            switch decision {
            case .accept:
                item.poi.status = .accepted
                item.poi.address = try address(db, item)
            case let .merge(target):
                guard target != id, let into = try db.pois.find(id: target), into.poi.status == .accepted || into.poi.status == .pending else {
                    throw InputError(field: "--into", "\(target) is not a pending or accepted POI")
                }
                item.poi.status = .merged
                item.mergedInto = target
            case let .reject(reason):
                guard !reason.isEmpty else { throw InputError(field: "--reason", "a rejection needs a reason", zh: "请填写不通过的理由") }
                item.poi.status = .rejected
                item.reviewNote = reason
            }
            try db.pois.save(item, at: now)
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: AuditAction(item.poi.status), entityKind: "poi",
                                               entityID: id.description, after: JSON.string(["address": item.poi.address ?? "", "note": item.reviewNote ?? "",
                                                                                            "into": item.mergedInto?.description ?? ""])))
            return item
        }
    }

    /// 示范县梁堤街道江楼村，幸福路旁: the division of the nearest village and the nearest standard road.
    func address(_ db: any RegistryTransaction, _ item: CollectedPOI) throws -> String {
        let point = item.poi.location
        let villages = try db.divisions.list(within: item.countyCode, level: .village).filter { $0.point != nil }
        let village = villages.min { Geodesy.distance($0.point!, point) < Geodesy.distance($1.point!, point) }
        var parts: [String] = []
        if let county = try db.divisions.find(code: item.countyCode) { parts.append(county.name) }
        if let village {
            if let town = try village.parentCode.flatMap({ try db.divisions.find(code: $0) }) { parts.append(town.name) }
            parts.append(village.shortName)
        }
        let box = BoundingBox(minLon: point.lon - 0.01, minLat: point.lat - 0.01, maxLon: point.lon + 0.01, maxLat: point.lat + 0.01)
        let projection = LocalProjection(origin: point)
        let road = try db.roads.list(in: box)
            .compactMap { road -> (String, Double)? in
                guard let name = try db.names.standardName(road: road.id)?.text else { return nil }
                return (name, projection.distance(from: point, to: road.geometry))
            }
            .min { $0.1 < $1.1 }
        return parts.joined() + (road.map { "，\($0.0)旁" } ?? "")
    }
}

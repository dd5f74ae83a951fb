import DimingCore
import Foundation

extension POIReview {
    /// One place in the reviewer's queue (兴趣点审核): what was submitted, the address computed from
    /// the nearest village and named road beside the one the villager gave, and the places nearby
    /// it may duplicate (with their distance), to merge into.
    public struct QueueItem: Sendable {
        public var item: CollectedPOI
        public var computedAddress: String
        public var duplicates: [(id: FeatureID, name: String, distance: Double, status: POIStatus, location: Coordinate)]
    }

    /// The pending places the actor may review, with computed addresses and nearby duplicates.
    public func queue(county: DivisionCode? = nil) throws -> [QueueItem] {
        let pending = try pending(county: county)
        guard !pending.isEmpty else { return [] }
        return try registry.read { db in
            var byCounty: [DivisionCode: [CollectedPOI]] = [:]
            return try pending.map { item in
                if byCounty[item.countyCode] == nil {
                    byCounty[item.countyCode] = try db.pois.list(county: item.countyCode, status: nil).filter { [.pending, .accepted].contains($0.poi.status) }
                }
                let listed = Set(item.possibleDuplicates)
                let near = byCounty[item.countyCode]!.compactMap { other -> (FeatureID, String, Double, POIStatus, Coordinate)? in
                    guard other.poi.id != item.poi.id else { return nil }
                    let distance = Geodesy.distance(other.poi.location, item.poi.location)
                    guard listed.contains(other.poi.id) || (distance <= 150 && (POIImport.similar(other.poi.name, item.poi.name) || other.poi.category == item.poi.category))
                    else { return nil }
                    return (other.poi.id, other.poi.name, distance, other.poi.status, other.poi.location)
                }.sorted { $0.2 < $1.2 }
                return QueueItem(item: item, computedAddress: try address(db, item), duplicates: Array(near.prefix(5)))
            }
        }
    }

    /// A place's photo reference, when the actor may review it.
    public func photo(_ id: FeatureID) throws -> String? {
        let item = try registry.read { try $0.pois.find(id: id) }
        guard let item else { throw RegistryError.notFound(kind: "POI", key: id.description) }
        try Policy.require(actor, .reviewPOIs, in: .county(item.countyCode))
        return item.submission?.photo
    }
}

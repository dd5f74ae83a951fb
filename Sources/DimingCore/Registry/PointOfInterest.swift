/// Where a point of interest stands in review and publication.
public enum POIStatus: String, CaseIterable, Codable, Sendable {
    /// Collected, waiting in the review queue.
    case pending
    case accepted
    case rejected
    case merged
    case retired
}

/// A point of interest: a village point, a public facility (村委会, 卫生室, 幸福院 …), a tourist site,
/// or a point villagers collect (农家乐, 种植养殖基地, 农业合作社, 快递物流点 …).
public struct PointOfInterest: Hashable, Codable, Sendable {
    public var id: FeatureID
    public var name: String
    /// A category key from the category table in GeoData, e.g. `farm_stay`.
    public var category: String
    /// WGS-84.
    public var location: Coordinate
    /// Built from the standard road name and the village once accepted.
    public var address: String?
    public var contact: String?
    public var status: POIStatus

    public init(id: FeatureID, name: String, category: String, location: Coordinate,
                address: String? = nil, contact: String? = nil, status: POIStatus = .pending) {
        self.id = id
        self.name = name
        self.category = category
        self.location = location
        self.address = address
        self.contact = contact
        self.status = status
    }
}

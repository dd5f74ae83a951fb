import Foundation

/// A delivery as logged.
public struct DeliveryRecord: Codable, Sendable {
    public var id: FeatureID
    public var profile: String
    public var countyCode: DivisionCode
    public var created: Date
    public var folder: String
    /// The manifest JSON.
    public var manifest: String
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?
    public var acknowledgement: String?

    public init(id: FeatureID, profile: String, countyCode: DivisionCode, created: Date, folder: String, manifest: String,
                acknowledgedBy: String? = nil, acknowledgedAt: Date? = nil, acknowledgement: String? = nil) {
        self.id = id
        self.profile = profile
        self.countyCode = countyCode
        self.created = created
        self.folder = folder
        self.manifest = manifest
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgement = acknowledgement
    }
}

/// One record as a delivery held it (一条已交付记录): its fingerprint (what a change set compares),
/// the OSM id the registry gave it (negative: never in OSM) and the OSM ways it was sent as (a road
/// imported from OSM, modified in place), which a later change set modifies again or deletes.
public struct DeliveredRecord: Sendable, Hashable {
    /// An OSM way by id and the version the delivery modified.
    public struct Way: Sendable, Hashable {
        public var id: Int64
        public var version: Int
        public init(id: Int64, version: Int) {
            self.id = id
            self.version = version
        }
    }

    public var ref: String
    public var fingerprint: String
    public var osmID: Int
    public var osmWays: [Way]

    public init(ref: String, fingerprint: String, osmID: Int, osmWays: [Way] = []) {
        self.ref = ref
        self.fingerprint = fingerprint
        self.osmID = osmID
        self.osmWays = osmWays
    }
}

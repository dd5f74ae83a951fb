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

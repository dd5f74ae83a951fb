import DimingCore
import Foundation

/// Collected points of interest (兴趣点) and their review status.
public protocol POIRepository {
    func save(_ item: CollectedPOI, at date: Date) throws
    func find(id: FeatureID) throws -> CollectedPOI?
    func list(county: DivisionCode?, status: POIStatus?) throws -> [CollectedPOI]
}

extension POIRepository {
    public func list() throws -> [CollectedPOI] { try list(county: nil, status: nil) }
}

/// The delivery log and what each delivery held.
public protocol DeliveryRepository {
    func insert(_ delivery: DeliveryRecord, records: [DeliveredRecord]) throws
    func latest(profile: String, county: DivisionCode) throws -> DeliveryRecord?
    func latest(profile: String, county: DivisionCode, before date: Date) throws -> DeliveryRecord?
    func find(id: FeatureID) throws -> DeliveryRecord?
    func list() throws -> [DeliveryRecord]
    /// The records a delivery held, by ref.
    func records(delivery: FeatureID) throws -> [String: DeliveredRecord]
    func acknowledge(id: FeatureID, by: String, note: String?, at date: Date) throws
}

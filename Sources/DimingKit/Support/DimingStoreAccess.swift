import DimingCore
import DimingStore

/// Small read-only lookups the command line needs without a use case of their own.
public enum DimingStoreAccess {
    public static func pois(_ db: RegistryDatabase, county: DivisionCode?, status: POIStatus?) throws -> [CollectedPOI] {
        try POITable.list(db, county: county.map { $0.ancestor(at: .county) }, status: status)
    }

    public static func batches(_ db: RegistryDatabase) throws -> [Batch] {
        try CaseTable.batches(db)
    }

    public static func deliveries(_ db: RegistryDatabase) throws -> [DeliveryRecord] {
        try DeliveryTable.list(db)
    }

    /// The county, when the registry's roads lie in just one.
    public static func onlyCounty(_ db: RegistryDatabase) throws -> DivisionCode? {
        let counties = try SegmentTable.counties(db)
        return counties.count == 1 ? counties[0] : nil
    }
}

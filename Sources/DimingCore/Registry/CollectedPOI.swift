/// A point of interest with what review needs: where it came from, possible duplicates, the
/// reviewer's decision.
public struct CollectedPOI: Codable, Sendable, Hashable {
    public var poi: PointOfInterest
    public var countyCode: DivisionCode
    public var source: String
    public var sourceRef: String
    /// Ids of existing POIs it may duplicate (similar name, close by).
    public var possibleDuplicates: [FeatureID]
    public var mergedInto: FeatureID?
    public var reviewNote: String?
    /// What a villager submitted with it, when it came from the public page.
    public var submission: VillagerSubmission?

    public init(poi: PointOfInterest, countyCode: DivisionCode, source: String, sourceRef: String, possibleDuplicates: [FeatureID] = []) {
        self.poi = poi
        self.countyCode = countyCode
        self.source = source
        self.sourceRef = sourceRef
        self.possibleDuplicates = possibleDuplicates
    }
}

/// A whole road: stitched segments with a permanent id. A road is not its name: unnamed roads are
/// ordinary roads with no current name (无名路), described by where they run.
public struct Road: Hashable, Codable, Sendable {
    public var id: FeatureID
    public var countyCode: DivisionCode
    public var townCode: DivisionCode?
    public var segmentIDs: [FeatureID]
    public var geometry: LineString
    /// Geodesic length in metres.
    public var length: Double
    public var roadClass: String
    /// The current name's text, nil while unnamed.
    public var currentName: String?
    /// A described working name for an unnamed road, e.g. 张庄村至李庄村道路.
    public var workingName: String?

    public init(id: FeatureID, countyCode: DivisionCode, townCode: DivisionCode?, segmentIDs: [FeatureID],
                geometry: LineString, roadClass: String, currentName: String?, workingName: String?) {
        self.id = id
        self.countyCode = countyCode
        self.townCode = townCode
        self.segmentIDs = segmentIDs
        self.geometry = geometry
        self.length = geometry.length
        self.roadClass = roadClass
        self.currentName = currentName
        self.workingName = workingName
    }
}

/// A road segment as the survey reads it (摸排用路段): its id, class, name and line, with the
/// geodesic length stored when it was imported. The survey needs nothing else of a segment (not
/// its source, OSM identity or tags), so the store reads only these columns.
public struct SurveySegment: Sendable, Hashable {
    public var id: FeatureID
    /// Road class, e.g. `residential`, `track`.
    public var roadClass: String
    /// The name the source gives, nil when unnamed.
    public var name: String?
    public var geometry: LineString
    /// Geodesic length in metres: `geometry.length`, computed once at import.
    public var length: Double

    public init(id: FeatureID, roadClass: String, name: String?, geometry: LineString, length: Double) {
        self.id = id
        self.roadClass = roadClass
        self.name = name
        self.geometry = geometry
        self.length = length
    }

    /// The segment's survey view, its length measured now.
    public init(_ segment: RoadSegment) {
        self.init(id: segment.id, roadClass: segment.roadClass, name: segment.name, geometry: segment.geometry, length: segment.geometry.length)
    }

    /// Whether the source names it (as `RoadSegment.isNamed`).
    public var isNamed: Bool { !(name ?? "").isEmpty }
}

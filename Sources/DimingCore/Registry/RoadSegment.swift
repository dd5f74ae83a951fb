/// A surveyed piece of road as it came from a source file (an OSM way, a GeoJSON feature, a GPX track).
///
/// Segments are what imports write; the survey stitches them into ``Road``s.
public struct RoadSegment: Hashable, Codable, Sendable {
    public var id: FeatureID
    /// The import source label, e.g. `osm:longgang-2019.osm`; re-importing a source replaces its segments.
    public var source: String
    /// The record's id within its source (OSM way id, feature index), for traceability.
    public var sourceRef: String
    /// Road class, e.g. OSM `highway` value (`residential`, `track`, …).
    public var roadClass: String
    /// The name the source gives, nil when unnamed.
    public var name: String?
    /// Route code (X/Y/C + digits) for 公路, if any.
    public var ref: String?
    /// `noname=yes`: the source confirms there is no name.
    public var confirmedUnnamed: Bool
    public var geometry: LineString
    /// The OSM way the segment was imported from (OSM XML or PBF), for deliveries back to OSM.
    public var osm: OSMIdentity?
    /// The width in metres the source states (路面宽度, or 路基宽度; OSM `width`), through the import profile.
    public var width: Double?
    /// The surface the source states (路面类型; OSM `surface`), named through the import profile.
    public var surface: String?

    public init(id: FeatureID, source: String, sourceRef: String, roadClass: String, name: String?,
                ref: String?, confirmedUnnamed: Bool = false, geometry: LineString, osm: OSMIdentity? = nil,
                width: Double? = nil, surface: String? = nil) {
        self.id = id
        self.source = source
        self.sourceRef = sourceRef
        self.roadClass = roadClass
        self.name = name
        self.ref = ref
        self.confirmedUnnamed = confirmedUnnamed
        self.geometry = geometry
        self.osm = osm
        self.width = width
        self.surface = surface
    }

    public var isNamed: Bool { !(name ?? "").isEmpty }
}

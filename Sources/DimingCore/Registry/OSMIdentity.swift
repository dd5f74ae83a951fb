/// An OpenStreetMap way's identity (OSM 要素标识): its id, version and node ids, kept with a road
/// segment imported from OSM so a delivery to OSM can modify that way in place (id + version) or
/// delete it, instead of adding a copy.
public struct OSMIdentity: Sendable, Hashable, Codable {
    public var way: Int64
    /// The way's version in the file (nil when the file has none, as in files made by hand).
    public var version: Int?
    /// The way's node ids, in the order of the segment's line.
    public var nodes: [Int64]

    public init(way: Int64, version: Int?, nodes: [Int64]) {
        self.way = way
        self.version = version
        self.nodes = nodes
    }
}

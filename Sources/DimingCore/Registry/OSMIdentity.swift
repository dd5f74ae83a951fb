/// An OpenStreetMap way's identity (OSM 要素标识): its id, version, node ids and tags, kept with a road
/// segment imported from OSM so a delivery to OSM can modify that way in place (id + version, its
/// own nodes and every tag it had, plus the registry's name) or delete it, instead of adding a copy.
/// Only a whole way has one: a way clipped to the nodes an extract holds would be cut short by a modify.
public struct OSMIdentity: Sendable, Hashable, Codable {
    public var way: Int64
    /// The way's version in the file (nil when the file has none, as in files made by hand).
    public var version: Int?
    /// The way's node ids, in the order of the segment's line.
    public var nodes: [Int64]
    /// The nodes' versions, parallel to ``nodes``, where the reader knows them (OSM XML; nil from PBF,
    /// whose node-location index keeps locations only). A JOSM file needs them to show the nodes.
    public var nodeVersions: [Int]?
    /// Every tag the way had (highway, surface, lanes …): a modify sends the whole object.
    public var tags: [String: String]

    public init(way: Int64, version: Int?, nodes: [Int64], nodeVersions: [Int]? = nil, tags: [String: String] = [:]) {
        self.way = way
        self.version = version
        self.nodes = nodes
        self.nodeVersions = nodeVersions
        self.tags = tags
    }
}

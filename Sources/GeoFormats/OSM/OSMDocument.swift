import DimingCore
import Foundation

/// OpenStreetMap objects for interchange: an OSM XML file JOSM opens (negative ids for objects
/// that are not in OSM, `upload="never"`), or an osmChange file of creates, modifies and deletes.
/// Objects with OSM's own (positive) ids carry their version; a way the registry changed is marked
/// `action="modify"` in an OSM XML file.
public struct OSMDocument {
    public struct Node {
        public var id: Int
        public var version: Int?
        public var point: Coordinate
        public var tags: [(String, String)]
        public init(id: Int, version: Int? = nil, point: Coordinate, tags: [(String, String)]) {
            self.id = id
            self.version = version
            self.point = point
            self.tags = tags
        }
    }

    public struct Way {
        public var id: Int
        public var version: Int?
        /// Changed by the registry (an OSM way whose tags it set).
        public var modified: Bool
        public var nodes: [Node]
        public var tags: [(String, String)]
        public init(id: Int, version: Int? = nil, modified: Bool = false, nodes: [Node], tags: [(String, String)]) {
            self.id = id
            self.version = version
            self.modified = modified
            self.nodes = nodes
            self.tags = tags
        }
    }

    public var nodes: [Node] = []
    public var ways: [Way] = []

    public init() {}

    /// An OSM XML document (nodes first, then ways, as OSM orders them): every node a way refers to is in it.
    public func xml(generator: String = "diming") -> String {
        "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"\(Self.escape(generator))\" upload=\"never\">\n"
            + body(wayNodes: true, actions: true) + "</osm>\n"
    }

    /// An osmChange document. The nodes of OSM's own ways (positive ids) are OSM's, unchanged: a
    /// modified way refers to them without repeating them.
    public static func change(create: OSMDocument, modify: OSMDocument, delete: OSMDocument, generator: String = "diming") -> String {
        var out = "<?xml version='1.0' encoding='UTF-8'?>\n<osmChange version=\"0.6\" generator=\"\(escape(generator))\">\n"
        for (action, document) in [("create", create), ("modify", modify), ("delete", delete)] where !(document.nodes.isEmpty && document.ways.isEmpty) {
            out += "<\(action)>\n" + document.body(wayNodes: false, actions: false) + "</\(action)>\n"
        }
        return out + "</osmChange>\n"
    }

    /// The nodes (the document's, and with `wayNodes` all its ways' nodes, else only their new
    /// ones), each once, then the ways, each in osmium's order (new objects first by absolute id,
    /// then OSM's by id) so that `osmium check-refs` reads the file.
    func body(wayNodes: Bool, actions: Bool) -> String {
        var out = ""
        func version(_ value: Int?) -> String { value.map { " version=\"\($0)\"" } ?? "" }
        func order(_ a: Int, _ b: Int) -> Bool { (a > 0 ? 1 : 0, a.magnitude) < (b > 0 ? 1 : 0, b.magnitude) }
        var written = Set<Int>()
        let allNodes = (nodes + ways.flatMap { $0.nodes.filter { wayNodes || $0.id < 0 } }).filter { written.insert($0.id).inserted }
        for node in allNodes.sorted(by: { order($0.id, $1.id) }) {
            out += String(format: "  <node id=\"%d\"%@ lat=\"%.7f\" lon=\"%.7f\"", node.id, version(node.version), node.point.lat, node.point.lon)
            out += node.tags.isEmpty ? "/>\n" : ">\n" + Self.tags(node.tags) + "  </node>\n"
        }
        for way in ways.sorted(by: { order($0.id, $1.id) }) {
            let action = actions && way.modified ? " action=\"modify\"" : ""
            let inner = way.nodes.map { "    <nd ref=\"\($0.id)\"/>\n" }.joined() + Self.tags(way.tags)
            out += "  <way id=\"\(way.id)\"\(version(way.version))\(action)" + (inner.isEmpty ? "/>\n" : ">\n" + inner + "  </way>\n")
        }
        return out
    }

    static func tags(_ tags: [(String, String)]) -> String {
        tags.map { "    <tag k=\"\(escape($0.0))\" v=\"\(escape($0.1))\"/>\n" }.joined()
    }

    static func escape(_ text: String) -> String { XMLText.escape(text) }
}

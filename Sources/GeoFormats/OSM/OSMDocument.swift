import DimingCore
import Foundation

/// OpenStreetMap objects for interchange: an OSM XML file JOSM opens (negative ids for objects
/// that are not in OSM, `upload="never"`), or an osmChange file of creates, modifies and deletes.
public struct OSMDocument {
    public struct Node {
        public var id: Int
        public var point: Coordinate
        public var tags: [(String, String)]
        public init(id: Int, point: Coordinate, tags: [(String, String)]) {
            self.id = id
            self.point = point
            self.tags = tags
        }
    }

    public struct Way {
        public var id: Int
        public var nodes: [Node]
        public var tags: [(String, String)]
        public init(id: Int, nodes: [Node], tags: [(String, String)]) {
            self.id = id
            self.nodes = nodes
            self.tags = tags
        }
    }

    public var nodes: [Node] = []
    public var ways: [Way] = []

    public init() {}

    /// An OSM XML document (nodes first, then ways, as OSM orders them).
    public func xml(generator: String = "diming") -> String {
        "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"\(Self.escape(generator))\" upload=\"never\">\n"
            + body(nodes: nodes, ways: ways, version: false) + "</osm>\n"
    }

    /// An osmChange document.
    public static func change(create: OSMDocument, modify: OSMDocument, delete: OSMDocument, generator: String = "diming") -> String {
        var out = "<?xml version='1.0' encoding='UTF-8'?>\n<osmChange version=\"0.6\" generator=\"\(escape(generator))\">\n"
        for (action, document) in [("create", create), ("modify", modify), ("delete", delete)] where !(document.nodes.isEmpty && document.ways.isEmpty) {
            out += "<\(action)>\n" + document.body(nodes: document.nodes, ways: document.ways, version: true) + "</\(action)>\n"
        }
        return out + "</osmChange>\n"
    }

    /// Objects with OSM's own (positive) ids carry a version in an osmChange; new ones (negative) none.
    func body(nodes: [Node], ways: [Way], version: Bool) -> String {
        var out = ""
        func v(_ id: Int) -> String { version && id > 0 ? " version=\"1\"" : "" }
        var written = Set<Int>()
        for node in nodes + ways.flatMap(\.nodes) where written.insert(node.id).inserted {
            out += String(format: "  <node id=\"%d\"%@ lat=\"%.7f\" lon=\"%.7f\"", node.id, v(node.id), node.point.lat, node.point.lon)
            out += node.tags.isEmpty ? "/>\n" : ">\n" + Self.tags(node.tags) + "  </node>\n"
        }
        for way in ways {
            out += "  <way id=\"\(way.id)\"\(v(way.id))>\n" + way.nodes.map { "    <nd ref=\"\($0.id)\"/>\n" }.joined() + Self.tags(way.tags) + "  </way>\n"
        }
        return out
    }

    static func tags(_ tags: [(String, String)]) -> String {
        tags.map { "    <tag k=\"\(escape($0.0))\" v=\"\(escape($0.1))\"/>\n" }.joined()
    }

    static func escape(_ text: String) -> String { XMLText.escape(text) }
}

import DimingCore
import Foundation

/// Writes OSM XML 0.6: ways with their tags, and the nodes they use (shared where ways meet, so a
/// junction is one node as in real OpenStreetMap data). New objects get positive ids from 1.
public struct OSMWriter {
    public struct Way {
        public var tags: [(String, String)]
        public var line: LineString
        public init(tags: [(String, String)], line: LineString) {
            self.tags = tags
            self.line = line
        }
    }

    public init() {}

    /// Writes the ways to `path`, streaming (the text is never held whole).
    public func write(_ ways: [Way], to path: String, generator: String = "diming") throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var buffer = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"\(escape(generator))\">\n"
        func flush(_ force: Bool = false) throws {
            if force || buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        var nodeIDs: [Coordinate: Int] = [:]
        var wayNodes: [[Int]] = []
        for way in ways {
            var refs: [Int] = []
            for point in way.line.points {
                if let id = nodeIDs[point] {
                    refs.append(id)
                } else {
                    let id = nodeIDs.count + 1
                    nodeIDs[point] = id
                    refs.append(id)
                    buffer += String(format: "  <node id=\"%d\" version=\"1\" lat=\"%.7f\" lon=\"%.7f\"/>\n", id, point.lat, point.lon)
                    try flush()
                }
            }
            wayNodes.append(refs)
        }
        for (index, way) in ways.enumerated() {
            buffer += "  <way id=\"\(index + 1)\" version=\"1\">\n"
            for ref in wayNodes[index] { buffer += "    <nd ref=\"\(ref)\"/>\n" }
            for (key, value) in way.tags { buffer += "    <tag k=\"\(escape(key))\" v=\"\(escape(value))\"/>\n" }
            buffer += "  </way>\n"
            try flush()
        }
        buffer += "</osm>\n"
        try flush(true)
    }

    func escape(_ text: String) -> String { XMLText.escape(text) }
}

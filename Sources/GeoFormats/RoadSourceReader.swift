import DimingCore
import Foundation

/// The road features of a file in any supported format, chosen by the file's extension.
public struct RoadSource: Sendable {
    public enum Format: String, Sendable, Codable {
        case osm, geojson, kml, kmz, gpx
    }

    public var format: Format
    public var features: [RoadFeature]
    /// Records read that are not candidate roads, by reason (OSM ways without a road class …).
    public var skipped: [String: Int]
    /// All records read (ways, features, placemarks, tracks).
    public var records: Int

    /// Reads `path`; `progress` gets (bytes read, total bytes, features so far) where the format streams.
    public static func read(path: String, crs: CoordinateSystem, classKeys: Set<String>,
                            progress: @escaping (Int, Int, Int) -> Void = { _, _, _ in }) throws -> RoadSource {
        guard FileManager.default.fileExists(atPath: path) else { throw InputError(file: path, "no such file") }
        let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let lower = path.lowercased()
        if lower.hasSuffix(".osm") || lower.hasSuffix(".osm.xml") || lower.hasSuffix(".osm.gz") {
            let reader = OSMRoadReader(path: path, crs: crs, classKeys: classKeys)
            let features = try reader.read { progress($0, total, $1) }
            return RoadSource(format: .osm, features: features, skipped: reader.statistics.skipped, records: reader.statistics.ways)
        }
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") {
            let all = try GeoJSONReader.read(path: path, crs: crs)
            let features = try GeoJSONReader.roadFeatures(from: all, path: path)
            progress(total, total, features.count)
            let others = all.count - features.count
            return RoadSource(format: .geojson, features: features, skipped: others > 0 ? ["not a line": others] : [:], records: all.count)
        }
        if lower.hasSuffix(".kml") || lower.hasSuffix(".kmz") {
            let reader = KMLReader(path: path, crs: crs)
            try reader.read()
            progress(total, total, reader.lines.count)
            return RoadSource(format: lower.hasSuffix(".kmz") ? .kmz : .kml, features: reader.lines,
                              skipped: reader.points.isEmpty ? [:] : ["not a line": reader.points.count],
                              records: reader.lines.count + reader.points.count)
        }
        if lower.hasSuffix(".gpx") {
            let reader = GPXReader(path: path, crs: crs)
            try reader.read()
            progress(total, total, reader.lines.count)
            return RoadSource(format: .gpx, features: reader.lines,
                              skipped: reader.points.isEmpty ? [:] : ["waypoint": reader.points.count],
                              records: reader.lines.count + reader.points.count)
        }
        throw InputError(file: path, "unknown format: expected .osm, .osm.gz, .geojson, .json, .kml, .kmz or .gpx")
    }
}

import DimingCore
import Foundation
import GeoFormats

/// Writes a ``SyntheticRegion`` as the files a county would bring: a division table, boundaries
/// and a road network, the same formats `diming divisions import`, `divisions boundaries` and the
/// road import read.
public enum SyntheticRegionFiles {
    public static let divisionsFile = "divisions.csv"
    public static let boundariesFile = "boundaries.geojson"
    public static let roadsFile = "roads.geojson"
    public static let osmFile = "roads.osm"

    /// Writes divisions, boundaries and roads (GeoJSON; and OSM XML too when `osm` is set).
    public static func write(_ region: SyntheticRegion, to directory: String, osm: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let rows = region.divisions.map { d in
            [d.code.rawValue, d.name, d.level.name, String(d.level.rawValue), d.parentCode?.rawValue ?? "",
             d.urbanRuralCode ?? "", d.point.map { String(format: "%.7f", $0.lon) } ?? "", d.point.map { String(format: "%.7f", $0.lat) } ?? ""]
        }
        try CSVOutput.write(path: directory + "/" + divisionsFile,
                            header: ["code", "name", "level", "level_num", "parent_code", "ur_code", "lng_wgs84", "lat_wgs84"], rows: rows)
        let writer = GeoJSONWriter()
        let boundaries = region.boundaries.map {
            GeoJSONWriter.Feature(properties: ["adcode": $0.code.countyPart, "name": $0.name, "level": $0.code.structuralLevel.name],
                                  geometry: .multiPolygon($0.area))
        }
        try writer.collection(boundaries).write(toFile: directory + "/" + boundariesFile, atomically: true, encoding: .utf8)
        let roads = region.segments.map { segment in
            var properties = ["id": segment.ref, "highway": segment.roadClass]
            properties["name"] = segment.name
            properties["ref"] = segment.routeCode
            if segment.confirmedUnnamed { properties["noname"] = "yes" }
            return GeoJSONWriter.Feature(properties: properties, geometry: .lineString(segment.line))
        }
        try writer.collection(roads).write(toFile: directory + "/" + roadsFile, atomically: true, encoding: .utf8)
        if osm {
            let ways = region.segments.map { segment in
                var tags = [("highway", segment.roadClass)]
                if let name = segment.name { tags.append(("name", name)) }
                if let ref = segment.routeCode { tags.append(("ref", ref)) }
                if segment.confirmedUnnamed { tags.append(("noname", "yes")) }
                return OSMWriter.Way(tags: tags, line: segment.line)
            }
            try OSMWriter().write(ways, to: directory + "/" + osmFile, generator: "diming generate")
        }
    }
}

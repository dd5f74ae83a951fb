import DimingCore
import Foundation

/// A provider's delivery profile (`GeoData/profiles/NAME.json`, editable per county): coordinate
/// system, formats, columns in order, which category column, decimals, lat/lng order.
public struct DeliveryProfile: Codable, Sendable {
    public struct Column: Codable, Sendable {
        public var header: String
        /// name, pinyin, category, lon, lat, address, division, wkt, change, id
        public var field: String
    }

    public var name: String
    public var provider: String
    /// wgs84, gcj02 or bd09
    public var crs: String
    /// csv, xlsx, geojson, kml, osm
    public var formats: [String]
    public var decimals: Int
    public var latFirst: Bool
    /// The column of GeoData/pois/categories.tsv that holds this provider's codes.
    public var categoryColumn: String
    public var columns: [Column]

    public var coordinateSystem: CoordinateSystem { CoordinateSystem(name: crs) ?? .wgs84 }

    public static func load(_ name: String, geoData: String? = nil) throws -> DeliveryProfile {
        guard let root = geoData ?? GeoDataLocator.find() else { throw InputError("cannot find GeoData/profiles") }
        let path = root + "/profiles/\(name).json"
        guard let data = FileManager.default.contents(atPath: path) else {
            let known = (try? FileManager.default.contentsOfDirectory(atPath: root + "/profiles"))?.filter { $0.hasSuffix(".json") }
                .map { String($0.dropLast(5)) }.sorted().joined(separator: ", ") ?? ""
            throw InputError(field: "--profile", "no delivery profile \(name) (known: \(known))")
        }
        do {
            return try JSONDecoder().decode(DeliveryProfile.self, from: data)
        } catch {
            throw InputError(file: path, "not a valid delivery profile (\(error))")
        }
    }
}

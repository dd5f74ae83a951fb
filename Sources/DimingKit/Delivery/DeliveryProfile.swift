import DimingCore
import Foundation

/// A provider's delivery profile (`GeoData/profiles/NAME.json`, editable per county): coordinate
/// system, formats, columns in order, which category column, decimals, lat/lng order.
public struct DeliveryProfile: Codable, Sendable {
    public struct Column: Codable, Sendable {
        public var header: String
        /// One of `DeliveryProfile.fields`.
        public var field: String
    }

    /// The fields a column may hold: the name and its pinyin, category, coordinates, address, the
    /// division's name and 12-digit code, WKT (always x y = lon lat), the change (added, changed,
    /// retired), the stable id, 曾用名, the route code (X/Y/C + 3 digits), the approval's document
    /// number and date, and the record's source.
    public static let fields: Set<String> = ["name", "pinyin", "category", "lon", "lat", "address", "division", "divisionCode", "wkt", "change", "id",
                                             "formerName", "routeRef", "approvalNumber", "approvalDate", "source"]
    public static let formatNames: Set<String> = ["csv", "xlsx", "geojson", "kml", "osm"]

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

    /// The profile's coordinate system (checked when the profile is loaded: never a silent WGS-84).
    public var coordinateSystem: CoordinateSystem { CoordinateSystem(name: crs) ?? .wgs84 }

    /// What is wrong with the profile: an unknown coordinate system, format, field, or category
    /// column (`categoryColumns`: the columns of the category table), no columns, bad decimals.
    public func problems(categoryColumns: [String]?) -> [String] {
        var problems: [String] = []
        if CoordinateSystem(name: crs) == nil { problems.append("unknown coordinate system \(crs) (wgs84, gcj02, bd09)") }
        for format in formats where !Self.formatNames.contains(format) {
            problems.append("unknown format \(format) (\(Self.formatNames.sorted().joined(separator: ", ")))")
        }
        if formats.isEmpty { problems.append("no formats") }
        for column in columns where !Self.fields.contains(column.field) {
            problems.append("column \(column.header): unknown field \(column.field) (\(Self.fields.sorted().joined(separator: ", ")))")
        }
        if let categoryColumns, !categoryColumns.contains(categoryColumn) {
            problems.append("unknown category column \(categoryColumn) (\(categoryColumns.joined(separator: ", ")))")
        }
        if !(0...9).contains(decimals) { problems.append("decimals \(decimals) outside 0…9") }
        return problems
    }

    public static func load(_ name: String, geoData: String? = nil) throws -> DeliveryProfile {
        guard let root = geoData ?? GeoDataLocator.find() else { throw InputError("cannot find GeoData/profiles") }
        let path = root + "/profiles/\(name).json"
        guard let data = FileManager.default.contents(atPath: path) else {
            let known = (try? FileManager.default.contentsOfDirectory(atPath: root + "/profiles"))?.filter { $0.hasSuffix(".json") }
                .map { String($0.dropLast(5)) }.sorted().joined(separator: ", ") ?? ""
            throw InputError(field: "--profile", "no delivery profile \(name) (known: \(known))")
        }
        let profile: DeliveryProfile
        do {
            profile = try JSONDecoder().decode(DeliveryProfile.self, from: data)
        } catch {
            throw InputError(file: path, "not a valid delivery profile (\(error))")
        }
        let problems = profile.problems(categoryColumns: POICategories.columns(geoData: root))
        guard problems.isEmpty else { throw InputError(file: path, "not a valid delivery profile: " + problems.joined(separator: "; ")) }
        return profile
    }
}

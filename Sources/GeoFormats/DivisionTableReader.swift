import DimingCore
import Foundation

/// One row of a division table as read, before the table-wide checks of ``DivisionTableCheck``.
public struct DivisionRow: Sendable {
    public var line: Int
    public var code: String
    public var name: String
    public var level: String
    public var levelNumber: String?
    public var parentCode: String?
    public var urbanRuralCode: String?
    /// WGS-84, converted from the file's coordinate system.
    public var point: Coordinate?
}

/// Reads the division tables of ../shared/data/admin: `code,name,level,level_num,parent_code`,
/// optional `ur_code`, and optional coordinates.
///
/// Coordinate columns say their system in their name (`lng_gcj02,lat_gcj02`, `lng_bd09,lat_bd09`,
/// `lng_wgs84,lat_wgs84`); plain `lng,lat` or `lon,lat` are in the system given as `crs`.
public enum DivisionTableReader {
    static let required = ["code", "name", "level", "parent_code"]

    /// The rows of the table, and the system its coordinates were in (nil when it has none).
    public static func read(path: String, crs: CoordinateSystem = .wgs84) throws -> (rows: [DivisionRow], pointCRS: CoordinateSystem?) {
        try read(table: CSVTable(path: path), crs: crs)
    }

    /// The rows of a table already opened (from a file or from memory).
    public static func read(table: CSVTable, crs: CoordinateSystem = .wgs84) throws -> (rows: [DivisionRow], pointCRS: CoordinateSystem?) {
        let path = table.path
        try table.require(required)
        let (lonColumn, latColumn, pointCRS) = try coordinateColumns(table, declared: crs)
        var rows: [DivisionRow] = []
        while let row = try table.next() {
            if row.isBlank { continue }
            var point: Coordinate?
            if let lonColumn, let latColumn {
                switch (row[lonColumn], row[latColumn]) {
                case (nil, nil): point = nil
                case let (lonText?, latText?):
                    guard let lon = Double(lonText), let lat = Double(latText),
                          Coordinate(lon: lon, lat: lat).isValid else {
                        throw InputError(file: path, line: row.line, field: lonColumn, "not a valid longitude/latitude: \(lonText),\(latText)")
                    }
                    point = pointCRS.toWGS84(Coordinate(lon: lon, lat: lat))
                default:
                    throw InputError(file: path, line: row.line, field: lonColumn, "longitude and latitude must both be given or both be empty")
                }
            }
            rows.append(DivisionRow(line: row.line, code: row["code"] ?? "", name: row["name"] ?? "", level: row["level"] ?? "",
                                    levelNumber: row["level_num"], parentCode: row["parent_code"],
                                    urbanRuralCode: row["ur_code"], point: point))
        }
        return (rows, lonColumn == nil ? nil : pointCRS)
    }

    /// Finds the coordinate columns and their system; a column named for a system other than a
    /// `--crs` the user gave explicitly (not wgs84, the default) is an error.
    static func coordinateColumns(_ table: CSVTable, declared: CoordinateSystem) throws -> (String?, String?, CoordinateSystem) {
        for system in CoordinateSystem.allCases {
            let lon = "lng_\(system.rawValue)", lat = "lat_\(system.rawValue)"
            if table.has(lon) && table.has(lat) {
                if declared != .wgs84 && declared != system {
                    throw InputError(file: table.path, line: 1, field: lon, "the columns say \(system) but --crs says \(declared)")
                }
                return (lon, lat, system)
            }
        }
        for lon in ["lng", "lon", "longitude"] where table.has(lon) {
            for lat in ["lat", "latitude"] where table.has(lat) { return (lon, lat, declared) }
        }
        return (nil, nil, declared)
    }
}

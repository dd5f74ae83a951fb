/// The coordinate systems a Chinese county meets.
///
/// - `wgs84`: WGS-84, equal to CGCS2000 for this purpose; what Diming stores, and what Tianditu,
///   OpenStreetMap, GeoJSON, KML and GPX use.
/// - `gcj02`: the obfuscated "Mars" system (国测局坐标) of Amap, Tencent and most Chinese map apps.
/// - `bd09`: Baidu's system, a further offset of GCJ-02.
public enum CoordinateSystem: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case wgs84
    case gcj02
    case bd09

    /// Accepts the usual spellings: `wgs84`, `WGS-84`, `cgcs2000`, `gcj02`, `GCJ-02`, `bd09`, `BD-09`.
    public init?(name: String) {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "wgs84", "cgcs2000", "epsg4326", "epsg4490": self = .wgs84
        case "gcj02", "gcj", "mars": self = .gcj02
        case "bd09", "bd09ll", "baidu": self = .bd09
        default: return nil
        }
    }

    public var description: String { rawValue }

    /// Converts a point from `source` to `target` (identity when they are the same).
    public static func convert(_ point: Coordinate, from source: CoordinateSystem, to target: CoordinateSystem) -> Coordinate {
        if source == target { return point }
        let gcj: Coordinate
        switch source {
        case .wgs84: gcj = ChinaOffset.wgs84ToGcj02(point)
        case .gcj02: gcj = point
        case .bd09: gcj = ChinaOffset.bd09ToGcj02(point)
        }
        switch target {
        case .wgs84: return source == .wgs84 ? point : ChinaOffset.gcj02ToWgs84(gcj)
        case .gcj02: return gcj
        case .bd09: return ChinaOffset.gcj02ToBd09(gcj)
        }
    }

    /// A converter to WGS-84 from this system.
    public func toWGS84(_ point: Coordinate) -> Coordinate {
        Self.convert(point, from: self, to: .wgs84)
    }

    /// A converter from WGS-84 to this system.
    public func fromWGS84(_ point: Coordinate) -> Coordinate {
        Self.convert(point, from: .wgs84, to: self)
    }
}

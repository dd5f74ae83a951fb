/// The coordinate system (坐标系) a source file's coordinates are in, as the file or the user states it:
/// one of Diming's own systems (WGS-84/CGCS2000 longitude and latitude, GCJ-02, BD-09), converted by
/// ``CoordinateSystem``, or an EPSG code (`EPSG:4527`, CGCS2000 3-degree Gauss–Krüger zone 39) that a
/// reader converts through PROJ. Only the value lives here: the conversion of EPSG codes is I/O-bound
/// library work done in GeoFormats.
public enum SourceCRS: Hashable, Sendable, CustomStringConvertible {
    case builtin(CoordinateSystem)
    case epsg(Int)

    /// Accepts Diming's names (`wgs84`, `cgcs2000`, `gcj02`, `bd09`) and `EPSG:NNNN` (also `epsg4527`,
    /// `urn:ogc:def:crs:EPSG::4527`). EPSG:4326 (WGS-84) and EPSG:4490 (CGCS2000) are plain `wgs84`:
    /// Diming treats the two as one, as every Chinese map provider does at road scale.
    public init?(name: String) {
        if let system = CoordinateSystem(name: name) {
            self = .builtin(system)
            return
        }
        let lower = name.lowercased()
        guard let range = lower.range(of: "epsg") else { return nil }
        let digits = lower[range.upperBound...].drop { !$0.isNumber }
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), let code = Int(digits), code > 0, code < 1_000_000 else { return nil }
        self = Self(epsg: code)
    }

    /// The system for an EPSG code, with WGS-84 and CGCS2000 geographic as ``builtin(_:)``.
    public init(epsg code: Int) {
        self = (code == 4326 || code == 4490) ? .builtin(.wgs84) : .epsg(code)
    }

    public var description: String {
        switch self {
        case let .builtin(system): system.rawValue
        case let .epsg(code): "EPSG:\(code)"
        }
    }

    /// Diming's own system, when this is one.
    public var builtin: CoordinateSystem? {
        if case let .builtin(system) = self { return system }
        return nil
    }

    /// The EPSG code of the CGCS2000 3-degree Gauss–Krüger zone whose false easting carries the zone
    /// number (x = zone × 1,000,000 + 500,000 ± …), for a hint when a file declares no system:
    /// zones 25–45 are EPSG:4513–4533.
    public static func cgcs2000GaussKrugerZone(easting x: Double) -> Int? {
        // Any number may arrive here (a fuzzed 1.2e53 trapped the conversion to Int).
        guard x.isFinite, x >= 25_000_000, x < 46_000_000 else { return nil }
        let zone = Int(x / 1_000_000)
        guard (25...45).contains(zone), (x - Double(zone) * 1_000_000) > 0 else { return nil }
        return 4488 + zone
    }

    /// Whether a position can only be projected metres, not longitude and latitude in degrees.
    public static func looksProjected(x: Double, y: Double) -> Bool {
        x.isFinite && y.isFinite && (abs(x) > 180 || abs(y) > 90)
    }
}

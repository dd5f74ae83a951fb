/// A point on the earth as longitude and latitude in decimal degrees.
///
/// Diming stores every coordinate in WGS-84 (which equals CGCS2000 at the precision that matters
/// here); other systems exist only at the edges, see ``CoordinateSystem``.
public struct Coordinate: Hashable, Codable, Sendable, CustomStringConvertible {
    public var lon: Double
    public var lat: Double

    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }

    /// Whether both parts are finite and within the ranges of longitude and latitude.
    public var isValid: Bool {
        lon.isFinite && lat.isFinite && (-180...180).contains(lon) && (-90...90).contains(lat)
    }

    public var description: String { "\(lon),\(lat)" }
}

/// An ordered line of two or more coordinates: a road segment's or a whole road's geometry.
public struct LineString: Hashable, Codable, Sendable {
    public var points: [Coordinate]

    public init(_ points: [Coordinate]) {
        self.points = points
    }

    public var start: Coordinate? { points.first }
    public var end: Coordinate? { points.last }
    public var boundingBox: BoundingBox? { BoundingBox(covering: points) }

    /// Geodesic length on the WGS-84 ellipsoid, in metres.
    public var length: Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + Geodesy.distance($1.0, $1.1) }
    }

    public func reversed() -> LineString { LineString(points.reversed()) }

    /// Whether the line has at least two points, all valid.
    public var isValid: Bool { points.count >= 2 && points.allSatisfy(\.isValid) }
}

/// An axis-aligned box in degrees, as indexed by the store's R*Tree.
public struct BoundingBox: Hashable, Codable, Sendable {
    public var minLon: Double
    public var minLat: Double
    public var maxLon: Double
    public var maxLat: Double

    public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
    }

    /// The smallest box around the given points, or nil when there are none.
    public init?<S: Sequence>(covering points: S) where S.Element == Coordinate {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        self.init(minLon: first.lon, minLat: first.lat, maxLon: first.lon, maxLat: first.lat)
        while let point = iterator.next() { extend(with: point) }
    }

    public mutating func extend(with point: Coordinate) {
        minLon = Swift.min(minLon, point.lon)
        minLat = Swift.min(minLat, point.lat)
        maxLon = Swift.max(maxLon, point.lon)
        maxLat = Swift.max(maxLat, point.lat)
    }

    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(minLon: Swift.min(minLon, other.minLon), minLat: Swift.min(minLat, other.minLat),
                    maxLon: Swift.max(maxLon, other.maxLon), maxLat: Swift.max(maxLat, other.maxLat))
    }

    public func contains(_ point: Coordinate) -> Bool {
        point.lon >= minLon && point.lon <= maxLon && point.lat >= minLat && point.lat <= maxLat
    }

    public func intersects(_ other: BoundingBox) -> Bool {
        minLon <= other.maxLon && other.minLon <= maxLon && minLat <= other.maxLat && other.minLat <= maxLat
    }

    /// The box grown by `degrees` on every side.
    public func expanded(by degrees: Double) -> BoundingBox {
        BoundingBox(minLon: minLon - degrees, minLat: minLat - degrees,
                    maxLon: maxLon + degrees, maxLat: maxLat + degrees)
    }

    public var center: Coordinate { Coordinate(lon: (minLon + maxLon) / 2, lat: (minLat + maxLat) / 2) }
}

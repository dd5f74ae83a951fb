/// A polygon: one outer ring and any number of holes. Rings are closed or open; both are accepted.
public struct Polygon: Hashable, Codable, Sendable {
    public let outer: [Coordinate]
    public let holes: [[Coordinate]]
    /// The outer ring's box, computed once (point-in-polygon tests check it first).
    public let boundingBox: BoundingBox?

    public init(outer: [Coordinate], holes: [[Coordinate]] = []) {
        self.outer = outer
        self.holes = holes
        boundingBox = BoundingBox(covering: outer)
    }

    /// Whether the point lies inside the outer ring and outside every hole.
    public func contains(_ point: Coordinate) -> Bool {
        guard boundingBox?.contains(point) == true else { return false }
        return Self.ring(outer, contains: point) && !holes.contains { Self.ring($0, contains: point) }
    }

    /// Even–odd ray casting on one ring, in plain lon/lat (fine at county scale).
    static func ring(_ ring: [Coordinate], contains point: Coordinate) -> Bool {
        guard ring.count >= 3 else { return false }
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.lat > point.lat) != (b.lat > point.lat) {
                let crossLon = a.lon + (point.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon)
                if point.lon < crossLon { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    /// The same polygon with every vertex transformed.
    public func map(_ transform: (Coordinate) -> Coordinate) -> Polygon {
        Polygon(outer: outer.map(transform), holes: holes.map { $0.map(transform) })
    }
}

/// Several polygons that form one area, such as a county with exclaves.
public struct MultiPolygon: Hashable, Codable, Sendable {
    public let polygons: [Polygon]
    public let boundingBox: BoundingBox?

    public init(_ polygons: [Polygon]) {
        self.polygons = polygons
        boundingBox = polygons.compactMap(\.boundingBox).reduce(nil) { $0?.union($1) ?? $1 }
    }

    public func contains(_ point: Coordinate) -> Bool {
        boundingBox?.contains(point) == true && polygons.contains { $0.contains(point) }
    }

    public func map(_ transform: (Coordinate) -> Coordinate) -> MultiPolygon {
        MultiPolygon(polygons.map { $0.map(transform) })
    }
}

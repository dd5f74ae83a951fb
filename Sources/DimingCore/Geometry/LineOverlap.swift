import Foundation

/// How much of one line lies along another (线形重合度), for recognising the same road in two sources
/// (conflation): points sampled along the first line, each within a tolerance of the second or not,
/// weighted by the length they stand for. Distances in metres on a local plane, which at road scale
/// (a few km) is within centimetres of the geodesic.
public enum LineOverlap {
    /// The fraction (0…1) of `line`'s length that lies within `tolerance` metres of `other`.
    public static func coveredFraction(of line: LineString, by other: LineString, tolerance: Double) -> Double {
        guard line.points.count >= 2, other.points.count >= 2, let origin = line.points.first else { return 0 }
        let plane = Plane(origin: origin)
        let target = other.points.map(plane.project)
        let source = line.points.map(plane.project)
        var total = 0.0, covered = 0.0
        for (a, b) in zip(source, source.dropFirst()) {
            let length = hypot(b.x - a.x, b.y - a.y)
            guard length > 0 else { continue }
            // Samples at most tolerance/2 apart, at most 50 a segment piece: bounded work per line.
            let steps = max(1, min(50, Int((length / max(tolerance / 2, 0.5)).rounded(.up))))
            let piece = length / Double(steps)
            for step in 0..<steps {
                let t = (Double(step) + 0.5) / Double(steps)
                let point = (x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
                total += piece
                if distance(point, to: target) <= tolerance { covered += piece }
            }
        }
        return total > 0 ? covered / total : 0
    }

    /// Whether two lines are the same road: each lies along the other for at least `share` of its length.
    public static func sameRoad(_ a: LineString, _ b: LineString, tolerance: Double, share: Double = 0.8) -> Bool {
        coveredFraction(of: a, by: b, tolerance: tolerance) >= share && coveredFraction(of: b, by: a, tolerance: tolerance) >= share
    }

    /// The smallest distance from a point to a polyline, on the plane.
    static func distance(_ p: (x: Double, y: Double), to line: [(x: Double, y: Double)]) -> Double {
        var best = Double.infinity
        for (a, b) in zip(line, line.dropFirst()) {
            let dx = b.x - a.x, dy = b.y - a.y
            let lengthSquared = dx * dx + dy * dy
            let t = lengthSquared > 0 ? max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared)) : 0
            best = min(best, hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)))
        }
        return best
    }

    /// An equirectangular plane around a point, in metres.
    struct Plane {
        let origin: Coordinate
        let metresPerDegreeLon: Double
        let metresPerDegreeLat = Geodesy.meanRadius * .pi / 180
        init(origin: Coordinate) {
            self.origin = origin
            metresPerDegreeLon = metresPerDegreeLat * cos(origin.lat * .pi / 180)
        }
        func project(_ point: Coordinate) -> (x: Double, y: Double) {
            ((point.lon - origin.lon) * metresPerDegreeLon, (point.lat - origin.lat) * metresPerDegreeLat)
        }
    }
}

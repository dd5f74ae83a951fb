import Foundation

/// How much of one line lies along another (线形重合度), for recognising the same road in two sources
/// (conflation): points sampled along the first line, each within a tolerance of the second or not,
/// weighted by the length they stand for. Distances in metres on a local plane, which at road scale
/// (a few km) is within centimetres of the geodesic.
public enum LineOverlap {
    /// The fraction (0…1) of `line`'s length that lies within `tolerance` metres of `other`, from at
    /// most `maxSamples` points spread evenly along `line` (at least `tolerance`/2 apart on short lines):
    /// bounded work per pair, whatever the number of vertices.
    public static func coveredFraction(of line: LineString, by other: LineString, tolerance: Double, maxSamples: Int = 64) -> Double {
        guard line.points.count >= 2, other.points.count >= 2, let origin = line.points.first else { return 0 }
        let plane = Plane(origin: origin)
        let target = other.points.map(plane.project)
        let source = line.points.map(plane.project)
        var cumulative = [0.0]
        cumulative.reserveCapacity(source.count)
        for (a, b) in zip(source, source.dropFirst()) { cumulative.append(cumulative.last! + hypot(b.x - a.x, b.y - a.y)) }
        let total = cumulative.last!
        guard total > 0 else { return 0 }
        let count = max(1, min(maxSamples, Int((total / max(tolerance / 2, 0.5)).rounded(.up))))
        var covered = 0, piece = 0
        for sample in 0..<count {
            let at = (Double(sample) + 0.5) / Double(count) * total
            while piece < source.count - 2 && cumulative[piece + 1] < at { piece += 1 }
            let a = source[piece], b = source[piece + 1]
            let length = cumulative[piece + 1] - cumulative[piece]
            let t = length > 0 ? (at - cumulative[piece]) / length : 0
            if distance((a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t), to: target) <= tolerance { covered += 1 }
        }
        return Double(covered) / Double(count)
    }

    /// Whether two lines are the same road: each lies along the other for at least `share` of its length.
    public static func sameRoad(_ a: LineString, _ b: LineString, tolerance: Double, share: Double = 0.8) -> Bool {
        coveredFraction(of: a, by: b, tolerance: tolerance) >= share && coveredFraction(of: b, by: a, tolerance: tolerance) >= share
    }

    /// Whether lines of these lengths can be the same road at all: one much shorter than the other
    /// cannot lie along it over `share` of the longer one (a cheap test before the sampling).
    public static func lengthsCompatible(_ a: Double, _ b: Double, tolerance: Double, share: Double = 0.8) -> Bool {
        min(a, b) + 2 * tolerance >= share * max(a, b)
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

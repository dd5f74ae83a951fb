import Foundation

/// A proposed sign position on a road.
public struct PlannedSign: Codable, Sendable, Hashable {
    public var position: Coordinate
    /// Metres from the road's start.
    public var distance: Double
    public var roadBearing: Double
    public var facing: Double
    public var back: EndMarker
    public var forward: EndMarker
    public var deadEnd: Bool
    public var crossRoad: String?
    /// start, junction, interval, end
    public var reason: String
}

/// Plans a road's signs (设标规划): both ends, every junction with another named road, and more on
/// long roads so that no two signs are more than `spacing` metres apart. Positions snap to the
/// road's line; a plate shows an arrow toward where the road continues and a dot where it ends.
public struct SignPlanner: Sendable {
    /// The longest stretch without a sign, metres.
    public var spacing: Double
    /// A cross road this close to a sign already planned shares it (metres).
    public var mergeDistance: Double

    public init(spacing: Double = 2000, mergeDistance: Double = 50) {
        self.spacing = spacing
        self.mergeDistance = mergeDistance
    }

    /// `crossings`: named roads meeting this one (name and where on the line, metres from the start).
    /// `deadEndAtStart`/`deadEndAtEnd`: nothing else meets the road there.
    public func plan(line: LineString, crossings: [(name: String, distance: Double)], deadEndAtStart: Bool, deadEndAtEnd: Bool) -> [PlannedSign] {
        let length = line.length
        var stops: [(distance: Double, cross: String?, reason: String)] = [(0, nil, "start"), (length, nil, "end")]
        for crossing in crossings.sorted(by: { $0.distance < $1.distance }) {
            if let index = stops.firstIndex(where: { abs($0.distance - crossing.distance) <= mergeDistance }) {
                if stops[index].cross == nil { stops[index].cross = crossing.name }
                continue
            }
            stops.append((crossing.distance, crossing.name, "junction"))
        }
        stops.sort { $0.distance < $1.distance }
        var spaced: [(distance: Double, cross: String?, reason: String)] = []
        for stop in stops {
            if let last = spaced.last, stop.distance - last.distance > spacing {
                let extra = Int((stop.distance - last.distance) / spacing)
                let step = (stop.distance - last.distance) / Double(extra + 1)
                for k in 1...extra { spaced.append((last.distance + step * Double(k), nil, "interval")) }
            }
            spaced.append(stop)
        }
        return spaced.map { stop in
            let (point, bearing) = Self.locate(stop.distance, on: line)
            let atStart = stop.reason == "start", atEnd = stop.reason == "end"
            return PlannedSign(position: point, distance: stop.distance, roadBearing: bearing, facing: (bearing + 90).truncatingRemainder(dividingBy: 360),
                               back: atStart ? .ends : .continues, forward: atEnd ? .ends : .continues,
                               deadEnd: (atStart && deadEndAtStart) || (atEnd && deadEndAtEnd), crossRoad: stop.cross, reason: stop.reason)
        }
    }

    /// The point `distance` metres along the line and the line's bearing there.
    public static func locate(_ distance: Double, on line: LineString) -> (Coordinate, Double) {
        var travelled = 0.0
        let pairs = Array(zip(line.points, line.points.dropFirst()))
        for (a, b) in pairs {
            let piece = Geodesy.distance(a, b)
            if travelled + piece >= distance || (a, b) == pairs.last! {
                let t = piece == 0 ? 0 : max(0, min(1, (distance - travelled) / piece))
                let point = Coordinate(lon: a.lon + (b.lon - a.lon) * t, lat: a.lat + (b.lat - a.lat) * t)
                return (point, Geodesy.bearing(from: a, to: b))
            }
            travelled += piece
        }
        return (line.points[0], 0)
    }
}

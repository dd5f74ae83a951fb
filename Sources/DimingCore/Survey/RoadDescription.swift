import Foundation

/// A place a road can be described by: a village (or a town seat) with its point.
public struct SurveyPlace: Hashable, Sendable {
    public var code: DivisionCode
    /// The everyday name: 张庄村, not 张庄村委会.
    public var name: String
    public var point: Coordinate

    public init(code: DivisionCode, name: String, point: Coordinate) {
        self.code = code
        self.name = name
        self.point = point
    }
}

/// The general direction of a road (走向).
public enum RoadDirection: String, Codable, Sendable, CustomStringConvertible {
    case eastWest = "东西"
    case northSouth = "南北"
    case northeastSouthwest = "东北—西南"
    case northwestSoutheast = "西北—东南"
    case ring = "环形"

    /// The Chinese word (东西, 南北 …), as pages and papers print it.
    public var description: String { rawValue }
}

/// How a surveyed road is described: its direction, its ends (起点/止点), the villages it passes,
/// its town, and a working name for an unnamed road (张庄村至李庄村道路).
public struct RoadDescription: Hashable, Codable, Sendable {
    public var direction: RoadDirection
    public var start: String
    public var end: String
    /// Codes of the villages the road passes, in road order.
    public var villages: [DivisionCode]
    public var villageNames: [String]
    public var townCode: DivisionCode?
    public var workingName: String
    /// 起于张庄村，止于李庄村
    public var span: String { "起于\(start)，止于\(end)" }
}

/// Describes roads from the villages and named roads around them. Pure: give it the places.
public struct RoadDescriber: Sendable {
    private var places = GridIndex<SurveyPlace>(cellSize: 0.02)
    private var namedRoads = GridIndex<NamedLine>(cellSize: 0.01)
    private var hasPlaces = false
    /// Few places are searched directly; the grid pays off for many.
    private var fewPlaces: [SurveyPlace]?

    struct NamedLine: Sendable {
        var name: String
        var line: LineString
    }

    /// An end this close to a named road is described by that road (metres).
    public var junctionDistance = 30.0
    /// A village this close to an end names it plainly; farther ones get a bearing and distance.
    public var villageDistance = 600.0
    /// Villages within this distance of the line count as passed.
    public var passDistance = 300.0

    /// How far to look for the nearest village before giving up (metres).
    public var searchDistance = 20_000.0

    public init(places: [SurveyPlace], namedRoads: [(name: String, line: LineString)]) {
        for place in places { self.places.insert(place, box: BoundingBox(covering: [place.point])!) }
        for road in namedRoads {
            if let box = road.line.boundingBox { self.namedRoads.insert(NamedLine(name: road.name, line: road.line), box: box) }
        }
        hasPlaces = !places.isEmpty
        fewPlaces = places.count <= 256 ? places : nil
    }

    /// Orients the line (west to east, or south to north for north–south roads) and describes it.
    /// Returns the oriented line with the description and whether it was reversed.
    public func describe(_ line: LineString, ownName: String? = nil) -> (line: LineString, reversed: Bool, description: RoadDescription) {
        let first = line.points.first!, last = line.points.last!
        let projection = LocalProjection(origin: first)
        let (dx, dy) = projection.xy(last)
        let direction: RoadDirection
        if Geodesy.greatCircleDistance(first, last) < 1 && line.points.count > 2 {
            direction = .ring
        } else {
            let angle = atan2(dy, dx) * 180 / .pi // 0 = east, 90 = north
            let folded = angle < 0 ? angle + 180 : angle // 0..<180
            switch folded {
            case ..<22.5, 157.5...: direction = .eastWest
            case 67.5..<112.5: direction = .northSouth
            case 22.5..<67.5: direction = .northeastSouthwest
            default: direction = .northwestSoutheast
            }
        }
        let reversed: Bool
        switch direction {
        case .northSouth: reversed = dy < 0
        case .ring: reversed = false
        default: reversed = dx < 0
        }
        let oriented = reversed ? line.reversed() : line
        let start = endName(oriented.points.first!, ownName: ownName)
        let end = endName(oriented.points.last!, ownName: ownName)
        let passed = passedPlaces(oriented)
        let town = nearestPlace(to: oriented.points[oriented.points.count / 2])?.place.code.ancestor(at: .town)
        let working: String
        switch (start.place, end.place) {
        case let (a?, b?) where a != b: working = "\(a)至\(b)道路"
        case let (a?, b?) where a == b: working = passed.count > 1 ? "\(passed.first!.name)至\(passed.last!.name)道路" : "\(a)内道路"
        case let (a?, nil), let (nil, a?): working = "\(a)附近道路"
        default: working = "无名道路"
        }
        return (oriented, reversed, RoadDescription(
            direction: direction, start: start.text, end: end.text, villages: passed.map(\.code), villageNames: passed.map(\.name),
            townCode: town.flatMap { $0.structuralLevel == .town ? $0 : nil }, workingName: working))
    }

    /// The end's description, and the short place name used in a working name.
    func endName(_ point: Coordinate, ownName: String?) -> (text: String, place: String?) {
        let projection = LocalProjection(origin: point)
        if let road = namedRoads.query(around: point, metres: junctionDistance)
            .filter({ $0.name != ownName })
            .map({ (name: $0.name, distance: projection.distance(from: point, to: $0.line)) })
            .min(by: { $0.distance < $1.distance }), road.distance <= junctionDistance {
            return (road.name, road.name)
        }
        guard let nearest = nearestPlace(to: point) else {
            return ("东经\(Self.fixed(point.lon, 4))°北纬\(Self.fixed(point.lat, 4))°", nil)
        }
        if nearest.distance <= villageDistance { return (nearest.place.name, nearest.place.name) }
        let bearing = Geodesy.bearing(from: nearest.place.point, to: point)
        let compass = Self.compassPoints[Int(((bearing + 22.5) / 45).rounded(.down)) % 8]
        return ("\(nearest.place.name)\(compass)约\(Self.fixed(nearest.distance / 1000, 1))公里", nearest.place.name)
    }

    static let compassPoints = ["北", "东北", "东", "东南", "南", "西南", "西", "西北"]

    /// `value` with `places` decimals, as `%.Nf` prints it: `FixedDecimal`, or C's printf for what it
    /// does not cover (Foundation's `String(format:)` costs a CFString per call).
    static func fixed(_ value: Double, _ places: Int32) -> String {
        FixedDecimal.format(value, places: Int(places)) ?? printfFixed(value, places)
    }

    /// `value` with `places` decimals, through C's printf.
    static func printfFixed(_ value: Double, _ places: Int32) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let written = withVaList([places, value]) { vsnprintf(buffer.baseAddress!, 64, "%.*f", $0) }
            guard written >= 0, written < 64 else { return String(format: "%.*f", places, value) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(written)), as: UTF8.self)
        }
    }

    func nearestPlace(to point: Coordinate) -> (place: SurveyPlace, distance: Double)? {
        guard hasPlaces else { return nil }
        if let fewPlaces {
            return Self.nearest(among: fewPlaces, to: point, within: searchDistance)
        }
        var radius = 1_000.0
        while radius <= searchDistance {
            if let nearest = Self.nearest(among: places.query(around: point, metres: radius), to: point, within: radius) { return nearest }
            radius *= 4
        }
        return nil
    }

    /// The first of the nearest places (great-circle distance), if it is within `limit` metres.
    ///
    /// A place's latitude alone bounds its distance from below (an arc on the sphere is at least as long
    /// as its change of latitude), so a place whose bound exceeds the best distance so far, or the limit,
    /// is skipped unmeasured: it could not be the first nearest one within the limit. The bound is
    /// lowered by a micrometre (and a part in 10¹²) to stay below the computed distance whatever its
    /// rounding, so the answer is exactly the one measuring every place gives.
    static func nearest(among places: [SurveyPlace], to point: Coordinate, within limit: Double) -> (place: SurveyPlace, distance: Double)? {
        var best: (place: SurveyPlace, distance: Double)?
        let metresPerDegree = Geodesy.meanRadius * .pi / 180 * (1 - 1e-12)
        for place in places {
            let bound = abs(place.point.lat - point.lat) * metresPerDegree - 1e-6
            if bound > limit || bound > best?.distance ?? .infinity { continue }
            let distance = Geodesy.greatCircleDistance(place.point, point)
            if distance < best?.distance ?? .infinity { best = (place, distance) }
        }
        return best.flatMap { $0.distance <= limit ? $0 : nil }
    }

    /// Places within `passDistance` of the line, in the order the line reaches them.
    func passedPlaces(_ line: LineString) -> [SurveyPlace] {
        guard hasPlaces, let box = line.boundingBox?.expanded(by: passDistance / 90_000) else { return [] }
        let projection = LocalProjection(origin: line.points[0])
        return places.query(box)
            .compactMap { place -> (SurveyPlace, Double)? in
                let (distance, along) = projection.nearest(place.point, on: line)
                return distance <= passDistance ? (place, along) : nil
            }
            .sorted { $0.1 < $1.1 }
            .map(\.0)
    }
}

/// A local equirectangular projection in metres, good to a few parts in a thousand over a county.
public struct LocalProjection: Sendable {
    let origin: Coordinate
    let metresPerLon: Double
    let metresPerLat = 110_574.0

    public init(origin: Coordinate) {
        self.origin = origin
        metresPerLon = 111_320 * cos(origin.lat * .pi / 180)
    }

    public func xy(_ point: Coordinate) -> (Double, Double) {
        ((point.lon - origin.lon) * metresPerLon, (point.lat - origin.lat) * metresPerLat)
    }

    /// Distance from a point to a line, in metres.
    public func distance(from point: Coordinate, to line: LineString) -> Double {
        nearest(point, on: line).distance
    }

    /// The distance to the line's nearest point, and how far along the line that point is (metres).
    public func nearest(_ point: Coordinate, on line: LineString) -> (distance: Double, along: Double) {
        let p = xy(point)
        var best = (distance: Double.infinity, along: 0.0)
        var travelled = 0.0
        for (a, b) in zip(line.points, line.points.dropFirst()) {
            let (ax, ay) = xy(a), (bx, by) = xy(b)
            let (vx, vy) = (bx - ax, by - ay)
            let lengthSquared = vx * vx + vy * vy
            let t = lengthSquared == 0 ? 0 : max(0, min(1, ((p.0 - ax) * vx + (p.1 - ay) * vy) / lengthSquared))
            let (cx, cy) = (ax + t * vx, ay + t * vy)
            let distance = ((p.0 - cx) * (p.0 - cx) + (p.1 - cy) * (p.1 - cy)).squareRoot()
            let segmentLength = lengthSquared.squareRoot()
            if distance < best.distance { best = (distance, travelled + t * segmentLength) }
            travelled += segmentLength
        }
        return best
    }
}

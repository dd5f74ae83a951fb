import DimingCore
import Foundation

/// A deterministic synthetic county (or a province of them) for the demo and for benchmarks:
/// divisions down to villages with their points, county boundaries, and a road network of named
/// county roads and town streets and unnamed village-to-village roads, split into segments the
/// way survey data comes.
///
/// The same parameters give the same region on every machine (SplitMix64, no system randomness).
public struct SyntheticRegion: Sendable {
    public struct Parameters: Sendable {
        public var seed: UInt64 = 2023
        public var cities = 1
        public var countiesPerCity = 1
        public var townsPerCounty = 6
        public var villagesPerTown = 10
        /// South-west corner of the first county (WGS-84): near Liaocheng by default.
        public var origin = Coordinate(lon: 115.80, lat: 36.20)
        /// A county's side in degrees.
        public var countySize = 0.30

        public init() {}
    }

    /// One generated road segment, as a source file would give it.
    public struct SegmentDraft: Sendable {
        public var ref: String
        public var roadClass: String
        public var name: String?
        public var routeCode: String?
        public var confirmedUnnamed: Bool
        public var line: LineString
    }

    public var divisions: [Division] = []
    public var boundaries: [(code: DivisionCode, name: String, area: MultiPolygon)] = []
    public var segments: [SegmentDraft] = []

    public init(_ parameters: Parameters) {
        var random = SeededGenerator(seed: parameters.seed)
        let province = DivisionCode("370000000000")!
        divisions.append(Division(code: province, name: "山东省", level: .province, parentCode: nil))
        var countyIndex = 0
        for c in 0..<parameters.cities {
            let cityCode = DivisionCode(String(format: "37%02d00000000", 99 - c))!
            divisions.append(Division(code: cityCode, name: c == 0 ? "示范市" : "示范\(c + 1)市", level: .city, parentCode: province))
            for k in 0..<parameters.countiesPerCity {
                let countyCode = DivisionCode(String(format: "37%02d%02d000000", 99 - c, k + 1))!
                let columns = Int(Double(parameters.cities * parameters.countiesPerCity).squareRoot().rounded(.up))
                let corner = Coordinate(lon: parameters.origin.lon + Double(countyIndex % columns) * parameters.countySize,
                                        lat: parameters.origin.lat + Double(countyIndex / columns) * parameters.countySize)
                let name = countyIndex == 0 ? "示范县" : "示范\(countyIndex + 1)县"
                addCounty(code: countyCode, name: name, parent: cityCode, corner: corner, parameters: parameters, random: &random)
                countyIndex += 1
            }
        }
    }

    mutating func addCounty(code: DivisionCode, name: String, parent: DivisionCode, corner: Coordinate,
                            parameters: Parameters, random: inout SeededGenerator) {
        let size = parameters.countySize
        let center = Coordinate(lon: corner.lon + size / 2, lat: corner.lat + size / 2)
        divisions.append(Division(code: code, name: name, level: .county, parentCode: parent, point: center))
        boundaries.append((code, name, MultiPolygon([Polygon(outer: Self.ring(corner: corner, size: size, random: &random))])))

        // Towns on a grid of cells inside the county; villages scattered in each cell.
        let columns = Int(Double(parameters.townsPerCounty).squareRoot().rounded(.up))
        let rows = (parameters.townsPerCounty + columns - 1) / columns
        let cellLon = size / Double(columns), cellLat = size / Double(rows)
        var usedNames = Set<String>()
        var townStems = SyntheticNames.townStems.shuffled(using: &random)
        var villages: [(point: Coordinate, name: String)] = []
        var seats: [Coordinate] = []
        for t in 0..<parameters.townsPerCounty {
            let kind = t == 0 ? "街道" : t % 4 == 3 ? "乡" : "镇"
            let number = kind == "街道" ? 1 + t : kind == "镇" ? 100 + t : 200 + t
            let townCode = DivisionCode(code.countyPart + String(format: "%03d000", number))!
            let stem = townStems.isEmpty ? "第\(t + 1)" : townStems.removeFirst()
            let cell = Coordinate(lon: corner.lon + Double(t % columns) * cellLon, lat: corner.lat + Double(t / columns) * cellLat)
            let seat = Coordinate(lon: cell.lon + cellLon * random.double(0.4...0.6), lat: cell.lat + cellLat * random.double(0.4...0.6))
            seats.append(seat)
            divisions.append(Division(code: townCode, name: stem + kind, level: .town, parentCode: code, point: seat))
            // The seat's neighbourhood committee.
            let seatVillage = DivisionCode(townCode.prefix(at: .town) + "001")!
            divisions.append(Division(code: seatVillage, name: stem + "社区居委会", level: .village, parentCode: townCode,
                                      urbanRuralCode: "121", point: seat))
            addTownStreets(seat: seat, stem: stem, county: code, random: &random)
            for v in 0..<parameters.villagesPerTown {
                let villageName = Self.uniqueVillageName(&usedNames, random: &random)
                let point = Coordinate(lon: cell.lon + cellLon * random.double(0.08...0.92),
                                       lat: cell.lat + cellLat * random.double(0.08...0.92))
                let villageCode = DivisionCode(townCode.prefix(at: .town) + String(format: "%03d", 201 + v))!
                divisions.append(Division(code: villageCode, name: villageName + "村委会", level: .village, parentCode: townCode,
                                          urbanRuralCode: "220", point: point))
                villages.append((point, villageName))
            }
        }
        addCountyRoads(corner: corner, size: size, county: code, random: &random)
        addVillageRoads(villages.map(\.point) + seats, county: code, random: &random)
    }

    /// A county outline: a square with jittered edges, closed.
    static func ring(corner: Coordinate, size: Double, random: inout SeededGenerator) -> [Coordinate] {
        let steps = 8
        var ring: [Coordinate] = []
        func jitter() -> Double { random.double(-0.004...0.004) }
        for i in 0..<steps { ring.append(Coordinate(lon: corner.lon + size * Double(i) / Double(steps), lat: corner.lat + jitter())) }
        for i in 0..<steps { ring.append(Coordinate(lon: corner.lon + size + jitter(), lat: corner.lat + size * Double(i) / Double(steps))) }
        for i in 0..<steps { ring.append(Coordinate(lon: corner.lon + size - size * Double(i) / Double(steps), lat: corner.lat + size + jitter())) }
        for i in 0..<steps { ring.append(Coordinate(lon: corner.lon + jitter(), lat: corner.lat + size - size * Double(i) / Double(steps))) }
        ring.append(ring[0])
        return ring
    }

    static func uniqueVillageName(_ used: inout Set<String>, random: inout SeededGenerator) -> String {
        while true {
            var name = random.pick(SyntheticNames.surnames) + random.pick(SyntheticNames.villageEndings)
            if used.contains(name) { name = random.pick(SyntheticNames.villagePrefixes) + name }
            if !used.contains(name) {
                used.insert(name)
                return name
            }
        }
    }

    /// Two named county roads (X routes) crossing the county, split every few kilometres.
    mutating func addCountyRoads(corner: Coordinate, size: Double, county: DivisionCode, random: inout SeededGenerator) {
        let stems = SyntheticNames.roadStems.shuffled(using: &random)
        let lat = corner.lat + size * random.double(0.3...0.7)
        let lon = corner.lon + size * random.double(0.3...0.7)
        let eastWest = (0...10).map { Coordinate(lon: corner.lon + 0.01 + (size - 0.02) * Double($0) / 10, lat: lat + random.double(-0.002...0.002)) }
        let northSouth = (0...10).map { Coordinate(lon: lon + random.double(-0.002...0.002), lat: corner.lat + 0.01 + (size - 0.02) * Double($0) / 10) }
        let refs = [String(format: "X%03d", Int.random(in: 1...99, using: &random)), String(format: "X%03d", Int.random(in: 100...199, using: &random))]
        for (index, line) in [eastWest, northSouth].enumerated() {
            for part in 0..<5 {
                segments.append(SegmentDraft(ref: "\(county.countyPart)-x\(index)-\(part)", roadClass: "tertiary", name: stems[index] + "路",
                                             routeCode: refs[index], confirmedUnnamed: false,
                                             line: LineString(Array(line[(part * 2)...(part * 2 + 2)]))))
            }
        }
    }

    /// A short named street through each town seat.
    mutating func addTownStreets(seat: Coordinate, stem: String, county: DivisionCode, random: inout SeededGenerator) {
        let half = 0.006
        let line = [-1.0, 0, 1].map { Coordinate(lon: seat.lon + half * $0, lat: seat.lat + random.double(-0.0004...0.0004)) }
        segments.append(SegmentDraft(ref: "\(county.countyPart)-street-\(stem)", roadClass: "residential", name: stem + "大街", routeCode: nil,
                                     confirmedUnnamed: false, line: LineString(line)))
    }

    /// Unnamed roads linking each place to its nearest neighbours, each split into one to three segments.
    mutating func addVillageRoads(_ places: [Coordinate], county: DivisionCode, random: inout SeededGenerator) {
        var linked = Set<[Int]>()
        for (i, place) in places.enumerated() {
            let nearest = places.indices.filter { $0 != i }
                .map { (index: $0, distance: Geodesy.greatCircleDistance(place, places[$0])) }
                .sorted { $0.distance < $1.distance }
                .prefix(2).map(\.index)
            for j in nearest where !linked.contains([min(i, j), max(i, j)]) {
                linked.insert([min(i, j), max(i, j)])
                let target = places[j]
                let parts = Int.random(in: 1...3, using: &random)
                var points = [place]
                for step in 1..<(parts * 2) {
                    let f = Double(step) / Double(parts * 2)
                    points.append(Coordinate(lon: place.lon + (target.lon - place.lon) * f + random.double(-0.0008...0.0008),
                                             lat: place.lat + (target.lat - place.lat) * f + random.double(-0.0008...0.0008)))
                }
                points.append(target)
                let roadClass = random.double(0...1) < 0.3 ? "track" : "unclassified"
                let noname = random.double(0...1) < 0.2
                for part in 0..<parts {
                    segments.append(SegmentDraft(ref: "\(county.countyPart)-v\(i)-\(j)-\(part)", roadClass: roadClass, name: nil,
                                                 routeCode: nil, confirmedUnnamed: noname,
                                                 line: LineString(Array(points[(part * 2)...(part * 2 + 2)]))))
                }
            }
        }
    }
}

import DimingCore
import Foundation
import Testing

/// The geometry of conflation: a road drawn twice, a few metres apart, is one road; a road and a
/// piece of it, or two parallel roads, are not.
@Suite("Line overlap")
struct LineOverlapTests {
    /// A random road of 2–20 vertices around Liaocheng, wandering up to ~300 m a step.
    static func randomLine(_ generator: inout some RandomNumberGenerator) -> LineString {
        var point = Coordinate(lon: Double.random(in: 115.5...116.5, using: &generator), lat: Double.random(in: 36...37, using: &generator))
        var points = [point]
        for _ in 0..<Int.random(in: 1...19, using: &generator) {
            point = Coordinate(lon: point.lon + Double.random(in: 0.0005...0.003, using: &generator),
                               lat: point.lat + Double.random(in: -0.002...0.002, using: &generator))
            points.append(point)
        }
        return LineString(points)
    }

    /// The line moved by `metres` to the north.
    static func shifted(_ line: LineString, metres: Double) -> LineString {
        LineString(line.points.map { Coordinate(lon: $0.lon, lat: $0.lat + metres / 111_195) })
    }

    @Test("property: a line matches itself, reversed and shifted 5 m; not shifted 60 m")
    func sameRoadProperty() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let line = Self.randomLine(&generator)
            #expect(LineOverlap.sameRoad(line, line, tolerance: 15))
            #expect(LineOverlap.sameRoad(line, line.reversed(), tolerance: 15))
            #expect(LineOverlap.sameRoad(line, Self.shifted(line, metres: 5), tolerance: 15))
            #expect(!LineOverlap.sameRoad(line, Self.shifted(line, metres: 60), tolerance: 15))
        }
    }

    @Test("a piece of a road lies along it, but the road does not lie along the piece: checked both ways")
    func bothDirections() {
        let road = LineString((0...10).map { Coordinate(lon: 115.8 + Double($0) * 0.001, lat: 36.1) })
        let piece = LineString(Array(road.points[0...3]))
        #expect(LineOverlap.coveredFraction(of: piece, by: road, tolerance: 15) == 1)
        #expect(LineOverlap.coveredFraction(of: road, by: piece, tolerance: 15) < 0.4)
        #expect(!LineOverlap.sameRoad(piece, road, tolerance: 15))
        #expect(!LineOverlap.lengthsCompatible(piece.length, road.length, tolerance: 15))
        // A parallel road 30 m away is another road, though as long and as near as roads get.
        #expect(LineOverlap.coveredFraction(of: road, by: Self.shifted(road, metres: 30), tolerance: 15) == 0)
        #expect(LineOverlap.coveredFraction(of: road, by: Self.shifted(road, metres: 10), tolerance: 15) == 1)
    }
}

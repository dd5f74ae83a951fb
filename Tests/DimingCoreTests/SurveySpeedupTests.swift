@testable import DimingCore
import TestSupport
import Testing

/// The survey's shortcuts give exactly what the plain computations give.
@Suite("Survey shortcuts")
struct SurveySpeedupTests {
    @Test("fixed decimals are written digit for digit as printf writes them, ties and signs included")
    func fixedDecimalsMatchPrintf() {
        var random = SeededGenerator(seed: 16)
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e-7, -1e-7, 0.05, 0.15, 0.25, 0.35, 1.0005, 2.00005,
                                999_999_999.5, 123.456_789, -48.380_95, -39.598_35, 115.950_05, 36.35, 4.999_99, 9.999_999_5,
                                Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, 0.1 + 0.2]
        for _ in 0..<20_000 { values.append(Double.random(in: -180...180, using: &random)) }
        for _ in 0..<5_000 { values.append(Double.random(in: 0..<50, using: &random)) }
        // Halves at every scale: k / 2^n, exactly representable, the ties printf rounds to even.
        for n in 1...12 { for k in stride(from: 1, to: 4_000, by: 7) { values.append(Double(k) / Double(1 << n)) } }
        for value in values {
            for places in Int32(0)...6 {
                #expect(RoadDescriber.fixed(value, places) == RoadDescriber.printfFixed(value, places), "\(value) with \(places) decimals")
            }
        }
        #expect(FixedDecimal.format(.nan, places: 1) == nil && FixedDecimal.format(1e12, places: 1) == nil)
        #expect(RoadDescriber.fixed(1e12, 1) == "1000000000000.0")
    }

    @Test("the nearest place found with the latitude bound is the first nearest place found by measuring all", arguments: [40, 600])
    func nearestPlaceMatchesBruteForce(count: Int) {
        var random = SeededGenerator(seed: UInt64(count))
        func point(_ spread: Double) -> Coordinate {
            Coordinate(lon: 116 + Double.random(in: -spread...spread, using: &random), lat: 36 + Double.random(in: -spread...spread, using: &random))
        }
        var places: [SurveyPlace] = []
        for i in 0..<count {
            // Some places share a point or a latitude, so ties and equal bounds occur.
            let p = i % 9 == 8 ? places[i / 2].point : i % 7 == 6 ? Coordinate(lon: point(0.3).lon, lat: places[i / 3].point.lat) : point(0.3)
            places.append(SurveyPlace(code: DivisionCode("371521101\(String(1000 + i).dropFirst())")!, name: "村\(i)", point: p))
        }
        let describer = RoadDescriber(places: places, namedRoads: [])
        var grid = GridIndex<SurveyPlace>(cellSize: 0.02) // as the describer's
        for place in places { grid.insert(place, box: BoundingBox(covering: [place.point])!) }
        for i in 0..<3_000 {
            let target = i % 5 == 0 ? places[i % count].point : point(i % 3 == 0 ? 0.6 : 0.35)
            // What the describer did before the bound: measure every candidate, keep the first nearest.
            func first(_ candidates: [SurveyPlace]) -> (SurveyPlace, Double)? {
                candidates.map { ($0, Geodesy.greatCircleDistance($0.point, target)) }.min { $0.1 < $1.1 }
            }
            var expected: (SurveyPlace, Double)?
            if count <= 256 {
                expected = first(places).flatMap { $0.1 <= describer.searchDistance ? $0 : nil }
            } else {
                var radius = 1_000.0
                while radius <= describer.searchDistance {
                    if let nearest = first(grid.query(around: target, metres: radius)), nearest.1 <= radius { expected = nearest; break }
                    radius *= 4
                }
            }
            let found = describer.nearestPlace(to: target)
            #expect(found?.place == expected?.0 && found?.distance == expected?.1, "point \(i)")
        }
    }
}

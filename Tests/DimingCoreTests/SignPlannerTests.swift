import DimingCore
import Testing

@Suite("Sign planning")
struct SignPlannerTests {
    static func p(_ east: Double, _ north: Double) -> Coordinate {
        Coordinate(lon: 116 + east / 89_500, lat: 36 + north / 110_950)
    }

    @Test("two ends and two cross roads: four signs, arrows toward where the road goes, dots at its ends")
    func fourSigns() {
        let line = LineString([Self.p(0, 0), Self.p(1500, 0)])
        let signs = SignPlanner().plan(line: line, crossings: [("团结路", 1000), ("富民路", 500)], deadEndAtStart: true, deadEndAtEnd: false)
        #expect(signs.count == 4)
        #expect(signs.map(\.reason) == ["start", "junction", "junction", "end"])
        #expect(signs.map(\.crossRoad) == [nil, "富民路", "团结路", nil])
        #expect(signs.map(\.back) == [.ends, .continues, .continues, .continues])
        #expect(signs.map(\.forward) == [.continues, .continues, .continues, .ends])
        #expect(signs.map(\.deadEnd) == [true, false, false, false])
        for sign in signs {
            #expect(abs(sign.roadBearing - 90) < 1)
            #expect(abs(sign.facing - 180) < 1)
        }
        // 500 m along the line (the helper's metres are approximate: a few metres' tolerance).
        #expect(abs(Geodesy.distance(signs[1].position, Self.p(500, 0))) < 5)
        #expect(abs(Geodesy.distance(line.points[0], signs[1].position) - 500) < 0.5)
    }

    @Test("long roads get signs at most `spacing` apart; a cross road at an end shares the end's sign")
    func spacingAndMerging() {
        let line = LineString([Self.p(0, 0), Self.p(0, 5000)])
        let signs = SignPlanner(spacing: 2000).plan(line: line, crossings: [("幸福路", 5000)], deadEndAtStart: false, deadEndAtEnd: false)
        #expect(signs.count == 4)
        #expect(signs.last?.crossRoad == "幸福路")
        for (a, b) in zip(signs, signs.dropFirst()) { #expect(b.distance - a.distance <= 2000.01) }
        #expect(abs(signs[0].roadBearing) < 1 || abs(signs[0].roadBearing - 360) < 1)
    }
}

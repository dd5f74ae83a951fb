import DimingCore
import Testing

@Suite("Road descriptions")
struct RoadDescriberTests {
    static func p(_ east: Double, _ north: Double) -> Coordinate {
        Coordinate(lon: 116 + east / 89_500, lat: 36 + north / 110_950)
    }

    static let places = [
        SurveyPlace(code: DivisionCode("371521101201")!, name: "张庄村", point: p(0, 0)),
        SurveyPlace(code: DivisionCode("371521101202")!, name: "王庄村", point: p(1000, 150)),
        SurveyPlace(code: DivisionCode("371521102203")!, name: "李庄村", point: p(2000, 0)),
    ]

    @Test("an east–west road is oriented west to east, named by its end villages, and passes the one between")
    func villageToVillage() {
        let line = LineString([Self.p(2000, 10), Self.p(1000, 20), Self.p(10, 0)])
        let (oriented, reversed, description) = RoadDescriber(places: Self.places, namedRoads: []).describe(line)
        #expect(reversed)
        #expect(oriented.start == Self.p(10, 0))
        #expect(description.direction == .eastWest)
        #expect(description.span == "起于张庄村，止于李庄村")
        #expect(description.workingName == "张庄村至李庄村道路")
        #expect(description.villageNames == ["张庄村", "王庄村", "李庄村"])
        #expect(description.townCode == DivisionCode("371521101000"))
    }

    @Test("an end on a named road is described by that road; a far end by bearing and distance")
    func junctionAndFarEnd() {
        let named = LineString([Self.p(-500, 3000), Self.p(500, 3000)])
        let line = LineString([Self.p(0, 100), Self.p(0, 3000)])
        let (_, _, description) = RoadDescriber(places: Self.places, namedRoads: [("幸福路", named)]).describe(line)
        #expect(description.direction == .northSouth)
        #expect(description.start == "张庄村")
        #expect(description.end == "幸福路")
        #expect(description.workingName == "张庄村至幸福路道路")
        let far = LineString([Self.p(0, 100), Self.p(0, 1500)])
        #expect(RoadDescriber(places: Self.places, namedRoads: []).describe(far).description.end == "张庄村北约1.5公里")
    }

    @Test("diagonal directions and rings", arguments: [
        ([p(0, 0), p(100, 100)], RoadDirection.northeastSouthwest),
        ([p(0, 100), p(100, 0)], .northwestSoutheast),
        ([p(0, 0), p(100, 0), p(100, 100), p(0, 0)], .ring),
    ])
    func directions(points: [Coordinate], expected: RoadDirection) {
        #expect(RoadDescriber(places: Self.places, namedRoads: []).describe(LineString(points)).description.direction == expected)
    }
}

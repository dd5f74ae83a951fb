import DimingCore
import Testing

@Suite("Geometry")
struct GeometryTests {
    @Test("Vincenty's own test line: Flinders Peak to Buninyong is 54,972.271 m")
    func geodesicDistance() {
        let flindersPeak = Coordinate(lon: 144 + 25 / 60 + 29.52440 / 3600, lat: -(37 + 57 / 60 + 3.72030 / 3600))
        let buninyong = Coordinate(lon: 143 + 55 / 60 + 35.38390 / 3600, lat: -(37 + 39 / 60 + 10.15610 / 3600))
        #expect(abs(Geodesy.distance(flindersPeak, buninyong) - 54_972.271) < 0.01)
    }

    @Test("a line's length is the sum of its pieces; a degree of latitude is about 111 km")
    func lineLength() {
        let line = LineString([Coordinate(lon: 116, lat: 36), Coordinate(lon: 116, lat: 36.5), Coordinate(lon: 116, lat: 37)])
        #expect(abs(line.length - Geodesy.distance(line.points[0], line.points[2])) < 0.01)
        #expect((110_000...111_500).contains(line.length))
        #expect(LineString([Coordinate(lon: 1, lat: 1)]).length == 0)
    }

    @Test("point in polygon honours holes and multipolygons")
    func pointInPolygon() {
        let square = [Coordinate(lon: 0, lat: 0), Coordinate(lon: 10, lat: 0), Coordinate(lon: 10, lat: 10), Coordinate(lon: 0, lat: 10), Coordinate(lon: 0, lat: 0)]
        let hole = [Coordinate(lon: 4, lat: 4), Coordinate(lon: 6, lat: 4), Coordinate(lon: 6, lat: 6), Coordinate(lon: 4, lat: 6)]
        let donut = Polygon(outer: square, holes: [hole])
        #expect(donut.contains(Coordinate(lon: 2, lat: 2)))
        #expect(!donut.contains(Coordinate(lon: 5, lat: 5)))
        #expect(!donut.contains(Coordinate(lon: 11, lat: 5)))
        let island = Polygon(outer: [Coordinate(lon: 20, lat: 0), Coordinate(lon: 22, lat: 0), Coordinate(lon: 21, lat: 2)])
        let area = MultiPolygon([donut, island])
        #expect(area.contains(Coordinate(lon: 21, lat: 0.5)))
        #expect(area.contains(Coordinate(lon: 1, lat: 9)))
        #expect(!area.contains(Coordinate(lon: 5, lat: 5)))
        #expect(!area.contains(Coordinate(lon: 15, lat: 1)))
        #expect(area.boundingBox == BoundingBox(minLon: 0, minLat: 0, maxLon: 22, maxLat: 10))
    }

    @Test("bounding boxes cover, grow and intersect")
    func boxes() {
        let box = BoundingBox(covering: [Coordinate(lon: 1, lat: 2), Coordinate(lon: -1, lat: 5)])!
        #expect(box == BoundingBox(minLon: -1, minLat: 2, maxLon: 1, maxLat: 5))
        #expect(box.intersects(BoundingBox(minLon: 0.5, minLat: 4, maxLon: 3, maxLat: 9)))
        #expect(!box.intersects(BoundingBox(minLon: 2, minLat: 0, maxLon: 3, maxLat: 1)))
        #expect(BoundingBox(covering: [Coordinate]()) == nil)
    }

    @Test("bearing: north 0°, east 90°")
    func bearing() {
        let origin = Coordinate(lon: 116, lat: 36)
        #expect(abs(Geodesy.bearing(from: origin, to: Coordinate(lon: 116, lat: 37))) < 1e-9)
        #expect(abs(Geodesy.bearing(from: origin, to: Coordinate(lon: 117, lat: 36)) - 90) < 1)
    }
}

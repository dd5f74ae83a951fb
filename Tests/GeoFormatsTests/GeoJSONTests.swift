import DimingCore
import Foundation
import GeoFormats
import TestSupport
import Testing

@Suite("GeoJSON")
struct GeoJSONTests {
    @Test("what the writer writes, the reader reads back (seeded property test)")
    func roundTrip() throws {
        var state: UInt64 = 7
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<50 {
            let points = (0..<(2 + Int(uniform() * 8))).map { _ in Coordinate(lon: 115 + uniform(), lat: 36 + uniform()) }
            let name = ["幸福路", "王庄东路", "a\"quoted\\name", "路/街"][Int(uniform() * 4)]
            let writer = GeoJSONWriter(decimals: 9)
            let text = writer.collection([.init(properties: ["name": name, "highway": "track"], geometry: .lineString(LineString(points)))])
            let features = try GeoJSONReader.read(data: Data(text.utf8), name: "mem")
            #expect(features.count == 1)
            #expect(features[0].properties["name"] == name)
            guard case let .lineString(line)? = features[0].geometry else { Issue.record("not a line"); continue }
            #expect(line.points.count == points.count)
            for (a, b) in zip(line.points, points) { #expect(abs(a.lon - b.lon) < 1e-9 && abs(a.lat - b.lat) < 1e-9) }
        }
    }

    @Test("coordinates are converted from the declared system")
    func conversion() throws {
        let text = #"{"type":"Feature","properties":{"adcode":371502},"geometry":{"type":"Point","coordinates":[115.9856628416,36.4500690455]}}"#
        let features = try GeoJSONReader.read(data: Data(text.utf8), name: "p.geojson", crs: .gcj02)
        #expect(features[0].properties["adcode"] == "371502")
        guard case let .point(point)? = features[0].geometry else { Issue.record("not a point"); return }
        #expect(abs(point.lon - 115.98) < 1e-8 && abs(point.lat - 36.45) < 1e-8)
    }

    @Test("polygons keep their holes; multipolygons their parts")
    func polygons() throws {
        let text = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,4]]]}},
             {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}}
            ]}
            """
        let features = try GeoJSONReader.read(data: Data(text.utf8), name: "mem")
        guard case let .polygon(polygon)? = features[0].geometry, case let .multiPolygon(multi)? = features[1].geometry else {
            Issue.record("wrong geometry types")
            return
        }
        #expect(polygon.holes.count == 1)
        #expect(multi.polygons.count == 2)
    }

    @Test("bad input names the file and the feature", arguments: [
        ("{", "not valid JSON"),
        (#"{"type":"Topology"}"#, "expected FeatureCollection"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[1,2]]}}]}"#, "features[1]"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500,2]}}]}"#, "features[1]"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Circle","coordinates":[1,2]}}]}"#, "Circle"),
    ])
    func errors(text: String, expected: String) throws {
        let error = try #require(throws: InputError.self) { try GeoJSONReader.read(data: Data(text.utf8), name: "bad.geojson") }
        #expect(error.file == "bad.geojson")
        #expect(error.description.contains(expected), "\(error)")
    }

    @Test("the Shandong boundary file reads whole", .enabled(if: SharedData.available, "needs ../shared/data"))
    func realBoundaries() throws {
        let features = try GeoJSONReader.read(path: SharedData.path("boundaries/vonng_fences_shandong_2018_gcj02.geojson"), crs: .gcj02)
        #expect(features.count == 154)
        #expect(features.allSatisfy { $0.properties["adcode"]?.count == 6 })
    }
}

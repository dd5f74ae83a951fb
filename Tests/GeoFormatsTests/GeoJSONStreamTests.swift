import DimingCore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// The streaming GeoJSON reader: strict JSON, numbers that are numbers, limits named in errors with
/// line and column, and the same answers as Foundation's parser on random documents.
@Suite("GeoJSON as a stream")
struct GeoJSONStreamTests {
    func error(_ text: String, limits: InputLimits = .standard) throws -> InputError {
        try #require(throws: InputError.self) { _ = try GeoJSONReader.read(data: Data(text.utf8), name: "x.geojson", limits: limits) }
    }

    static func collection(_ geometry: String, properties: String = #"{"name":"路"}"#) -> String {
        #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":\#(properties),"geometry":\#(geometry)}]}"#
    }

    @Test("coordinates must be numbers: booleans, strings and null are refused with the feature and line")
    func nonNumeric() throws {
        for bad in ["[true,false]", #"["115","36"]"#, "[null,36]", "[115]"] {
            let e = try error(Self.collection(#"{"type":"Point","coordinates":\#(bad)}"#))
            #expect(e.field == "features[1].geometry.coordinates" && e.line == 1, "\(bad): \(e)")
        }
        let line = try error("{\"type\":\"FeatureCollection\",\"features\":[\n" + #"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[115,36],[true,36]]}}"# + "]}")
        #expect(line.line == 2, "\(line)")
    }

    @Test("limits: nesting, string size and feature size are named; strict JSON")
    func limits() throws {
        var small = InputLimits()
        small.maxDepth = 5
        #expect(try error(Self.collection(#"{"type":"Point","coordinates":[[[[[[1]]]]]]}"#), limits: small).message.contains("maxDepth = 5"))
        small = InputLimits()
        small.maxStringBytes = 20
        #expect(try error(Self.collection(#"{"type":"Point","coordinates":[1,2]}"#, properties: #"{"name":"幸福大道幸福大道"}"#), limits: small)
            .message.contains("maxStringBytes"))
        small = InputLimits()
        small.maxFeatureBytes = 200
        let long = "[" + Array(repeating: "[115.1,36.1]", count: 50).joined(separator: ",") + "]"
        let feature = try error(Self.collection(#"{"type":"LineString","coordinates":\#(long)}"#), limits: small)
        #expect(feature.message.contains("maxFeatureBytes") && feature.field == "features[1]", "\(feature)")
        for text in ["", "[]", "{", #"{"type":"FeatureCollection","features":[]} x"#, #"{"type":"FeatureCollection","features":[1e999]}"#,
                     #"{"type":"FeatureCollection","features":[01]}"#, "{\"type\":\"Feature\u{1}\"}", #"{"type":"Nope"}"#] {
            #expect(throws: InputError.self, "\(text)") { _ = try GeoJSONReader.read(data: Data(text.utf8), name: "x") }
        }
    }

    @Test("features stream one at a time, in order, with their lines; escapes decoded")
    func streaming() throws {
        let features = (1...200).map { #"{"type":"Feature","id":\#($0),"properties":{"name":"路\u0041\#($0)","n":\#($0)},"geometry":{"type":"LineString","coordinates":[[115,36],[115.1,36.\#($0)]]}}"# }
        let text = "{\"features\":[\n" + features.joined(separator: ",\n") + "\n],\"type\":\"FeatureCollection\"}"
        var seen: [GeoJSONFeature] = []
        try GeoJSONReader.forEach(data: Data(text.utf8), name: "s") { seen.append($0) }
        #expect(seen.count == 200)
        #expect(seen[9].id == "10" && seen[9].properties["name"] == "路A10" && seen[9].line == 11)
    }

    /// Random JSON documents: ours and Foundation's parser agree on what they hold.
    @Test("property: random documents read the same as with JSONSerialization")
    func randomDocuments() throws {
        var generator = SeededGenerator(seed: 18)
        for _ in 0..<300 {
            let n = Int(generator.next() % 30) + 1
            var features: [String] = []
            for i in 0..<n {
                let points = (0..<Int(generator.next() % 5) + 2).map { _ in
                    String(format: "[%.6f,%.6f]", 73 + Double(generator.next() % 60_000) / 1000, 18 + Double(generator.next() % 35_000) / 1000)
                }
                let name = String((0..<Int(generator.next() % 8)).map { _ in Character(Unicode.Scalar(UInt32(0x4E00 + generator.next() % 500))!) })
                let escaped = generator.next() % 3 == 0 ? "\\\"\\n\\u00e9" : ""
                features.append(#"{"type":"Feature","properties":{"name":"\#(name)\#(escaped)","i":\#(i),"ok":true},"geometry":{"type":"LineString","coordinates":[\#(points.joined(separator: ","))]}}"#)
            }
            let text = #"{"type":"FeatureCollection","features":[\#(features.joined(separator: " , "))]}"#
            let ours = try GeoJSONReader.read(data: Data(text.utf8), name: "r")
            let theirs = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let list = try #require(theirs["features"] as? [[String: Any]])
            #expect(ours.count == list.count)
            for (mine, other) in zip(ours, list) {
                let properties = try #require(other["properties"] as? [String: Any])
                #expect(mine.properties["name"] == properties["name"] as? String)
                let coordinates = try #require((other["geometry"] as? [String: Any])?["coordinates"] as? [[Double]])
                guard case let .lineString(line)? = mine.geometry else { Issue.record("not a line"); continue }
                #expect(line.points.map { [$0.lon, $0.lat] } == coordinates)
            }
        }
    }

    @Test("property: mutated documents never crash, only throw InputError")
    func mutations() throws {
        var generator = SeededGenerator(seed: 7)
        let base = Array(Self.collection(#"{"type":"MultiPolygon","coordinates":[[[[115,36],[116,36],[116,37],[115,36]]]]}"#).utf8)
        for _ in 0..<2_000 {
            var bytes = base
            for _ in 0..<Int(generator.next() % 4) + 1 {
                let at = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: at)
                default: bytes.insert(bytes[Int(generator.next() % UInt64(bytes.count))], at: at)
                }
            }
            do {
                _ = try GeoJSONReader.read(data: Data(bytes), name: "m")
            } catch is InputError {
            } catch {
                Issue.record("\(error) for \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }
}

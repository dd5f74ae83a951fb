import Foundation
import Testing
@testable import DimingStore

@Suite("OSM tags as JSON")
struct TagJSONTests {
    /// Random tag maps, escapes and all, survive the hand-written writer and reader, and the writer's
    /// output is JSON that Foundation reads to the same map.
    @Test("random tags round-trip, and Foundation reads what is written")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "z", ":", ",", "{", "}", "\"", "\\", "\n", "\t", "\u{1}", " ", "路", "村", "é", "😀"]
        func text() -> String { String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for _ in 0..<500 {
            var tags: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &generator) { tags[text()] = text() }
            let json = TagJSON.encode(tags)
            #expect(TagJSON.decode(json) == tags, "\(json)")
            #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String] == tags, "\(json)")
        }
    }

    @Test("JSON written by others is read too; what is not an object of strings reads as no tags")
    func foreign() {
        #expect(TagJSON.decode(#"{ "highway" : "track", "name":"王\u5e84" }"#) == ["highway": "track", "name": "王庄"])
        #expect(TagJSON.decode(#"{"lanes":2}"#) == [:])
        #expect(TagJSON.decode("{}") == [:])
        #expect(TagJSON.decode(#"{"a":"b""#) == [:])
    }
}

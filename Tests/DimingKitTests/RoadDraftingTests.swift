import DimingCore
@testable import DimingKit
import Foundation
import Testing

/// The survey's pure work on a helper thread gives exactly what doing it in turn gives.
@Suite("Road drafting on a helper thread")
struct RoadDraftingTests {
    /// Roads of three segments end to end, named and unnamed, of several classes, in shuffled order.
    static func segments(roads: Int) -> [SurveySegment] {
        var generator = SeededGenerator(seed: 16)
        return (0..<roads).flatMap { road -> [SurveySegment] in
            let lat = 36 + Double(road / 40) * 0.01, lon = 116 + Double(road % 40) * 0.01
            return (0..<3).map { piece in
                let line = LineString([Coordinate(lon: lon + Double(piece) * 0.002, lat: lat + Double(piece) * 0.000_5),
                                       Coordinate(lon: lon + Double(piece + 1) * 0.002, lat: lat + Double(piece + 1) * 0.000_5)])
                return SurveySegment(id: FeatureID(county: "371521", kind: .segment, serial: road * 3 + piece + 1),
                                     roadClass: ["track", "residential", "unclassified"][road % 3], name: road % 5 == 0 ? "幸福\(road)路" : nil,
                                     geometry: line, length: line.length)
            }
        }.shuffled(using: &generator)
    }

    static func json(_ roads: [Road]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(roads), as: UTF8.self)
    }

    @Test("chains and drafts are those of stitching and describing in turn, in order, across hand-overs, with or without the thread",
          arguments: [true, false])
    func sameAsInTurn(threaded: Bool) throws {
        let segments = Self.segments(roads: 700)
        let places = (0..<30).map { i in
            SurveyPlace(code: DivisionCode("3715211012\(i < 10 ? "0" : "")\(i)")!, name: "村\(i)",
                        point: Coordinate(lon: 116 + Double(i % 10) * 0.04, lat: 36 + Double(i / 10) * 0.06))
        }
        let county = DivisionCode("371521000000")!
        let drafting = RoadDrafting.start(segments: segments, county: county, stitcher: SegmentStitcher(), threaded: threaded)
        defer { drafting.cancel() }
        let describer = RoadDrafting.describer(places: places, segments: segments)
        drafting.describe(with: describer)
        let chains = drafting.stitched()
        let pieces = segments.map { SegmentStitcher.Piece(line: $0.geometry, group: $0.isNamed ? "name:\($0.name!)" : "unnamed:\($0.roadClass)") }
        #expect(chains == SegmentStitcher().stitch(pieces))
        #expect(chains.count == 700)
        // Asked for in ranges that do not match the hand-overs.
        var drafts: [Road] = []
        for start in stride(from: 0, to: chains.count, by: 250) { drafts += drafting.drafts(start..<min(start + 250, chains.count)) }
        let inTurn = chains.map { RoadDrafting.draft($0, segments: segments, county: county, describer: describer) }
        #expect(drafts.count == 700 && drafts.allSatisfy { $0.segments.count == 3 })
        #expect(drafts.contains { !$0.villages.isEmpty })
        #expect(try Self.json(drafts) == Self.json(inTurn))
    }

    @Test("a survey that fails before or after handing over the describer ends the helper thread", arguments: [false, true])
    func cancelled(handedOver: Bool) {
        let segments = Self.segments(roads: 300)
        let drafting = RoadDrafting.start(segments: segments, county: DivisionCode("371521000000")!, stitcher: SegmentStitcher())
        if handedOver { drafting.describe(with: RoadDrafting.describer(places: [], segments: segments)) }
        drafting.cancel()
        drafting.cancel() // twice is harmless
    }
}

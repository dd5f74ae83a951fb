import DimingCore
import Foundation
@testable import GeoFormats
import TestSupport
import Testing

/// The parallel read of OSM XML (the file cut in its node section, both halves parsed at once) gives
/// exactly what one read of the whole file gives: features, order, identity, statistics, errors.
@Suite("OSM XML read in two parts")
struct OSMSplitReadTests {
    /// What a read gave, to compare a read in parts with one in one piece.
    struct Outcome: Equatable, CustomStringConvertible {
        struct Feature: Equatable {
            var location: String
            var sourceRef: String
            var tags: [String: String]
            var lines: [LineString]
            var osm: OSMIdentity?
        }

        var features: [Feature] = []
        var nodes = 0, ways = 0, relations = 0, bytes = 0
        var skipped: [String: Int] = [:]
        var error: InputError?

        var description: String {
            error.map { "error \($0)" } ?? "\(features.count) features, \(nodes) nodes, \(ways) ways, \(relations) relations, skipped \(skipped)"
        }
    }

    /// Reads `path` in one piece and with the cut allowed at any size; says whether the second read was cut.
    static func both(_ path: String, skipFailures: Bool = false) -> (whole: Outcome, parts: Outcome, cut: Bool) {
        let whole = OSMRoadReader(path: path, skipFailures: skipFailures)
        whole.splitThreshold = .max
        let parts = OSMRoadReader(path: path, skipFailures: skipFailures)
        parts.splitThreshold = 0
        return (outcome(whole), outcome(parts), parts.readInParts)
    }

    static func outcome(_ reader: OSMRoadReader) -> Outcome {
        var outcome = Outcome()
        do {
            try reader.read { feature in
                outcome.features.append(.init(location: feature.location, sourceRef: feature.sourceRef, tags: feature.tags,
                                              lines: feature.lines, osm: feature.osm))
            }
        } catch let error as InputError {
            outcome.error = error
        } catch {
            Issue.record("not an InputError: \(error)")
        }
        if outcome.error == nil {
            let statistics = reader.statistics
            (outcome.nodes, outcome.ways, outcome.relations, outcome.bytes, outcome.skipped)
                = (statistics.nodes, statistics.ways, statistics.relations, statistics.bytes, statistics.skipped)
        }
        return outcome
    }

    /// A synthetic OSM file: `nodes` nodes on a grid (some with tags), ways of 2–6 nodes (two in three
    /// roads, one with an escaped name), a few relations; ids in order unless `shuffled`.
    static func synthetic(nodes: Int = 3_000, shuffled: Bool = false, header: String = BadFiles.osmHeader,
                          insert: [Int: String] = [:]) -> String {
        var generator = SeededShuffle(seed: 7)
        var ids = Array(1...nodes)
        if shuffled { ids.shuffle(using: &generator) }
        var out = header
        for (position, id) in ids.enumerated() {
            if let text = insert[position] { out += text }
            let lat = 36 + Double(id % 100) / 1000, lon = 115 + Double(id / 100) / 1000
            if id % 17 == 0 {
                out += "  <node id=\"\(id)\" version=\"2\" lat=\"\(lat)\" lon=\"\(lon)\">\n    <tag k=\"place\" v=\"village\"/>\n  </node>\n"
            } else {
                out += "  <node id=\"\(id)\" version=\"1\" lat=\"\(lat)\" lon=\"\(lon)\"/>\n"
            }
        }
        for way in 0..<(nodes / 4) {
            let count = 2 + way % 5
            out += "  <way id=\"\(100_000 + way)\" version=\"3\">\n"
            for k in 0..<count { out += "    <nd ref=\"\(1 + (way * 3 + k * 7) % nodes)\"/>\n" }
            if way % 3 != 0 { out += "    <tag k=\"highway\" v=\"\(way % 2 == 0 ? "track" : "unclassified")\"/>\n" }
            if way % 5 == 0 { out += "    <tag k=\"name\" v=\"幸福&amp;\(way)路\"/>\n" }
            out += "  </way>\n"
        }
        for relation in 0..<10 {
            out += "  <relation id=\"\(relation + 1)\"><member type=\"way\" ref=\"\(100_000 + relation)\" role=\"\"/></relation>\n"
        }
        return out + "</osm>\n"
    }

    @Test("the real extracts read in two parts as in one", .enabled(if: SharedData.available, "needs ../shared/data"))
    func realExtracts() throws {
        for file in ["gh_north-bayreuth.osm", "gh_andorra.osm", "cn_shenzhen_longgang_2019.osm", "cn_beijing_haidian_cau_2026.osm"] {
            let (whole, parts, cut) = Self.both(SharedData.path("osm/" + file), skipFailures: true)
            #expect(cut, "\(file) was not cut")
            #expect(whole.error == nil && !whole.features.isEmpty, "\(file): \(whole)")
            #expect(parts == whole, "\(file): \(parts) vs \(whole)")
        }
    }

    @Test("a generated file, sorted and unsorted, reads in two parts as in one")
    func generated() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            for shuffled in [false, true] {
                let path = try folder.write("g.osm", Self.synthetic(shuffled: shuffled))
                let (whole, parts, cut) = Self.both(path)
                #expect(cut, "shuffled \(shuffled)")
                #expect(whole.error == nil && whole.features.count == 500, "\(whole)")
                #expect(whole.nodes == 3_000 && whole.relations == 10)
                #expect(parts == whole, "shuffled \(shuffled)")
            }
        }
    }

    @Test("in memory, the same cut and the same result")
    func inMemory() throws {
        let data = Data(Self.synthetic().utf8)
        let whole = OSMRoadReader(path: "m.osm")
        whole.splitThreshold = .max
        let parts = OSMRoadReader(path: "m.osm")
        parts.splitThreshold = 0
        var a: [String] = [], b: [String] = []
        try whole.read(data: data) { a.append($0.location) }
        try parts.read(data: data) { b.append($0.location) }
        #expect(parts.readInParts && a == b && a.count == 500)
        #expect(parts.statistics.nodes == whole.statistics.nodes)
    }

    @Test("the cut is a node line about half-way through the nodes")
    func splitPoint() throws {
        let text = Self.synthetic()
        let split = try #require(try OSMSplitPoint.find(in: RandomAccessInput(data: Data(text.utf8), name: "s.osm")))
        let bytes = Array(text.utf8)
        let ways = try #require(text.range(of: "  <way "))
        let waysStart = text.utf8.distance(from: text.utf8.startIndex, to: ways.lowerBound)
        #expect(bytes[split.offset - 1] == 0x0A)
        #expect(String(decoding: bytes[split.offset..<(split.offset + 7)], as: UTF8.self) == "  <node")
        #expect(abs(split.offset - waysStart / 2) < waysStart / 10, "cut at \(split.offset), ways at \(waysStart)")
        #expect(String(decoding: split.rootTag, as: UTF8.self) == "<osm version=\"0.6\">\n")
    }

    @Test("no cut: another encoding, XML 1.1, a DOCTYPE, no <osm> root, an empty root, a single line")
    func noCut() throws {
        let body = Self.synthetic(header: "")
        for header in ["<?xml version='1.0' encoding='ISO-8859-1'?>\n<osm version=\"0.6\">\n",
                       "<?xml version='1.1' encoding='UTF-8'?>\n<osm version=\"0.6\">\n",
                       "<?xml version='1.0'?>\n<!DOCTYPE osm [<!ATTLIST tag v CDATA \"x\">]>\n<osm version=\"0.6\">\n",
                       "<?xml version='1.0'?>\n<!-- a comment --><osm version=\"0.6\">\n",
                       "<?xml version='1.0'?>\n<gpx>\n"] {
            #expect(try OSMSplitPoint.find(in: RandomAccessInput(data: Data((header + body).utf8), name: "n.osm")) == nil, "\(header)")
        }
        let oneLine = Self.synthetic().replacingOccurrences(of: "\n", with: " ")
        #expect(try OSMSplitPoint.find(in: RandomAccessInput(data: Data(oneLine.utf8), name: "n.osm")) == nil)
        let empty = "<?xml version='1.0'?>\n<osm/>\n"
        #expect(try OSMSplitPoint.find(in: RandomAccessInput(data: Data(empty.utf8), name: "n.osm")) == nil)
        // No declaration, a root tag over two lines with a `>` in a value: cut, the tag kept on one line.
        let plain = "<osm version=\"0.6\"\n  generator=\"a>b\">\n" + body
        let split = try #require(try OSMSplitPoint.find(in: RandomAccessInput(data: Data(plain.utf8), name: "p.osm")))
        #expect(String(decoding: split.rootTag, as: UTF8.self) == "<osm version=\"0.6\"   generator=\"a>b\">\n")
    }

    @Test("a comment, CDATA, a processing instruction or a way before the cut: read in one piece, the same result")
    func refusedBeforeTheCut() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            for text in ["  <!-- a comment with <node id=\"1\"/> -->\n", "  <![CDATA[ text ]]>\n", "  <?pi here?>\n",
                         "  <way id=\"99\"><nd ref=\"5\"/><nd ref=\"6\"/><tag k=\"highway\" v=\"track\"/></way>\n",
                         "  <relation id=\"99\"/>\n"] {
                let path = try folder.write("r.osm", Self.synthetic(insert: [100: text]))
                let (whole, parts, cut) = Self.both(path)
                #expect(!cut, "\(text)")
                #expect(whole.error == nil && parts == whole, "\(text): \(parts) vs \(whole)")
            }
        }
    }

    @Test("a cut inside a nested element: read in one piece, the same result")
    func cutInsideAnElement() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            // Every node sits inside <group>: the cut's `[0, cut) </osm>` is not well formed.
            let text = Self.synthetic(insert: [0: "  <group>\n"]).replacingOccurrences(of: "  <way id=\"100000\"", with: "  </group>\n  <way id=\"100000\"")
            let path = try folder.write("n.osm", text)
            let (whole, parts, cut) = Self.both(path)
            #expect(!cut)
            #expect(whole.error == nil && whole.features.count == 500 && parts == whole, "\(parts) vs \(whole)")
        }
    }

    @Test("a malformed node in the first or the second half: the same error at the same line")
    func errors() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let bad = ["  <node id=\"x1\" lat=\"36.1\" lon=\"115.8\"/>\n",      // a bad id
                       "  <node id=\"77777\" lat=\"96.1\" lon=\"115.8\"/>\n",   // out of range
                       "  <node id=\"77777\" lat=\"36.1\" lon=\"115.8\">\n",    // not closed: malformed XML
                       "  <node id=\"77777\" lat=\"36.1\" lon=\"115.8\" lat=\"1\"/>\n"] // a repeated attribute
            for text in bad {
                for position in [200, 2_600] {
                    let path = try folder.write("e.osm", Self.synthetic(insert: [position: text]))
                    let (whole, parts, cut) = Self.both(path)
                    let error = try #require(whole.error, "\(text) at \(position)")
                    #expect(error.line != nil && parts.error == error, "\(text) at \(position): \(parts) vs \(error)")
                    // In the first half: read again in one piece; in the second, its own error, lines shifted.
                    #expect(cut == (position > 1_500), "\(text) at \(position)")
                }
            }
            // A way that refers to a node the file lacks, far after the cut: its line is in the message.
            let text = Self.synthetic().replacingOccurrences(of: "<nd ref=\"4\"/>", with: "<nd ref=\"999999\"/>")
            let (whole, parts, cut) = Self.both(try folder.write("w.osm", text))
            let error = try #require(whole.error)
            #expect(cut && error.message.contains("999999") && parts.error == error, "\(parts) vs \(error)")
            // The second half's error is the file's: a truncated file.
            let truncated = String(Self.synthetic().dropLast(40))
            let (wholeT, partsT, cutT) = Self.both(try folder.write("t.osm", truncated))
            #expect(cutT && wholeT.error != nil && partsT.error == wholeT.error, "\(partsT) vs \(wholeT)")
        }
    }

    @Test("the guards hold in both halves: depth and attribute length")
    func guards() throws {
        var limits = InputLimits()
        limits.maxDepth = 4
        limits.maxStringBytes = 200
        for (position, text) in [(100, "  <node id=\"5000\" lat=\"1\" lon=\"1\"><a><b><c><d/></c></b></a></node>\n"),
                                 (2_500, "  <node id=\"5000\" lat=\"1\" lon=\"1\"><a><b><c><d/></c></b></a></node>\n"),
                                 (2_500, "  <node id=\"5000\" lat=\"1\" lon=\"1\" user=\"\(String(repeating: "x", count: 300))\"/>\n")] {
            let data = Data(Self.synthetic(insert: [position: text]).utf8)
            let whole = OSMRoadReader(path: "g.osm", limits: limits)
            whole.splitThreshold = .max
            let parts = OSMRoadReader(path: "g.osm", limits: limits)
            parts.splitThreshold = 0
            let expected = try #require(throws: InputError.self) { try whole.read(data: data) { _ in } }
            let error = try #require(throws: InputError.self) { try parts.read(data: data) { _ in } }
            #expect(error == expected)
        }
    }

    @Test("progress counts the bytes of both halves, up to the file's size")
    func progress() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let path = try folder.write("p.osm", Self.synthetic(nodes: 30_000))
            let reader = OSMRoadReader(path: path)
            reader.splitThreshold = 0
            var seen: [Int] = []
            try reader.read(progress: { bytes, _ in seen.append(bytes) }) { _ in }
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(reader.readInParts && seen.last == size && reader.statistics.bytes == size)
            #expect(seen.allSatisfy { $0 <= size })
        }
    }
}

/// A small seeded generator (SplitMix64) for reproducible test files.
private struct SeededShuffle: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

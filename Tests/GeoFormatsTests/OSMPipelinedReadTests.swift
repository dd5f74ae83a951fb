import DimingCore
import Foundation
@testable import GeoFormats
import TestSupport
import Testing

/// An OSM XML read with the parse on a thread of its own gives what a read on one thread gives:
/// the same features in the same order, the same statistics, and the same error at the same place,
/// whether the parser, the way's assembly or the caller's `each` stops the read.
@Suite("OSM XML read on two threads")
struct OSMPipelinedReadTests {
    /// `roads` highway ways (and as many buildings) over a grid of nodes, more than a megabyte with
    /// its padding, so the ways cross several of the pipe's batches and chunks.
    static func file(roads: Int, missingNodeInWay: Int? = nil, brokenAt: Int? = nil, badNode: Int? = nil) -> String {
        var text = BadFiles.osmHeader
        let nodes = roads * 4
        for id in 1...nodes {
            text += "<node id=\"\(id)\" version=\"\(id % 5 + 1)\" timestamp=\"2020-01-01T00:00:00Z\" uid=\"1\" user=\"u\" changeset=\"9\" "
                + "lat=\"\(id == badNode ? "north" : String(36 + Double(id % 997) / 1000))\" lon=\"\(115 + Double(id / 997) / 1000)\"/>\n"
        }
        for way in 0..<roads {
            if way == brokenAt { text += "<way id=\"x\">\n" }
            let second = way == missingNodeInWay ? nodes + 99 : way * 4 + 2
            text += "<way id=\"\(1_000 + way)\" version=\"3\">\n  <nd ref=\"\(way * 4 + 1)\"/>\n  <nd ref=\"\(second)\"/>\n  <nd ref=\"\(way * 4 + 3)\"/>\n"
                + "  <tag k=\"highway\" v=\"\(way % 3 == 0 ? "track" : "residential")\"/>\n  <tag k=\"surface\" v=\"gravel\"/>\n"
                + (way % 2 == 0 ? "  <tag k=\"name\" v=\"路\(way)&amp;\"/>\n" : "") + "</way>\n"
            text += "<way id=\"\(500_000 + way)\"><nd ref=\"\(way * 4 + 1)\"/><nd ref=\"\(way * 4 + 4)\"/><tag k=\"building\" v=\"yes\"/></way>\n"
        }
        return text + "</osm>\n"
    }

    struct Read: Equatable {
        var features: [String] = []
        var statistics = ""
        var error: String?
    }

    /// A read of `path` (split at `split` of it when above 0); `parts` gets in how many parts the file
    /// was parsed (2 unless it fell back to one parser). No feature may be handed over twice.
    static func read(_ path: String, pipelined: Bool, split: Double = 0, skipFailures: Bool = false, failAt: Int? = nil,
                     maxHeldWeight: Int? = nil, parts: UnsafeMutablePointer<Int>? = nil) -> Read {
        let reader = OSMRoadReader(path: path, skipFailures: skipFailures, pipelined: pipelined, splitFraction: split)
        defer { parts?.pointee = reader.partsRead }
        if let maxHeldWeight { reader.maxHeldWeight = maxHeldWeight }
        var result = Read()
        var seen = Set<String>()
        do {
            try reader.read { feature in
                if result.features.count == failAt { throw InputError(field: feature.sourceRef, "refused by the caller") }
                #expect(seen.insert(feature.sourceRef).inserted, "\(feature.sourceRef) handed over twice")
                result.features.append("\(feature.location) \(feature.tags.sorted { $0.key < $1.key }) \(feature.lines) "
                    + "\(String(describing: feature.osm.map { ($0.version, $0.nodes, $0.nodeVersions) }))")
            }
            let statistics = reader.statistics
            result.statistics = "\(statistics.nodes) \(statistics.ways) \(statistics.relations) \(statistics.skipped.sorted { $0.key < $1.key }) \(statistics.bytes)"
        } catch {
            result.error = "\(error)"
        }
        return result
    }

    @Test("features, order and statistics are those of a read on one thread")
    func same() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let path = try folder.write("big.osm", Self.file(roads: 3_000))
            let serial = Self.read(path, pipelined: false)
            #expect(serial.error == nil && serial.features.count == 3_000)
            #expect(Self.read(path, pipelined: true) == serial)
            // By size: a file of a megabyte or more is read on two threads, with the same result.
            #expect(try OSMRoadReader(path: path).read().count == 3_000)
        }
    }

    @Test("a missing node, a malformed element and the caller's error stop both reads at the same place")
    func failures() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let missing = try folder.write("missing.osm", Self.file(roads: 2_000, missingNodeInWay: 1_500))
            let serial = Self.read(missing, pipelined: false)
            #expect(serial.error?.contains("refers to node 8099") == true && serial.features.count == 1_500)
            #expect(Self.read(missing, pipelined: true) == serial)
            let clipped = Self.read(missing, pipelined: false, skipFailures: true)
            #expect(clipped.error == nil && clipped.features.count == 1_999) // the broken way keeps no two nodes in a row
            #expect(Self.read(missing, pipelined: true, skipFailures: true) == clipped)

            // A bad node stops both reads at its own line.
            let badNode = try folder.write("bad-node.osm", Self.file(roads: 2_000, badNode: 5_000))
            let badNodeSerial = Self.read(badNode, pipelined: false)
            #expect(badNodeSerial.error?.contains(":5002:") == true && badNodeSerial.error?.contains("node 5000") == true, "\(badNodeSerial.error ?? "")")
            #expect(Self.read(badNode, pipelined: true) == badNodeSerial)

            let broken = try folder.write("broken.osm", Self.file(roads: 2_000, brokenAt: 1_700))
            let brokenSerial = Self.read(broken, pipelined: false)
            #expect(brokenSerial.error?.contains("a way without a valid id") == true)
            #expect(Self.read(broken, pipelined: true) == brokenSerial)

            // The caller refuses a feature before the parser reaches the malformed way: its error wins.
            for failAt in [0, 700, 1_699] {
                let refused = Self.read(broken, pipelined: false, failAt: failAt)
                #expect(refused.error?.contains("refused by the caller") == true && refused.features.count == failAt)
                #expect(Self.read(broken, pipelined: true, failAt: failAt) == refused)
            }
        }
    }

    @Test("ways of tens of thousands of nodes go through the pipe in batches bounded by their nodes")
    func longWays() throws {
        var text = BadFiles.osmHeader
        for id in 1...1_000 { text += "<node id=\"\(id)\" lat=\"36.\(id)\" lon=\"115.\(id)\"/>\n" }
        for way in 0..<4 {
            text += "<way id=\"\(way + 1)\">" + (0..<70_000).map { "<nd ref=\"\(($0 * 7 + way) % 1_000 + 1)\"/>" }.joined()
                + "<tag k=\"highway\" v=\"track\"/></way>\n"
        }
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let path = try folder.write("long.osm", text + "</osm>\n")
            let serial = Self.read(path, pipelined: false)
            #expect(serial.error == nil && serial.features.count == 4)
            #expect(Self.read(path, pipelined: true) == serial)
        }
    }

    @Test("the real extracts read the same on two threads", .enabled(if: SharedData.available, "needs ../shared/data"))
    func realExtracts() {
        for file in ["gh_north-bayreuth.osm", "cn_shenzhen_longgang_2019.osm"] {
            let path = SharedData.path("osm/" + file)
            let serial = Self.read(path, pipelined: false, skipFailures: true)
            #expect(serial.error == nil && !serial.features.isEmpty, "\(file)")
            #expect(Self.read(path, pipelined: true, skipFailures: true) == serial, "\(file)")
        }
    }
}

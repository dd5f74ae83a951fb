import DimingCore
import Foundation
@testable import GeoFormats
import TestSupport
import Testing

/// An OSM XML file parsed in two parts at once gives what a read on one thread gives, wherever the
/// cut falls: the same features (with the file's line numbers) in the same order, the same
/// statistics, the same error at the same place; a cut that is not between the root's children
/// (in a comment, a CDATA section, a nested element) falls back to one parser, and so does any
/// failure, without handing the caller a feature twice.
@Suite("OSM XML read in two parts at once")
struct OSMSplitReadTests {
    static let fractions = [0.05, 0.3, 0.5, 0.62, 0.8, 0.97]

    /// ``OSMPipelinedReadTests/read(_:pipelined:split:skipFailures:failAt:maxHeldWeight:parts:)``, split at `split` (0: on one thread).
    static func read(_ path: String, split: Double, skipFailures: Bool = false, failAt: Int? = nil, maxHeldWeight: Int? = nil,
                     parts: UnsafeMutablePointer<Int>? = nil) -> OSMPipelinedReadTests.Read {
        OSMPipelinedReadTests.read(path, pipelined: split > 0, split: split, skipFailures: skipFailures, failAt: failAt,
                                   maxHeldWeight: maxHeldWeight, parts: parts)
    }

    /// Reads `text` on one thread and split at each of `fractions`, and expects the same.
    /// With `parts`, expects the file to have been parsed in that many parts at every cut.
    static func expectSame(_ text: String, name: String = "a.osm", skipFailures: Bool = false, failAt: Int? = nil,
                           fractions: [Double] = fractions, parts expectedParts: Int? = nil,
                           _ check: (OSMPipelinedReadTests.Read) -> Bool = { _ in true }) throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let path = try folder.write(name, text)
            let serial = read(path, split: 0, skipFailures: skipFailures, failAt: failAt)
            #expect(check(serial), "\(serial.error ?? serial.statistics)")
            for fraction in fractions {
                var parts = 0
                let split = read(path, split: fraction, skipFailures: skipFailures, failAt: failAt, parts: &parts)
                #expect(split == serial, "cut at \(fraction): \(split.error ?? split.statistics) vs \(serial.error ?? serial.statistics)")
                if let expectedParts { #expect(parts == expectedParts, "cut at \(fraction)") }
            }
        }
    }

    @Test("features, their lines, order and statistics are those of a read on one thread, wherever the cut")
    func same() throws {
        let text = OSMPipelinedReadTests.file(roads: 3_000)
        // Parsed in two parts at every cut (none fell back to one parser), the second part read ahead
        // (more than a chunk) up to the file's end, the first up to the cut.
        try Self.expectSame(text, parts: 2) { $0.error == nil && $0.features.count == 3_000 }
        // A second part that may hold back only a few ways waits for the first part instead.
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let path = try folder.write("a.osm", text)
            #expect(Self.read(path, split: 0.3, maxHeldWeight: 10) == Self.read(path, split: 0))
            // The file was indeed parsed in two parts, and by size alone a small one is not.
            let reader = OSMRoadReader(path: path, splitFraction: 0.5)
            #expect(try reader.read().count == 3_000 && reader.partsRead == 2)
            let bySize = OSMRoadReader(path: path)
            #expect(try bySize.read().count == 3_000 && bySize.partsRead == 1)
        }
    }

    @Test("the cut falls where a plain read can be cut, or nowhere")
    func plan() throws {
        let head = Array("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"a > b\">\n <node id=\"1\"/>".utf8)
        #expect(OSMFileSplit.rootStartTagEnd(in: head) == 76)
        #expect(OSMFileSplit.rootStartTagEnd(in: [0xEF, 0xBB, 0xBF] + Array("<osm>\n".utf8)) == 8)
        #expect(OSMFileSplit.rootStartTagEnd(in: Array("<osm/>".utf8)) == nil)
        #expect(OSMFileSplit.rootStartTagEnd(in: Array("<!DOCTYPE osm>\n<osm>\n".utf8)) == nil)
        #expect(OSMFileSplit.rootStartTagEnd(in: Array("<!-- x --><osm>\n".utf8)) == nil)
        #expect(OSMFileSplit.rootStartTagEnd(in: Array("<osmChange>\n".utf8)) == nil)
        #expect(OSMFileSplit.rootStartTagEnd(in: Array("<osm version=\"0.6\"".utf8)) == nil)
        #expect(OSMFileSplit.rootStartTagEnd(in: []) == nil)
        #expect(OSMFileSplit.objectLineStart(in: Array("de\"/>\n  <tag k=\"a\"/>\n\t<way id=\"2\">".utf8)) == 21)
        #expect(OSMFileSplit.objectLineStart(in: Array("x\n<nodes/>\n<relation>".utf8)) == 11)
        #expect(OSMFileSplit.objectLineStart(in: Array("<node id=\"1\"/>".utf8)) == nil)
        // The two parts, and the lines of the second turned into the file's.
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let text = "<?xml version='1.0'?>\n<osm\n version=\"0.6\">\n<node id=\"1\" lat=\"1\" lon=\"1\"/>\n<node id=\"2\" lat=\"1\" lon=\"1\"/>\n</osm>\n"
            let path = try folder.write("a.osm", text)
            let split = try #require(OSMFileSplit.plan(path: path, size: text.utf8.count, fraction: 0.6))
            #expect(split.offset == text.utf8.count - "<node id=\"2\" lat=\"1\" lon=\"1\"/>\n</osm>\n".utf8.count)
            #expect(split.second.prefix == Array("<?xml version='1.0'?>\n<osm\n version=\"0.6\">\n".utf8))
            // Line 5 of the file is line 4 of the second part (three prolog lines, then the break).
            #expect(split.lineOffset(firstPartEndLine: 5) == 1)
            #expect(OSMFileSplit.plan(path: path, size: text.utf8.count, fraction: 0.99) == nil)
            #expect(OSMFileSplit.plan(path: path, size: text.utf8.count, fraction: 0) == nil)
        }
    }

    @Test("a missing node, a bad node, a malformed element and the caller's error stop the read where one thread stops")
    func failures() throws {
        try Self.expectSame(OSMPipelinedReadTests.file(roads: 2_000, missingNodeInWay: 1_500)) { $0.features.count == 1_500 && $0.error != nil }
        try Self.expectSame(OSMPipelinedReadTests.file(roads: 2_000, missingNodeInWay: 1_500), skipFailures: true) { $0.features.count == 1_999 }
        try Self.expectSame(OSMPipelinedReadTests.file(roads: 2_000, badNode: 5_000)) { $0.error?.contains(":5002:") == true }
        let broken = OSMPipelinedReadTests.file(roads: 2_000, brokenAt: 1_700)
        try Self.expectSame(broken) { $0.error?.contains("a way without a valid id") == true }
        for failAt in [0, 700, 1_699] {
            try Self.expectSame(broken, failAt: failAt, fractions: [0.3, 0.8]) { $0.error?.contains("refused by the caller") == true }
        }
        // Cut short: the first part may be whole, the second not.
        let whole = OSMPipelinedReadTests.file(roads: 2_000)
        try Self.expectSame(String(whole.prefix(whole.count - 5_000))) { $0.error?.contains("malformed XML") == true }
    }

    @Test("a cut inside a comment, a CDATA section or a nested element reads the file on one parser")
    func cutsThatAreNotBetweenChildren() throws {
        let nodes = (1...4_000).map { "<node id=\"\($0)\" lat=\"36.\($0)\" lon=\"115.\($0)\"/>\n" }.joined()
        let ways = (0..<1_000).map { "<way id=\"\($0 + 1)\">\n<nd ref=\"\($0 * 4 + 1)\"/>\n<nd ref=\"\($0 * 4 + 2)\"/>\n<tag k=\"highway\" v=\"track\"/>\n</way>\n" }.joined()
        // Everything in the middle of the file is hidden in a comment, then in a CDATA section, then
        // inside an element the reader does not know.
        for (open, close) in [("<!--\n", "-->\n"), ("<![CDATA[\n", "]]>\n"), ("<extra>\n", "</extra>\n")] {
            let text = BadFiles.osmHeader + nodes + open + ways + close + ways.replacingOccurrences(of: "<way id=\"", with: "<way id=\"50000") + "</osm>\n"
            try Self.expectSame(text, fractions: [0.4, 0.5, 0.6]) { $0.error == nil && $0.features.count == (open == "<extra>\n" ? 2_000 : 1_000) }
        }
    }

    @Test("nodes after ways, and a node given twice across the cut, are seen as on one thread")
    func unusualOrder() throws {
        var text = BadFiles.osmHeader
        for block in 0..<10 {
            for id in 1...400 { text += "<node id=\"\(block * 400 + id)\" lat=\"36.\(id)\" lon=\"115.\(block)\"/>\n" }
            // A way to a node given later in the file is missing it; node 5 is moved by each block.
            text += "<node id=\"5\" lat=\"37.\(block)\" lon=\"116\"/>\n"
            for way in 0..<100 {
                text += "<way id=\"\(block * 100 + way + 1)\"><nd ref=\"5\"/><nd ref=\"\(block * 400 + way + 1)\"/><nd ref=\"\(block * 400 + way + 450)\"/>"
                    + "<tag k=\"highway\" v=\"track\"/></way>\n"
            }
        }
        try Self.expectSame(text + "</osm>\n", skipFailures: true, fractions: [0.15, 0.45, 0.55, 0.85]) { $0.error == nil && $0.features.count == 1_000 }
    }

    @Test("the real extracts read the same in two parts", .enabled(if: SharedData.available, "needs ../shared/data"))
    func realExtracts() throws {
        for file in ["gh_north-bayreuth.osm", "cn_shenzhen_longgang_2019.osm"] {
            let path = SharedData.path("osm/" + file)
            let serial = Self.read(path, split: 0, skipFailures: true)
            #expect(serial.error == nil && !serial.features.isEmpty, "\(file)")
            for fraction in [0.2, 0.5, 0.9] {
                var parts = 0
                #expect(Self.read(path, split: fraction, skipFailures: true, parts: &parts) == serial, "\(file) cut at \(fraction)")
                // Parsed in two parts wherever a cut was found (near the end, one relation may fill the
                // 64 KB looked at: then no cut), never falling back to one parser.
                let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
                #expect(parts == (OSMFileSplit.plan(path: path, size: size, fraction: fraction) == nil ? 1 : 2), "\(file) cut at \(fraction)")
            }
        }
    }
}

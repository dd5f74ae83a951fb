import DimingCore
import Foundation

/// The parsing side of an OSM XML read (解析段), for the whole file or for one of its two parts:
/// the libxml2 handler that counts the objects, keeps the node index of its part, and makes each
/// road way ready for assembly (its nodes looked up, its tags still the file's bytes).
///
/// Road ways go to `deliver` at once (a read on one thread) or, in batches, into `pipe` (a parse
/// on a thread of its own). A part that follows another (`earlier`) looks its ways' nodes up in
/// its own index and then in the earlier part's, which it may read only once that part's parse
/// has ended: until then it holds its road ways back (up to about four million node ids, or 32 MB
/// of tags, then it waits), and before any node that follows a held-back way it waits too, so that
/// every way sees exactly the nodes that precede it in the file, as on one thread. When it hands on
/// a road way, it refuses to go on (and the reader reads the file again on one parser) unless the
/// nodes of both parts came in strictly increasing id order, each part and across the cut.
final class OSMSectionParser: XMLEventHandler {
    /// What this part saw (ways without a road-class key are counted in `waysWithoutClass`).
    private(set) var parsed = OSMReadStatistics()
    /// Ways without a road-class key (most of a file: buildings, land use), counted apart from
    /// `parsed.skipped` so that each costs an increment, not a dictionary lookup.
    private(set) var waysWithoutClass = 0
    private(set) var sawRoot = false
    /// The line the root element ended at: for a first part, the line its part of the file ends before.
    private(set) var rootEndLine = 0
    let index = NodeLocationIndex()
    /// Opened when this part's parse has ended (its index no longer written).
    let ended = OSMSectionEnd()

    /// Where road ways go in a parse on a thread of its own (nil: to `deliver`, at once).
    var pipe: OSMWayPipe?
    /// Takes a road way on a read on one thread; false stops the parse.
    var deliver: (PendingWay) -> Bool = { _ in true }

    private let classKeys: Set<String>
    private let classKeyBytes: [[UInt8]]
    private let earlier: OSMSectionParser?
    private var earlierEnded = false
    private var prepared = false
    private var held: [PendingWay] = []
    private var heldWeight = 0
    private let maxHeldWeight: Int

    private var depth = 0
    private var inWay = false
    private var wayID: Int64 = 0
    private var wayVersion: Int?
    private var wayLine = 0
    private var refs: [Int64] = []
    /// The way's tags as raw bytes until the way proves to be a road: most ways are buildings and
    /// land use, whose tags never need to become strings.
    private var tagBytes: [UInt8] = []
    private var tagSpans: [(key: Range<Int>, value: Range<Int>)] = []
    private var batch = OSMWayBatch()

    /// `maxHeldWeight` bounds the road ways held back for `earlier`: their node ids plus their tags' bytes by eights.
    init(classKeys: Set<String>, expectedNodes: Int, earlier: OSMSectionParser? = nil, maxHeldWeight: Int = 1 << 22) {
        self.classKeys = classKeys
        classKeyBytes = classKeys.map { Array($0.utf8) }
        self.earlier = earlier
        self.maxHeldWeight = maxHeldWeight
        index.reserve(expectedNodes)
    }

    /// The parse has read `bytes` of its part of the file.
    func progressed(_ bytes: Int) {
        parsed.bytes = bytes
        handOnBatch() // the ways so far, so that the progress counts them
    }

    /// The parse of this part ended without an error: hands on what it held back (waiting for the
    /// earlier part); false when the earlier part failed.
    func releaseHeldWaysAtEnd() -> Bool {
        held.isEmpty || releaseHeldWays()
    }

    /// The parse of this part is over (on the thread that ran it): the parts after it may now read its index.
    func close(succeeded: Bool) {
        ended.open(succeeded: succeeded)
    }

    func startElement(_ name: XMLBytes, attributes: XMLAttributes, parser: XMLStreamParser) {
        depth += 1
        if depth == 1 {
            guard name.equals("osm") else { return parser.fail("not an OSM XML file: the root element is not <osm>") }
            sawRoot = true
            return
        }
        if name.equals("node") {
            parsed.nodes += 1
            // A node after a held-back way: that way must not see it.
            if !held.isEmpty && !releaseHeldWays() { return parser.fail("stopped") }
            // One pass over the attributes (a node has eight in a planet extract; four are read).
            var idText: XMLBytes?, latText: XMLBytes?, lonText: XMLBytes?, versionText: XMLBytes?
            attributes.forEach { name, value in
                switch name[0] {
                // The first of a name wins (`id` and a namespaced `x:id` share the local name), as a lookup by name does.
                case UInt8(ascii: "i") where idText == nil && XMLAttributes.name(name, is: "id"): idText = value
                case UInt8(ascii: "l") where latText == nil && XMLAttributes.name(name, is: "lat"): latText = value
                case UInt8(ascii: "l") where lonText == nil && XMLAttributes.name(name, is: "lon"): lonText = value
                case UInt8(ascii: "v") where versionText == nil && XMLAttributes.name(name, is: "version"): versionText = value
                default: break
                }
            }
            guard let id = idText?.int64 else { return parser.fail(field: "node id", "a node without a valid id") }
            let version = versionText?.int64.map { Int32(clamping: $0) } ?? 0
            // Plain decimals of up to seven places (all of OSM's) go to fixed point directly; anything
            // else is read as a Double as before, with the same checks and messages.
            if let lat = latText?.fixedPoint7, let lon = lonText?.fixedPoint7,
               (-900_000_000...900_000_000).contains(lat), (-1_800_000_000...1_800_000_000).contains(lon) {
                return index.append(id: id, lon: lon, lat: lat, version: version)
            }
            guard let lat = latText?.double, let lon = lonText?.double else {
                // Deleted nodes in change files have no location; in a plain extract this is an error.
                return parser.fail(field: "node \(id)", "a node without lat/lon")
            }
            guard lat.isFinite, lon.isFinite, (-90...90).contains(lat), (-180...180).contains(lon) else {
                return parser.fail(field: "node \(id)", "invalid coordinates lat=\(lat) lon=\(lon)")
            }
            index.append(id: id, lon: lon, lat: lat, version: version)
        } else if name.equals("nd") {
            guard inWay else { return }
            guard let ref = attributes["ref"]?.int64 else { return parser.fail(field: "way \(wayID) nd", "an nd without a valid ref") }
            guard refs.count < 2_000_000 else { return parser.fail(field: "way \(wayID)", "more than 2,000,000 nodes in one way") }
            refs.append(ref)
        } else if name.equals("tag") {
            guard inWay, let key = attributes["k"], let value = attributes["v"] else { return }
            guard tagSpans.count < 10_000 else { return parser.fail(field: "way \(wayID)", "more than 10,000 tags on one way") }
            let keyStart = tagBytes.count
            tagBytes.append(contentsOf: UnsafeBufferPointer(start: key.start, count: key.count))
            let valueStart = tagBytes.count
            tagBytes.append(contentsOf: UnsafeBufferPointer(start: value.start, count: value.count))
            tagSpans.append((keyStart..<valueStart, valueStart..<tagBytes.count))
        } else if name.equals("way") {
            parsed.ways += 1
            guard let id = attributes["id"]?.int64 else { return parser.fail(field: "way id", "a way without a valid id") }
            inWay = true
            wayID = id
            wayVersion = attributes["version"]?.int64.map { Int($0) }
            wayLine = parser.line
            refs.removeAll(keepingCapacity: true)
            tagBytes.removeAll(keepingCapacity: true)
            tagSpans.removeAll(keepingCapacity: true)
        } else if name.equals("relation") {
            parsed.relations += 1
        }
    }

    func endElement(_ name: XMLBytes, parser: XMLStreamParser) {
        depth -= 1
        if depth == 0 { rootEndLine = parser.line }
        guard inWay, name.equals("way") else { return }
        inWay = false
        guard tagSpans.contains(where: { isClassKey($0.key) }) else {
            waysWithoutClass += 1
            return
        }
        // Copies of their own, as long as they are: sharing the reused buffers would make the next
        // way's `removeAll(keepingCapacity:)` allocate anew, and leave this way holding buffers as
        // large as the longest way so far (while held back, a hundred megabytes in a 1 GB file).
        let way = PendingWay(id: wayID, version: wayVersion, line: wayLine, endLine: parser.line, endColumn: parser.column,
                             refs: refs.withUnsafeBufferPointer { Array($0) }, locations: [], nodeVersions: [],
                             tagBytes: tagBytes.withUnsafeBufferPointer { Array($0) }, tagSpans: tagSpans.withUnsafeBufferPointer { Array($0) })
        if let earlier, !earlierEnded {
            // Bounded by what the held ways weigh: their node ids, and their tags' bytes by eights.
            let weight = way.refs.count + way.tagBytes.count / 8 + 1
            if !earlier.ended.isOpen && heldWeight + weight <= maxHeldWeight {
                held.append(way)
                heldWeight += weight
                return
            }
            guard releaseHeldWays() else { return parser.fail("stopped") }
        }
        guard handOn(way) else { return parser.fail("stopped") }
    }

    /// Waits for the earlier part to end and hands on the ways held back for it; false when it failed.
    private func releaseHeldWays() -> Bool {
        guard let earlier else { return true }
        if !earlierEnded {
            guard earlier.ended.wait() else { return false }
            earlierEnded = true
        }
        let ways = held
        held = []
        heldWeight = 0
        for way in ways where !handOn(way) { return false }
        return true
    }

    /// Looks the way's nodes up and hands it on; false stops the parse.
    private func handOn(_ pending: PendingWay) -> Bool {
        var way = pending
        if let earlier {
            // Two indexes answer as one only for nodes in id order across both (as files are): a
            // file that is not is read again on one parser.
            guard earlier.index.alwaysInOrder, index.alwaysInOrder else { return false }
            if let before = earlier.index.idRange, let after = index.idRange, before.upperBound >= after.lowerBound { return false }
        } else if !prepared {
            // An unsorted file is sorted once, at its first road way, as on one thread.
            index.prepare()
            prepared = true
        }
        let earlierIndex = earlier?.index
        way.locations.reserveCapacity(way.refs.count)
        way.nodeVersions.reserveCapacity(way.refs.count)
        for ref in way.refs {
            // This part's nodes come later in the file than the earlier part's: the last of an id wins.
            let entry = index.entry(ref) ?? earlierIndex?.entry(ref)
            way.locations.append(entry.map { (lon: $0.lon, lat: $0.lat) })
            way.nodeVersions.append(entry?.version ?? 0)
        }
        guard let pipe else { return deliver(way) }
        batch.add(way, to: pipe)
        return true
    }

    /// Puts the ways not yet handed on into the pipe.
    func handOnBatch() {
        if let pipe { batch.handOn(to: pipe) }
    }

    /// Whether the tag key at `span` is a class key (compared as bytes; decoded first if it has an entity).
    private func isClassKey(_ span: Range<Int>) -> Bool {
        let key = tagBytes[span]
        if key.contains(UInt8(ascii: "&")) { return classKeys.contains(PendingWay.text(tagBytes, span)) }
        return classKeyBytes.contains { $0.elementsEqual(key) }
    }

    func characters(_ text: XMLBytes, parser: XMLStreamParser) {}
    var wantsCharacters: Bool { false }
}

/// The end of a part's parse, which the part after it waits for before it reads its node index.
final class OSMSectionEnd: @unchecked Sendable {
    private let condition = NSCondition()
    private var isEnded = false
    private var succeeded = false

    func open(succeeded: Bool) {
        condition.lock()
        isEnded = true
        self.succeeded = succeeded
        condition.broadcast()
        condition.unlock()
    }

    var isOpen: Bool {
        condition.lock()
        defer { condition.unlock() }
        return isEnded
    }

    /// Waits for the end; whether the parse succeeded.
    func wait() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !isEnded { condition.wait() }
        return succeeded
    }
}

import COSMPBF
import DimingCore
import Foundation

/// Reads OSM PBF (`.osm.pbf`) through libosmium (Debian `libosmium2-dev`, the C++ library osmium-tool
/// is built on; see `Sources/COSMPBF`) and yields the ways that carry a road-class key as
/// ``RoadFeature``s, exactly as ``OSMRoadReader`` does for OSM XML: same ids, tags, geometry, missing-node
/// rules and statistics. libosmium decodes the file's blocks on worker threads and keeps node
/// locations in its FlexMem index (16 bytes a node while sparse, less once dense), and node versions
/// in another (for deliveries to OSM: a JOSM file needs them).
public final class OSMPBFReader {
    public let path: String
    public let crs: CoordinateSystem
    public let classKeys: Set<String>
    /// Keep ways with missing nodes (clipped to their longest run of present nodes) instead of failing.
    public var skipFailures: Bool

    public private(set) var statistics = OSMReadStatistics()

    public init(path: String, crs: CoordinateSystem = .wgs84, classKeys: Set<String> = ["highway"], skipFailures: Bool = false) {
        self.path = path
        self.crs = crs
        self.classKeys = classKeys
        self.skipFailures = skipFailures
    }

    /// Reads the whole file and returns its road features.
    public func read() throws -> [RoadFeature] {
        var features: [RoadFeature] = []
        try read { features.append($0) }
        return features
    }

    /// Reads the whole file, handing each road feature to `each` as it is read; `progress` gets
    /// (bytes read, features so far). libosmium reads on a thread of its own, which copies each road
    /// way and hands it on (``OSMWayPipe``) to this thread, where the feature is made and `each` is
    /// called: the same features, order and outcome as on one thread, which is how the read goes
    /// when no thread can be made.
    public func read(progress: @escaping (Int, Int) -> Void = { _, _ in }, each: @escaping (RoadFeature) throws -> Void) throws {
        try InputFile.requireRegular(path)
        let assembly = OSMWayAssembly(crs: crs, skipFailures: skipFailures)
        var assembled = OSMReadStatistics()
        var emitted = 0
        var failure: (any Error)?
        let path = self.path
        /// Makes the feature of `way` and hands it to `each`; false once anything failed.
        func take(_ way: PendingWay) -> Bool {
            switch assembly.assemble(wayID: way.id, version: way.version, place: nil, refs: way.refs, locations: way.locations,
                                     nodeVersions: way.nodeVersions, tags: way.tags, statistics: &assembled) {
            case let .feature(feature):
                do {
                    try each(feature)
                    emitted += 1
                } catch {
                    failure = error
                }
            case .skipped:
                break
            case let .failure(field, message):
                failure = InputError(file: path, field: field, message)
            }
            return failure == nil
        }
        let reading = Reading(path: path, classKeys: classKeys.sorted())
        let pipe = OSMWayPipe()
        reading.pipe = pipe
        let transfer = ParserThreadTransfer(value: reading)
        if DetachedThread.start({ transfer.value.run() }) {
            events: while true {
                switch pipe.take() {
                case let .ways(ways):
                    for way in ways where failure == nil {
                        if !take(way) { pipe.stop() }
                    }
                case let .progress(bytes):
                    progress(bytes, emitted)
                case .end:
                    break events
                }
            }
        } else {
            reading.pipe = nil
            reading.deliver = { way in take(way) }
            reading.progress = { progress($0, emitted) }
            reading.run()
        }
        statistics = assembled
        let counts = reading.counts
        statistics.nodes = Int(counts.nodes)
        statistics.ways = Int(counts.ways)
        statistics.relations = Int(counts.relations)
        statistics.bytes = Int(counts.bytes)
        if counts.ways_without_class > 0 { statistics.skipped["no road class", default: 0] += Int(counts.ways_without_class) }
        // A failed way came before anything libosmium did after handing it on.
        if let failure { throw failure }
        if let message = reading.errorMessage { throw InputError(file: path, "not a readable OSM PBF file: \(message)") }
    }

    /// One run of libosmium over the file: each road way is copied (nodes, locations, versions,
    /// tags) and handed on, in batches into `pipe`, or to `deliver` at once when there is no pipe.
    final class Reading {
        let path: String
        let classKeys: [String]
        var pipe: OSMWayPipe?
        var deliver: (PendingWay) -> Bool = { _ in true }
        var progress: (Int) -> Void = { _ in }
        private(set) var counts = diming_pbf_stats()
        /// libosmium's error, when the file could not be read.
        private(set) var errorMessage: String?
        private var batch = OSMWayBatch()

        init(path: String, classKeys: [String]) {
            self.path = path
            self.classKeys = classKeys
        }

        /// Reads the file; with a pipe, ends with `.end`.
        func run() {
            let keys = classKeys.map { strdup($0) }
            defer { keys.forEach { free($0) } }
            var message = [CChar](repeating: 0, count: 1024)
            let context = Unmanaged.passUnretained(self).toOpaque()
            let status = keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyPointers in
                diming_pbf_read(path, keyPointers.baseAddress, keyPointers.count, { way, context in
                    Reading.from(context).take(way!.pointee) ? 0 : 1
                }, { stats, context in
                    Reading.from(context).progressed(Int(stats!.pointee.bytes))
                }, context, &counts, &message, message.count)
            }
            if status < 0 { errorMessage = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
            handOnBatch()
            pipe?.put(.end(nil))
        }

        private static func from(_ context: UnsafeMutableRawPointer?) -> Reading { Unmanaged<Reading>.fromOpaque(context!).takeUnretainedValue() }

        private func progressed(_ bytes: Int) {
            guard let pipe else { return progress(bytes) }
            handOnBatch() // the ways so far, so that the progress counts them
            pipe.put(.progress(bytes))
        }

        /// Copies one way and hands it on; false stops the read.
        private func take(_ way: diming_pbf_way) -> Bool {
            let count = way.node_count
            var pending = PendingWay(id: way.id, version: way.version > 0 ? Int(way.version) : nil, line: 0, endLine: 0, endColumn: 0,
                                     refs: Array(UnsafeBufferPointer(start: way.node_ids, count: count)), locations: [],
                                     nodeVersions: Array(UnsafeBufferPointer(start: way.node_versions, count: count)),
                                     tagBytes: [], tagSpans: [], tagsAreXML: false)
            pending.locations.reserveCapacity(count)
            for i in 0..<count {
                let lon = way.lons[i], lat = way.lats[i]
                pending.locations.append(lon != DIMING_PBF_MISSING && lat != DIMING_PBF_MISSING ? (lon, lat) : nil)
            }
            for i in 0..<way.tag_count {
                let keyStart = pending.tagBytes.count
                pending.tagBytes.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(way.keys[i]!).assumingMemoryBound(to: UInt8.self),
                                                                        count: strlen(way.keys[i]!)))
                let valueStart = pending.tagBytes.count
                pending.tagBytes.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(way.values[i]!).assumingMemoryBound(to: UInt8.self),
                                                                        count: strlen(way.values[i]!)))
                pending.tagSpans.append((keyStart..<valueStart, valueStart..<pending.tagBytes.count))
            }
            guard let pipe else { return deliver(pending) }
            batch.add(pending, to: pipe)
            // Stopped (the calling thread failed): checked at every road way, so that libosmium does not
            // read on to the end of the file after a failure near it.
            return !pipe.isStopped
        }

        private func handOnBatch() {
            if let pipe { batch.handOn(to: pipe) }
        }
    }
}

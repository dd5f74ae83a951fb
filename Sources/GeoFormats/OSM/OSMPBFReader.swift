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
    /// (bytes read, features so far).
    public func read(progress: @escaping (Int, Int) -> Void = { _, _ in }, each: @escaping (RoadFeature) throws -> Void) throws {
        try InputFile.requireRegular(path)
        let state = State(assembly: OSMWayAssembly(crs: crs, skipFailures: skipFailures), each: each, progress: progress)
        state.pathForErrors = path
        let keys = classKeys.sorted().map { strdup($0) }
        defer { keys.forEach { free($0) } }
        var counts = diming_pbf_stats()
        var message = [CChar](repeating: 0, count: 1024)
        let status = keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyPointers in
            diming_pbf_read(path, keyPointers.baseAddress, keyPointers.count, { way, context in
                State.from(context).take(way!.pointee)
            }, { stats, context in
                let state = State.from(context)
                state.progress(Int(stats!.pointee.bytes), state.emitted)
            }, Unmanaged.passUnretained(state).toOpaque(), &counts, &message, message.count)
        }
        withExtendedLifetime(state) {}
        statistics = state.statistics
        statistics.nodes = Int(counts.nodes)
        statistics.ways = Int(counts.ways)
        statistics.relations = Int(counts.relations)
        statistics.bytes = Int(counts.bytes)
        if counts.ways_without_class > 0 { statistics.skipped["no road class", default: 0] += Int(counts.ways_without_class) }
        if let error = state.error { throw error }
        if status < 0 {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw InputError(file: path, "not a readable OSM PBF file: \(text)")
        }
    }

    /// What the callbacks share (passed through libosmium as an opaque pointer).
    final class State {
        let assembly: OSMWayAssembly
        let each: (RoadFeature) throws -> Void
        let progress: (Int, Int) -> Void
        var statistics = OSMReadStatistics()
        var emitted = 0
        var error: (any Error)?

        init(assembly: OSMWayAssembly, each: @escaping (RoadFeature) throws -> Void, progress: @escaping (Int, Int) -> Void) {
            self.assembly = assembly
            self.each = each
            self.progress = progress
        }

        static func from(_ context: UnsafeMutableRawPointer?) -> State { Unmanaged<State>.fromOpaque(context!).takeUnretainedValue() }

        /// Handles one way; 1 stops the read.
        func take(_ way: diming_pbf_way) -> Int32 {
            let count = way.node_count
            var refs = [Int64](repeating: 0, count: count)
            var locations = [(lon: Int32, lat: Int32)?](repeating: nil, count: count)
            var versions = [Int32](repeating: 0, count: count)
            for i in 0..<count {
                refs[i] = way.node_ids[i]
                versions[i] = way.node_versions[i]
                let lon = way.lons[i], lat = way.lats[i]
                if lon != DIMING_PBF_MISSING && lat != DIMING_PBF_MISSING { locations[i] = (lon, lat) }
            }
            var tags: [String: String] = [:]
            tags.reserveCapacity(way.tag_count)
            for i in 0..<way.tag_count { tags[String(cString: way.keys[i]!)] = String(cString: way.values[i]!) }
            switch assembly.assemble(wayID: way.id, version: way.version > 0 ? Int(way.version) : nil, place: nil, refs: refs,
                                     locations: locations, nodeVersions: versions, tags: tags, statistics: &statistics) {
            case let .feature(feature):
                do {
                    try each(feature)
                    emitted += 1
                    return 0
                } catch {
                    self.error = error
                    return 1
                }
            case .skipped:
                return 0
            case let .failure(field, message):
                error = InputError(file: pathForErrors, field: field, message)
                return 1
            }
        }

        var pathForErrors = ""
    }
}

import DimingCore

/// Turns one OSM way (ids, node locations as found, tags) into a ``RoadFeature``, the same for the
/// XML and the PBF reader: a way with no nodes is an error; a node the file lacks is an error unless
/// failures are skipped, when the way keeps its longest run of present nodes (or is skipped when no
/// two remain), counted in the statistics' `skipped`.
struct OSMWayAssembly {
    enum Outcome {
        case feature(RoadFeature)
        case skipped
        /// The read stops with this error (`field` names the way).
        case failure(field: String, message: String)
    }

    var crs: CoordinateSystem
    var skipFailures: Bool

    /// `locations[i]` is the fixed-point location (1e-7°) of `refs[i]`, or nil when the file lacks it.
    /// `place` says where the way is for messages (`line 12` in XML); `version` is the way's OSM version,
    /// `nodeVersions[i]` that of `refs[i]` (0 when the file has none) where the reader knows them.
    func assemble(wayID: Int64, version: Int?, place: String?, refs: [Int64], locations: [(lon: Int32, lat: Int32)?],
                  nodeVersions: [Int32]? = nil, tags: [String: String], statistics: inout OSMReadStatistics) -> Outcome {
        guard !refs.isEmpty else { return .failure(field: "way \(wayID)", message: "a road with no nodes (empty geometry)") }
        var best: Range<Int> = 0..<0
        var runStart = 0
        var missing: Int64?
        var missingCount = 0
        for (i, location) in locations.enumerated() where location == nil {
            if missing == nil { missing = refs[i] }
            missingCount += 1
            if i - runStart > best.count { best = runStart..<i }
            runStart = i + 1
        }
        if locations.count - runStart > best.count { best = runStart..<locations.count }
        var range = 0..<locations.count
        if let missing {
            guard skipFailures else {
                let at = place.map { " (\($0))" } ?? ""
                return .failure(field: "way \(wayID)", message: "the way\(at) refers to node \(missing), which is not in the file "
                    + "(\(missingCount) of its \(refs.count) nodes are missing); use --skip-failures to keep the part that is there")
            }
            range = best
            statistics.skipped[best.count >= 2 ? "ways clipped: nodes missing from the extract" : "nodes missing from the extract", default: 0] += 1
        }
        guard range.count >= 2 else {
            if missing == nil { statistics.skipped["a way with a single node", default: 0] += 1 }
            return .skipped
        }
        var points: [Coordinate] = []
        points.reserveCapacity(range.count)
        for i in range {
            let location = locations[i]!
            let point = Coordinate(lon: Double(location.lon) / 1e7, lat: Double(location.lat) / 1e7)
            points.append(crs == .wgs84 ? point : crs.toWGS84(point))
        }
        var feature = RoadFeature(location: "way \(wayID)" + (place.map { " (\($0))" } ?? ""), sourceRef: "w\(wayID)", tags: tags,
                                  lines: [LineString(points)])
        // A way clipped to the nodes the extract holds gets no identity: modifying it would cut it short.
        if range.count == refs.count {
            let known = nodeVersions.flatMap { versions in versions.allSatisfy { $0 > 0 } ? versions.map(Int.init) : nil }
            feature.osm = OSMIdentity(way: wayID, version: version, nodes: refs, nodeVersions: known, tags: tags)
        }
        return .feature(feature)
    }
}

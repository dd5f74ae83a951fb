/// Node locations of an OSM file: ids with fixed-point coordinates (1e-7°, as OSM stores them),
/// and versions (0 when the file has none), 20 bytes a node. Files are normally sorted by id; an
/// unsorted one is sorted once on first lookup.
struct NodeLocationIndex {
    private var ids: [Int64] = []
    private var lons: [Int32] = []
    private var lats: [Int32] = []
    private var versions: [Int32] = []
    private var sorted = true

    var count: Int { ids.count }

    mutating func reserve(_ capacity: Int) {
        ids.reserveCapacity(capacity)
        lons.reserveCapacity(capacity)
        lats.reserveCapacity(capacity)
        versions.reserveCapacity(capacity)
    }

    mutating func append(id: Int64, lon: Double, lat: Double, version: Int32 = 0) {
        if let last = ids.last, last >= id { sorted = false }
        ids.append(id)
        lons.append(Int32((lon * 1e7).rounded()))
        lats.append(Int32((lat * 1e7).rounded()))
        versions.append(version)
    }

    /// Sorts by id if nodes came out of order (the last of duplicate ids wins).
    mutating func prepare() {
        guard !sorted else { return }
        let order = ids.indices.sorted { ids[$0] < ids[$1] || (ids[$0] == ids[$1] && $0 < $1) }
        ids = order.map { ids[$0] }
        lons = order.map { lons[$0] }
        lats = order.map { lats[$0] }
        versions = order.map { versions[$0] }
        sorted = true
    }

    /// The location in fixed point (1e-7°) and the version (0 when unknown) of node `id`, or nil if the
    /// file does not have it.
    func entry(_ id: Int64) -> (lon: Int32, lat: Int32, version: Int32)? {
        position(id).map { (lons[$0], lats[$0], versions[$0]) }
    }

    private func position(_ id: Int64) -> Int? {
        var low = 0, high = ids.count - 1
        while low <= high {
            let middle = (low + high) >> 1
            let value = ids[middle]
            if value == id {
                var match = middle
                while match + 1 < ids.count && ids[match + 1] == id { match += 1 }
                return match
            }
            if value < id { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}

import Foundation

/// Node locations of an OSM file (节点坐标索引): ids with fixed-point coordinates (1e-7°, as OSM
/// stores them), and versions (0 when the file has none), 20 bytes a node. Files are normally sorted
/// by id; an unsorted one is sorted once on first lookup.
///
/// The four columns live in buffers of the same capacity, grown together by doubling: an append
/// (one per node of the file, on the parsing thread) is four stores and one capacity test, where
/// four arrays cost four uniqueness and capacity checks.
final class NodeLocationIndex {
    private var ids: UnsafeMutablePointer<Int64>
    private var lons: UnsafeMutablePointer<Int32>
    private var lats: UnsafeMutablePointer<Int32>
    private var versions: UnsafeMutablePointer<Int32>
    private var capacity = 0
    private(set) var count = 0
    private var sorted = true
    /// Whether every node came after the one before it in id order (none out of order, none twice).
    private(set) var alwaysInOrder = true

    init() {
        ids = Self.resize(nil, to: 0)
        lons = Self.resize(nil, to: 0)
        lats = Self.resize(nil, to: 0)
        versions = Self.resize(nil, to: 0)
    }

    deinit {
        free(ids)
        free(lons)
        free(lats)
        free(versions)
    }

    /// Makes room for `capacity` nodes in all.
    func reserve(_ capacity: Int) {
        guard capacity > self.capacity else { return }
        ids = Self.resize(ids, to: capacity)
        lons = Self.resize(lons, to: capacity)
        lats = Self.resize(lats, to: capacity)
        versions = Self.resize(versions, to: capacity)
        self.capacity = capacity
    }

    /// Adds a node whose location is already in fixed point (1e-7°).
    @inline(__always)
    func append(id: Int64, lon: Int32, lat: Int32, version: Int32 = 0) {
        if count == capacity { reserve(max(2 * capacity, 1024)) }
        if count > 0 && ids[count - 1] >= id {
            sorted = false
            alwaysInOrder = false
        }
        ids[count] = id
        lons[count] = lon
        lats[count] = lat
        versions[count] = version
        count += 1
    }

    /// Adds a node at `lon`, `lat` in degrees (rounded to 1e-7°).
    func append(id: Int64, lon: Double, lat: Double, version: Int32 = 0) {
        append(id: id, lon: Int32((lon * 1e7).rounded()), lat: Int32((lat * 1e7).rounded()), version: version)
    }

    /// The smallest and largest ids of an index whose nodes came in order (nil when empty).
    var idRange: ClosedRange<Int64>? { count == 0 ? nil : ids[0]...ids[count - 1] }

    /// Sorts by id if nodes came out of order (the last of duplicate ids wins).
    func prepare() {
        guard !sorted else { return }
        let order = (0..<count).sorted { ids[$0] < ids[$1] || (ids[$0] == ids[$1] && $0 < $1) }
        Self.permute(ids, order)
        Self.permute(lons, order)
        Self.permute(lats, order)
        Self.permute(versions, order)
        sorted = true
    }

    /// The location in fixed point (1e-7°) and the version (0 when unknown) of node `id`, or nil if the
    /// file does not have it.
    func entry(_ id: Int64) -> (lon: Int32, lat: Int32, version: Int32)? {
        position(id).map { (lons[$0], lats[$0], versions[$0]) }
    }

    private func position(_ id: Int64) -> Int? {
        // Outside the ids held (a split read's second part asks its own index first): no search.
        if sorted && (count == 0 || id < ids[0] || id > ids[count - 1]) { return nil }
        var low = 0, high = count - 1
        while low <= high {
            let middle = (low + high) >> 1
            let value = ids[middle]
            if value == id {
                var match = middle
                while match + 1 < count && ids[match + 1] == id { match += 1 }
                return match
            }
            if value < id { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    private static func resize<T>(_ buffer: UnsafeMutablePointer<T>?, to capacity: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(capacity, 1) * MemoryLayout<T>.stride
        guard let raw = realloc(buffer, bytes) else { fatalError("out of memory for \(capacity) OSM node locations") }
        return raw.assumingMemoryBound(to: T.self)
    }

    private static func permute<T>(_ column: UnsafeMutablePointer<T>, _ order: [Int]) {
        let copy = order.map { column[$0] }
        for (i, value) in copy.enumerated() { column[i] = value }
    }
}

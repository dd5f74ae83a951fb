import DimingCore

/// The registry's spatial index for segments and roads (空间格网索引): each row stores its bounding box and one
/// integer cell, indexed by an ordinary B-tree. A box belongs to the finest level of a quadtree of lon/lat cells
/// whose cell is at least as large as the box, in the cell that holds its south-west corner; so it reaches at
/// most one cell further east and north at that level, and a query looks one cell west and south of its box.
///
/// This replaced SQLite's R*Tree for segments and roads: an R*Tree insert cost ~10 µs a box, a B-tree entry
/// on an integer about a tenth of that, and the index is plain SQL that any backend can hold.
public enum SpatialCell {
    /// Level `k` has cells of 2^(8−k) degrees: 256° at level 0 (which holds any box, however large) down to
    /// 1/128° (about 870 m of latitude) at level 15, where all smaller boxes go.
    static let finestLevel = 15
    /// Rows and columns fit in 20 bits each (46,080 columns at the finest level).
    static let bits: Int64 = 20

    static func size(_ level: Int) -> Double { Double(sign: .plus, exponent: 8 - level, significand: 1) }

    /// The cell of a box: level, row and column packed into one integer.
    public static func key(_ box: BoundingBox) -> Int64 {
        let extent = Swift.max(box.maxLon - box.minLon, box.maxLat - box.minLat)
        var level = finestLevel
        while level > 0 && size(level) < extent { level -= 1 }
        return pack(level, row: index(box.minLat + 90, level), column: index(box.minLon + 180, level))
    }

    /// Key ranges that hold every box meeting `box` (and others, which the caller filters by their boxes);
    /// none for a box that is empty (reversed, or NaN).
    public static func ranges(meeting box: BoundingBox) -> [ClosedRange<Int64>] {
        guard box.minLon <= box.maxLon, box.minLat <= box.maxLat else { return [] }
        var ranges = [pack(0, row: 0, column: 0)...pack(0, row: (1 << bits) - 1, column: (1 << bits) - 1)]
        for level in 1...finestLevel {
            let rows = Swift.max(index(box.minLat + 90, level) - 1, 0)...index(box.maxLat + 90, level)
            let columns = Swift.max(index(box.minLon + 180, level) - 1, 0)...index(box.maxLon + 180, level)
            if rows.count > 512 {
                // A very tall query (over 4° at the finest level): one range over whole rows, whose extra
                // columns are filtered out; below that one probe per row (a few µs each) reads far fewer rows.
                ranges.append(pack(level, row: rows.lowerBound, column: 0)...pack(level, row: rows.upperBound, column: (1 << bits) - 1))
            } else {
                for row in rows { ranges.append(pack(level, row: row, column: columns.lowerBound)...pack(level, row: row, column: columns.upperBound)) }
            }
        }
        return ranges
    }

    /// The row or column of a coordinate shifted to be non-negative, clamped to the index's range.
    static func index(_ shifted: Double, _ level: Int) -> Int64 {
        let cell = (shifted / size(level)).rounded(.down)
        guard !cell.isNaN else { return 0 } // ±∞ are clamped like any other value
        return Int64(Swift.min(Swift.max(cell, 0), Double((1 << bits) - 1)))
    }

    static func pack(_ level: Int, row: Int64, column: Int64) -> Int64 {
        Int64(level) << (2 * bits) | row << bits | column
    }
}

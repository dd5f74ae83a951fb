/// A uniform grid over lon/lat for nearby-item queries in memory (the store has its R*Tree; this
/// serves pure algorithms such as the survey's descriptions).
public struct GridIndex<Value>: Sendable where Value: Sendable {
    public let cellSize: Double
    private var cells: [SIMD2<Int32>: [Int]] = [:]
    public private(set) var values: [Value] = []
    private var boxes: [BoundingBox] = []

    /// `cellSize` in degrees (0.01° ≈ 1 km).
    public init(cellSize: Double = 0.01) {
        self.cellSize = cellSize
    }

    public mutating func insert(_ value: Value, box: BoundingBox) {
        let index = values.count
        values.append(value)
        boxes.append(box)
        for cell in Self.cells(box, cellSize: cellSize) { cells[cell, default: []].append(index) }
    }

    /// Values whose boxes meet `box` (each once).
    public func query(_ box: BoundingBox) -> [Value] {
        var seen = Set<Int>()
        var result: [Value] = []
        for cell in Self.cells(box, cellSize: cellSize) {
            for index in cells[cell] ?? [] where boxes[index].intersects(box) && seen.insert(index).inserted {
                result.append(values[index])
            }
        }
        return result
    }

    /// Values within `metres` of a point's box (a candidate set: callers measure exactly).
    public func query(around point: Coordinate, metres: Double) -> [Value] {
        let degrees = metres / 90_000
        return query(BoundingBox(minLon: point.lon - degrees * 1.5, minLat: point.lat - degrees,
                                 maxLon: point.lon + degrees * 1.5, maxLat: point.lat + degrees))
    }

    /// The cells a box covers (none for an absurdly large box).
    private static func cells(_ box: BoundingBox, cellSize: Double) -> [SIMD2<Int32>] {
        let x0 = Int32((box.minLon / cellSize).rounded(.down)), x1 = Int32((box.maxLon / cellSize).rounded(.down))
        let y0 = Int32((box.minLat / cellSize).rounded(.down)), y1 = Int32((box.maxLat / cellSize).rounded(.down))
        guard x1 - x0 < 10_000, y1 - y0 < 10_000 else { return [] }
        var result: [SIMD2<Int32>] = []
        result.reserveCapacity(Int((x1 - x0 + 1) * (y1 - y0 + 1)))
        for x in x0...x1 { for y in y0...y1 { result.append(SIMD2(x, y)) } }
        return result
    }
}

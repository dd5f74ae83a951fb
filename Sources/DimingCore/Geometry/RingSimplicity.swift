/// Finds where a polygon ring crosses itself (a bow-tie), as boundary files sometimes do after
/// careless editing or conversion. Edges are bucketed in a grid, so a ring of n vertices costs
/// about n log n, not n². Only proper crossings count: rings that touch themselves at a vertex, or
/// run along themselves, are left alone.
public enum RingSimplicity {
    /// The first pair of edges (by their first vertex's index) that cross, or nil for a simple ring.
    public static func crossing(in ring: [Coordinate]) -> (first: Int, second: Int, at: Coordinate)? {
        var points = ring
        if points.count > 1, points.first == points.last { points.removeLast() }
        let n = points.count
        guard n >= 4 else { return nil }
        guard let box = BoundingBox(covering: points) else { return nil }
        let cellsPerSide = max(1, min(4096, Int(Double(n).squareRoot())))
        let width = max(box.maxLon - box.minLon, 1e-12) / Double(cellsPerSide)
        let height = max(box.maxLat - box.minLat, 1e-12) / Double(cellsPerSide)
        func cell(_ x: Double, _ y: Double) -> (Int, Int) {
            (min(cellsPerSide - 1, max(0, Int((x - box.minLon) / width))), min(cellsPerSide - 1, max(0, Int((y - box.minLat) / height))))
        }
        var buckets: [Int: [Int]] = [:]
        for i in 0..<n {
            let a = points[i], b = points[(i + 1) % n]
            let (x0, y0) = cell(min(a.lon, b.lon), min(a.lat, b.lat))
            let (x1, y1) = cell(max(a.lon, b.lon), max(a.lat, b.lat))
            for x in x0...x1 {
                for y in y0...y1 { buckets[x * cellsPerSide + y, default: []].append(i) }
            }
        }
        var best: (first: Int, second: Int, at: Coordinate)?
        for edges in buckets.values where edges.count > 1 {
            for p in 0..<edges.count - 1 {
                for q in p + 1..<edges.count {
                    let i = min(edges[p], edges[q]), j = max(edges[p], edges[q])
                    if j - i <= 1 || (i == 0 && j == n - 1) { continue }
                    if let best, (best.first, best.second) <= (i, j) { continue }
                    if let at = properCrossing(points[i], points[(i + 1) % n], points[j], points[(j + 1) % n]) { best = (i, j, at) }
                }
            }
        }
        return best
    }

    /// Where segments ab and cd cross at a point inside both (not at an end), or nil.
    static func properCrossing(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate, _ d: Coordinate) -> Coordinate? {
        func orient(_ p: Coordinate, _ q: Coordinate, _ r: Coordinate) -> Double {
            (q.lon - p.lon) * (r.lat - p.lat) - (q.lat - p.lat) * (r.lon - p.lon)
        }
        let d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d)
        guard ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) else { return nil }
        let t = d1 / (d1 - d2)
        return Coordinate(lon: a.lon + t * (b.lon - a.lon), lat: a.lat + t * (b.lat - a.lat))
    }
}

import Foundation

/// Stitches road segments into whole roads (路段拼接).
///
/// Segments join end to end where their ends share a coordinate or lie within `tolerance` metres,
/// and only with segments of the same group (the same name, or for unnamed segments the same
/// class). At a junction of three or more ends a continuation is taken only when it is clear: the
/// group has just two ends there, or one pair runs nearly straight while every alternative bends
/// sharply. Every segment ends up in exactly one road.
public struct SegmentStitcher: Sendable {
    /// One segment to stitch.
    public struct Piece: Sendable {
        public var line: LineString
        /// Segments join only within a group: `name:幸福路`, `unnamed:track` …
        public var group: String

        public init(line: LineString, group: String) {
            self.line = line
            self.group = group
        }
    }

    /// A piece in a road, in the road's direction.
    public struct Member: Hashable, Sendable {
        public var piece: Int
        public var reversed: Bool
    }

    /// Ends closer than this (metres) join.
    public var tolerance: Double
    /// The most a continuation may bend at a junction (degrees).
    public var maxBend: Double
    /// How much more every alternative must bend than the chosen continuation (degrees).
    public var clearMargin: Double

    public init(tolerance: Double = 3, maxBend: Double = 35, clearMargin: Double = 25) {
        self.tolerance = tolerance
        self.maxBend = maxBend
        self.clearMargin = clearMargin
    }

    /// An end of a piece: `piece * 2` is its start, `piece * 2 + 1` its end.
    typealias End = Int

    /// The roads, each an ordered list of members.
    public func stitch(_ pieces: [Piece]) -> [[Member]] {
        let nodes = nodeOfEnd(pieces)
        // Groups as small numbers, compared without hashing strings at every junction.
        var groupNumbers: [String: Int] = [:]
        let groups = pieces.map { piece in
            if let number = groupNumbers[piece.group] { return number }
            groupNumbers[piece.group] = groupNumbers.count
            return groupNumbers.count - 1
        }
        // The ends meeting at each node, in end order (a counting sort by node).
        var start = [Int](repeating: 0, count: nodes.count + 1)
        for node in nodes { start[node + 1] += 1 }
        for i in nodes.indices { start[i + 1] += start[i] }
        var fill = start
        var ends = [End](repeating: 0, count: nodes.count)
        for (end, node) in nodes.enumerated() {
            ends[fill[node]] = end
            fill[node] += 1
        }
        var partner = [End](repeating: -1, count: pieces.count * 2)
        for node in nodes.indices where start[node + 1] - start[node] >= 2 {
            pair(ends[start[node]..<start[node + 1]], groups: groups, pieces: pieces, partner: &partner)
        }
        return chains(pieces.count, partner: partner)
    }

    /// Clusters end coordinates: identical points, or points within `tolerance`, share a node
    /// (numbered by one of its ends).
    ///
    /// Points are compared with those in the 3×3 grid cells of about the tolerance around them, found
    /// by binary search in the points sorted by cell (no hashing); each pair once.
    func nodeOfEnd(_ pieces: [Piece]) -> [Int] {
        var points: [Coordinate] = []
        points.reserveCapacity(pieces.count * 2)
        for piece in pieces {
            points.append(piece.line.points.first!)
            points.append(piece.line.points.last!)
        }
        var parent = Array(points.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        let cellLat = max(tolerance, 0.01) / 111_000
        let cellLon = cellLat / max(cos((points.first?.lat ?? 0) * .pi / 180), 0.2)
        // A cell as one sortable number: column in the high half, row in the low half.
        func key(_ column: Int64, _ row: Int64) -> UInt64 {
            let high: UInt64 = UInt64(bitPattern: column &+ (1 << 31)) << 32
            let low: UInt64 = UInt64(bitPattern: row &+ (1 << 31)) & 0xFFFF_FFFF
            return high | low
        }
        var cells: [(column: Int64, row: Int64)] = []
        cells.reserveCapacity(points.count)
        for point in points {
            let column = Int64((point.lon / cellLon).rounded(.down)), row = Int64((point.lat / cellLat).rounded(.down))
            cells.append((column, row))
        }
        var sorted: [(key: UInt64, index: Int)] = []
        sorted.reserveCapacity(points.count)
        for (index, cell) in cells.enumerated() { sorted.append((key(cell.column, cell.row), index)) }
        sorted.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        func lowerBound(_ target: UInt64) -> Int {
            var low = 0, high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle].key < target { low = middle + 1 } else { high = middle }
            }
            return low
        }
        for (i, p) in points.enumerated() {
            let cell = cells[i]
            for dx in Int64(-1)...1 {
                let last = key(cell.column + dx, cell.row + 1)
                var position = lowerBound(key(cell.column + dx, cell.row - 1))
                while position < sorted.count, sorted[position].key <= last {
                    let j = sorted[position].index
                    position += 1
                    guard j < i else { continue } // each pair once
                    let q = points[j]
                    if p == q || Geodesy.greatCircleDistance(p, q) <= tolerance {
                        let (a, b) = (find(i), find(j))
                        if a != b { parent[a] = b }
                    }
                }
            }
        }
        return points.indices.map(find)
    }

    /// Pairs the ends meeting at one node.
    func pair(_ ends: ArraySlice<End>, groups: [Int], pieces: [Piece], partner: inout [End]) {
        // The node's groups in order of first end (few ends meet at a node: a list, not a dictionary).
        var byGroup: [(group: Int, ends: [End])] = []
        for end in ends {
            let group = groups[end / 2]
            if let index = byGroup.firstIndex(where: { $0.group == group }) { byGroup[index].ends.append(end) } else { byGroup.append((group, [end])) }
        }
        for (_, groupEnds) in byGroup where groupEnds.count >= 2 {
            if groupEnds.count == 2 {
                let (a, b) = (groupEnds[0], groupEnds[1])
                // A closed piece meeting only itself stays a ring on its own.
                if a / 2 != b / 2 && (ends.count == 2 || bend(a, b, pieces) <= maxBend + clearMargin) {
                    partner[a] = b
                    partner[b] = a
                }
                continue
            }
            // Three or more ends of one group: take only clearly straight continuations.
            var candidates: [(bend: Double, a: End, b: End)] = []
            for i in 0..<groupEnds.count {
                for j in (i + 1)..<groupEnds.count where groupEnds[i] / 2 != groupEnds[j] / 2 {
                    candidates.append((bend(groupEnds[i], groupEnds[j], pieces), groupEnds[i], groupEnds[j]))
                }
            }
            candidates.sort { $0.bend < $1.bend }
            for candidate in candidates where candidate.bend <= maxBend && partner[candidate.a] < 0 && partner[candidate.b] < 0 {
                let rivals = candidates.filter { ($0.a == candidate.a || $0.b == candidate.a || $0.a == candidate.b || $0.b == candidate.b)
                    && !($0.a == candidate.a && $0.b == candidate.b) }
                if rivals.allSatisfy({ $0.bend >= candidate.bend + clearMargin }) {
                    partner[candidate.a] = candidate.b
                    partner[candidate.b] = candidate.a
                }
            }
        }
    }

    /// How far a road turns going from end `a` into end `b` (0 = straight on), in degrees.
    func bend(_ a: End, _ b: End, _ pieces: [Piece]) -> Double {
        let difference = abs(outgoing(a, pieces) - outgoing(b, pieces)).truncatingRemainder(dividingBy: 360)
        let angle = difference > 180 ? 360 - difference : difference
        return 180 - angle
    }

    /// The bearing from an end into its piece.
    func outgoing(_ end: End, _ pieces: [Piece]) -> Double {
        let points = pieces[end / 2].line.points
        let (from, to) = end % 2 == 0 ? (points[0], points[1]) : (points[points.count - 1], points[points.count - 2])
        return Geodesy.bearing(from: from, to: to)
    }

    /// Walks the pairings into ordered chains; rings start anywhere.
    func chains(_ count: Int, partner: [End]) -> [[Member]] {
        var visited = [Bool](repeating: false, count: count)
        var result: [[Member]] = []
        func walk(from piece: Int, enteringAt end: End) -> [Member] {
            var chain: [Member] = []
            var piece = piece, entry = end
            while !visited[piece] {
                visited[piece] = true
                chain.append(Member(piece: piece, reversed: entry % 2 == 1))
                let exit = entry % 2 == 0 ? entry + 1 : entry - 1
                let next = partner[exit]
                guard next >= 0 else { break }
                piece = next / 2
                entry = next
            }
            return chain
        }
        // Open chains first, from a piece end with no partner.
        for piece in 0..<count where !visited[piece] {
            if partner[piece * 2] < 0 { result.append(walk(from: piece, enteringAt: piece * 2)) }
            else if partner[piece * 2 + 1] < 0 { result.append(walk(from: piece, enteringAt: piece * 2 + 1)) }
        }
        for piece in 0..<count where !visited[piece] {
            result.append(walk(from: piece, enteringAt: piece * 2))
        }
        return result
    }
}

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
        var endsAtNode: [Int: [End]] = [:]
        for (end, node) in nodes.enumerated() { endsAtNode[node, default: []].append(end) }
        var partner = [End](repeating: -1, count: pieces.count * 2)
        for ends in endsAtNode.values where ends.count >= 2 {
            pair(ends, pieces: pieces, partner: &partner)
        }
        return chains(pieces.count, partner: partner)
    }

    /// Clusters end coordinates: identical points, or points within `tolerance`, share a node.
    func nodeOfEnd(_ pieces: [Piece]) -> [Int] {
        let points = pieces.flatMap { [$0.line.points.first!, $0.line.points.last!] }
        var parent = Array(points.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        // Grid cells of about the tolerance; compare each point with the 3×3 cells around it.
        let cellLat = max(tolerance, 0.01) / 111_000
        let cellLon = cellLat / max(cos((points.first?.lat ?? 0) * .pi / 180), 0.2)
        var grid: [SIMD2<Int64>: [Int]] = [:]
        for (i, p) in points.enumerated() {
            let cell = SIMD2(Int64((p.lon / cellLon).rounded(.down)), Int64((p.lat / cellLat).rounded(.down)))
            for dx in -1...1 {
                for dy in -1...1 {
                    for j in grid[cell &+ SIMD2(Int64(dx), Int64(dy))] ?? [] {
                        let q = points[j]
                        if p == q || Geodesy.greatCircleDistance(p, q) <= tolerance {
                            let (a, b) = (find(i), find(j))
                            if a != b { parent[a] = b }
                        }
                    }
                }
            }
            grid[cell, default: []].append(i)
        }
        return points.indices.map(find)
    }

    /// Pairs the ends meeting at one node.
    func pair(_ ends: [End], pieces: [Piece], partner: inout [End]) {
        var byGroup: [String: [End]] = [:]
        for end in ends { byGroup[pieces[end / 2].group, default: []].append(end) }
        for groupEnds in byGroup.values where groupEnds.count >= 2 {
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

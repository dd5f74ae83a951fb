import DimingCore
import Testing

@Suite("Segment stitching")
struct SegmentStitcherTests {
    /// A point `east` and `north` metres from a fixed origin.
    static func p(_ east: Double, _ north: Double) -> Coordinate {
        Coordinate(lon: 116 + east / 89_500, lat: 36 + north / 110_950)
    }

    static func piece(_ points: [Coordinate], _ group: String = "unnamed:track") -> SegmentStitcher.Piece {
        SegmentStitcher.Piece(line: LineString(points), group: group)
    }

    @Test("a chain given out of order and partly reversed becomes one road")
    func chain() {
        let pieces = [
            Self.piece([Self.p(200, 0), Self.p(300, 0)]),
            Self.piece([Self.p(100, 0), Self.p(0, 0)]),
            Self.piece([Self.p(100, 0), Self.p(200, 0)]),
        ]
        let roads = SegmentStitcher().stitch(pieces)
        #expect(roads.count == 1)
        #expect(Set(roads[0].map(\.piece)) == [0, 1, 2])
        // Consecutive members meet.
        let points = roads[0].map { member -> (Coordinate, Coordinate) in
            let line = pieces[member.piece].line
            return member.reversed ? (line.end!, line.start!) : (line.start!, line.end!)
        }
        for (a, b) in zip(points, points.dropFirst()) { #expect(a.1 == b.0) }
    }

    @Test("at a T junction the straight pair continues and the side road stays apart")
    func tJunction() {
        let pieces = [
            Self.piece([Self.p(-100, 0), Self.p(0, 0)]),
            Self.piece([Self.p(0, 0), Self.p(100, 2)]),
            Self.piece([Self.p(0, 0), Self.p(0, 100)]),
        ]
        let roads = SegmentStitcher().stitch(pieces).map { Set($0.map(\.piece)) }
        #expect(Set(roads) == [[0, 1], [2]])
    }

    @Test("a crossing of four ends gives two straight roads; a Y of three gives three")
    func crossingAndY() {
        let cross = [
            Self.piece([Self.p(-100, 0), Self.p(0, 0)]), Self.piece([Self.p(0, 0), Self.p(100, 0)]),
            Self.piece([Self.p(0, -100), Self.p(0, 0)]), Self.piece([Self.p(0, 0), Self.p(0, 100)]),
        ]
        #expect(Set(SegmentStitcher().stitch(cross).map { Set($0.map(\.piece)) }) == [[0, 1], [2, 3]])
        let y = [
            Self.piece([Self.p(0, 0), Self.p(0, 100)]),
            Self.piece([Self.p(0, 0), Self.p(87, -50)]),
            Self.piece([Self.p(0, 0), Self.p(-87, -50)]),
        ]
        #expect(SegmentStitcher().stitch(y).count == 3)
    }

    @Test("class changes and different names stop a road")
    func groups() {
        let pieces = [
            Self.piece([Self.p(0, 0), Self.p(100, 0)], "unnamed:track"),
            Self.piece([Self.p(100, 0), Self.p(200, 0)], "unnamed:residential"),
            Self.piece([Self.p(200, 0), Self.p(300, 0)], "name:幸福路"),
            Self.piece([Self.p(300, 0), Self.p(400, 0)], "name:幸福路"),
        ]
        #expect(Set(SegmentStitcher().stitch(pieces).map { Set($0.map(\.piece)) }) == [[0], [1], [2, 3]])
    }

    @Test("ends within the tolerance join; farther ones do not")
    func tolerance() {
        let pieces = [Self.piece([Self.p(0, 0), Self.p(100, 0)]), Self.piece([Self.p(102, 0), Self.p(200, 0)])]
        #expect(SegmentStitcher(tolerance: 3).stitch(pieces).count == 1)
        #expect(SegmentStitcher(tolerance: 1).stitch(pieces).count == 2)
    }

    @Test("a ring of pieces is one road; a closed piece alone is its own road")
    func rings() {
        let ring = [
            Self.piece([Self.p(0, 0), Self.p(100, 0)]), Self.piece([Self.p(100, 0), Self.p(100, 100)]),
            Self.piece([Self.p(100, 100), Self.p(0, 100)]), Self.piece([Self.p(0, 100), Self.p(0, 0)]),
        ]
        let roads = SegmentStitcher(maxBend: 95, clearMargin: 0).stitch(ring)
        #expect(roads.count == 1 && roads[0].count == 4)
        let loop = [Self.piece([Self.p(0, 0), Self.p(50, 50), Self.p(100, 0), Self.p(0, 0)])]
        #expect(SegmentStitcher().stitch(loop).map(\.count) == [1])
    }

    @Test("every piece lands in exactly one road, and members meet (seeded random grids)")
    func property() {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        for _ in 0..<30 {
            var pieces: [SegmentStitcher.Piece] = []
            for _ in 0..<(5 + next(40)) {
                let x = Double(next(6)) * 100, y = Double(next(6)) * 100
                let horizontal = next(2) == 0
                let end = horizontal ? Self.p(x + 100, y) : Self.p(x, y + 100)
                let group = ["unnamed:track", "unnamed:residential", "name:幸福路"][next(3)]
                pieces.append(next(2) == 0 ? Self.piece([Self.p(x, y), end], group) : Self.piece([end, Self.p(x, y)], group))
            }
            let roads = SegmentStitcher().stitch(pieces)
            #expect(roads.flatMap { $0.map(\.piece) }.sorted() == Array(pieces.indices))
            for road in roads {
                #expect(Set(road.map { pieces[$0.piece].group }).count == 1)
                let ends = road.map { m -> (Coordinate, Coordinate) in
                    let l = pieces[m.piece].line
                    return m.reversed ? (l.end!, l.start!) : (l.start!, l.end!)
                }
                for (a, b) in zip(ends, ends.dropFirst()) { #expect(Geodesy.distance(a.1, b.0) < 3) }
            }
        }
    }
}

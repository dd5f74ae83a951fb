import DimingCore
import Foundation
import TestSupport
import Testing

@Suite("Coordinate systems")
struct CoordinateSystemTests {
    static let tolerance = 1e-8

    func expectClose(_ a: Coordinate, _ b: Coordinate, _ label: String) {
        #expect(abs(a.lon - b.lon) < Self.tolerance && abs(a.lat - b.lat) < Self.tolerance, "\(label): \(a) vs \(b)")
    }

    @Test("every reference vector, every direction, inverse included", .enabled(if: SharedData.available, "needs ../shared/data"))
    func referenceVectors() throws {
        let rows = try SharedData.coordinateVectors()
        #expect(rows.count >= 19)
        for row in rows {
            let id = row["id"]!
            let wgs = Coordinate(lon: Double(row["wgs84_lon"]!)!, lat: Double(row["wgs84_lat"]!)!)
            let gcj = Coordinate(lon: Double(row["gcj02_lon"]!)!, lat: Double(row["gcj02_lat"]!)!)
            let bd = Coordinate(lon: Double(row["bd09_lon"]!)!, lat: Double(row["bd09_lat"]!)!)
            let points: [CoordinateSystem: Coordinate] = [.wgs84: wgs, .gcj02: gcj, .bd09: bd]
            for (source, from) in points {
                for (target, expected) in points {
                    expectClose(CoordinateSystem.convert(from, from: source, to: target), expected, "\(id) \(source)→\(target)")
                }
            }
        }
    }

    @Test("round trips hold to 1e-9 degrees across China (seeded property test)")
    func roundTrips() {
        var state: UInt64 = 0x5EED
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<2000 {
            let point = Coordinate(lon: 74 + uniform() * 60, lat: 4 + uniform() * 49)
            for system in [CoordinateSystem.gcj02, .bd09] {
                let there = system.fromWGS84(point)
                let back = system.toWGS84(there)
                #expect(abs(back.lon - point.lon) < 1e-9 && abs(back.lat - point.lat) < 1e-9, "\(point) via \(system)")
            }
        }
    }

    @Test("the offsets in Shandong are the known 500–570 m and about 1.3 km")
    func offsetSizes() {
        let liaocheng = Coordinate(lon: 115.98, lat: 36.45)
        let gcj = Geodesy.distance(liaocheng, CoordinateSystem.gcj02.fromWGS84(liaocheng))
        let bd = Geodesy.distance(liaocheng, CoordinateSystem.bd09.fromWGS84(liaocheng))
        #expect((500...570).contains(gcj))
        #expect((1200...1400).contains(bd))
    }

    @Test("outside China the GCJ-02 offset is not applied")
    func outsideChina() {
        let newYork = Coordinate(lon: -74.006, lat: 40.7128)
        #expect(CoordinateSystem.gcj02.fromWGS84(newYork) == newYork)
        #expect(ChinaOffset.isOutsideChina(newYork))
    }

    @Test("names are parsed leniently", arguments: [("WGS-84", CoordinateSystem.wgs84), ("cgcs2000", .wgs84), ("GCJ-02", .gcj02), ("bd09", .bd09)])
    func parsing(name: String, expected: CoordinateSystem) {
        #expect(CoordinateSystem(name: name) == expected)
    }

    @Test("a Gauss–Krüger zone is told from an easting; any other number, however large, gives none")
    func gaussKrugerZone() {
        #expect(SourceCRS.cgcs2000GaussKrugerZone(easting: 39_512_345.6) == 4527)
        #expect(SourceCRS.cgcs2000GaussKrugerZone(easting: 25_000_001) == 4513)
        #expect(SourceCRS.cgcs2000GaussKrugerZone(easting: 45_999_999) == 4533)
        for easting in [1.2e53, -1.2e53, .infinity, -.infinity, .nan, 46_000_000, 24_999_999, 500_000, 0] {
            #expect(SourceCRS.cgcs2000GaussKrugerZone(easting: easting) == nil, "\(easting)")
        }
    }
}

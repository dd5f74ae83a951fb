import Foundation

/// The published GCJ-02 and BD-09 formulas, with iterative inverses.
///
/// Traps avoided (DOMAIN.md §7): the Krasovsky semi-major axis `a = 6378245` (not 6378137), and
/// `x_pi = π·3000/180` in the Baidu step (not π). The closed-form inverses are off by metres (GCJ) and
/// centimetres (BD); the inverses here iterate `w ← w − (f(w) − target)` until the step is below 1e-12°,
/// which converges in 3–6 steps.
public enum ChinaOffset {
    static let krasovskyA = 6_378_245.0
    static let krasovskyEE = 0.00669342162296594323
    static let xPi = Double.pi * 3000.0 / 180.0
    static let tolerance = 1e-12
    static let maxIterations = 30

    /// Whether the GCJ-02 offset is not applied here: the box of the reference implementation
    /// (coordTransform), which also holds Seoul and Hanoi. Prefer a record's own division where known.
    public static func isOutsideChina(_ point: Coordinate) -> Bool {
        !(point.lon > 73.66 && point.lon < 135.05 && point.lat > 3.86 && point.lat < 53.55)
    }

    public static func wgs84ToGcj02(_ point: Coordinate) -> Coordinate {
        if isOutsideChina(point) { return point }
        let x = point.lon - 105, y = point.lat - 35
        var dLat = transformLat(x, y)
        var dLon = transformLon(x, y)
        let radLat = point.lat / 180 * .pi
        var magic = sin(radLat)
        magic = 1 - krasovskyEE * magic * magic
        let sqrtMagic = sqrt(magic)
        dLat = (dLat * 180) / ((krasovskyA * (1 - krasovskyEE)) / (magic * sqrtMagic) * .pi)
        dLon = (dLon * 180) / (krasovskyA / sqrtMagic * cos(radLat) * .pi)
        return Coordinate(lon: point.lon + dLon, lat: point.lat + dLat)
    }

    public static func gcj02ToWgs84(_ point: Coordinate) -> Coordinate {
        let image = wgs84ToGcj02(point)
        let oneStep = Coordinate(lon: 2 * point.lon - image.lon, lat: 2 * point.lat - image.lat)
        return invert(wgs84ToGcj02, target: point, start: oneStep)
    }

    public static func gcj02ToBd09(_ point: Coordinate) -> Coordinate {
        let x = point.lon, y = point.lat
        let z = sqrt(x * x + y * y) + 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) + 0.000003 * cos(x * xPi)
        return Coordinate(lon: z * cos(theta) + 0.0065, lat: z * sin(theta) + 0.006)
    }

    public static func bd09ToGcj02(_ point: Coordinate) -> Coordinate {
        invert(gcj02ToBd09, target: point, start: bd09ToGcj02ClosedForm(point))
    }

    /// The published one-step inverse (about 5 cm off); the start of the iteration.
    static func bd09ToGcj02ClosedForm(_ point: Coordinate) -> Coordinate {
        let x = point.lon - 0.0065, y = point.lat - 0.006
        let z = sqrt(x * x + y * y) - 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) - 0.000003 * cos(x * xPi)
        return Coordinate(lon: z * cos(theta), lat: z * sin(theta))
    }

    /// Fixed-point inversion of a near-translation `forward`.
    static func invert(_ forward: (Coordinate) -> Coordinate, target: Coordinate, start: Coordinate) -> Coordinate {
        var guess = start
        for _ in 0..<maxIterations {
            let image = forward(guess)
            let dLon = image.lon - target.lon, dLat = image.lat - target.lat
            guess = Coordinate(lon: guess.lon - dLon, lat: guess.lat - dLat)
            if abs(dLon) < tolerance && abs(dLat) < tolerance { break }
        }
        return guess
    }

    static func transformLat(_ x: Double, _ y: Double) -> Double {
        var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
        r += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        r += (20.0 * sin(y * .pi) + 40.0 * sin(y / 3.0 * .pi)) * 2.0 / 3.0
        r += (160.0 * sin(y / 12.0 * .pi) + 320 * sin(y * .pi / 30.0)) * 2.0 / 3.0
        return r
    }

    static func transformLon(_ x: Double, _ y: Double) -> Double {
        var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
        r += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        r += (20.0 * sin(x * .pi) + 40.0 * sin(x / 3.0 * .pi)) * 2.0 / 3.0
        r += (150.0 * sin(x / 12.0 * .pi) + 300.0 * sin(x / 30.0 * .pi)) * 2.0 / 3.0
        return r
    }
}

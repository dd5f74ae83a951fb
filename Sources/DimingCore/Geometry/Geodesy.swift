import Foundation

/// Distances on the WGS-84 ellipsoid.
public enum Geodesy {
    public static let semiMajorAxis = 6_378_137.0
    public static let flattening = 1 / 298.257223563
    /// Mean earth radius (IUGG), for the spherical approximation.
    public static let meanRadius = 6_371_008.8

    /// Geodesic distance in metres between two points (Vincenty's inverse formula; falls back to the
    /// great-circle distance for the nearly antipodal points where it does not converge).
    public static func distance(_ p: Coordinate, _ q: Coordinate) -> Double {
        if p == q { return 0 }
        let a = semiMajorAxis, f = flattening, b = a * (1 - f)
        let l = (q.lon - p.lon) * .pi / 180
        let u1 = atan((1 - f) * tan(p.lat * .pi / 180))
        let u2 = atan((1 - f) * tan(q.lat * .pi / 180))
        let sinU1 = sin(u1), cosU1 = cos(u1), sinU2 = sin(u2), cosU2 = cos(u2)
        var lambda = l
        for _ in 0..<200 {
            let sinLambda = sin(lambda), cosLambda = cos(lambda)
            let sinSigma = sqrt(pow(cosU2 * sinLambda, 2) + pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2))
            if sinSigma == 0 { return 0 }
            let cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
            let sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
            let cos2Alpha = 1 - sinAlpha * sinAlpha
            let cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha
            let c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
            let previous = lambda
            lambda = l + (1 - c) * f * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            if abs(lambda - previous) < 1e-12 {
                let uSq = cos2Alpha * (a * a - b * b) / (b * b)
                let bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)))
                let bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)))
                let deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                    - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
                return b * bigA * (sigma - deltaSigma)
            }
        }
        return greatCircleDistance(p, q)
    }

    /// Haversine distance on a sphere of the mean earth radius, in metres.
    public static func greatCircleDistance(_ p: Coordinate, _ q: Coordinate) -> Double {
        let phi1 = p.lat * .pi / 180, phi2 = q.lat * .pi / 180
        let dPhi = phi2 - phi1, dLambda = (q.lon - p.lon) * .pi / 180
        let h = pow(sin(dPhi / 2), 2) + cos(phi1) * cos(phi2) * pow(sin(dLambda / 2), 2)
        return 2 * meanRadius * asin(min(1, sqrt(h)))
    }

    /// Initial bearing from `p` to `q` in degrees clockwise from north, 0..<360 (spherical).
    public static func bearing(from p: Coordinate, to q: Coordinate) -> Double {
        let phi1 = p.lat * .pi / 180, phi2 = q.lat * .pi / 180
        let dLambda = (q.lon - p.lon) * .pi / 180
        let y = sin(dLambda) * cos(phi2)
        let x = cos(phi1) * sin(phi2) - sin(phi1) * cos(phi2) * cos(dLambda)
        let degrees = atan2(y, x) * 180 / .pi
        return degrees < 0 ? degrees + 360 : degrees
    }
}

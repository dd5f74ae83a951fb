import CGDAL
import DimingCore

/// A conversion of a file's coordinates to WGS-84 through OGR/PROJ (坐标转换), for the systems a
/// Chinese county's data comes in: CGCS2000 (2000国家大地坐标系), Xi'an 80 (1980西安坐标系),
/// Beijing 54 (1954北京坐标系) and WGS-84, geographic or projected (Gauss–Krüger, UTM).
/// GCJ-02 and BD-09 are not here: ``CoordinateSystem`` converts them.
final class CRSTransform {
    /// The datums Diming accepts, by the name OGR gives them, and how to say them.
    static let datums = ["China_2000": "CGCS2000", "Xian_1980": "Xi'an 80", "Beijing_1954": "Beijing 54",
                         "New_Beijing": "New Beijing", "WGS_1984": "WGS-84"]

    /// What the system is called, for messages: `EPSG:4527 (CGCS2000 / 3-degree Gauss-Kruger zone 39)`.
    let name: String
    let isGeographic: Bool
    private let source: OGRSpatialReferenceH
    private let target: OGRSpatialReferenceH
    private let transform: OGRCoordinateTransformationH

    /// The system of an EPSG code; `origin` says where it was given, for messages.
    convenience init(epsg code: Int, origin: String) throws {
        try GDALLibrary.start(field: origin)
        guard let srs = OSRNewSpatialReference(nil) else { throw InputError(field: origin, "cannot create a coordinate system") }
        guard OSRImportFromEPSG(srs, Int32(code)) == OGRERR_NONE else {
            OSRDestroySpatialReference(srs)
            throw InputError(field: origin, "EPSG:\(code) is not a coordinate system PROJ knows")
        }
        try self.init(owning: srs, origin: origin, label: "EPSG:\(code)")
    }

    /// A copy of a file's declared system (a `.prj`, a GeoPackage's `gpkg_spatial_ref_sys`, a GeoJSON `crs`).
    convenience init(declared: OGRSpatialReferenceH, origin: String) throws {
        try GDALLibrary.start(field: origin)
        guard let srs = OSRClone(declared) else { throw InputError(field: origin, "cannot read the coordinate system") }
        let code = OSRGetAuthorityCode(srs, nil).map { String(cString: $0) }
        try self.init(owning: srs, origin: origin, label: code.map { "EPSG:\($0)" } ?? "the declared system")
    }

    private init(owning srs: OGRSpatialReferenceH, origin: String, label: String) throws {
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
        let title = OSRGetName(srs).map { String(cString: $0) } ?? "unnamed"
        name = "\(label) (\(title))"
        isGeographic = OSRIsGeographic(srs) != 0
        let datum = OSRGetAttrValue(srs, "DATUM", 0).map { String(cString: $0) } ?? ""
        guard Self.datums.keys.contains(where: { datum.hasPrefix($0) }) || Self.knownAlias(datum) else {
            OSRDestroySpatialReference(srs)
            throw InputError(field: origin, "\(label) (\(title)) is on the datum \(datum.isEmpty ? "unknown" : datum); Diming reads systems on "
                + "CGCS2000, Xi'an 80, Beijing 54 or WGS-84 (geographic or projected), and GCJ-02/BD-09 by name")
        }
        guard let wgs84 = OSRNewSpatialReference(nil), OSRImportFromEPSG(wgs84, 4326) == OGRERR_NONE else {
            OSRDestroySpatialReference(srs)
            throw InputError(field: origin, "cannot create WGS-84 (PROJ's data missing?)")
        }
        OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER)
        guard let transform = OCTNewCoordinateTransformation(srs, wgs84) else {
            OSRDestroySpatialReference(srs)
            OSRDestroySpatialReference(wgs84)
            throw InputError(field: origin, "no conversion from \(label) (\(title)) to WGS-84: " + GDALLibrary.lastError("PROJ has none"))
        }
        source = srs
        target = wgs84
        self.transform = transform
    }

    deinit {
        OCTDestroyCoordinateTransformation(transform)
        OSRDestroySpatialReference(source)
        OSRDestroySpatialReference(target)
    }

    /// OGR's datum names vary by version (`China_2000`, `China_Geodetic_Coordinate_System_2000`, `Xian_1980`,
    /// `Beijing_1954`, `WGS_1984`, `World_Geodetic_System_1984`).
    static func knownAlias(_ datum: String) -> Bool {
        let lower = datum.lowercased()
        return ["china", "xian", "xi_an", "beijing", "wgs_1984", "world_geodetic_system_1984"].contains { lower.contains($0) }
    }

    /// Converts the points in place to WGS-84 longitude and latitude; false when PROJ fails on any point.
    func toWGS84(x: inout [Double], y: inout [Double]) -> Bool {
        guard !x.isEmpty else { return true }
        var success = [Int32](repeating: 0, count: x.count)
        let ok = x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                success.withUnsafeMutableBufferPointer { flags in
                    OCTTransformEx(transform, Int32(xs.count), xs.baseAddress, ys.baseAddress, nil, flags.baseAddress)
                }
            }
        }
        return ok != 0 && success.allSatisfy { $0 != 0 }
    }
}

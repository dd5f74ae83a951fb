import DimingCore
import Foundation

extension GeoJSONReader {
    /// The coordinate system a GeoJSON file declares in its (pre-RFC 7946) `crs` member, as ogr2ogr and
    /// ArcGIS write it before the features: `{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4527"}}`
    /// or the older `{"type": "EPSG", "properties": {"code": 4527}}`. Looks at the first 64 KB only; nil when
    /// there is none there (RFC 7946: longitude and latitude) or it names OGC CRS84.
    public static func declaredSystem(path: String) throws -> SourceCRS? {
        let file = try InputFile.open(path)
        defer { try? file.close() }
        let head = String(decoding: try file.read(upToCount: 64 << 10) ?? Data(), as: UTF8.self)
        guard let crs = head.range(of: "\"crs\"") else { return nil }
        let rest = String(head[crs.upperBound...].prefix(600))
        if let match = rest.firstMatch(of: /"code"\s*:\s*([0-9]+)/), let code = Int(match.1) { return SourceCRS(epsg: code) }
        guard let match = rest.firstMatch(of: /"name"\s*:\s*"([^"]*)"/) else { return nil }
        let text = String(match.1)
        if text.uppercased().hasSuffix("CRS84") { return nil }
        if let system = SourceCRS(name: text) { return system }
        throw InputError(file: path, field: "crs", "the declared coordinate system \(text) is not one Diming reads: give an EPSG code (urn:ogc:def:crs:EPSG::4527)")
        return nil
    }
}

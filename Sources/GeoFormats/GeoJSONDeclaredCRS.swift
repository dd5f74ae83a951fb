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
        let rest = head[crs.upperBound...].prefix(600)
        for key in ["\"name\"", "\"code\""] {
            guard let found = rest.range(of: key) else { continue }
            let value = rest[found.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\n" || $0 == "\t" || $0 == "\r" }
            let text = value.hasPrefix("\"") ? value.dropFirst().prefix { $0 != "\"" } : value.prefix { $0.isNumber }
            if key == "\"code\"", let code = Int(text) { return SourceCRS(epsg: code) }
            if text.uppercased().hasSuffix("CRS84") { return nil }
            if let system = SourceCRS(name: String(text)) { return system }
            throw InputError(file: path, field: "crs", "the declared coordinate system \(text) is not one Diming reads: give an EPSG code (urn:ogc:def:crs:EPSG::4527)")
        }
        return nil
    }
}

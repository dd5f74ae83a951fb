import CGDAL
import DimingCore
import Foundation

/// Reads road lines from the files a county's transport bureau and the 第二次全国地名普查 deliver,
/// through GDAL's vector drivers: ESRI Shapefile (`.shp` with its `.dbf`, `.prj`, `.cpg`), GeoPackage
/// (`.gpkg`), File Geodatabase (a `.gdb` folder, OpenFileGDB) and GeoJSON that declares a projected or
/// other EPSG system. Every layer is read; line features become ``RoadFeature``s in WGS-84, their
/// attributes as text (GBK `.dbf` text decoded), other features are counted as skipped.
///
/// Coordinates are converted through OGR/PROJ from the system the file declares, or the one given
/// (`--crs EPSG:4527`, which overrides the file's); a file that declares none must be in longitude and
/// latitude, else the error says that its numbers look projected and which EPSG code might fit.
public final class GDALRoadReader {
    /// The GDAL drivers Diming opens, by format; no other driver is ever tried on a file.
    public enum Driver: String, Sendable {
        case shapefile = "ESRI Shapefile"
        case geopackage = "GPKG"
        case fileGeodatabase = "OpenFileGDB"
        case geojson = "GeoJSON"
    }

    public let path: String
    public let driver: Driver
    public let crs: SourceCRS
    /// The `.dbf` text encoding (`GBK`, `UTF-8`, `CP936`) when the file has no `.cpg`; nil guesses
    /// UTF-8, else GB18030 (a superset of GBK).
    public let encoding: String?
    public let limits: InputLimits
    /// Features read, and those that are not roads by reason.
    public private(set) var records = 0
    public private(set) var skipped: [String: Int] = [:]
    /// The coordinate system each layer was read in, for the import's report.
    public private(set) var systems: [String] = []
    /// With `skipFailures`: features that could not be read (coordinates PROJ cannot convert, limits
    /// passed), set aside with their reasons instead of failing the file.
    public let skipFailures: Bool
    public private(set) var failures: [RoadSource.Failure] = []

    /// A feature that cannot be read; the file can go on under `skipFailures`.
    private struct FeatureFailure: Error {
        var field: String
        var reason: String
    }

    public init(path: String, driver: Driver, crs: SourceCRS = .builtin(.wgs84), encoding: String? = nil, limits: InputLimits = .standard,
                skipFailures: Bool = false) {
        self.skipFailures = skipFailures
        self.path = path
        self.driver = driver
        self.crs = crs
        self.encoding = encoding
        self.limits = limits
    }

    /// The driver for a path's extension, or nil.
    public static func driver(for path: String) -> Driver? {
        let lower = path.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if lower.hasSuffix(".shp") { return .shapefile }
        if lower.hasSuffix(".gpkg") { return .geopackage }
        if lower.hasSuffix(".gdb") { return .fileGeodatabase }
        return nil
    }

    /// Reads every layer, handing each line feature to `each`; `progress` gets (features read, features in all layers).
    public func read(progress: (Int, Int) -> Void = { _, _ in }, each: (RoadFeature) throws -> Void) throws {
        try checkInput()
        try GDALLibrary.start(file: path)
        CPLErrorReset()
        let options = openOptions()
        defer { CSLDestroy(options) }
        let drivers = CSLAddString(nil, driver.rawValue)
        defer { CSLDestroy(drivers) }
        guard let dataset = GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR), Self.constList(drivers), Self.constList(options), nil) else {
            throw InputError(file: path, "cannot open as \(driver.rawValue): " + GDALLibrary.lastError("not a readable file of this format"))
        }
        defer { GDALClose(dataset) }
        let layerCount = Int(GDALDatasetGetLayerCount(dataset))
        guard layerCount > 0 else { throw InputError(file: path, "no layers in the file") }
        var total = 0
        for index in 0..<layerCount {
            if let layer = GDALDatasetGetLayer(dataset, Int32(index)) { total += max(0, Int(OGR_L_GetFeatureCount(layer, 0))) }
        }
        for index in 0..<layerCount {
            guard let layer = GDALDatasetGetLayer(dataset, Int32(index)) else { continue }
            try readLayer(layer, named: layerCount > 1 ? text(OGR_L_GetName(layer)) : nil, total: total, progress: progress, each: each)
        }
    }

    /// GDAL's string lists as its `const char* const*` parameters take them.
    private static func constList(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> UnsafePointer<UnsafePointer<CChar>?>? {
        list.map { UnsafeRawPointer($0).assumingMemoryBound(to: UnsafePointer<CChar>?.self) }
    }

    private func checkInput() throws {
        if driver == .fileGeodatabase {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                throw InputError(file: path, "a File Geodatabase is a folder ending in .gdb")
            }
        } else {
            try InputFile.requireRegular(path)
        }
        if driver == .shapefile {
            // GDAL opens the .shp's companions itself: each that exists must be a regular file too (a FIFO
            // named x.dbf would make the read wait forever).
            let base = (path as NSString).deletingPathExtension
            for ext in ["shx", "dbf", "prj", "cpg", "SHX", "DBF", "PRJ", "CPG"] where FileManager.default.fileExists(atPath: base + "." + ext) {
                try InputFile.requireRegular(base + "." + ext)
            }
        }
    }

    /// The encoding of a Shapefile with no `.cpg` and no code page in its `.dbf` (where GDAL would
    /// assume ISO-8859-1 and garble Chinese text): UTF-8 when the first 4 MB of the `.dbf` are valid
    /// UTF-8, else GB18030 (a superset of GBK, what Chinese Windows GIS software writes). Decided for
    /// the whole file: GBK text is sometimes valid UTF-8 by chance (砂石 reads ɰʯ), a file is not.
    private var guessedEncoding: String? {
        guard driver == .shapefile, encoding == nil, ProcessInfo.processInfo.environment["SHAPE_ENCODING"] == nil else { return nil }
        let base = (path as NSString).deletingPathExtension
        if ["cpg", "CPG"].contains(where: { FileManager.default.fileExists(atPath: base + "." + $0) }) { return nil }
        guard let dbf = FileHandle(forReadingAtPath: base + ".dbf") ?? FileHandle(forReadingAtPath: base + ".DBF") else { return nil }
        defer { try? dbf.close() }
        var data = (try? dbf.read(upToCount: 4 << 20)) ?? Data()
        guard data.count >= 32, data[data.startIndex + 29] == 0 else { return nil } // a language driver id GDAL honours
        while let last = data.last, last >= 0x80 { data.removeLast() } // a character cut at the end of the sample
        return String(data: data, encoding: .utf8) == nil ? "GB18030" : "UTF-8"
    }

    private func openOptions() -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard driver == .shapefile, let chosen = encoding ?? guessedEncoding else { return nil }
        return CSLAddString(nil, "ENCODING=\(chosen)")
    }

    private func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        if let utf8 = String(validatingCString: pointer) { return utf8 }
        let data = Data(bytes: pointer, count: strlen(pointer))
        return String(data: data, encoding: CSVTable.gb18030) ?? String(decoding: data, as: UTF8.self)
    }

    /// The conversion for a layer: the given EPSG system, else the declared one, else none (degrees expected).
    private func transform(for layer: OGRLayerH, label: String) throws -> CRSTransform? {
        if case let .epsg(code) = crs { return try CRSTransform(epsg: code, origin: "--crs") }
        if let declared = OGR_L_GetSpatialRef(layer) { return try CRSTransform(declared: declared, origin: "\(path) \(label)coordinate system") }
        return nil
    }

    private func readLayer(_ layer: OGRLayerH, named layerName: String?, total: Int, progress: (Int, Int) -> Void,
                           each: (RoadFeature) throws -> Void) throws {
        let label = layerName.map { "layer \($0) " } ?? ""
        let conversion = try transform(for: layer, label: label)
        let offset = crs.builtin ?? .wgs84
        if let conversion, offset != .wgs84, !conversion.isGeographic {
            throw InputError(file: path, field: "--crs", "\(offset) applies to longitude and latitude, but the file is in \(conversion.name), a projected system")
        }
        systems.append(conversion?.name ?? (offset == .wgs84 ? "longitude/latitude (none declared)" : offset.rawValue))
        let definition = OGR_L_GetLayerDefn(layer)
        let fieldNames = (0..<Int(OGR_FD_GetFieldCount(definition))).map { text(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, Int32($0)))) }
        OGR_L_ResetReading(layer)
        while let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            records += 1
            if records % 1000 == 0 { progress(records, total) }
            let fid = OGR_F_GetFID(feature)
            let location = "\(label)feature \(fid)"
            guard let geometry = OGR_F_GetGeometryRef(feature) else {
                skipped["no geometry", default: 0] += 1
                continue
            }
            let ref = layerName.map { "\($0):\(fid)" } ?? String(fid)
            do {
            var parts: [(x: [Double], y: [Double])] = []
            guard try collectLines(geometry, into: &parts, location: location) else {
                skipped["not a line", default: 0] += 1
                continue
            }
            var lines: [LineString] = []
            for var part in parts {
                if let conversion {
                    guard conversion.toWGS84(x: &part.x, y: &part.y) else {
                        throw FeatureFailure(field: location, reason: "cannot convert its coordinates from \(conversion.name) to WGS-84")
                    }
                } else if let index = part.x.indices.first(where: { SourceCRS.looksProjected(x: part.x[$0], y: part.y[$0]) }) {
                    throw projectedWithoutSystem(x: part.x[index], y: part.y[index], location: location)
                }
                var points: [Coordinate] = []
                points.reserveCapacity(part.x.count)
                for (x, y) in zip(part.x, part.y) {
                    let point = Coordinate(lon: x, lat: y)
                    guard point.isValid else {
                        throw FeatureFailure(field: location, reason: "not a valid longitude and latitude after conversion: [\(x), \(y)]")
                    }
                    points.append(offset.toWGS84(point))
                }
                lines.append(LineString(points))
            }
            var tags: [String: String] = [:]
            for (index, name) in fieldNames.enumerated() where OGR_F_IsFieldSetAndNotNull(feature, Int32(index)) != 0 {
                let value = text(OGR_F_GetFieldAsString(feature, Int32(index))).trimmingCharacters(in: .whitespaces)
                guard value.utf8.count <= limits.maxStringBytes else {
                    throw FeatureFailure(field: "\(location) \(name)", reason: "the value is longer than \(InputLimits.name("maxStringBytes", limits.maxStringBytes))")
                }
                if !value.isEmpty { tags[name] = value }
            }
            try each(RoadFeature(location: location, sourceRef: ref, tags: tags, lines: lines))
            } catch let failure as FeatureFailure {
                guard skipFailures else { throw InputError(file: path, field: failure.field, failure.reason) }
                failures.append(RoadSource.Failure(location: failure.field, sourceRef: ref, reason: failure.reason))
            }
        }
        progress(records, total)
    }

    /// The error for a file with no declared system whose numbers cannot be degrees.
    private func projectedWithoutSystem(x: Double, y: Double, location: String) -> InputError {
        let hint = SourceCRS.cgcs2000GaussKrugerZone(easting: x).map {
            " (an easting of \(Int(x)) fits CGCS2000 3-degree Gauss–Krüger zone \($0 - 4488), EPSG:\($0))"
        } ?? " (e.g. EPSG:4527 for CGCS2000 3-degree Gauss–Krüger zone 39, EPSG:4549 for its central meridian 120°E)"
        let missing = driver == .shapefile ? "no .prj beside the .shp" : "no coordinate system declared"
        return InputError(file: path, field: location, "its coordinates [\(x), \(y)] look projected (metres), not longitude and latitude, "
            + "and the file has \(missing): pass the system with --crs EPSG:NNNN\(hint)")
    }

    /// Appends the line parts of `geometry` (curves made linear); false when it is not a line at all.
    private func collectLines(_ geometry: OGRGeometryH, into parts: inout [(x: [Double], y: [Double])], location: String) throws -> Bool {
        let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
        switch type {
        case wkbLineString, wkbLinearRing:
            let count = Int(OGR_G_GetPointCount(geometry))
            guard count <= limits.maxFeatureBytes / 16 else {
                throw FeatureFailure(field: location, reason: "a line of \(count) points is over \(InputLimits.name("maxFeatureBytes", limits.maxFeatureBytes))")
            }
            guard count >= 2 else { return true }
            var x = [Double](repeating: 0, count: count), y = [Double](repeating: 0, count: count)
            x.withUnsafeMutableBytes { xs in
                y.withUnsafeMutableBytes { ys in
                    _ = OGR_G_GetPoints(geometry, xs.baseAddress, Int32(MemoryLayout<Double>.stride), ys.baseAddress, Int32(MemoryLayout<Double>.stride), nil, 0)
                }
            }
            parts.append((x, y))
            return true
        case wkbMultiLineString, wkbGeometryCollection:
            var any = false
            for index in 0..<OGR_G_GetGeometryCount(geometry) {
                if let part = OGR_G_GetGeometryRef(geometry, index), try collectLines(part, into: &parts, location: location) { any = true }
            }
            return any && !parts.isEmpty
        case wkbCircularString, wkbCompoundCurve, wkbMultiCurve:
            guard let linear = OGR_G_GetLinearGeometry(geometry, 0, nil) else { return false }
            defer { OGR_G_DestroyGeometry(linear) }
            return try collectLines(linear, into: &parts, location: location)
        default:
            return false
        }
    }
}

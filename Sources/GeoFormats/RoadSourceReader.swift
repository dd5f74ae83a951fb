import DimingCore
import Foundation

/// The road features of a file in any supported format, chosen by the file's extension.
public struct RoadSource: Sendable {
    public enum Format: String, Sendable, Codable {
        case osm, geojson, kml, kmz, gpx
        /// OSM PBF (`.osm.pbf`, `.pbf`), through libosmium (``OSMPBFReader``).
        case pbf
        /// Through GDAL (``GDALRoadReader``): `.shp`, `.gpkg`, a `.gdb` folder.
        case shapefile, geopackage, filegdb
    }

    /// What a streamed read saw besides the features it handed out.
    public struct Summary: Sendable {
        public var format: Format
        /// Records read that are not candidate roads, by reason (OSM ways without a road class …).
        public var skipped: [String: Int] = [:]
        /// All records read (ways, features, placemarks, tracks).
        public var records = 0
        /// The coordinate systems the file was read in, when GDAL read it (one a layer).
        public var systems: [String] = []
        /// Features set aside under `skipFailures` (GDAL formats), with their reasons.
        public var failures: [Failure] = []

        public init(format: Format) {
            self.format = format
        }
    }

    /// A feature that could not be read, set aside under `skipFailures`.
    public struct Failure: Sendable {
        public var location: String
        public var sourceRef: String
        public var reason: String
    }

    public var format: Format
    public var features: [RoadFeature]
    /// Records read that are not candidate roads, by reason (OSM ways without a road class …).
    public var skipped: [String: Int]
    /// All records read (ways, features, placemarks, tracks).
    public var records: Int

    /// Reads `path` whole; `progress` gets (bytes read, total bytes, features so far) where the format streams.
    public static func read(path: String, crs: CoordinateSystem, classKeys: Set<String>, skipFailures: Bool = false,
                            limits: InputLimits = .standard,
                            progress: @escaping (Int, Int, Int) -> Void = { _, _, _ in }) throws -> RoadSource {
        var features: [RoadFeature] = []
        let summary = try forEach(path: path, crs: crs, classKeys: classKeys, skipFailures: skipFailures, limits: limits, progress: progress) {
            features.append($0)
        }
        return RoadSource(format: summary.format, features: features, skipped: summary.skipped, records: summary.records)
    }

    /// The format of `path`, from its extension.
    public static func format(of path: String) throws -> Format {
        let lower = path.lowercased()
        if lower.hasSuffix(".pbf") { return .pbf }
        if lower.hasSuffix(".osm") || lower.hasSuffix(".osm.xml") || lower.hasSuffix(".osm.gz") { return .osm }
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return .geojson }
        if lower.hasSuffix(".kml") { return .kml }
        if lower.hasSuffix(".kmz") { return .kmz }
        if lower.hasSuffix(".gpx") { return .gpx }
        switch GDALRoadReader.driver(for: path) {
        case .shapefile?: return .shapefile
        case .geopackage?: return .geopackage
        case .fileGeodatabase?: return .filegdb
        default: break
        }
        throw InputError(file: path, "unknown format: expected .osm, .osm.gz, .osm.pbf, .geojson, .json, .kml, .kmz, .gpx, .shp, .gpkg or a .gdb folder")
    }

    /// Reads `path`, handing each road feature to `each` as soon as it is read (OSM ways and GeoJSON
    /// features stream; KML and GPX are read whole first, being small).
    public static func forEach(path: String, crs: CoordinateSystem, classKeys: Set<String>, skipFailures: Bool = false,
                               limits: InputLimits = .standard,
                               progress: @escaping (Int, Int, Int) -> Void = { _, _, _ in },
                               each: @escaping (RoadFeature) throws -> Void) throws -> Summary {
        try forEach(path: path, system: .builtin(crs), classKeys: classKeys, skipFailures: skipFailures, limits: limits, progress: progress, each: each)
    }

    /// The same, for a system given as an EPSG code too (`--crs EPSG:4527`): Shapefile, GeoPackage and
    /// File Geodatabase are read through GDAL, and so is GeoJSON in an EPSG system (given, or declared in
    /// its `crs` member); `encoding` is a Shapefile's `.dbf` text encoding when it has no `.cpg`.
    public static func forEach(path: String, system: SourceCRS, classKeys: Set<String>, skipFailures: Bool = false,
                               encoding: String? = nil, limits: InputLimits = .standard,
                               progress: @escaping (Int, Int, Int) -> Void = { _, _, _ in },
                               each: @escaping (RoadFeature) throws -> Void) throws -> Summary {
        let format = try format(of: path)
        if let driver = try gdalDriver(format: format, path: path, system: system) {
            let reader = GDALRoadReader(path: path, driver: driver, crs: system, encoding: encoding, limits: limits, skipFailures: skipFailures)
            try reader.read(progress: { progress($0, max($1, 1), $0) }, each: each)
            var summary = Summary(format: format)
            summary.records = reader.records
            summary.skipped = reader.skipped
            summary.systems = reader.systems
            summary.failures = reader.failures
            return summary
        }
        guard case let .builtin(crs) = system else { throw InputError(file: path, field: "--crs", "\(system) applies to files GDAL reads") }
        let total = try {
            let handle = try InputFile.open(path)
            defer { try? handle.close() }
            return Int(InputFile.size(handle))
        }()
        var summary = Summary(format: format)
        switch format {
        case .osm:
            let reader = OSMRoadReader(path: path, crs: crs, classKeys: classKeys, limits: limits, skipFailures: skipFailures)
            try reader.read(progress: { progress($0, total, $1) }, each: each)
            summary.skipped = reader.statistics.skipped
            summary.records = reader.statistics.ways
        case .pbf:
            let reader = OSMPBFReader(path: path, crs: crs, classKeys: classKeys, skipFailures: skipFailures)
            try reader.read(progress: { progress($0, total, $1) }, each: each)
            summary.skipped = reader.statistics.skipped
            summary.records = reader.statistics.ways
        case .geojson:
            var lines = 0
            try GeoJSONReader.forEach(path: path, crs: crs, limits: limits, progress: { progress($0, total, lines) }) { feature in
                summary.records += 1
                guard let road = try GeoJSONReader.roadFeature(feature, path: path) else {
                    summary.skipped["not a line", default: 0] += 1
                    return
                }
                lines += 1
                try each(road)
            }
        case .kml, .kmz:
            let reader = KMLReader(path: path, crs: crs, limits: limits)
            try reader.read()
            progress(total, total, reader.lines.count)
            try reader.lines.forEach(each)
            summary.skipped = reader.points.isEmpty ? [:] : ["not a line": reader.points.count]
            summary.records = reader.lines.count + reader.points.count
        case .gpx:
            let reader = GPXReader(path: path, crs: crs, limits: limits)
            try reader.read()
            progress(total, total, reader.lines.count)
            try reader.lines.forEach(each)
            summary.skipped = reader.points.isEmpty ? [:] : ["waypoint": reader.points.count]
            summary.records = reader.lines.count + reader.points.count
        case .shapefile, .geopackage, .filegdb:
            break // read through GDAL above
        }
        return summary
    }

    /// The GDAL driver that reads `path`: always for Shapefile, GeoPackage and File Geodatabase; for
    /// GeoJSON when it is in an EPSG system, given or declared.
    static func gdalDriver(format: Format, path: String, system: SourceCRS) throws -> GDALRoadReader.Driver? {
        switch format {
        case .shapefile: return .shapefile
        case .geopackage: return .geopackage
        case .filegdb: return .fileGeodatabase
        case .geojson:
            if case .epsg = system { return .geojson }
            if case .epsg? = try GeoJSONReader.declaredSystem(path: path) { return .geojson }
            return nil
        default: return nil
        }
    }
}

import DimingCore
import Foundation
import GeoFormats

/// What a POI import did.
public struct POIImportReport: Codable, Sendable {
    public var file: String
    public var read: Int
    public var imported: Int
    /// New POIs that may duplicate another (left for review).
    public var possibleDuplicates: Int
    public var encoding: String?
}

/// Imports collected POIs (CSV in UTF-8 or GB18030, GeoJSON, KML, GPX waypoints) into the review
/// queue of a county. The whole file is checked first: a bad row (unknown category, bad or swapped
/// coordinates, a point outside the county, a name with control characters or too long) rejects the
/// file with its line, and nothing is stored; a file without POIs is an error too. Time is linear in
/// the rows: possible duplicates are looked up through a grid of the county's POIs.
public struct POIImport {
    public var registry: any RegistryStore
    public var categories: POICategories
    public var actor: UserAccount
    public var clock: any Clock

    public init(registry: any RegistryStore, categories: POICategories, actor: UserAccount, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.categories = categories
        self.actor = actor
        self.clock = clock
    }

    struct Row {
        var location: String
        var line: Int?
        var ref: String
        var name: String
        var category: String
        var lon: Double
        var lat: Double
        var contact: String?
    }

    public func run(path: String, county: DivisionCode, crs: CoordinateSystem = .wgs84, defaultCategory: String? = nil) throws -> POIImportReport {
        let rows = try read(path: path, defaultCategory: defaultCategory)
        guard !rows.isEmpty else { throw InputError(file: path, "no POIs in the file; nothing was changed") }
        let county = county.ancestor(at: .county)
        try Policy.require(actor, .importData, in: .county(county))
        let now = clock.now()
        return try registry.write { db in
            guard try db.divisions.exists(code: county) else { throw InputError(field: "--county", "county \(county.countyPart) is not in the registry") }
            let area = try CountyArea(db, county: county)
            var errors: [InputError] = []
            var accepted: [(Row, POICategory, Coordinate)] = []
            for row in rows {
                func fail(_ field: String, _ message: String) { errors.append(InputError(file: path, line: row.line, field: field, "\(row.location): \(message)")) }
                guard !row.name.isEmpty else { fail("name", "a POI needs a name"); continue }
                if let (field, problem) = [("name", row.name), ("category", row.category), ("id", row.ref), ("contact", row.contact ?? "")]
                    .lazy.compactMap({ field, value in FieldText.problem(value).map { (field, $0) } }).first {
                    fail(field, "the \(field) \(problem)")
                    continue
                }
                guard let category = categories.find(row.category) else {
                    fail("category", "unknown category '\(row.category)' (see GeoData/pois/categories.tsv)")
                    continue
                }
                let raw = Coordinate(lon: row.lon, lat: row.lat)
                guard raw.isValid else {
                    if Coordinate(lon: row.lat, lat: row.lon).isValid, area.contains(crs.toWGS84(Coordinate(lon: row.lat, lat: row.lon))) {
                        fail("lat", "latitude and longitude are swapped (\(row.lon), \(row.lat))")
                    } else {
                        fail("lon", "not a valid longitude/latitude: \(row.lon), \(row.lat)")
                    }
                    continue
                }
                let point = crs.toWGS84(raw)
                guard area.contains(point) else {
                    let swapped = crs.toWGS84(Coordinate(lon: row.lat, lat: row.lon))
                    if Coordinate(lon: row.lat, lat: row.lon).isValid && area.contains(swapped) {
                        fail("lat", "latitude and longitude are swapped (\(row.lon), \(row.lat))")
                    } else {
                        fail("lon", String(format: "the point %.6f, %.6f is outside county %@", point.lon, point.lat, county.countyPart))
                    }
                    continue
                }
                accepted.append((row, category, point))
            }
            guard errors.isEmpty else { throw InputErrors(Array(errors.prefix(50)), total: errors.count) }
            // Known POIs in a grid of about 200 m cells: each row compares with its neighbours only.
            var known = GridIndex<PointOfInterest>(cellSize: 0.002)
            for item in try db.pois.list(county: county, status: nil) where item.poi.status == .pending || item.poi.status == .accepted {
                known.insert(item.poi, box: BoundingBox(minLon: item.poi.location.lon, minLat: item.poi.location.lat,
                                                        maxLon: item.poi.location.lon, maxLat: item.poi.location.lat))
            }
            let ids = try db.ids.mint(kind: .poi, county: county.countyPart, count: accepted.count)
            var duplicates = 0
            for ((row, category, point), id) in zip(accepted, ids) {
                let similar = known.query(around: point, metres: 150)
                    .filter { Geodesy.distance($0.location, point) <= 150 && Self.similar($0.name, row.name) }.map(\.id)
                if !similar.isEmpty { duplicates += 1 }
                let item = CollectedPOI(poi: PointOfInterest(id: id, name: row.name, category: category.key, location: point, contact: row.contact),
                                        countyCode: county, source: URL(fileURLWithPath: path).lastPathComponent, sourceRef: row.ref,
                                        possibleDuplicates: similar)
                try db.pois.save(item, at: now)
                known.insert(item.poi, box: BoundingBox(minLon: point.lon, minLat: point.lat, maxLon: point.lon, maxLat: point.lat))
            }
            let report = POIImportReport(file: path, read: rows.count, imported: accepted.count, possibleDuplicates: duplicates, encoding: nil)
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .poisImported, entityKind: "file", entityID: path, after: JSON.string(report)))
            return report
        }
    }

    /// Names alike: one holds the other, or they share most character pairs (Dice ≥ 0.5).
    static func similar(_ a: String, _ b: String) -> Bool {
        if a == b || a.contains(b) || b.contains(a) { return true }
        func pairs(_ s: String) -> Set<String> {
            let c = Array(s)
            return c.count < 2 ? [s] : Set((0..<c.count - 1).map { String(c[$0...$0 + 1]) })
        }
        let x = pairs(a), y = pairs(b)
        return Double(2 * x.intersection(y).count) / Double(max(x.count + y.count, 1)) >= 0.5
    }

    func read(path: String, defaultCategory: String?) throws -> [Row] {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") {
            let table = try CSVTable(path: path)
            guard let name = table.column(["名称", "name", "Name"]), let lon = table.column(["经度", "lng", "lon", "longitude", "x"]),
                  let lat = table.column(["纬度", "lat", "latitude", "y"]) else {
                throw InputError(file: path, line: 1, "the header needs name (名称), longitude (经度) and latitude (纬度) columns")
            }
            let category = table.column(["类别", "分类", "category", "类型"]), contact = table.column(["联系电话", "电话", "contact"])
            let id = table.column(["编号", "id"])
            var rows: [Row] = []
            while let row = try table.next() {
                if row.isBlank { continue }
                guard let x = row[lon].flatMap(Double.init), let y = row[lat].flatMap(Double.init) else {
                    throw InputErrors([InputError(file: path, line: row.line, field: lon, "longitude and latitude must be numbers")])
                }
                rows.append(Row(location: "row \(row.line)", line: row.line, ref: id.flatMap { row[$0] } ?? String(row.line),
                                name: row[name] ?? "", category: category.flatMap { row[$0] } ?? defaultCategory ?? "", lon: x, lat: y,
                                contact: contact.flatMap { row[$0] }))
            }
            return rows
        }
        var points: [PointFeature] = []
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") {
            try GeoJSONReader.forEach(path: path) { feature in
                guard case let .point(point)? = feature.geometry else { return }
                points.append(PointFeature(location: "features[\(feature.index)]" + (feature.line.map { " (line \($0))" } ?? ""),
                                           sourceRef: feature.id ?? String(feature.index), properties: feature.properties, point: point))
            }
        } else if lower.hasSuffix(".kml") || lower.hasSuffix(".kmz") {
            let reader = KMLReader(path: path)
            try reader.read()
            points = reader.points
        } else if lower.hasSuffix(".gpx") {
            let reader = GPXReader(path: path)
            try reader.read()
            points = reader.points
        } else {
            throw InputError(file: path, "unknown format: expected .csv, .geojson, .kml, .kmz or .gpx")
        }
        return points.map { p in
            Row(location: p.location, line: nil, ref: p.sourceRef, name: p.properties["name"] ?? "",
                category: p.properties["category"] ?? p.properties["类别"] ?? p.properties["type"] ?? defaultCategory ?? "",
                lon: p.point.lon, lat: p.point.lat, contact: p.properties["contact"] ?? p.properties["联系电话"])
        }
    }
}

/// The area of a county for containment checks: its boundary, or else the box around its villages.
struct CountyArea {
    let boundary: MultiPolygon?
    let box: BoundingBox?

    init(_ db: any RegistryTransaction, county: DivisionCode) throws {
        boundary = try db.boundaries.find(code: county)?.area
        box = BoundingBox(covering: try db.divisions.list(within: county, level: .village).compactMap(\.point))?.expanded(by: 0.03)
    }

    func contains(_ point: Coordinate) -> Bool {
        if let boundary { return boundary.contains(point) }
        return box?.contains(point) ?? true
    }
}

import DimingCore
import Foundation
import GeoFormats

/// What a road import did (`--json` prints this).
public struct RoadImportReport: Codable, Sendable {
    public struct ClassCount: Codable, Sendable {
        public var segments = 0
        public var unnamed = 0
    }

    public var file: String
    public var source: String
    public var format: String?
    /// Records read from the file (ways, features, placemarks, tracks).
    public var features = 0
    public var segments = 0
    public var namedSegments = 0
    public var unnamedSegments = 0
    public var byClass: [String: ClassCount] = [:]
    /// Records that are not roads, by reason.
    public var skipped: [String: Int] = [:]
    /// Segments of an earlier import of the same source that were replaced.
    public var replaced = 0
    /// Segments of an earlier import that the file no longer mentions: kept, unless `--replace`.
    public var kept = 0
    /// Segments of an earlier import that the file no longer mentions, removed by `--replace`.
    public var removed = 0
    /// Nothing was stored: `--dry-run` shows what the import would do (issue 16; RoadFileImport fills the rest).
    public var dryRun = false
    /// The coordinate systems the file was read in (formats read through GDAL).
    public var systems: [String] = []
    /// Roads lying wholly outside the county's boundary (stored only with `--allow-outside`).
    public var outside = 0
    /// Features refused under `--skip-failures`, and the file their reasons went to.
    public var rejected = 0
    public var rejectsFile: String?
    /// Segments whose width or surface the profile found.
    public var withWidth = 0
    public var withSurface = 0
    /// Segments matched to roads of other sources already in the registry, and how they merged.
    public var conflation: ConflationSummary?
}

/// Imports road features as segments in one transaction, written in batches as they are read.
/// Re-importing a source updates the segments
/// the file mentions (keeping their ids) and keeps the ones it does not, unless asked to replace the
/// source; a file with no roads, or with one id twice, changes nothing.
public struct RoadImport {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var classification: RoadClassification
    public var clock: any Clock

    public init(registry: any RegistryStore, actor: UserAccount, classification: RoadClassification = RoadClassification(), clock: any Clock = SystemClock()) {
        self.registry = registry
        self.actor = actor
        self.classification = classification
        self.clock = clock
    }

    /// Imports `features` read from `file` under the label `source`. Segments are minted in `county`,
    /// or else in the county whose boundary holds each segment's first point.
    public func run(features: [RoadFeature], file: String, source: String, county: DivisionCode?, replace: Bool = false) throws -> RoadImportReport {
        try run(file: file, source: source, county: county, replace: replace) { each in try features.forEach(each) }
    }

    /// Imports the features `read` hands to its callback, writing segments in batches of `batchSize`
    /// as they arrive (one transaction all the same: a failure anywhere leaves nothing), so an import
    /// holds one batch in memory, not the file.
    public func run(file: String, source: String, county: DivisionCode?, replace: Bool = false, batchSize: Int = 5_000,
                    read: (_ each: (RoadFeature) throws -> Void) throws -> Void) throws -> RoadImportReport {
        try Policy.require(actor, .importData, in: county.map { .county($0) } ?? .registry)
        var report = RoadImportReport(file: file, source: source)
        let now = clock.now()
        return try registry.write { db in
            if let county, try !db.divisions.exists(code: county.ancestor(at: .county)) {
                throw InputError(field: "--county", "county \(county.countyPart) is not in the registry (import divisions first)")
            }
            let previous = try db.segments.ids(source: source)
            var countyBoundaries = GridIndex<DivisionBoundary>(cellSize: 0.1)
            if county == nil {
                for boundary in try db.boundaries.all(level: .county) {
                    if let box = boundary.area.boundingBox { countyBoundaries.insert(boundary, box: box) }
                }
            }
            var segments: [RoadSegment] = []
            var needsID: [(index: Int, county: String)] = []
            var seen = Set<String>()
            // Writes the batch: new ids minted in one go per county, earlier versions replaced.
            func flush() throws {
                for (countyCode, entries) in Dictionary(grouping: needsID, by: \.county) {
                    let ids = try db.ids.mint(kind: .segment, county: countyCode, count: entries.count)
                    for (entry, id) in zip(entries, ids) { segments[entry.index].id = id }
                }
                report.replaced += try db.segments.delete(ids: segments.compactMap { previous[$0.sourceRef] })
                try db.segments.insert(segments)
                segments.removeAll(keepingCapacity: true)
                needsID.removeAll(keepingCapacity: true)
            }
            try read { feature in
                report.features += 1
                let verdict = classification.classify(feature.tags)
                guard case let .road(roadClass, name, ref, noname) = verdict else {
                    if case let .skipped(reason) = verdict { report.skipped[reason, default: 0] += 1 }
                    return
                }
                for (field, value) in [("name", name), ("ref", ref), ("class", roadClass), ("id", feature.sourceRef)] {
                    if let value, let problem = FieldText.problem(value) {
                        throw InputError(file: file, field: "\(feature.location) \(field)", "the \(field) \(problem)")
                    }
                }
                for (part, line) in feature.lines.enumerated() {
                    guard line.isValid else {
                        report.skipped["invalid geometry", default: 0] += 1
                        continue
                    }
                    let sourceRef = feature.lines.count == 1 ? feature.sourceRef : "\(feature.sourceRef)#\(part + 1)"
                    guard seen.insert(sourceRef).inserted else {
                        throw InputError(file: file, field: sourceRef, "the id \(sourceRef) appears more than once in the file (again at \(feature.location)); ids must be unique")
                    }
                    let id = previous[sourceRef] ?? Self.placeholder
                    if previous[sourceRef] == nil {
                        let countyCode = try county?.countyPart ?? Self.locateCounty(line, in: countyBoundaries, feature: feature, file: file)
                        needsID.append((segments.count, countyCode))
                    }
                    segments.append(RoadSegment(id: id, source: source, sourceRef: sourceRef, roadClass: roadClass, name: name,
                                                ref: ref, confirmedUnnamed: noname, geometry: line,
                                                osm: feature.lines.count == 1 ? feature.osm : nil))
                    report.segments += 1
                    report.byClass[roadClass, default: .init()].segments += 1
                    if name == nil {
                        report.unnamedSegments += 1
                        report.byClass[roadClass, default: .init()].unnamed += 1
                    } else {
                        report.namedSegments += 1
                    }
                }
                if segments.count >= batchSize { try flush() }
            }
            try flush()
            guard report.segments > 0 else {
                throw InputError(file: file, "no road segments in the file (\(report.features) records read"
                    + report.skipped.sorted { $0.value > $1.value }.prefix(5).map { "; \($0.value) skipped: \($0.key)" }.joined() + "); nothing was changed")
            }
            let dropped = previous.filter { !seen.contains($0.key) }.map(\.value)
            if replace && !dropped.isEmpty {
                // Retiring roads whose cases are open would strand the procedure: refuse, and say which.
                let open = try db.segments.roads(holding: dropped).flatMap { try db.cases.list(road: $0) }.filter { !$0.state.isFinal }
                guard open.isEmpty else {
                    throw InputError(file: file, "--replace would remove roads with open cases: "
                        + open.prefix(10).map { "\($0.roadID?.description ?? "") (\($0.id) \($0.state.chinese))" }.joined(separator: ", ")
                        + "; close or withdraw those cases first")
                }
                report.removed = try db.segments.delete(ids: dropped)
            } else {
                report.kept = dropped.count
            }
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .roadsImported, entityKind: "source",
                                               entityID: source, after: JSON.string(report), document: file))
            Log.imports.info("roads imported", metadata: ["source": "\(source)", "segments": "\(report.segments)"])
            return report
        }
    }

    /// Stands in for an id until the new ids are minted together.
    static let placeholder = FeatureID(county: "000000", kind: .segment, serial: 1)

    static func locateCounty(_ line: LineString, in counties: GridIndex<DivisionBoundary>, feature: RoadFeature, file: String) throws -> String {
        for point in [line.points[0], line.points[line.points.count / 2]] {
            let box = BoundingBox(minLon: point.lon, minLat: point.lat, maxLon: point.lon, maxLat: point.lat)
            if let county = counties.query(box).first(where: { $0.area.contains(point) }) { return county.code.countyPart }
        }
        throw InputError(file: file, field: feature.location, "no county boundary holds this road; pass --county")
    }
}

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

/// Imports road features as segments of one source, all or nothing. The file is read, classified
/// and checked outside any write transaction, its segments staged by the store in their row form
/// (``SegmentStaging``); then one short write transaction moves them in (ids minted, earlier versions
/// replaced), so a long import never holds the registry's write lock while it reads (issue 18).
/// Re-importing a source updates the segments the file mentions (keeping their ids) and keeps the
/// ones it does not, unless asked to replace the source; a file with no roads, or with one id twice,
/// changes nothing.
public struct RoadImport {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var classification: RoadClassification
    public var clock: any Clock
    /// Where the staging file goes (default: the system's temporary folder, `$TMPDIR`).
    public var stagingDirectory: String?

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

    /// Imports the features `read` hands to its callback: staged as they arrive (memory holds one
    /// batch, not the file), then stored in one transaction, in batches of `batchSize`.
    public func run(file: String, source: String, county: DivisionCode?, replace: Bool = false, batchSize: Int = 5_000,
                    read: (_ each: (RoadFeature) throws -> Void) throws -> Void) throws -> RoadImportReport {
        let staged = try stage(file: file, source: source, county: county) { each in
            try withoutActuallyEscaping(each) { each in try read { try each($0, nil) } }
        }
        defer { staged.staging.discard() }
        return try registry.write { db in try commit(staged, into: db, replace: replace, batchSize: batchSize) }
    }

    /// An import read and checked, waiting to be stored by ``commit(_:into:replace:batchSize:)``.
    final class Staged {
        var report: RoadImportReport
        let staging: any SegmentStaging
        /// The source references the file holds.
        var seen: Set<String> = []
        /// The source's segment ids when the file was read.
        let previous: [String: FeatureID]
        let county: DivisionCode?

        init(report: RoadImportReport, staging: any SegmentStaging, previous: [String: FeatureID], county: DivisionCode?) {
            self.report = report
            self.staging = staging
            self.previous = previous
            self.county = county
        }
    }

    /// What a caller already knows of a feature under this import's ``classification`` (its verdict, and
    /// for a road its width and surface), so that ``stage(file:source:county:read:)`` does not work it out again.
    struct Classified {
        var verdict: RoadClassification.Verdict
        var attributes: (width: Double?, surface: String?)?
    }

    /// Reads, classifies and checks every feature `read` hands over and stages the segments, holding
    /// no write transaction (the registry is read once, at the start). A feature may come with its
    /// ``Classified`` (worked out with this import's classification), else it is classified here.
    /// Throws the file's first problem, or that it holds no road segments.
    func stage(file: String, source: String, county: DivisionCode?,
               read: (_ each: (RoadFeature, Classified?) throws -> Void) throws -> Void) throws -> Staged {
        try Policy.require(actor, .importData, in: county.map { .county($0) } ?? .registry)
        let (countyKnown, previous, boundaries) = try registry.read { db in
            (try county.map { try db.divisions.exists(code: $0.ancestor(at: .county)) } ?? true,
             try db.segments.ids(source: source),
             county == nil ? try db.boundaries.all(level: .county) : [])
        }
        if let county, !countyKnown {
            throw InputError(field: "--county", "county \(county.countyPart) is not in the registry (import divisions first)",
                             zh: "县 \(county.countyPart) 不在登记簿中，请先导入行政区划")
        }
        var countyBoundaries = GridIndex<DivisionBoundary>(cellSize: 0.1)
        for boundary in boundaries {
            if let box = boundary.area.boundingBox { countyBoundaries.insert(boundary, box: box) }
        }
        let staged = Staged(report: RoadImportReport(file: file, source: source), staging: try registry.stageSegments(in: stagingDirectory), previous: previous, county: county)
        do {
            try read { feature, known in
                staged.report.features += 1
                let verdict = known?.verdict ?? classification.classify(feature.tags)
                guard case let .road(roadClass, name, ref, noname) = verdict else {
                    if case let .skipped(reason) = verdict { staged.report.skipped[reason, default: 0] += 1 }
                    return
                }
                let attributes = known?.attributes ?? classification.attributes(feature.tags)
                for (field, value) in [("name", name), ("ref", ref), ("class", roadClass), ("id", feature.sourceRef), ("surface", attributes.surface)] {
                    if let value, let problem = FieldText.problem(value) {
                        throw InputError(file: file, field: "\(feature.location) \(field)", "the \(field) \(problem)")
                    }
                }
                for (part, line) in feature.lines.enumerated() {
                    guard line.isValid else {
                        staged.report.skipped["invalid geometry", default: 0] += 1
                        continue
                    }
                    let sourceRef = feature.lines.count == 1 ? feature.sourceRef : "\(feature.sourceRef)#\(part + 1)"
                    guard staged.seen.insert(sourceRef).inserted else {
                        throw InputError(file: file, field: sourceRef, "the id \(sourceRef) appears more than once in the file (again at \(feature.location)); ids must be unique",
                                         zh: "编号 \(sourceRef) 在文件中出现不止一次（又见于 \(feature.location)），编号须唯一")
                    }
                    let known = previous[sourceRef]
                    let mintIn: String? = try known != nil ? nil : (county?.countyPart ?? Self.locateCounty(line, in: countyBoundaries, feature: feature, file: file))
                    try staged.staging.append(RoadSegment(id: known ?? Self.placeholder, source: source, sourceRef: sourceRef, roadClass: roadClass, name: name,
                                                        ref: ref, confirmedUnnamed: noname, geometry: line,
                                                        osm: feature.lines.count == 1 ? feature.osm : nil,
                                                        width: attributes.width, surface: attributes.surface), mintIn: mintIn)
                    staged.report.segments += 1
                    staged.report.byClass[roadClass, default: .init()].segments += 1
                    if name == nil {
                        staged.report.unnamedSegments += 1
                        staged.report.byClass[roadClass, default: .init()].unnamed += 1
                    } else {
                        staged.report.namedSegments += 1
                    }
                }
            }
            guard staged.report.segments > 0 else {
                let skipped = staged.report.skipped.sorted { $0.value > $1.value }.prefix(5)
                throw InputError(file: file, "no road segments in the file (\(staged.report.features) records read"
                    + skipped.map { "; \($0.value) skipped: \($0.key)" }.joined() + "); nothing was changed",
                    zh: "文件中没有道路路段（读取 \(staged.report.features) 条记录" + skipped.map { "；\($0.value) 条跳过：\($0.key)" }.joined()
                    + "），登记簿未作任何改动")
            }
            try staged.staging.finish()
        } catch {
            staged.staging.discard()
            throw error
        }
        return staged
    }

    /// Stores a staged import in the transaction `db`: new ids minted per county, earlier versions
    /// replaced, the segments the file no longer mentions kept or (with `replace`) removed, audited.
    /// Refuses (busy, nothing stored) when another import changed the same source since it was read.
    func commit(_ staged: Staged, into db: any RegistryTransaction, replace: Bool, batchSize: Int = 5_000) throws -> RoadImportReport {
        var report = staged.report
        let source = report.source, file = report.file
        if let county = staged.county, try !db.divisions.exists(code: county.ancestor(at: .county)) {
            throw InputError(field: "--county", "county \(county.countyPart) is not in the registry (import divisions first)",
                             zh: "县 \(county.countyPart) 不在登记簿中，请先导入行政区划")
        }
        let previous = try db.segments.ids(source: source)
        guard previous == staged.previous else {
            throw RegistryError.busy(reason: "another import changed the source \(source) while this one read \(file); run it again")
        }
        try db.segments.insert(staged.staging, batchSize: batchSize) { batch in
            var ids = batch.map(\.id)
            for (countyCode, entries) in Dictionary(grouping: batch.indices.filter { batch[$0].mintIn != nil }, by: { batch[$0].mintIn! }) {
                let minted = try db.ids.mint(kind: .segment, county: countyCode, count: entries.count)
                for (index, id) in zip(entries, minted) { ids[index] = id }
            }
            report.replaced += try db.segments.delete(ids: batch.compactMap { previous[$0.sourceRef] })
            return try ids.map { id in
                guard let id else { throw InputError(file: file, "a staged segment has neither an id nor a county to mint one in") }
                return id
            }
        }
        let dropped = previous.filter { !staged.seen.contains($0.key) }.map(\.value)
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
        try db.audit.append(AuditEvent(at: clock.now(), actor: actor.username, action: .roadsImported, entityKind: "source",
                                       entityID: source, after: JSON.string(report), document: file))
        Log.imports.info("roads imported", metadata: ["source": "\(source)", "segments": "\(report.segments)"])
        return report
    }

    /// Stands in for an id until the new ids are minted together.
    static let placeholder = FeatureID(county: "000000", kind: .segment, serial: 1)

    static func locateCounty(_ line: LineString, in counties: GridIndex<DivisionBoundary>, feature: RoadFeature, file: String) throws -> String {
        for point in [line.points[0], line.points[line.points.count / 2]] {
            let box = BoundingBox(minLon: point.lon, minLat: point.lat, maxLon: point.lon, maxLat: point.lat)
            if let county = counties.query(box).first(where: { $0.area.contains(point) }) { return county.code.countyPart }
        }
        throw InputError(file: file, field: feature.location, "no county boundary holds this road; pass --county",
                         zh: "这条道路不在任何县的界线内，请选择所属县")
    }
}

import DimingCore
import Foundation
import GeoFormats

/// How `roads import FILE` reads and stores a file.
public struct RoadFileImportOptions: Sendable {
    /// The file's coordinate system: Diming's own (wgs84, gcj02, bd09) or an EPSG code, which overrides a declared one.
    public var crs: SourceCRS = .builtin(.wgs84)
    /// A Shapefile's `.dbf` text encoding when it has no `.cpg` (default: UTF-8, else GB18030).
    public var encoding: String?
    /// Mint ids in this county (default: the county whose boundary holds each road).
    public var county: DivisionCode?
    /// The source label (default `file:NAME`).
    public var source: String?
    public var replace = false
    /// Import the good features and write the rejected ones with their reasons to `rejectsPath`
    /// (default `NAME.rejects.csv` in the working folder); OSM ways with missing nodes are clipped.
    public var skipFailures = false
    public var rejectsPath: String?
    /// Store roads that lie wholly outside the county's boundary (otherwise refused, and listed).
    public var allowOutside = false
    /// Report what would be imported, and change nothing.
    public var dryRun = false
    /// Match roads already in the registry from other sources, merging instead of adding.
    public var conflate = true

    public init() {}
}

/// `roads import FILE`: reads any supported road file and imports it as one source, refusing roads
/// outside the county, setting aside bad features under `--skip-failures`, and merging roads that
/// other sources already gave the registry (conflation) instead of adding them twice.
public struct RoadFileImport {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var classification: RoadClassification
    public var progress: ProgressReporter
    public var clock: any Clock

    public init(registry: any RegistryStore, actor: UserAccount, classification: RoadClassification = RoadClassification(),
                progress: ProgressReporter = .silent, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.actor = actor
        self.classification = classification
        self.progress = progress
        self.clock = clock
    }

    /// Imports `path` (CRS `crs`) under `source` (default `file:NAME`), minting ids in `county` or
    /// in the county whose boundary holds each road.
    /// With `skipFailures`, OSM ways that refer to nodes the file lacks are clipped to the part that is
    /// there and counted, instead of failing the import. The file is read as a stream inside the import,
    /// whose segments are written in batches: memory holds one batch, not the file's roads.
    public func run(path: String, crs: CoordinateSystem, county: DivisionCode?, source: String?, replace: Bool = false,
                    skipFailures: Bool = false) throws -> RoadImportReport {
        var options = RoadFileImportOptions()
        options.crs = .builtin(crs)
        options.county = county
        options.source = source
        options.replace = replace
        options.skipFailures = skipFailures
        return try run(path: path, options: options)
    }

    /// A feature set aside under `--skip-failures`.
    struct Reject {
        var location: String
        var sourceRef: String
        var reason: String
    }

    public func run(path: String, options: RoadFileImportOptions) throws -> RoadImportReport {
        let format = try RoadSource.format(of: path)
        var adjusted = self.classification
        if format == .kml || format == .kmz || format == .gpx, adjusted.defaultClass == nil {
            adjusted.defaultClass = "road" // survey tracks and placemarks carry no road class
        }
        // A constant: the per-feature closure below then uses it in place, where a captured `var`
        // was copied out of its box (a retain and release of each of its tables) for every feature.
        let classification = adjusted
        let label = options.source ?? "file:" + URL(fileURLWithPath: path).lastPathComponent
        let store: any RegistryStore = options.dryRun ? DryRunRegistry(base: registry) : registry
        let now = clock.now()
        var rejects: [Reject] = []
        // What the file is checked against, read once: no write lock is held while the file is read.
        let countyCode = options.county?.ancestor(at: .county)
        let (boundary, existing, priority) = try store.read { db in
            (try countyCode.flatMap { try db.boundaries.find(code: $0) },
             options.conflate ? try countyCode.map { try db.segments.fetch(county: $0) } ?? db.segments.fetch() : [],
             try countyCode.map { try SourcePriority.load(db, county: $0) } ?? SourcePriority())
        }
        var conflator: Conflator?
        if options.conflate {
            let candidate = Conflator(source: label, priority: priority, existing: existing)
            if !candidate.isEmpty { conflator = candidate }
        }
        // Segments of other sources that the file's roads merge into, as they were read (to check at the commit).
        var originals: [FeatureID: RoadSegment] = [:]
        var merged: [FeatureID: RoadSegment] = [:]
        var outside: [String] = []
        var forwarded = 0, handed = 0, withWidth = 0, withSurface = 0
        var summary = RoadSource.Summary(format: format)
        let importer = RoadImport(registry: store, actor: actor, classification: classification, clock: clock)
        func refuse(_ feature: RoadFeature, _ reason: String) throws {
            guard options.skipFailures else { throw InputError(file: path, field: feature.location, reason) }
            rejects.append(Reject(location: feature.location, sourceRef: feature.sourceRef, reason: reason))
        }
        var staged: RoadImport.Staged?
        do {
            staged = try importer.stage(file: path, source: label, county: options.county) { each in
                summary = try withoutActuallyEscaping(each) { each in
                    try RoadSource.forEach(path: path, system: options.crs, classKeys: Set(classification.classKeys),
                                           skipFailures: options.skipFailures, encoding: options.encoding,
                                           progress: { progress.bytes($0, of: $1, records: $2) }) { feature in
                        handed += 1
                        // Classified once: the import stages the feature with this verdict and these attributes.
                        let verdict = classification.classify(feature.tags)
                        guard case let .road(roadClass, name, ref, _) = verdict else {
                            return try each(feature, .init(verdict: verdict)) // counted as skipped by the import
                        }
                        for (field, value) in [("name", name), ("ref", ref), ("class", roadClass), ("id", feature.sourceRef)] {
                            if let value, let problem = FieldText.problem(value) { return try refuse(feature, "the \(field) \(problem)") }
                        }
                        if let bad = feature.lines.first(where: { !$0.isValid }) {
                            return try refuse(feature, "invalid geometry (\(bad.points.count) points, or a position out of range)")
                        }
                        if let boundary, !feature.lines.contains(where: { $0.points.contains(where: boundary.area.contains) }) {
                            if !options.allowOutside {
                                if options.skipFailures { return try refuse(feature, "outside the boundary of \(boundary.name)") }
                                outside.append(feature.location)
                                return
                            }
                            outside.append(feature.location)
                        }
                        if conflator != nil, feature.lines.count == 1, let hit = conflator!.match(feature.lines[0]) {
                            let before = conflator!.segments[hit]
                            if let changed = conflator!.merge(into: hit, sourceRef: feature.sourceRef, roadClass: roadClass, name: name, ref: ref) {
                                if originals[changed.id] == nil { originals[changed.id] = before }
                                merged[changed.id] = changed
                            }
                            return
                        } else if conflator != nil {
                            conflator!.summary.new += 1
                        }
                        let attributes = classification.attributes(feature.tags)
                        if attributes.width != nil { withWidth += feature.lines.count }
                        if attributes.surface != nil { withSurface += feature.lines.count }
                        forwarded += 1
                        try each(feature, .init(verdict: verdict, attributes: attributes))
                    }
                }
                progress.done()
            }
        } catch let error as InputError {
            guard outside.isEmpty || options.allowOutside else { throw outsideError(outside, boundary, path) }
            // Every road of the file is already in the registry: the import stores no new segment but merges.
            guard forwarded == 0 && (conflator?.summary.matched ?? 0) > 0 else { throw error }
        }
        defer { staged?.staging.discard() }
        if !outside.isEmpty && !options.allowOutside { throw outsideError(outside, boundary, path) }
        rejects += summary.failures.map { Reject(location: $0.location, sourceRef: $0.sourceRef, reason: $0.reason) }
        if (staged?.report.segments ?? 0) == 0 && (conflator?.summary.matched ?? 0) == 0 {
            throw InputError(file: path, "no road segments were stored (\(handed) records read"
                + (rejects.isEmpty ? "" : ", \(rejects.count) rejected") + (outside.isEmpty ? "" : ", \(outside.count) outside the county")
                + "); nothing was changed",
                zh: "没有可保存的路段（读取 \(handed) 条记录" + (rejects.isEmpty ? "" : "，\(rejects.count) 条被拒")
                + (outside.isEmpty ? "" : "，\(outside.count) 条在本县以外") + "），登记簿未作任何改动")
        }
        // One short transaction moves the staged segments and the merges in.
        var report = try store.write { db -> RoadImportReport in
            var result: RoadImportReport
            if let staged {
                result = try importer.commit(staged, into: db, replace: options.replace)
            } else {
                result = RoadImportReport(file: path, source: label)
                result.features = handed
            }
            result.outside = outside.count
            result.withWidth = withWidth
            result.withSurface = withSurface
            result.systems = summary.systems
            if let conflator, conflator.summary.matched + conflator.summary.new > 0 {
                if !merged.isEmpty {
                    let current = try db.segments.fetch(ids: Array(originals.keys))
                    guard Set(current) == Set(originals.values) else {
                        throw RegistryError.busy(reason: "roads this file merges into changed while it was read; run the import again")
                    }
                    _ = try db.segments.delete(ids: Array(merged.keys))
                    try db.segments.insert(Array(merged.values))
                }
                result.conflation = conflator.summary
                if let countyCode { try ConflationLedger.record(conflator.summary, county: countyCode, db: db) }
                try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .roadsConflated, entityKind: "source", entityID: label,
                                               after: JSON.string(conflator.summary), document: path))
            }
            return result
        }
        report.format = format.rawValue
        report.dryRun = options.dryRun
        report.rejected = rejects.count
        if !rejects.isEmpty && !options.dryRun {
            let target = options.rejectsPath ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".rejects.csv"
            try Self.writeRejects(rejects, to: target)
            report.rejectsFile = target
        }
        return report
    }

    /// The refusal of roads outside the county, naming the first few.
    func outsideError(_ outside: [String], _ boundary: DivisionBoundary?, _ path: String) -> InputError {
        InputError(file: path, "\(outside.count) road\(outside.count == 1 ? " lies" : "s lie") wholly outside the boundary of "
            + "\(boundary?.name ?? "the county") (\(outside.prefix(5).joined(separator: ", "))\(outside.count > 5 ? " …" : "")): "
            + "check the coordinate system (--crs) and the county, or pass --allow-outside to import them anyway; nothing was changed",
            zh: "\(outside.count) 条道路整条在\(boundary?.name ?? "本县")界外（\(outside.prefix(5).joined(separator: "、"))\(outside.count > 5 ? "……" : "")）："
            + "请核对坐标系和所属县，或勾选“允许县界外道路”后再导入；登记簿未作任何改动")
    }

    /// The rejected features as CSV (UTF-8 with BOM, as Excel opens it): location, source id, reason.
    static func writeRejects(_ rejects: [Reject], to path: String) throws {
        func cell(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var text = "\u{FEFF}location,source_ref,reason\r\n"
        for reject in rejects { text += [reject.location, reject.sourceRef, reject.reason].map(cell).joined(separator: ",") + "\r\n" }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError(file: path, "cannot write the rejected features: \(error.localizedDescription)")
        }
    }
}

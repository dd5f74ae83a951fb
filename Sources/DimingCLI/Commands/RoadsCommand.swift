import ArgumentParser
import DimingCore
import DimingKit

struct RoadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roads",
        abstract: "Road networks: import OSM XML, GeoJSON, KML/KMZ, GPX, Shapefile, GeoPackage or File Geodatabase; list and show roads.",
        subcommands: [RoadsImport.self, RoadsList.self, RoadsShow.self, RoadsProfile.self, RoadsPriority.self])
}

struct RoadsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import road segments from an OSM XML, GeoJSON, KML/KMZ, GPX, Shapefile (.shp), GeoPackage (.gpkg) or File Geodatabase (.gdb) file.",
        discussion: """
            The format follows the extension. Re-importing the same source updates the segments the file mentions (keeping their ids) and keeps the others; --replace removes the others too (refused while they belong to roads with open cases). A file with no roads or a repeated id changes nothing.
            Road classes default to OSM highway values (motorway … track, road, and their _links); --profile rural-roads reads a 农村公路 layer (技术等级, 路线编码, 名称, 路面宽度, 路面类型).
            Coordinates: a Shapefile's .prj, a GeoPackage's or a GeoJSON crs member is honoured; --crs EPSG:4527 gives (or overrides) it. A file with no system must be longitude/latitude.
            Roads of other sources already in the registry are matched by geometry and merged under the county's source priority (diming roads priority) instead of added twice.
            An import that stores nothing exits 1; roads wholly outside the county are refused unless --allow-outside; one bad feature rejects the file unless --skip-failures, which writes the rejects to a CSV.
            """)

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The file.") var file: String
    @Option(help: "Mint ids in this county (default: the county whose boundary holds each road).") var county: DivisionCode?
    @Option(help: "The file's coordinate system: wgs84 (= cgcs2000 geographic), gcj02, bd09 (Chinese map apps), or EPSG:NNNN (e.g. EPSG:4527, CGCS2000 3-degree zone 39; Xi'an 80, Beijing 54 too).")
    var crs: SourceCRS = .builtin(.wgs84)
    @Option(help: "An import profile: osm, rural-roads, the county's own, or a JSON file (field and value mapping).") var profile: String?
    @Option(help: "A Shapefile's .dbf encoding when it has no .cpg (e.g. GBK; default: UTF-8, else GB18030).") var encoding: String?
    @Flag(help: "Report what would be imported, by class, and what would be skipped and why; change nothing.") var dryRun = false
    @Flag(help: "Import roads lying wholly outside the county's boundary (otherwise refused and listed).") var allowOutside = false
    @Option(help: "With --skip-failures: where to write the rejected features and their reasons (default: NAME.rejects.csv).") var rejects: String?
    @Flag(help: "Add every road, without matching roads of other sources already in the registry.") var noConflation = false
    @Option(help: "A label for this source (default: file:NAME); re-importing a label updates it.") var source: String?
    @Flag(help: "Remove the source's segments that the file no longer mentions (the next survey retires their roads).") var replace = false
    @Option(help: "Property naming the road's name (repeatable; default: name, name:zh, 名称, 路名).") var nameKey: [String] = []
    @Option(help: "Property naming the road class (repeatable; default: highway, fclass, class, 等级).") var classKey: [String] = []
    @Option(help: "Property naming the route code (repeatable; default: ref, 路线编号).") var refKey: [String] = []
    @Option(help: "Class for records without a class property (GPX and KML default: road).") var defaultClass: String?
    @Flag(help: "Import the good features and write the bad ones with their reasons to a CSV (--rejects); OSM ways missing nodes are clipped to the part that is there.")
    var skipFailures = false

    func run() throws {
        let store = try registry.open()
        var classification = try profile.map { try ImportProfiles(registry: store, actor: registry.actor).resolve($0, county: county).classification() }
            ?? RoadClassification()
        if !nameKey.isEmpty { classification.nameKeys = nameKey }
        if !classKey.isEmpty { classification.classKeys = classKey }
        if !refKey.isEmpty { classification.refKeys = refKey }
        if let defaultClass { classification.defaultClass = defaultClass }
        var options = RoadFileImportOptions()
        options.crs = crs
        options.encoding = encoding
        options.county = county
        options.source = source
        options.replace = replace
        options.skipFailures = skipFailures
        options.rejectsPath = rejects
        options.allowOutside = allowOutside
        options.dryRun = dryRun
        options.conflate = !noConflation
        let report = try RoadFileImport(registry: store, actor: registry.actor, classification: classification,
                                        progress: TerminalProgress.reporter(json: output.json))
            .run(path: file, options: options)
        if output.json { return try Output.json(report) }
        Output.line((dryRun ? "Dry run (nothing changed): would import \(file) as \(report.source): " : "Imported \(file) as \(report.source): ")
            + "\(Output.count(report.features)) records read, \(Output.count(report.segments)) road segments "
            + "(\(Output.count(report.namedSegments)) named, \(Output.count(report.unnamedSegments)) unnamed).")
        for system in report.systems { Output.line("  coordinates: \(system) → WGS-84") }
        for (roadClass, count) in report.byClass.sorted(by: { $0.value.segments > $1.value.segments }) {
            Output.line("  \(roadClass.padding(toLength: 16, withPad: " ", startingAt: 0)) \(Output.count(count.segments)) (\(Output.count(count.unnamed)) unnamed)")
        }
        for (reason, count) in report.skipped.sorted(by: { $0.key < $1.key }) {
            Output.line("  \(reason.contains("missing") ? "warning" : "skipped"): \(Output.count(count)) \(reason)")
        }
        if report.replaced > 0 { Output.line("  replaced \(Output.count(report.replaced)) segments of the earlier import of \(report.source).") }
        if report.kept > 0 {
            Output.line("  kept \(Output.count(report.kept)) segments of \(report.source) that this file does not mention (use --replace to remove them).")
        }
        if report.removed > 0 { Output.line("  removed \(Output.count(report.removed)) segments of \(report.source) that this file no longer mentions.") }
        if report.withWidth + report.withSurface > 0 {
            Output.line("  width on \(Output.count(report.withWidth)), surface on \(Output.count(report.withSurface)) segments (read through the profile)")
        }
        if report.outside > 0 { Output.line("  warning: \(Output.count(report.outside)) roads lie wholly outside the county (--allow-outside)") }
        if report.rejected > 0 {
            Output.line("  rejected \(Output.count(report.rejected)) features" + (report.rejectsFile.map { ", reasons in \($0)" } ?? ""))
        }
        if let conflation = report.conflation {
            Output.line("  conflation: \(Output.count(conflation.matched)) matched roads already in the registry (merged, not added), "
                + "\(Output.count(conflation.new)) new, \(Output.count(conflation.conflicting)) with conflicting attributes")
            for match in conflation.matches where !match.conflicts.isEmpty {
                Output.line("    \(match.segment) (\(match.existingSource)) ~ \(match.sourceRef): " + match.conflicts.joined(separator: "; "))
            }
        }
        if !dryRun { Output.line("Next: diming survey, to stitch segments into roads.") }
    }
}

struct RoadsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List surveyed roads: the backlog with --unnamed.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Only roads without a name (the backlog).") var unnamed = false
    @Option(help: "Only this town.") var town: DivisionCode?
    @Option(help: "Only this county.") var county: DivisionCode?

    func run() throws {
        let roads = try RoadQueries(registry: registry.open(), actor: registry.actor)
            .list(RoadFilter(county: county.map { $0.ancestor(at: .county) }, town: town, unnamedOnly: unnamed))
        if output.json { return try Output.json(roads) }
        for road in roads {
            Output.line("\(road.id)  \(road.name ?? road.workingName ?? "")  \(String(format: "%.0f m", road.length))  \(road.direction)  起于\(road.start)，止于\(road.end)")
        }
        Output.line("(\(Output.count(roads.count)) roads)")
    }
}

struct RoadsShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one road: ends, villages, segments, sources, geometry.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The road id, e.g. 379901-R-000001.") var id: String

    func run() throws {
        guard let featureID = FeatureID(id), featureID.kind == .road else {
            throw ValidationError("'\(id)' is not a road id (COUNTY-R-SERIAL, e.g. 379901-R-000001)")
        }
        let road = try RoadQueries(registry: registry.open(), actor: registry.actor).show(featureID)
        if output.json { return try Output.json(road) }
        Output.line("\(road.id)  \(road.name ?? road.workingName ?? "")\(road.name == nil ? "（无名路）" : "")  [\(road.status)]")
        Output.line("  \(road.span); \(road.direction)走向, \(String(format: "%.0f m", road.length)), \(road.roadClass)")
        if let town = road.townName { Output.line("  town: \(town) \(road.townCode ?? "")") }
        if !road.villages.isEmpty { Output.line("  passes: " + road.villages.map(\.name).joined(separator: "、")) }
        Output.line("  segments: " + road.segments.map { segment in
            let stated = [segment.width.map { String(format: "%g m wide", $0) }, segment.surface].compactMap { $0 }
            return "\(segment.id) (\(([segment.sourceRef] + stated).joined(separator: ", ")))"
        }.joined(separator: ", "))
        Output.line("  sources: " + road.sources.joined(separator: ", "))
    }
}

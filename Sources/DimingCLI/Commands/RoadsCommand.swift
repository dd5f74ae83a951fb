import ArgumentParser
import DimingCore
import DimingKit

struct RoadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roads",
        abstract: "Road networks: import OSM XML, GeoJSON, KML/KMZ or GPX; list and show roads.",
        subcommands: [RoadsImport.self, RoadsList.self, RoadsShow.self])
}

struct RoadsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import road segments from an OSM XML, GeoJSON, KML/KMZ or GPX file.",
        discussion: """
            The format follows the extension. Re-importing the same source updates the segments the file mentions (keeping their ids) and keeps the others; --replace removes the others too (refused while they belong to roads with open cases). A file with no roads or a repeated id changes nothing.
            Road classes default to OSM highway values (motorway … track, road, and their _links).
            """)

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The file.") var file: String
    @Option(help: "Mint ids in this county (default: the county whose boundary holds each road).") var county: DivisionCode?
    @Option(help: "The file's coordinate system (sources from Chinese map apps are often gcj02 or bd09).") var crs: CoordinateSystem = .wgs84
    @Option(help: "A label for this source (default: file:NAME); re-importing a label updates it.") var source: String?
    @Flag(help: "Remove the source's segments that the file no longer mentions (the next survey retires their roads).") var replace = false
    @Option(help: "Property naming the road's name (repeatable; default: name, name:zh, 名称, 路名).") var nameKey: [String] = []
    @Option(help: "Property naming the road class (repeatable; default: highway, fclass, class, 等级).") var classKey: [String] = []
    @Option(help: "Property naming the route code (repeatable; default: ref, 路线编号).") var refKey: [String] = []
    @Option(help: "Class for records without a class property (GPX and KML default: road).") var defaultClass: String?
    @Flag(help: "Keep OSM ways that refer to nodes missing from the file, clipped to the part that is there (counted), instead of failing.")
    var skipFailures = false

    func run() throws {
        var classification = RoadClassification()
        if !nameKey.isEmpty { classification.nameKeys = nameKey }
        if !classKey.isEmpty { classification.classKeys = classKey }
        if !refKey.isEmpty { classification.refKeys = refKey }
        classification.defaultClass = defaultClass
        let report = try RoadFileImport(registry: registry.open(), actor: registry.actor, classification: classification,
                                        progress: TerminalProgress.reporter(json: output.json))
            .run(path: file, crs: crs, county: county, source: source, replace: replace, skipFailures: skipFailures)
        if output.json { return try Output.json(report) }
        Output.line("Imported \(file) as \(report.source): \(Output.count(report.features)) records read, \(Output.count(report.segments)) road segments "
            + "(\(Output.count(report.namedSegments)) named, \(Output.count(report.unnamedSegments)) unnamed).")
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
        Output.line("Next: diming survey, to stitch segments into roads.")
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
        let roads = try RoadQueries(registry: registry.open())
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
        let road = try RoadQueries(registry: registry.open()).show(featureID)
        if output.json { return try Output.json(road) }
        Output.line("\(road.id)  \(road.name ?? road.workingName ?? "")\(road.name == nil ? "（无名路）" : "")  [\(road.status)]")
        Output.line("  \(road.span); \(road.direction)走向, \(String(format: "%.0f m", road.length)), \(road.roadClass)")
        if let town = road.townName { Output.line("  town: \(town) \(road.townCode ?? "")") }
        if !road.villages.isEmpty { Output.line("  passes: " + road.villages.map(\.name).joined(separator: "、")) }
        Output.line("  segments: " + road.segments.map { "\($0.id) (\($0.sourceRef))" }.joined(separator: ", "))
        Output.line("  sources: " + road.sources.joined(separator: ", "))
    }
}

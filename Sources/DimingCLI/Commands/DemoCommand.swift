import ArgumentParser
import DimingCore
import DimingKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a fresh registry holding the demo county shipped in GeoData/demo.",
        discussion: "Replaces an earlier demo registry; refuses to overwrite a registry with other data unless --replace is given.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Replace the registry file even if it holds data that is not the demo's.")
    var replace = false

    func run() throws {
        guard let geoData = GeoDataLocator.find() else {
            throw CommandFailure("cannot find GeoData/demo: run from the checkout or set DIMING_GEODATA")
        }
        guard try replace || DemoRegistry.canReplace(path: registry.path, open: DimingCommand.openRegistry) else {
            throw CommandFailure("\(registry.path) holds a registry that is not a demo; use --db OTHER.sqlite or --replace")
        }
        let report = try DemoRegistry(geoData: geoData, actor: registry.systemActor, open: DimingCommand.openRegistry).build(path: registry.path)
        if output.json { return try Output.json(report) }
        let levels = report.divisions.byLevel
        Output.line("Built the demo registry at \(report.registry) from \(geoData)/demo:")
        Output.line("  divisions: \(levels["county"] ?? 0) county, \(levels["town"] ?? 0) towns, \(levels["village"] ?? 0) villages")
        Output.line("  boundaries: \(report.boundaries.boundaries)")
        Output.line("  road segments: \(report.roads.segments) (\(report.roads.namedSegments) named, \(report.roads.unnamedSegments) unnamed)")
        for (roadClass, count) in report.roads.byClass.sorted(by: { $0.key < $1.key }) {
            Output.line("    \(roadClass): \(count.segments) (\(count.unnamed) unnamed)")
        }
        Output.line("")
        Output.line("Unnamed-road backlog (无名路) after the survey:")
        for town in report.backlog {
            Output.line("  \(town.townName): \(town.unnamedRoads) unnamed of \(town.roads) roads, " + String(format: "%.1f km unnamed", town.unnamedLength / 1000))
        }
        for road in report.examples {
            Output.line("  e.g. \(road.id) \(road.workingName ?? ""): 起于\(road.start)，止于\(road.end), " + String(format: "%.0f m", road.length))
        }
        let db = report.registry == "diming.sqlite" ? "" : " --db \(report.registry)"
        Output.line("")
        Output.line("Try next:")
        Output.line("  swift run diming roads list --unnamed\(db)")
        if let road = report.examples.first { Output.line("  swift run diming roads show \(road.id)\(db)") }
        Output.line("  swift run diming survey report\(db)")
        Output.line("  swift run diming divisions list --level town\(db)")
        Output.line("  swift run diming divisions show 379901000000\(db)")
        Output.line("  swift run diming divisions locate 115.95 36.35\(db)")
        Output.line("  swift run diming crs convert --from wgs84 --to gcj02 115.98 36.45")
        if !report.accounts.isEmpty {
            Output.line("  swift run diming serve\(db)     # then http://127.0.0.1:8080")
            Output.line("    demo accounts (password \(DemoRegistry.password)): " + report.accounts.map { "\($0.username) (\($0.displayName))" }.joined(separator: ", "))
        }
    }
}

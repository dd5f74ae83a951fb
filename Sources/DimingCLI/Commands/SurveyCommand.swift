import ArgumentParser
import DimingCore
import DimingKit

struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "The unnamed-road survey: stitch segments into roads, describe them, and report the backlog.",
        subcommands: [SurveyRunCommand.self, SurveyReportCommand.self],
        defaultSubcommand: SurveyRunCommand.self)
}

struct SurveyRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Stitch the segments of a county (or of every county) into roads; ids of unchanged roads are kept.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this county.") var county: DivisionCode?
    @Option(help: "Ends closer than this many metres join.") var tolerance = 3.0

    func run() throws {
        let reports = try SurveyRun(registry: registry.open(), actor: registry.actor, stitcher: SegmentStitcher(tolerance: tolerance),
                                    progress: TerminalProgress.reporter(json: output.json)).run(county: county)
        if output.json { return try Output.json(reports) }
        if reports.isEmpty { Output.line("No road segments to survey: import roads first (diming roads import FILE).") }
        for report in reports {
            Output.line("County \(report.county): \(Output.count(report.segments)) segments → \(Output.count(report.roads)) roads "
                + "(\(Output.count(report.unnamedRoads)) unnamed, \(Output.count(report.namedRoads)) named), "
                + String(format: "%.1f km", report.roadLength / 1000))
            Output.line("  ids: \(report.kept) kept, \(report.changed) kept for changed roads, \(report.added) new, \(report.retired) retired")
        }
        if !reports.isEmpty { Output.line("Next: diming survey report, diming roads list --unnamed") }
    }
}

struct SurveyReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Roads and unnamed roads per town.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this county.") var county: DivisionCode?

    func run() throws {
        let towns = try RoadQueries(registry: registry.open(), actor: registry.actor).backlog(county: county)
        if output.json { return try Output.json(towns) }
        Output.line("town                      roads  unnamed   length km  unnamed km")
        for town in towns {
            let label = "\(town.townName) \(town.townCode ?? "")"
            Output.line(label.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: "%9d %8d %11.1f %11.1f", town.roads, town.unnamedRoads, town.length / 1000, town.unnamedLength / 1000))
        }
        let roads = towns.reduce(0) { $0 + $1.roads }, unnamed = towns.reduce(0) { $0 + $1.unnamedRoads }
        Output.line("total: \(Output.count(roads)) roads, \(Output.count(unnamed)) unnamed")
        for (countyCode, summaries) in try ConflationLedger.report(registry.open(), county: county).sorted(by: { $0.key < $1.key }) {
            Output.line("sources matched against the registry (county \(countyCode)):")
            for summary in summaries {
                Output.line("  \(summary.source): \(Output.count(summary.matched)) matched, \(Output.count(summary.new)) new, "
                    + "\(Output.count(summary.conflicting)) conflicting segments")
            }
        }
    }
}

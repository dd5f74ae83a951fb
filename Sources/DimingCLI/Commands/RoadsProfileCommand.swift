import ArgumentParser
import DimingCore
import DimingKit
import Foundation

struct RoadsProfile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Import profiles (field and value mapping): show one, or set a county's own version from a JSON file.",
        discussion: """
            Shipped: osm (OSM tags) and rural-roads (农村公路: 技术等级, 路线编码, 名称, 路面宽度/路基宽度, 路面类型), in GeoData/import-profiles.
            `diming roads profile show rural-roads --json > p.json`, edit, then `diming roads profile set p.json --county 371521`.
            """)

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "show NAME | set FILE") var action: String
    @Argument(help: "The profile's name (show) or a JSON file (set).") var target: String
    @Option(help: "The county whose own version to show or set.") var county: DivisionCode?

    func run() throws {
        let profiles = ImportProfiles(registry: try registry.open(), actor: try registry.actor)
        switch action {
        case "show":
            let profile = try profiles.resolve(target, county: county)
            if output.json { return try Output.json(profile) }
            Output.line("\(profile.name): \(profile.title ?? "")")
            if let source = profile.source { Output.line("  source: \(source)") }
            Output.line("  class from: \(profile.classKeys.joined(separator: ", "))")
            for (value, roadClass) in profile.classes.sorted(by: { $0.key < $1.key }) { Output.line("    \(value) → \(roadClass)") }
            Output.line("  name from: \(profile.nameKeys.joined(separator: ", "))")
            Output.line("  route code from: \(profile.refKeys.joined(separator: ", "))")
            Output.line("  width from: \(profile.widthKeys.joined(separator: ", ")); surface from: \(profile.surfaceKeys.joined(separator: ", "))")
        case "set":
            guard let county else { throw ValidationError("set needs --county: a profile is a county's setting") }
            let data = try Data(contentsOf: URL(fileURLWithPath: target))
            let saved = try profiles.set(ImportProfile.decode(data, origin: target), county: county)
            Output.line("Set the import profile \(saved.name) for county \(county.countyPart) (audited).")
        default:
            throw ValidationError("the action is show or set, not '\(action)'")
        }
    }
}

struct RoadsPriority: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "priority",
        abstract: "Show or set a county's source priority for conflation: which source's attributes win when two describe one road.",
        discussion: "Sources are labels (rural-roads-2024) or prefixes ending in * (file:*); highest first. Unlisted sources rank last; between two of them the one already in the registry wins.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The county.") var county: DivisionCode
    @Option(help: "The sources, highest first, comma-separated.") var set: String?
    @Option(help: "Metres within which two lines lie along each other (default 15).") var tolerance: Double?
    @Option(help: "Share of each line's length that must lie along the other (default 0.8).") var share: Double?

    func run() throws {
        let store = try registry.open()
        var priority = try store.read { try SourcePriority.load($0, county: county.ancestor(at: .county)) }
        if set != nil || tolerance != nil || share != nil {
            if let tolerance, !(0.5...200).contains(tolerance) { throw ValidationError("--tolerance must be between 0.5 and 200 metres") }
            if let share, !(0.1...1).contains(share) { throw ValidationError("--share must be between 0.1 and 1") }
            priority = try SourcePriority.update(store, county: county.ancestor(at: .county), actor: registry.actor) { value in
                if let set { value.sources = set.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
                if let tolerance { value.tolerance = tolerance }
                if let share { value.share = share }
            }
        }
        if output.json { return try Output.json(priority) }
        Output.line("sources, highest first: " + (priority.sources.isEmpty ? "(none: the source already in the registry wins)" : priority.sources.joined(separator: " > ")))
        Output.line("match: within \(priority.tolerance) m over \(Int(priority.share * 100)) % of both lines")
    }
}

import ArgumentParser
import DimingCore
import DimingKit
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Deliver standard names, villages and POIs to a map provider (amap, baidu, tencent, tianditu, osm, geojson, kml).",
        discussion: "Writes Exports/<profile>/<date>/ with a manifest. --since last writes a change set against the previous delivery.",
        subcommands: [ExportRun.self, ExportAck.self, ExportLog.self], defaultSubcommand: ExportRun.self)
}

struct ExportRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Make a delivery (the default).")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The delivery profile.") var profile: String
    @Option(help: "The county (default: the registry's only county with roads).") var county: DivisionCode?
    @Option(help: "last, or yyyy-MM-dd: a change set against that delivery.") var since: String?
    @Option(help: "The root folder.") var out = "Exports"

    func run() throws {
        let store = try registry.open()
        let sinceValue: DeliveryExport.Since
        switch since {
        case nil: sinceValue = .everything
        case "last"?: sinceValue = .last
        case let text?:
            guard let day = DeadlineRules.day(text) else { throw ValidationError("--since takes last or yyyy-MM-dd") }
            sinceValue = .date(day.addingTimeInterval(86_399))
        }
        guard let county = try county ?? RegistryLookups.onlyCounty(store) else {
            throw ValidationError("name the county with --county")
        }
        let manifest = try DeliveryExport(registry: store, resources: .load(), categories: .load(), actor: registry.actor, clock: CLIClock.current())
            .run(profile: DeliveryProfile.load(profile), county: county, since: sinceValue, root: out)
        if output.json { return try Output.json(manifest) }
        Output.line("Delivery \(manifest.id) to \(manifest.provider) (\(manifest.crs))\(manifest.follows.map { ", changes since \($0)" } ?? ""):")
        Output.line("  " + manifest.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for file in manifest.files { Output.line("  \(file.name)  \(file.bytes) bytes  sha256 \(file.sha256.prefix(16))…") }
    }
}

struct ExportAck: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Record the provider's confirmation of a delivery.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The delivery id.") var id: String
    @Option(help: "Who confirmed (the provider's data team).") var by: String
    @Option(help: "A note.") var note: String?

    func run() throws {
        guard let delivery = FeatureID(id), delivery.kind == .delivery else { throw ValidationError("'\(id)' is not a delivery id") }
        try DeliveryExport(registry: registry.open(), resources: .load(), categories: .load(), actor: registry.actor, clock: CLIClock.current())
            .acknowledge(delivery, by: by, note: note)
        Output.line("Delivery \(id) acknowledged by \(by).")
    }
}

struct ExportLog: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Every delivery made, with its acknowledgement.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let deliveries = try DeliveryExport.list(registry.open(), actor: registry.actor)
        if output.json { return try Output.json(deliveries) }
        for d in deliveries {
            Output.line("\(d.id)  \(d.profile)  \(d.countyCode)  \(DeadlineRules.dayString(d.created))  \(d.folder)"
                + (d.acknowledgedBy.map { "  acknowledged by \($0)" } ?? "  not acknowledged"))
        }
    }
}

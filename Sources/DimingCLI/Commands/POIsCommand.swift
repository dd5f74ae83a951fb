import ArgumentParser
import DimingCore
import DimingKit

struct POIsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pois", abstract: "Points of interest: import collected POIs, review them, list them.",
        subcommands: [POIsImport.self, POIsReview.self, POIsList.self])
}

extension POIStatus: ExpressibleByArgument {}

struct POIsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import POIs (CSV in UTF-8 or GB18030, GeoJSON, KML, GPX waypoints) into the review queue.",
        discussion: "CSV columns: 名称/name, 类别/category, 经度/lng, 纬度/lat, optional 联系电话/contact and 编号/id.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The file.") var file: String
    @Option(help: "The county.") var county: DivisionCode
    @Option(help: "The file's coordinate system.") var crs: CoordinateSystem = .wgs84
    @Option(help: "Category for records without one.") var category: String?

    func run() throws {
        let report = try POIImport(registry: registry.openCreating(), categories: .load(), actor: registry.actor, clock: CLIClock.current())
            .run(path: file, county: county, crs: crs, defaultCategory: category)
        if output.json { return try Output.json(report) }
        Output.line("Imported \(report.imported) POIs into review (\(report.possibleDuplicates) may be duplicates). Next: diming pois review")
    }
}

struct POIsReview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "The review queue; with an id, accept, merge or reject a POI.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "A POI to decide on (omit to list the queue).") var id: String?
    @Flag(help: "Accept: it gets the address of the nearest standard road.") var accept = false
    @Option(help: "Merge into this POI.") var into: String?
    @Option(help: "Reject, with this reason.") var reject: String?
    @Option(help: "Only this county.") var county: DivisionCode?

    func run() throws {
        let review = POIReview(registry: try registry.open(), actor: try registry.actor, clock: try CLIClock.current())
        guard let id else {
            let queue = try review.pending(county: county)
            if output.json { return try Output.json(queue) }
            for item in queue {
                Output.line("\(item.poi.id)  \(item.poi.name)  [\(item.poi.category)]  \(item.source):\(item.sourceRef)"
                    + (item.possibleDuplicates.isEmpty ? "" : "  may duplicate " + item.possibleDuplicates.map(\.description).joined(separator: ", ")))
            }
            return Output.line("(\(queue.count) waiting for review)")
        }
        guard let poi = FeatureID(id), poi.kind == .poi else { throw ValidationError("'\(id)' is not a POI id") }
        let decisions = [accept ? 1 : 0, into == nil ? 0 : 1, reject == nil ? 0 : 1].reduce(0, +)
        guard decisions == 1 else { throw ValidationError("give exactly one of --accept, --into ID, --reject REASON") }
        let decision: POIReview.Decision
        if accept { decision = .accept }
        else if let into { guard let target = FeatureID(into) else { throw ValidationError("'\(into)' is not a POI id") }; decision = .merge(into: target) }
        else { decision = .reject(reason: reject!) }
        let item = try review.decide(poi, decision)
        if output.json { return try Output.json(item) }
        Output.line("\(item.poi.id)  \(item.poi.name)  \(item.poi.status.rawValue)" + (item.poi.address.map { "  \($0)" } ?? ""))
    }
}

struct POIsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List POIs.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this status.") var status: POIStatus?
    @Option(help: "Only this county.") var county: DivisionCode?

    func run() throws {
        let store = try registry.open()
        let items = try POIReview(registry: store, actor: registry.actor).list(county: county, status: status)
        if output.json { return try Output.json(items) }
        items.forEach { Output.line("\($0.poi.id)  \($0.poi.name)  [\($0.poi.category)]  \($0.poi.status.rawValue)  \($0.poi.address ?? "")") }
        Output.line("(\(items.count) POIs)")
    }
}

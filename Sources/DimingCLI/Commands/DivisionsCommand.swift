import ArgumentParser
import DimingCore
import DimingKit

struct DivisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "divisions",
        abstract: "Administrative divisions (行政区划): import, boundaries, show, list, locate.",
        subcommands: [DivisionsImport.self, DivisionsBoundaries.self, DivisionsShow.self, DivisionsList.self, DivisionsLocate.self]
    )
}

struct DivisionsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a division table (code,name,level,level_num,parent_code[,ur_code][,lng_gcj02,lat_gcj02]).",
        discussion: "The whole file is checked first; one bad row rejects it with its line number and nothing is stored.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "System of plain lng/lat columns (columns named lng_gcj02 … say their own).")
    var crs: CoordinateSystem = .wgs84

    func run() throws {
        let report = try DivisionImport(registry: registry.openCreating(), actor: registry.actor,
                                        progress: TerminalProgress.reporter(json: output.json)).run(path: file, crs: crs)
        if output.json { return try Output.json(report) }
        let levels = DivisionLevel.allCases.compactMap { level -> String? in
            guard let n = report.byLevel[level.name] else { return nil }
            return Output.plural(n, level.name, level == .city ? "cities" : level == .county ? "counties" : nil)
        }.joined(separator: ", ")
        if !report.hasChanges {
            Output.line("No changes: all \(Output.count(report.rows)) divisions in \(file) are already in the registry (\(levels)).")
        } else {
            Output.line("Stored \(Output.count(report.added + report.changed)) divisions from \(file): \(levels).")
            Output.line("  \(Output.count(report.added)) added, \(Output.count(report.changed)) changed, \(Output.count(report.unchanged)) unchanged.")
            for change in report.changes.prefix(10) {
                let what = change.fields.contains("name") ? "renamed \(change.before.name) → \(change.after.name)" : change.after.name
                Output.line("  \(change.code) \(what) (\(change.fields.joined(separator: ", ")))")
            }
            if report.changed > 10 { Output.line("  … \(report.changed - 10) more changes in the audit trail.") }
        }
        if let crs = report.pointCRS, crs != CoordinateSystem.wgs84.rawValue, report.hasChanges {
            Output.line("  \(Output.count(report.pointsConverted)) points converted from \(crs) to WGS-84.")
        }
        if report.notInFile > 0 {
            Output.line("  \(Output.count(report.notInFile)) divisions in the registry are not in this file (kept).")
        }
    }
}

struct DivisionsBoundaries: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundaries",
        abstract: "Attach division boundaries from GeoJSON (Polygon/MultiPolygon features with an adcode).")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The GeoJSON file.")
    var file: String

    @Option(help: "The file's coordinate system.")
    var crs: CoordinateSystem = .wgs84

    @Flag(help: "Leave out (and count) boundaries of divisions the registry does not have, instead of failing.")
    var skipFailures = false

    @Flag(help: "Replace the boundaries divisions already have (listed in the audit trail); without it, such a file is refused.")
    var replace = false

    func run() throws {
        let report = try BoundaryImport(registry: registry.open(), actor: registry.actor).run(path: file, crs: crs, skipUnknown: skipFailures, replace: replace)
        if output.json { return try Output.json(report) }
        let levels = report.byLevel.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        Output.line("Attached \(report.boundaries) boundaries (\(levels)) from \(file), converted from \(report.crs) to WGS-84.")
        if report.skippedUnknown > 0 {
            Output.line("  warning: skipped \(report.skippedUnknown) boundaries of divisions not in the registry (--skip-failures).")
        }
        if !report.replaced.isEmpty { Output.line("  replaced the earlier boundaries of \(report.replaced.count) divisions (--replace).") }
    }
}

struct DivisionsShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one division with its parents and child count.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The 12-digit code (or 6-digit for a county).")
    var code: DivisionCode

    func run() throws {
        let detail = try DivisionQueries(registry: registry.open()).show(code)
        if output.json { return try Output.json(detail) }
        Output.line("\(detail.code)  \(detail.name)  (\(detail.level))")
        if !detail.parents.isEmpty {
            Output.line("  in: " + detail.parents.map { "\($0.name) \($0.code)" }.joined(separator: " › "))
        }
        Output.line("  children: \(detail.childCount)")
        if let point = detail.point { Output.line("  point (WGS-84): \(point.lon), \(point.lat)") }
        if let ur = detail.urbanRuralCode { Output.line("  城乡分类代码: \(ur)") }
        if detail.hasBoundary { Output.line("  has a boundary") }
    }
}

struct DivisionsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List divisions, by parent and/or level.")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Only the children of this division.")
    var parent: DivisionCode?

    @Option(help: "Only this level (province, city, county, town, village).")
    var level: DivisionLevel?

    func run() throws {
        let divisions = try DivisionQueries(registry: registry.open()).list(parent: parent, level: level)
        if output.json { return try Output.json(divisions) }
        for division in divisions {
            Output.line("\(division.code)  \(division.level.name.padding(toLength: 8, withPad: " ", startingAt: 0))\(division.name)")
        }
        Output.line("(\(Output.count(divisions.count)) divisions)")
    }
}

struct DivisionsLocate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate", abstract: "Which division boundary contains a point.",
        discussion: "Use -- before a negative longitude: diming divisions locate -- -74.0 40.7")

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Longitude.") var lon: Double
    @Argument(help: "Latitude.") var lat: Double

    @Option(help: "The point's coordinate system.")
    var crs: CoordinateSystem = .wgs84

    func validate() throws {
        guard Coordinate(lon: lon, lat: lat).isValid else { throw ValidationError("\(lon),\(lat) is not a valid longitude/latitude") }
    }

    func run() throws {
        let answer = try DivisionQueries(registry: registry.open()).locate(crs.toWGS84(Coordinate(lon: lon, lat: lat)))
        if output.json { return try Output.json(answer) }
        guard let code = answer.code, let name = answer.name else {
            throw CommandFailure("no boundary in the registry contains \(lon),\(lat) (did you run `divisions boundaries`?)")
        }
        Output.line("\(code)  \(name)  — " + answer.chain.map(\.name).joined(separator: " › "))
    }
}

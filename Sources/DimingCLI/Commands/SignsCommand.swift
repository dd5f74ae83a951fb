import ArgumentParser
import DimingCore
import DimingKit
import Foundation
import GeoFormats

struct SignsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signs",
        abstract: "Place-name signs (GB 17733): plan, render, order, install, inspect, coverage.",
        subcommands: [SignsPlan.self, SignsRender.self, SignsPreview.self, SignsOrder.self, SignsInstall.self, SignsInspect.self,
                      SignsReportDamage.self, SignsReportMissing.self, SignsReplace.self, SignsRemove.self, SignsList.self, SignsCoverage.self,
                      SignsSettings.self])
}

extension SignStatus: ExpressibleByArgument {}

func signService(_ registry: RegistryOptions) throws -> SignService {
    SignService(registry: try registry.open(), actor: try registry.actor, clock: try CLIClock.current())
}

func signID(_ text: String) throws -> FeatureID {
    guard let id = FeatureID(text), id.kind == .sign else { throw ValidationError("'\(text)' is not a sign id (e.g. 379901-G-000001)") }
    return id
}

enum SignFiles {
    /// Writes the SVG, and a PNG beside it when asked and rsvg-convert (Debian librsvg2-bin) is installed.
    static func write(_ svg: String, to path: String, png: Bool) throws {
        try svg.write(toFile: path, atomically: true, encoding: .utf8)
        Output.line("Wrote \(path)")
        guard png else { return }
        let tool = "/usr/bin/rsvg-convert"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            throw CommandFailure("--png needs rsvg-convert (Debian librsvg2-bin): run make deps")
        }
        let pngPath = (path.hasSuffix(".svg") ? String(path.dropLast(4)) : path) + ".png"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-w", "1200", "-o", pngPath, path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CommandFailure("rsvg-convert failed on \(path)") }
        Output.line("Wrote \(pngPath)")
    }

    static func describe(_ sign: Sign) -> String {
        "\(sign.id)  \(sign.code)  \(sign.text)  \(sign.type.chinese) \(sign.sizeClass)  [\(sign.status.rawValue)]  "
            + String(format: "%.6f,%.6f  facing %.0f°  ", sign.position.lon, sign.position.lat, sign.facing)
            + "\(sign.back == .ends ? "●" : "◀")…\(sign.forward == .ends ? "●" : "▶")"
            + (sign.crossRoad.map { "  × \($0)" } ?? "") + (sign.deadEnd ? "  dead end" : "")
    }
}

struct SignsPlan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Plan signs for a named road, or for every road of a batch.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The road.") var road: String?
    @Option(help: "A batch instead of a road.") var batch: String?

    func run() throws {
        let service = try signService(registry)
        let signs: [Sign]
        if let batch {
            signs = try service.plan(batch: try batchID(batch))
        } else if let road, let id = FeatureID(road), id.kind == .road {
            signs = try service.plan(road: id)
        } else {
            throw ValidationError("give a road id or --batch")
        }
        if output.json { return try Output.json(signs) }
        signs.forEach { Output.line(SignFiles.describe($0)) }
        Output.line("(\(signs.count) signs planned)")
    }
}

struct SignsRender: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Render a sign's face as SVG (and PNG).")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The sign.") var id: String
    @Option(help: "The SVG file.") var out: String
    @Flag(help: "Also write a PNG (needs rsvg-convert).") var png = false

    func run() throws {
        let (svg, layout) = try signService(registry).render(try signID(id))
        layout.warnings.forEach { Output.error("warning: \($0)") }
        try SignFiles.write(svg, to: out, png: png)
    }
}

struct SignsPreview: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "preview", abstract: "Preview the face of a name not yet signed.")
    @Argument(help: "The name.") var name: String
    @Option(help: "ew (blue) or ns (green).") var direction = "ew"
    @Option(help: "Left and right ends: continue or end, e.g. continue,end.") var ends = "continue,continue"
    @Option(help: "House-number range, e.g. 1–99.") var houseNumbers: String?
    @Option(help: "Plate size in mm, e.g. 1200x400.") var size = "1200x400"
    @Option(help: "The SVG file.") var out: String
    @Flag(help: "Also write a PNG (needs rsvg-convert).") var png = false

    func run() throws {
        let markers = try ends.split(separator: ",").map { part -> EndMarker in
            switch part { case "continue": return .continues; case "end": return .ends
            default: throw ValidationError("--ends takes continue or end, twice: continue,end") }
        }
        guard markers.count == 2 else { throw ValidationError("--ends takes two values: left,right") }
        let dims = size.split(whereSeparator: { $0 == "x" || $0 == "×" }).compactMap { Double($0) }
        guard dims.count == 2, dims.allSatisfy({ $0 > 0 }) else { throw ValidationError("--size takes WIDTHxHEIGHT in mm") }
        let romanization = try NamingResources.load().romanizer.romanize(name)
        let face = SignFace(text: name, pinyin: romanization.sign, width: dims[0], height: dims[1],
                            background: SignFace.colour(direction: direction == "ns" ? .northSouth : .eastWest), back: markers[0], forward: markers[1],
                            houseNumbers: houseNumbers)
        let (svg, layout) = SignFaceSVG.render(face)
        layout.warnings.forEach { Output.error("warning: \($0)") }
        try SignFiles.write(svg, to: out, png: png)
    }
}

struct SignsOrder: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "order", abstract: "Order the planned signs of a batch: CSV, XLSX and SVG faces.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The batch.") var batch: String?
    @Option(help: "Or one road.") var road: String?
    @Option(help: "Funding source (budget, or a charity project).") var funding: String?
    @Option(help: "single or double (单面/双面).") var sides: PlateSides = .double
    @Option(help: "post or wall (立柱式/附墙式).") var mounting: PlateMounting = .post
    @Option(help: "The post's height in metres, for plates on posts (default 3).") var postHeight: Double?
    @Option(help: "The folder.") var out = "Exports/signs"

    func run() throws {
        let plate: SignMounting
        do {
            plate = try SignMounting(sides: sides, mounting: mounting, postHeight: mounting == .post ? postHeight ?? 3.0 : postHeight)
        } catch {
            throw InputError(field: "--post-height", error.description)
        }
        let written = try SignOrder(signs: signService(registry))
            .write(batch: try batch.map(batchID), road: road.flatMap(FeatureID.init), funding: funding, mounting: plate, to: out)
        if output.json { return try Output.json(written) }
        Output.line("Ordered \(written.signs) signs: \(written.csv), \(written.xlsx) and \(written.faces.count) faces in \(out)/faces.")
        written.warnings.forEach { Output.line("  warning: \($0)") }
    }
}

/// Options shared by the field-work commands.
struct FieldOptions: ParsableArguments {
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The sign.") var id: String
    @Option(help: "The day (default today).") var date: Day?
    @Option(help: "A photo (JPEG or PNG), checked and kept with the registry.") var photo: String?
    @Option(help: "Where the crew stood: longitude (WGS-84), with --lat.") var lon: Double?
    @Option(help: "Where the crew stood: latitude (WGS-84), with --lon.") var lat: Double?
    @Option(help: "Notes.") var notes: String?

    func record(_ status: SignStatus) throws {
        guard (lon == nil) == (lat == nil) else { throw ValidationError("give --lon and --lat together") }
        let clock: any Clock = try date.map { FixedClock($0.date) } ?? CLIClock.current()
        let work = SignFieldWork(registry: try registry.open(), actor: try registry.actor, clock: clock)
        var picture: (data: Data, file: String)?
        if let photo {
            guard let data = FileManager.default.contents(atPath: photo) else { throw InputError(file: photo, "cannot read the photo") }
            picture = (data, photo)
        }
        let outcome = try work.report(try signID(id), status: status, photo: picture, position: lon.flatMap { lon in lat.map { Coordinate(lon: lon, lat: $0) } },
                                      notes: notes)
        Output.line(SignFiles.describe(outcome.sign))
        if let distance = outcome.distance {
            Output.line(String(format: "  %.0f m from the planned point%@", distance,
                               outcome.beyondTolerance ? String(format: " (more than the county's %.0f m: check the position)", outcome.tolerance) : ""))
        }
    }
}

struct SignsInstall: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "install", abstract: "Record that a sign was installed.")
    @OptionGroup var field: FieldOptions
    func run() throws { try field.record(.installed) }
}

struct SignsInspect: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Record an inspection.")
    @OptionGroup var field: FieldOptions
    func run() throws { try field.record(.inspected) }
}

struct SignsReportDamage: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report-damage", abstract: "Report a damaged sign.")
    @OptionGroup var field: FieldOptions
    func run() throws { try field.record(.damaged) }
}

struct SignsReportMissing: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report-missing", abstract: "Report a missing sign.")
    @OptionGroup var field: FieldOptions
    func run() throws { try field.record(.missing) }
}

struct SignsReplace: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replace", abstract: "Record that a damaged or missing sign was replaced.")
    @OptionGroup var field: FieldOptions
    func run() throws { try field.record(.replaced) }
}

struct SignsRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Record that a sign was removed.")
    @OptionGroup var field: FieldOptions
    func run() throws { try field.record(.removed) }
}

struct SignsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List signs.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this road.") var road: String?
    @Option(help: "Only this status.") var status: SignStatus?

    func run() throws {
        let signs = try signService(registry).list(road: road.flatMap(FeatureID.init), status: status)
        if output.json { return try Output.json(signs) }
        signs.forEach { Output.line(SignFiles.describe($0)) }
        Output.line("(\(signs.count) signs)")
    }
}

struct SignsCoverage: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "coverage", abstract: "Per town: standard names without signs, damaged or missing signs, outdated signs.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this county.") var county: DivisionCode?

    func run() throws {
        let report = try SignCoverage(registry: registry.open(), actor: registry.actor).report(county: county)
        if output.json { return try Output.json(report) }
        for town in report {
            Output.line("\(town.townName) \(town.townCode ?? ""): \(town.signedRoads) of \(town.standardRoads) standard names signed")
            for p in town.unsigned { Output.line("  unsigned: \(p.road) \(p.name) (\(p.detail))") }
            for p in town.damagedOrMissing { Output.line("  \(p.detail): \(p.sign ?? "") \(p.name) on \(p.road)") }
            for p in town.outdated { Output.line("  outdated: \(p.sign ?? "") \(p.detail)") }
        }
        if report.isEmpty { Output.line("No standard names or signs yet.") }
    }
}

struct SignsSettings: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "settings", abstract: "A county's sign settings: spacing, QR pattern, colours, funding, material.")
    @OptionGroup var registry: RegistryOptions
    @Option(help: "The county.") var county: DivisionCode
    @Option(help: "Longest stretch without a sign, metres.") var spacing: Double?
    @Option(help: "QR payload pattern with {road} and {code}.") var qrPattern: String?
    @Option(help: "East–west colour.") var eastWest: String?
    @Option(help: "North–south colour.") var northSouth: String?
    @Option(help: "Default funding source.") var funding: String?
    @Option(help: "Default material.") var material: String?
    @Option(help: "The county's public web address (https://…): plates' QR codes open the name's page under it.") var publicUrl: String?
    @Option(help: "How far a sign may stand from its planned point before the crew is warned, metres.") var tolerance: Double?

    func run() throws {
        let service = try signService(registry)
        var settings = try service.settings(county: county)
        if let spacing { settings.spacing = spacing }
        if let qrPattern { settings.qrPattern = qrPattern }
        if let eastWest { settings.eastWestColour = eastWest }
        if let northSouth { settings.northSouthColour = northSouth }
        if let funding { settings.funding = funding }
        if let material { settings.material = material }
        if let publicUrl { settings.publicBaseURL = publicUrl }
        if let tolerance { settings.positionTolerance = tolerance }
        try service.setSettings(settings, county: county)
        try Output.json(settings)
    }
}

extension PlateSides: ExpressibleByArgument {}
extension PlateMounting: ExpressibleByArgument {}

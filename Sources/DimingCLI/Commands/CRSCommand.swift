import ArgumentParser
import DimingCore
import Foundation

struct CRSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crs", abstract: "Coordinate systems: WGS-84 (= CGCS2000), GCJ-02, BD-09.",
        subcommands: [CRSConvert.self])
}

struct CRSConvert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert points between WGS-84, GCJ-02 and BD-09.",
        discussion: """
            With LON LAT converts one point; otherwise reads `lon,lat` lines from standard input
            (blank lines and lines starting with # are skipped) and writes `lon,lat` lines.
            Inverses are iterative and accurate to better than 1e-8 degrees.
            """)

    @OptionGroup var output: OutputOptions

    @Option(help: "Source system.") var from: CoordinateSystem
    @Option(help: "Target system.") var to: CoordinateSystem
    @Option(help: "Decimals in text output.") var decimals = 10

    @Argument(help: "Longitude (optional).") var lon: Double?
    @Argument(help: "Latitude (optional).") var lat: Double?

    func validate() throws {
        if (lon == nil) != (lat == nil) { throw ValidationError("give both LON and LAT, or neither to read standard input") }
        if let lon, let lat, !Coordinate(lon: lon, lat: lat).isValid { throw ValidationError("\(lon),\(lat) is not a valid longitude/latitude") }
        guard (0...15).contains(decimals) else { throw ValidationError("--decimals must be 0…15") }
    }

    func run() throws {
        if let lon, let lat {
            let converted = CoordinateSystem.convert(Coordinate(lon: lon, lat: lat), from: from, to: to)
            if output.json { return try Output.json(converted) }
            return Output.line(format(converted))
        }
        var results: [Coordinate] = []
        var lineNumber = 0
        while let line = readLine() {
            lineNumber += 1
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
            guard parts.count == 2, let lon = Double(parts[0]), let lat = Double(parts[1]),
                  Coordinate(lon: lon, lat: lat).isValid else {
                throw InputError(file: "stdin", line: lineNumber, "expected `lon,lat`, found '\(text)'")
            }
            let converted = CoordinateSystem.convert(Coordinate(lon: lon, lat: lat), from: from, to: to)
            if output.json { results.append(converted) } else { Output.line(format(converted)) }
        }
        if output.json { try Output.json(results) }
    }

    func format(_ point: Coordinate) -> String {
        String(format: "%.\(decimals)f,%.\(decimals)f", point.lon, point.lat)
    }
}

import DimingCore
import ArgumentParser
import DimingKit

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic county or province (divisions, boundaries, roads) for demos and benchmarks.",
        discussion: "GeoData/demo is made with the defaults: diming generate --out GeoData/demo")

    @Option(help: "Output folder.") var out: String
    @Option(help: "Random seed.") var seed: UInt64 = 2023
    @Option(help: "Cities.") var cities = 1
    @Option(help: "Counties per city.") var counties = 1
    @Option(help: "Towns per county.") var towns = 6
    @Option(help: "Villages per town.") var villages = 10
    @Flag(help: "Also write the roads as OSM XML (roads.osm), for benchmarks.") var osm = false

    func validate() throws {
        guard (1...29).contains(cities), (1...99).contains(counties), (1...99).contains(towns), (1...198).contains(villages) else {
            throw ValidationError("sizes: cities 1…29, counties 1…99, towns 1…99, villages 1…198")
        }
    }

    func run() throws {
        var parameters = SyntheticRegion.Parameters()
        parameters.seed = seed
        parameters.cities = cities
        parameters.countiesPerCity = counties
        parameters.townsPerCounty = towns
        parameters.villagesPerTown = villages
        let region = SyntheticRegion(parameters)
        try SyntheticRegionFiles.write(region, to: out, osm: osm)
        Output.line("Wrote \(region.divisions.count) divisions, \(region.boundaries.count) boundaries and \(region.segments.count) road segments to \(out).")
    }
}

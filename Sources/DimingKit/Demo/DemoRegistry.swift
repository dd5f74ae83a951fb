import DimingCore
import DimingStore
import Foundation
import GeoFormats

/// What the demo loaded.
public struct DemoReport: Codable, Sendable {
    public var registry: String
    public var divisions: DivisionImportReport
    public var boundaries: BoundaryImportReport
    public var roads: RoadImportReport
    public var survey: [SurveyReport]
    /// The unnamed-road backlog per town.
    public var backlog: [TownBacklog]
    /// A few unnamed roads to look at.
    public var examples: [RoadSummary]
}

/// Builds a fresh registry from the demo county in `GeoData/demo` (made by ``SyntheticRegion``).
public struct DemoRegistry {
    public static let settingKey = "demo"

    public var geoData: String
    public var actor: String

    public init(geoData: String, actor: String) {
        self.geoData = geoData
        self.actor = actor
    }

    /// Whether the file at `path` is absent, empty, or an earlier demo (safe to replace).
    public static func canReplace(path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return true }
        let registry = try Registry(path: path)
        return try registry.read { db in
            try Settings.get(db, settingKey) == "yes" || DivisionTable.count(db) == 0
        }
    }

    /// Deletes the registry at `path` (with its WAL files) and builds the demo there.
    public func build(path: String) throws -> DemoReport {
        let directory = geoData + "/demo/"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
        let registry = try Registry(path: path)
        try registry.write { try Settings.set($0, Self.settingKey, "yes") }
        let divisions = try DivisionImport(registry: registry, actor: actor).run(path: directory + SyntheticRegionFiles.divisionsFile)
        let boundaries = try BoundaryImport(registry: registry, actor: actor).run(path: directory + SyntheticRegionFiles.boundariesFile, crs: .wgs84)
        let roadsPath = directory + SyntheticRegionFiles.roadsFile
        let roads = try RoadImport(registry: registry, actor: actor).run(
            features: GeoJSONReader.roadFeatures(path: roadsPath, crs: .wgs84), file: roadsPath, source: "demo:roads", county: nil)
        let survey = try SurveyRun(registry: registry, actor: actor).run(county: nil)
        let queries = RoadQueries(registry: registry)
        return DemoReport(registry: path, divisions: divisions, boundaries: boundaries, roads: roads, survey: survey,
                          backlog: try queries.backlog(county: nil),
                          examples: Array(try queries.list(RoadFilter(unnamedOnly: true)).prefix(3)))
    }
}

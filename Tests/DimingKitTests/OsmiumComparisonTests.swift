import DimingCore
import DimingKit
import DimingStore
import Foundation
import TestSupport
import Testing

/// The import's counts by class must equal what osmium counts in the same file, read as OSM XML and
/// as OSM PBF (made from it with `osmium cat`).
@Suite("Import counts agree with osmium", .enabled(if: SharedData.available, "needs ../shared/data"),
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/osmium"), "skipped: osmium-tool is not installed (apt-get install osmium-tool)"))
struct OsmiumComparisonTests {
    /// Ways with a highway tag, as OPL from `osmium tags-filter -R FILE w/highway`: class → (ways, without name).
    func osmiumCounts(_ path: String) throws -> [String: (ways: Int, unnamed: Int)] {
        let opl = try Tool.run("/usr/bin/osmium", ["tags-filter", "-R", path, "w/highway", "-f", "opl", "-o", "-"]).output
        var counts: [String: (Int, Int)] = [:]
        for line in opl.split(separator: "\n") where line.hasPrefix("w") {
            guard let tagField = line.split(separator: " ").first(where: { $0.hasPrefix("T") }) else { continue }
            var tags: [String: String] = [:]
            for pair in tagField.dropFirst().split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { tags[parts[0]] = parts[1] }
            }
            guard let highway = tags["highway"] else { continue }
            let unnamed = tags["name"] == nil && tags["name:zh"] == nil
            counts[highway, default: (0, 0)].0 += 1
            if unnamed { counts[highway, default: (0, 0)].1 += 1 }
        }
        return counts.mapValues { (ways: $0.0, unnamed: $0.1) }
    }

    @Test("segments and unnamed segments by class", arguments: ["gh_north-bayreuth.osm", "cn_shenzhen_longgang_2019.osm"])
    func counts(file: String) throws {
        let path = SharedData.path("osm/" + file)
        let expected = try osmiumCounts(path)
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            // Each format into its own registry (a second source of the same roads would be conflated).
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite")), pbfRegistry = try SQLiteRegistry(path: folder.path("pbf.sqlite"))
            for registry in [registry, pbfRegistry] {
                try DivisionImport(registry: registry, actor: .commandLine("t")).run(path: SharedData.packageRoot.appendingPathComponent("GeoData/demo/divisions.csv").path)
            }
            let pbf = folder.path(file + ".pbf")
            _ = try Tool.run("/usr/bin/osmium", ["cat", "-O", "-o", pbf, path])
            let report = try RoadFileImport(registry: registry, actor: .commandLine("t")).run(path: path, crs: .wgs84, county: DivisionCode("379901"), source: nil)
            let pbfReport = try RoadFileImport(registry: pbfRegistry, actor: .commandLine("t")).run(path: pbf, crs: .wgs84, county: DivisionCode("379901"), source: nil)
            #expect(pbfReport.format == "pbf")
            let classes = RoadClassification().roadClasses
            let roadClasses = expected.filter { classes.contains($0.key.hasSuffix("_link") ? String($0.key.dropLast(5)) : $0.key) }
            #expect(roadClasses.count >= 5)
            #expect(Set(report.byClass.keys) == Set(roadClasses.keys))
            #expect(Set(pbfReport.byClass.keys) == Set(roadClasses.keys))
            #expect(pbfReport.features == report.features && pbfReport.segments == report.segments && pbfReport.skipped == report.skipped)
            for (roadClass, count) in roadClasses {
                for (format, counts) in [("xml", report), ("pbf", pbfReport)] {
                    #expect(counts.byClass[roadClass]?.segments == count.ways, "\(file) \(format) \(roadClass)")
                    #expect(counts.byClass[roadClass]?.unnamed == count.unnamed, "\(file) \(format) \(roadClass) unnamed")
                }
            }
        }
    }
}

import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing

/// Issue 18, item 8: POI import is linear in the rows (duplicates found through a grid, not by
/// comparing every pair).
@Suite("Linear imports")
struct LinearImportTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path
    static let county = DivisionCode("379901")!

    @Test("4,000 POIs import in under 5 seconds, duplicates still found")
    func fourThousandPOIs() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            _ = try DemoRegistry(geoData: Self.geoData, actor: .commandLine("t"), open: SQLiteRegistry.opener).build(path: folder.path("d.sqlite"))
            let registry = try SQLiteRegistry(path: folder.path("d.sqlite"))
            var rows = ["名称,类别,经度,纬度"]
            for i in 0..<4_000 {
                // A grid of points about 300 m apart inside the demo county, every 100th one a near twin of the one before.
                let twin = i % 100 == 99
                let k = twin ? i - 1 : i
                let lon = 115.82 + Double(k % 80) * 0.0035 + (twin ? 0.0002 : 0), lat = 36.22 + Double(k / 80) * 0.0027
                rows.append("\(twin ? "李庄\(k)采摘园" : "李庄\(k)采摘园"),采摘园,\(String(format: "%.6f,%.6f", lon, lat))")
            }
            let path = try folder.write("pois.csv", rows.joined(separator: "\n") + "\n")
            let importer = POIImport(registry: registry, categories: try .load(geoData: Self.geoData), actor: .commandLine("t"))
            let start = Date()
            let report = try importer.run(path: path, county: Self.county)
            let seconds = Date().timeIntervalSince(start)
            #expect(report.imported == 4_000)
            #expect(report.possibleDuplicates == 40, "\(report)")
            #expect(seconds < 5, "4,000 POIs took \(seconds) s")
            print("4,000 POIs imported in \(String(format: "%.2f", seconds)) s")
        }
    }
}

import DimingCore
import DimingKit
import DimingStore
import Foundation
import GeoFormats
import TestSupport
import Testing

@Suite("Boundaries and locate", .enabled(if: SharedData.available, "needs ../shared/data"))
struct LocateTests {
    static let boundaryFile = SharedData.path("boundaries/vonng_fences_shandong_2018_gcj02.geojson")

    @Test("115.98 36.45 is in 东昌府区; points near borders land in the right county although the file is GCJ-02")
    func locate() throws {
        let folder = try TemporaryDirectory()
        try withExtendedLifetime(folder) {
            let registry = try SQLiteRegistry(path: folder.path("r.sqlite"))
            // Boundaries attach to divisions the registry has (issue 18): the 2016 table may lack a few 2018 codes.
            _ = try DivisionImport(registry: registry, actor: .commandLine("test")).run(path: SharedData.path("admin/shandong_5level_2016_vonng_adcode.csv"))
            let report = try BoundaryImport(registry: registry, actor: .commandLine("test")).run(path: Self.boundaryFile, crs: .gcj02, skipUnknown: true)
            #expect(report.boundaries + report.skippedUnknown == 154 && report.boundaries > 140, "\(report)")
            let queries = DivisionQueries(registry: registry)
            let answer = try queries.locate(Coordinate(lon: 115.98, lat: 36.45))
            #expect(answer.adcode == "371502" && answer.name == "东昌府区")
            #expect(answer.chain.map(\.name) == ["山东省", "聊城市", "东昌府区"])

            // Independent check: convert the point to GCJ-02 and test it against the raw polygons.
            let raw = try GeoJSONReader.read(path: Self.boundaryFile, crs: .wgs84).compactMap { feature -> (String, MultiPolygon)? in
                guard feature.properties["level"] == "county", case let .multiPolygon(area)? = feature.geometry.map(Self.multi) else { return nil }
                return (feature.properties["adcode"]!, area)
            }
            let countiesInTable = Set(try String(contentsOfFile: SharedData.path("admin/shandong_5level_2016_vonng_adcode.csv"), encoding: .utf8)
                .split(whereSeparator: \.isNewline).map { String($0.prefix(6)) })
            func county(_ point: Coordinate) -> String? { raw.first { $0.1.contains(point) }?.0 }
            var nearBorder = 0
            for i in 0..<40 {
                for j in 0..<40 {
                    let point = Coordinate(lon: 115.5 + Double(i) * 0.025, lat: 36.0 + Double(j) * 0.025)
                    guard let truth = county(ChinaOffset.wgs84ToGcj02(point)), let naive = county(point), truth != naive, countiesInTable.contains(truth) else { continue }
                    nearBorder += 1
                    #expect(try queries.locate(point).adcode == truth, "\(point)")
                }
            }
            #expect(nearBorder >= 5, "the grid must cross county borders")
        }
    }

    static func multi(_ geometry: GeoJSONGeometry) -> GeoJSONGeometry {
        if case let .polygon(polygon) = geometry { return .multiPolygon(MultiPolygon([polygon])) }
        return geometry
    }
}

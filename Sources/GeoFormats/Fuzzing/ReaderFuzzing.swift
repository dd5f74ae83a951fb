import DimingCore
import Foundation

/// One entry per reader for fuzzing (Sources/DimingFuzz, Scripts/fuzz.sh) and for replaying the
/// corpus and every crash found as regression tests (Tests/GeoFormatsTests/FuzzCorpusTests).
/// A reader may refuse any input with an ``InputError``; anything else — a crash, a trap, another
/// error — is a finding.
public enum ReaderFuzzing {
    public enum Target: String, CaseIterable, Sendable {
        case osm, geojson, kml, kmz, gpx, csv, divisions
    }

    /// Limits small enough that a fuzzer explores them instead of allocating to them.
    public static let limits: InputLimits = {
        var limits = InputLimits()
        limits.maxStringBytes = 1 << 16
        limits.maxFeatureBytes = 1 << 20
        limits.maxLineBytes = 1 << 16
        limits.maxTableBytes = 1 << 20
        limits.maxInflatedBytes = 8 << 20
        limits.ratioGrace = 1 << 20
        return limits
    }()

    /// Feeds `data` to the reader of `target`; returns the error it refused the input with, if any.
    @discardableResult
    public static func run(_ target: Target, _ data: Data) throws -> InputError? {
        do {
            switch target {
            case .osm:
                try OSMRoadReader(path: "fuzz.osm", crs: .gcj02, limits: limits, skipFailures: data.count % 2 == 0).read(data: data) { _ in }
            case .geojson:
                try GeoJSONReader.forEach(data: data, name: "fuzz.geojson", crs: .bd09, limits: limits) { feature in
                    _ = try GeoJSONReader.roadFeature(feature, path: "fuzz.geojson")
                }
            case .kml, .kmz:
                let reader = KMLReader(path: "fuzz.kml", limits: limits)
                try reader.read(data: data, zipped: target == .kmz)
            case .gpx:
                try GPXReader(path: "fuzz.gpx", limits: limits).read(data: data)
            case .csv:
                let table = try CSVTable(data: data, name: "fuzz.csv", limits: limits)
                while let row = try table.next() {
                    for column in table.header { _ = row[column].map { FieldText.problem($0) } }
                }
            case .divisions:
                _ = try DivisionTableReader.read(table: CSVTable(data: data, name: "fuzz.csv", limits: limits))
            }
            return nil
        } catch let error as InputError {
            return error
        }
    }
}

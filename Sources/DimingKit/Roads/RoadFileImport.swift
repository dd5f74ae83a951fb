import DimingCore
import Foundation
import GeoFormats

/// `roads import FILE`: reads any supported road file and imports it as one source.
public struct RoadFileImport {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var classification: RoadClassification
    public var progress: ProgressReporter

    public init(registry: any RegistryStore, actor: UserAccount, classification: RoadClassification = RoadClassification(), progress: ProgressReporter = .silent) {
        self.registry = registry
        self.actor = actor
        self.classification = classification
        self.progress = progress
    }

    /// Imports `path` (CRS `crs`) under `source` (default `file:NAME`), minting ids in `county` or
    /// in the county whose boundary holds each road.
    /// With `skipFailures`, OSM ways that refer to nodes the file lacks are clipped to the part that is
    /// there and counted, instead of failing the import.
    public func run(path: String, crs: CoordinateSystem, county: DivisionCode?, source: String?, replace: Bool = false,
                    skipFailures: Bool = false) throws -> RoadImportReport {
        let read = try RoadSource.read(path: path, crs: crs, classKeys: Set(classification.classKeys), skipFailures: skipFailures) {
            progress.bytes($0, of: $1, records: $2)
        }
        progress.done()
        var classification = self.classification
        if read.format == .kml || read.format == .kmz || read.format == .gpx, classification.defaultClass == nil {
            classification.defaultClass = "road" // survey tracks and placemarks carry no road class
        }
        let label = source ?? "file:" + URL(fileURLWithPath: path).lastPathComponent
        var report = try RoadImport(registry: registry, actor: actor, classification: classification)
            .run(features: read.features, file: path, source: label, county: county, replace: replace)
        report.format = read.format.rawValue
        report.features = read.records
        for (reason, count) in read.skipped { report.skipped[reason, default: 0] += count }
        return report
    }
}

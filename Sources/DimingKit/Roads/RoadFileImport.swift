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
    /// there and counted, instead of failing the import. The file is read as a stream inside the import,
    /// whose segments are written in batches: memory holds one batch, not the file's roads.
    public func run(path: String, crs: CoordinateSystem, county: DivisionCode?, source: String?, replace: Bool = false,
                    skipFailures: Bool = false) throws -> RoadImportReport {
        let format = try RoadSource.format(of: path)
        var classification = self.classification
        if format == .kml || format == .kmz || format == .gpx, classification.defaultClass == nil {
            classification.defaultClass = "road" // survey tracks and placemarks carry no road class
        }
        let label = source ?? "file:" + URL(fileURLWithPath: path).lastPathComponent
        var summary = RoadSource.Summary(format: format)
        var report = try RoadImport(registry: registry, actor: actor, classification: classification)
            .run(file: path, source: label, county: county, replace: replace) { each in
                summary = try withoutActuallyEscaping(each) { each in
                    try RoadSource.forEach(path: path, crs: crs, classKeys: Set(classification.classKeys), skipFailures: skipFailures,
                                           progress: { progress.bytes($0, of: $1, records: $2) }, each: each)
                }
                progress.done()
            }
        report.format = summary.format.rawValue
        report.features = summary.records
        for (reason, count) in summary.skipped { report.skipped[reason, default: 0] += count }
        return report
    }
}

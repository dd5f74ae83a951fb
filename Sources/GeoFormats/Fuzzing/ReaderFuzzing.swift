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
                try osmOnOneAndTwoThreads(data)
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

    /// Reads OSM XML on one thread, then with the parse on a thread of its own (``OSMWayPipe``), then
    /// from a file parsed in two parts at once (``OSMFileSplit``), and traps if the reads differ in
    /// anything (features, order, statistics, error): a finding.
    /// Throws the one-thread read's error.
    static func osmOnOneAndTwoThreads(_ data: Data) throws {
        func read(pipelined: Bool, splitFraction: Double = 0, path: String? = nil) -> (features: [String], statistics: String, error: InputError?) {
            let reader = OSMRoadReader(path: path ?? "fuzz.osm", crs: .gcj02, limits: limits, skipFailures: data.count % 2 == 0, pipelined: pipelined,
                                       splitFraction: splitFraction)
            var features: [String] = []
            var failure: InputError?
            let each: (RoadFeature) throws -> Void = { features.append("\($0.location) \($0.sourceRef) \($0.tags.sorted { $0.key < $1.key }) \($0.lines) \(String(describing: $0.osm.map { ($0.way, $0.version, $0.nodes, $0.nodeVersions, $0.tags.sorted { $0.key < $1.key }) }))") }
            do {
                if path != nil { try reader.read(each: each) } else { try reader.read(data: data, each: each) }
            } catch let error as InputError {
                failure = error
            } catch {
                fatalError("the OSM reader threw something other than an InputError: \(error)")
            }
            let statistics = reader.statistics
            return (features, "\(statistics.nodes) \(statistics.ways) \(statistics.relations) \(statistics.skipped.sorted { $0.key < $1.key })", failure)
        }
        let serial = read(pipelined: false)
        let pipelined = read(pipelined: true)
        var reads = [("on two threads", pipelined)]
        // The same bytes from a file, parsed in two parts at once (cut near a third, half or two
        // thirds), when its prolog lets it be cut.
        if OSMFileSplit.rootStartTagEnd(in: Array(data.prefix(1 << 16))) != nil {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("diming-fuzz-\(getpid()).osm").path
            FileManager.default.createFile(atPath: file, contents: data)
            defer { try? FileManager.default.removeItem(atPath: file) }
            reads.append(("in two parts", read(pipelined: true, splitFraction: [0.3, 0.5, 0.7][data.count % 3], path: file)))
        }
        // Errors name the file they were read from: compared without it.
        func unnamed(_ error: InputError?) -> InputError? { error.map { InputError(line: $0.line, column: $0.column, field: $0.field, $0.message) } }
        for (name, other) in reads {
            guard other.features != serial.features || unnamed(other.error) != unnamed(serial.error)
                || (serial.error == nil && other.statistics != serial.statistics) else { continue }
            fatalError("the OSM read \(name) differs from the one on one thread: \(other.features.count) vs \(serial.features.count) features "
                + "(first difference: \(zip(other.features, serial.features).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "none")); "
                + "\(other.error.map(String.init(describing:)) ?? other.statistics) vs \(serial.error.map(String.init(describing:)) ?? serial.statistics)")
        }
        if let error = serial.error { throw error }
    }
}

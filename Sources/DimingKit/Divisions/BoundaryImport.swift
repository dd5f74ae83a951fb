import DimingCore
import Foundation
import GeoFormats

/// What a boundary import did.
public struct BoundaryImportReport: Codable, Sendable {
    public var file: String
    public var crs: String
    public var boundaries: Int
    public var byLevel: [String: Int]
    /// Boundaries whose division is in the registry.
    public var matchedDivisions: Int
    /// Features for divisions the registry does not have, left out (only with `skipUnknown`).
    public var skippedUnknown: Int = 0
    /// Divisions whose earlier boundary this import replaced (only with `replace`).
    public var replaced: [String] = []
}

/// Attaches division boundaries from a GeoJSON file: one (Multi)Polygon feature per division with a
/// 6- or 12-digit `adcode` (or `code`) and a `name`. Coordinates are converted from `crs` to WGS-84
/// vertex by vertex. A division that already has a boundary keeps it unless `replace` is given: then
/// the import replaces it and its audit event lists every boundary it replaced.
///
/// The whole file is checked before anything is stored, and every problem is reported with its
/// feature and line: a missing or malformed code, a code listed twice, a name with control
/// characters or too long, a ring that crosses itself, a code the registry does not have (unless
/// `skipUnknown`: then such features are counted and left out), and a file with no boundaries.
public struct BoundaryImport {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var clock: any Clock

    public init(registry: any RegistryStore, actor: UserAccount, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
    }

    public func run(path: String, crs: CoordinateSystem, skipUnknown: Bool = false, replace: Bool = false) throws -> BoundaryImportReport {
        try Policy.require(actor, .importData, in: .registry)
        var boundaries: [(boundary: DivisionBoundary, line: Int?, index: Int)] = []
        var errors: [InputError] = []
        var firstIndex: [DivisionCode: Int] = [:]
        try GeoJSONReader.forEach(path: path, crs: crs) { feature in
            func fail(_ field: String, _ message: String) {
                errors.append(InputError(file: path, line: feature.line, field: "features[\(feature.index)].\(field)", message))
            }
            guard let codeText = feature.properties["adcode"] ?? feature.properties["code"] else { return fail("properties.adcode", "missing adcode") }
            guard let code = DivisionCode(codeText) else {
                return fail("properties.adcode", "'\(codeText.prefix(40))' is not a 6- or 12-digit division code")
            }
            if let earlier = firstIndex[code] { return fail("properties.adcode", "code \(code) appears twice (first in features[\(earlier)])") }
            firstIndex[code] = feature.index
            let name = feature.properties["name"] ?? code.rawValue
            if let problem = FieldText.problem(name) { return fail("properties.name", "the name \(problem)") }
            let area: MultiPolygon
            switch feature.geometry {
            case let .polygon(polygon)?: area = MultiPolygon([polygon])
            case let .multiPolygon(multi)?: area = multi
            default: return fail("geometry", "a boundary must be a Polygon or MultiPolygon")
            }
            for (p, polygon) in area.polygons.enumerated() {
                for (r, ring) in ([polygon.outer] + polygon.holes).enumerated() {
                    if let crossing = RingSimplicity.crossing(in: ring) {
                        return fail("geometry", String(format: "ring %d of polygon %d crosses itself near %.6f, %.6f (edges from vertex %d and %d)",
                                                       r + 1, p + 1, crossing.at.lon, crossing.at.lat, crossing.first + 1, crossing.second + 1))
                    }
                }
            }
            boundaries.append((DivisionBoundary(code: code, name: name, level: code.structuralLevel, area: area), feature.line, feature.index))
        }
        guard errors.isEmpty else { throw InputErrors(Array(errors.prefix(50)), total: errors.count) }
        guard !boundaries.isEmpty else { throw InputError(file: path, "no boundaries in the file; nothing was changed") }
        let now = clock.now()
        return try registry.write { db in
            var unknown: [InputError] = []
            var known: [DivisionBoundary] = []
            for (boundary, line, index) in boundaries {
                if try db.divisions.exists(code: boundary.code) {
                    known.append(boundary)
                } else {
                    unknown.append(InputError(file: path, line: line, field: "features[\(index)].properties.adcode",
                                              "division \(boundary.code) (\(boundary.name)) is not in the registry (import divisions first, or pass --skip-failures)"))
                }
            }
            if !unknown.isEmpty && !skipUnknown { throw InputErrors(Array(unknown.prefix(50)), total: unknown.count) }
            guard !known.isEmpty else { throw InputError(file: path, "none of the file's \(boundaries.count) boundaries is for a division in the registry; nothing was changed") }
            var report = BoundaryImportReport(file: path, crs: crs.rawValue, boundaries: known.count, byLevel: [:], matchedDivisions: 0,
                                              skippedUnknown: unknown.count)
            var existing: [InputError] = []
            for (boundary, line, index) in boundaries where try db.boundaries.find(code: boundary.code) != nil {
                guard replace else {
                    existing.append(InputError(file: path, line: line, field: "features[\(index)].properties.adcode",
                                               "division \(boundary.code) (\(boundary.name)) already has a boundary: pass --replace to replace it"))
                    continue
                }
                report.replaced.append(boundary.code.rawValue)
            }
            if !existing.isEmpty { throw InputErrors(Array(existing.prefix(50)), total: existing.count) }
            for boundary in known {
                try db.boundaries.replace(boundary, source: URL(fileURLWithPath: path).lastPathComponent)
                report.byLevel[boundary.level.name, default: 0] += 1
                if try db.divisions.exists(code: boundary.code) { report.matchedDivisions += 1 }
            }
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .boundariesImported, entityKind: "file",
                                               entityID: path, after: JSON.string(report)))
            return report
        }
    }
}

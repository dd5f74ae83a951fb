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
}

/// Attaches division boundaries from a GeoJSON file: one (Multi)Polygon feature per division with a
/// 6- or 12-digit `adcode` (or `code`) and a `name`. Coordinates are converted from `crs` to WGS-84
/// vertex by vertex. A re-import replaces the boundaries it lists.
public struct BoundaryImport {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var clock: any Clock

    public init(registry: any RegistryStore, actor: UserAccount, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
    }

    public func run(path: String, crs: CoordinateSystem) throws -> BoundaryImportReport {
        try Policy.require(actor, .importData, in: .registry)
        let features = try GeoJSONReader.read(path: path, crs: crs)
        var boundaries: [DivisionBoundary] = []
        for feature in features {
            let field = "features[\(feature.index)].properties"
            guard let codeText = feature.properties["adcode"] ?? feature.properties["code"] else {
                throw InputError(file: path, field: field + ".adcode", "missing adcode")
            }
            guard let code = DivisionCode(codeText) else {
                throw InputError(file: path, field: field + ".adcode", "'\(codeText)' is not a 6- or 12-digit division code")
            }
            let area: MultiPolygon
            switch feature.geometry {
            case let .polygon(polygon)?: area = MultiPolygon([polygon])
            case let .multiPolygon(multi)?: area = multi
            default: throw InputError(file: path, field: "features[\(feature.index)].geometry", "a boundary must be a Polygon or MultiPolygon")
            }
            boundaries.append(DivisionBoundary(code: code, name: feature.properties["name"] ?? code.rawValue,
                                             level: code.structuralLevel, area: area))
        }
        let now = clock.now()
        return try registry.write { db in
            var report = BoundaryImportReport(file: path, crs: crs.rawValue, boundaries: boundaries.count, byLevel: [:], matchedDivisions: 0)
            for boundary in boundaries {
                try db.boundaries.replace(boundary, source: URL(fileURLWithPath: path).lastPathComponent)
                report.byLevel[boundary.level.name, default: 0] += 1
                if try db.divisions.exists(code: boundary.code) { report.matchedDivisions += 1 }
            }
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: "boundaries.imported", entityKind: "file",
                                               entityID: path, after: JSON.string(report)))
            return report
        }
    }
}

import DimingCore
import Foundation
import GeoFormats

/// What a division import did.
public struct DivisionImportReport: Codable, Sendable {
    public var file: String
    public var rows: Int
    public var added: Int
    public var changed: Int
    public var unchanged: Int
    /// Divisions in the registry that the file does not list (kept: codes are never reused).
    public var notInFile: Int
    /// Rows of the file by level.
    public var byLevel: [String: Int]
    /// Points converted from the file's coordinate system.
    public var pointsConverted: Int
    public var pointCRS: String?
    /// The first changes, for the summary.
    public var changes: [DivisionChange]

    public var hasChanges: Bool { added + changed > 0 }
}

/// One division whose record an import changed.
public struct DivisionChange: Codable, Sendable {
    public var code: String
    /// Which fields changed: name, level, parent, urbanRuralCode, point.
    public var fields: [String]
    public var before: Division
    public var after: Division

    init(before: Division, after: Division) {
        code = before.code.rawValue
        var fields: [String] = []
        if before.name != after.name { fields.append("name") }
        if before.level != after.level { fields.append("level") }
        if before.parentCode != after.parentCode { fields.append("parent") }
        if before.urbanRuralCode != after.urbanRuralCode { fields.append("urbanRuralCode") }
        if !DivisionImport.samePoint(before.point, after.point) { fields.append("point") }
        self.fields = fields
        self.before = before
        self.after = after
    }
}

/// Imports a division table in one transaction: the whole file is checked first, then new divisions
/// are added and changed ones updated, each change recorded in the audit trail. Re-importing the
/// same file changes nothing. Fields a file leaves empty (points, 城乡分类代码) keep their stored values.
public struct DivisionImport {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var clock: any Clock
    public var progress: ProgressReporter

    public init(registry: any RegistryStore, actor: UserAccount, clock: any Clock = SystemClock(), progress: ProgressReporter = .silent) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
        self.progress = progress
    }

    public func run(path: String, crs: CoordinateSystem = .wgs84) throws -> DivisionImportReport {
        try Policy.require(actor, .importData, in: .registry)
        progress.phase("reading \(path)")
        let (rows, pointCRS) = try DivisionTableReader.read(path: path, crs: crs)
        guard !rows.isEmpty else { throw InputError(file: path, "the table has no rows; nothing was changed") }
        let now = clock.now()
        return try registry.write { db in
            let existing = try db.divisions.all()
            let divisions = try DivisionTableCheck(file: path).divisions(from: rows) { existing[$0] != nil }
            var report = DivisionImportReport(
                file: path, rows: rows.count, added: 0, changed: 0, unchanged: 0, notInFile: 0, byLevel: [:],
                pointsConverted: pointCRS == nil || pointCRS == .wgs84 ? 0 : divisions.filter { $0.point != nil }.count,
                pointCRS: pointCRS?.rawValue, changes: [])
            var writes: [Division] = []
            for (index, incoming) in divisions.enumerated() {
                report.byLevel[incoming.level.name, default: 0] += 1
                progress.step(index + 1, of: divisions.count)
                guard let old = existing[incoming.code] else {
                    report.added += 1
                    writes.append(incoming)
                    continue
                }
                var merged = incoming
                merged.point = incoming.point ?? old.point
                merged.urbanRuralCode = incoming.urbanRuralCode ?? old.urbanRuralCode
                if Self.same(old, merged) {
                    report.unchanged += 1
                    continue
                }
                report.changed += 1
                writes.append(merged)
                if report.changes.count < 100 {
                    report.changes.append(DivisionChange(before: old, after: merged))
                }
                try db.audit.append(AuditEvent(
                    at: now, actor: actor.username, action: old.name == merged.name ? .divisionChanged : .divisionRenamed,
                    entityKind: "division", entityID: old.code.rawValue,
                    before: JSON.string(old), after: JSON.string(merged), document: path))
            }
            let listed = Set(divisions.map(\.code))
            report.notInFile = existing.keys.filter { !listed.contains($0) }.count
            progress.phase("writing \(writes.count) divisions")
            try db.divisions.upsert(writes, source: URL(fileURLWithPath: path).lastPathComponent, at: now)
            if report.hasChanges {
                try db.audit.append(AuditEvent(
                    at: now, actor: actor.username, action: .divisionsImported, entityKind: "file", entityID: path,
                    after: JSON.string(["added": report.added, "changed": report.changed, "rows": report.rows])))
            }
            progress.done()
            Log.imports.info("divisions imported", metadata: ["file": "\(path)", "added": "\(report.added)", "changed": "\(report.changed)"])
            return report
        }
    }

    static func same(_ a: Division, _ b: Division) -> Bool {
        a.name == b.name && a.level == b.level && a.parentCode == b.parentCode && a.urbanRuralCode == b.urbanRuralCode
            && samePoint(a.point, b.point)
    }

    static func samePoint(_ a: Coordinate?, _ b: Coordinate?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (p?, q?): return abs(p.lon - q.lon) < 1e-9 && abs(p.lat - q.lat) < 1e-9
        default: return false
        }
    }
}

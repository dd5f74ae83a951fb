import DimingCore
import Foundation
import GeoFormats

/// What the demo loaded.
public struct DemoReport: Codable, Sendable {
    public var registry: String
    public var divisions: DivisionImportReport
    public var boundaries: BoundaryImportReport
    public var roads: RoadImportReport
    public var survey: [SurveyReport]
    /// The unnamed-road backlog per town.
    public var backlog: [TownBacklog]
    /// A few unnamed roads to look at.
    public var examples: [RoadSummary]
    /// Demo accounts for the web registry (all with the password ``DemoRegistry/password``).
    public var accounts: [UserAccount]
}

/// Builds a fresh registry from the demo county in `GeoData/demo` (made by ``SyntheticRegion``).
public struct DemoRegistry {
    public static let settingKey = "demo"
    /// The password of the demo accounts (a demo registry only).
    public static let password = "diming-demo"

    public var geoData: String
    public var actor: UserAccount
    /// Opens the registry file the demo is built in.
    public var open: RegistryOpener

    public init(geoData: String, actor: UserAccount, open: @escaping RegistryOpener) {
        self.geoData = geoData
        self.actor = actor
        self.open = open
    }

    /// Whether the file at `path` is absent, empty, or an earlier demo (safe to replace).
    public static func canReplace(path: String, open: RegistryOpener) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return true }
        let registry = try open(path)
        return try registry.read { db in
            try db.settings.get(settingKey) == "yes" || db.divisions.count() == 0
        }
    }

    /// Deletes the registry at `path` (with its WAL files and its sessions beside it) and builds the demo there.
    public func build(path: String) throws -> DemoReport {
        let directory = geoData + "/demo/"
        for suffix in ["", "-wal", "-shm", ".sessions", ".sessions-wal", ".sessions-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
        let registry = try open(path)
        try registry.write { db in
            try db.settings.set(Self.settingKey, "yes")
            try db.audit.append(AuditEvent(at: Date(), actor: actor.username, action: .settingsDemo, entityKind: "registry", entityID: path,
                                           after: JSON.string([Self.settingKey: "yes"])))
        }
        let divisions = try DivisionImport(registry: registry, actor: actor).run(path: directory + SyntheticRegionFiles.divisionsFile)
        let boundaries = try BoundaryImport(registry: registry, actor: actor).run(path: directory + SyntheticRegionFiles.boundariesFile, crs: .wgs84)
        let roadsPath = directory + SyntheticRegionFiles.roadsFile
        let roads = try RoadImport(registry: registry, actor: actor).run(
            features: GeoJSONReader.roadFeatures(path: roadsPath, crs: .wgs84), file: roadsPath, source: "demo:roads", county: nil)
        let survey = try SurveyRun(registry: registry, actor: actor).run(county: nil)
        let towns = try DivisionQueries(registry: registry).list(parent: nil, level: .town)
        var accounts: [UserAccount] = []
        if let county = towns.first?.parentCode, towns.count >= 2 {
            accounts = [UserAccount(username: "clerk", displayName: "\(towns[0].name)经办人", role: .clerk, countyCode: county, townCode: towns[0].code),
                        UserAccount(username: "clerk2", displayName: "\(towns[1].name)经办人", role: .clerk, countyCode: county, townCode: towns[1].code),
                        UserAccount(username: "reviewer", displayName: "县民政局审核人", role: .reviewer, countyCode: county, townCode: nil),
                        UserAccount(username: "admin", displayName: "管理员", role: .admin, countyCode: county, townCode: nil)]
            // The demo's password is public anyway: a light hash keeps the demo quick.
            for account in accounts { try Accounts(registry: registry).add(account, password: Self.password, actor: actor, hashIterations: 2_000) }
        }
        let queries = RoadQueries(registry: registry, actor: actor)
        return DemoReport(registry: path, divisions: divisions, boundaries: boundaries, roads: roads, survey: survey,
                          backlog: try queries.backlog(county: nil),
                          examples: Array(try queries.list(RoadFilter(unnamedOnly: true)).prefix(3)), accounts: accounts)
    }
}

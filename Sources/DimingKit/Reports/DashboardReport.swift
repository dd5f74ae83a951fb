import DimingCore
import Foundation

/// One town's progress (乡镇进度), counted by road: surveyed, unnamed, in the procedure, standard, signed.
public struct TownProgress: Codable, Sendable {
    public var townCode: String?
    public var townName: String
    public var roads: Int
    public var unnamed: Int
    public var inProcedure: Int
    public var standard: Int
    public var signed: Int
    /// Filings and announcements overdue or done late (逾期, a breach under Art. 35).
    public var late: Int = 0
}

/// The dashboard's figures (工作概况) for the actor's county (every county for a registry administrator).
public struct DashboardReport: Codable, Sendable {
    public var county: String
    public var towns: [TownProgress]

    public static func load(_ registry: any RegistryStore, actor: UserAccount, today: Date = Date()) throws -> DashboardReport {
        try Policy.require(actor, .viewRegistry, in: actor.ownScope)
        let county = actor.countyCode
        let backlog = try RoadQueries(registry: registry, actor: actor).backlog(county: county)
        let coverage = Dictionary(try SignCoverage(registry: registry, actor: actor).report(county: county).map { ($0.townCode, $0) }, uniquingKeysWith: { a, _ in a })
        let queries = CaseQueries(registry: registry, actor: actor)
        let cases = Dictionary(grouping: try queries.list(), by: { $0.townCode?.rawValue })
        let lateCases = Set(try queries.due(today: today, within: nil, overdueOnly: true).map(\.caseID))
        let name = try registry.read { db in
            try county.flatMap { try db.divisions.find(code: $0) }?.name ?? db.divisions.list(parent: nil, level: .county).first?.name
        } ?? ""
        return DashboardReport(county: name, towns: backlog.map { town in
            let townCases = cases[town.townCode] ?? []
            return TownProgress(townCode: town.townCode, townName: town.townName, roads: town.roads, unnamed: town.unnamedRoads,
                                inProcedure: townCases.filter { !$0.state.isFinal }.count, standard: townCases.filter { $0.state == .standard }.count,
                                signed: coverage[town.townCode]?.signedRoads ?? 0,
                                late: townCases.filter { lateCases.contains($0.id.description) }.count)
        })
    }
}

import DimingCore

/// A division with its parent chain and how many children it has.
public struct DivisionDetail: Codable, Sendable {
    public var code: DivisionCode
    public var name: String
    public var level: DivisionLevel
    public var parentCode: DivisionCode?
    public var urbanRuralCode: String?
    public var point: Coordinate?
    /// Parent first, province last.
    public var parents: [Division]
    public var childCount: Int
    public var hasBoundary: Bool

    init(_ division: Division, parents: [Division], childCount: Int, hasBoundary: Bool) {
        code = division.code
        name = division.name
        level = division.level
        parentCode = division.parentCode
        urbanRuralCode = division.urbanRuralCode
        point = division.point
        self.parents = parents
        self.childCount = childCount
        self.hasBoundary = hasBoundary
    }
}

/// The answer to "which division contains this point".
public struct LocateAnswer: Codable, Sendable {
    /// The point asked about, WGS-84.
    public var point: Coordinate
    /// The most specific boundary containing it (a county where boundaries go that deep).
    public var code: String?
    /// Its 6-digit GB/T 2260 code.
    public var adcode: String?
    public var name: String?
    public var level: DivisionLevel?
    /// Every boundary containing it, broadest first (province, city, county).
    public var chain: [LocatedBoundary]
    /// The registry's record of the most specific division, if the registry has it.
    public var division: Division?
}

public struct LocatedBoundary: Codable, Sendable {
    public var code: String
    public var name: String
    public var level: DivisionLevel
}

/// Read-only questions about divisions.
public struct DivisionQueries: Sendable {
    public var registry: any RegistryStore

    public init(registry: any RegistryStore) {
        self.registry = registry
    }

    public func show(_ code: DivisionCode) throws -> DivisionDetail {
        try registry.read { db in
            guard let division = try db.divisions.find(code: code) else {
                throw RegistryError.notFound(kind: "division", key: code.rawValue)
            }
            return DivisionDetail(division, parents: try db.divisions.ancestors(of: division),
                                  childCount: try db.divisions.childCount(of: code),
                                  hasBoundary: try db.boundaries.find(code: code) != nil)
        }
    }

    /// The actor's county name and the towns they work in (a clerk: their own), for filters.
    public func towns(of actor: UserAccount) throws -> (county: String, towns: [Division]) {
        try registry.read { db in
            guard let county = actor.countyCode else { return ("", try db.divisions.list(parent: nil, level: .town)) }
            let towns = try db.divisions.list(within: county, level: .town).filter { actor.role != .clerk || $0.code == actor.townCode }
            return (try db.divisions.find(code: county)?.name ?? "", towns)
        }
    }

    public func list(parent: DivisionCode?, level: DivisionLevel?) throws -> [Division] {
        try registry.read { db in try db.divisions.list(parent: parent, level: level) }
    }

    /// Which boundaries contain the WGS-84 point: R*Tree candidates, then exact point-in-polygon.
    public func locate(_ point: Coordinate) throws -> LocateAnswer {
        try registry.read { db in
            let hits = try db.boundaries.candidates(containing: point)
                .filter { $0.area.contains(point) }
                .sorted { ($0.level, $0.code) < ($1.level, $1.code) }
            let deepest = hits.last
            return LocateAnswer(
                point: point, code: deepest?.code.rawValue, adcode: deepest?.code.countyPart, name: deepest?.name, level: deepest?.level,
                chain: hits.map { LocatedBoundary(code: $0.code.rawValue, name: $0.name, level: $0.level) },
                division: try deepest.flatMap { try db.divisions.find(code: $0.code) })
        }
    }
}

import DimingCore
import Foundation

/// Sign coverage of one town: standard names without signs, signs missing or damaged, and
/// signs still showing a name the road no longer has.
public struct TownSignCoverage: Codable, Sendable {
    public struct Problem: Codable, Sendable {
        public var road: String
        public var name: String
        public var sign: String?
        public var detail: String
    }

    public var townCode: String?
    public var townName: String
    public var standardRoads: Int
    public var signedRoads: Int
    public var unsigned: [Problem]
    public var damagedOrMissing: [Problem]
    public var outdated: [Problem]
}

/// The coverage report per town (`signs coverage`), in a county the actor may read (none given: theirs).
public struct SignCoverage: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount

    public init(registry: any RegistryStore, actor: UserAccount) {
        self.registry = registry
        self.actor = actor
    }

    public func report(county: DivisionCode?) throws -> [TownSignCoverage] {
        let county = try Policy.readableCounty(actor, asked: county)
        return try registry.read { db in
            let roads = try db.roads.list(RoadFilter(county: county.map { $0.ancestor(at: .county) }))
            let signs = Dictionary(grouping: try db.signs.list(county: county.map { $0.ancestor(at: .county) }), by: \.roadID)
            var towns: [String?: TownSignCoverage] = [:]
            for road in roads {
                let standard = try db.names.standardName(road: road.id)
                let roadSigns = signs[road.id] ?? []
                guard standard != nil || !roadSigns.isEmpty else { continue }
                let key = road.townCode?.rawValue
                if towns[key] == nil {
                    let name = try road.townCode.flatMap { try db.divisions.find(code: $0) }?.name ?? "（未定乡镇）"
                    towns[key] = TownSignCoverage(townCode: key, townName: name, standardRoads: 0, signedRoads: 0, unsigned: [], damagedOrMissing: [], outdated: [])
                }
                let current = standard?.text ?? road.name ?? ""
                if standard != nil {
                    towns[key]!.standardRoads += 1
                    if roadSigns.contains(where: { $0.status.isStanding && $0.text == current }) {
                        towns[key]!.signedRoads += 1
                    } else {
                        let planned = roadSigns.filter { $0.status == .planned || $0.status == .ordered }.count
                        towns[key]!.unsigned.append(.init(road: road.id.description, name: current, sign: nil,
                                                          detail: planned > 0 ? "\(planned) sign(s) planned or ordered, none installed" : "no sign"))
                    }
                }
                for sign in roadSigns {
                    if sign.status == .damaged || sign.status == .missing {
                        towns[key]!.damagedOrMissing.append(.init(road: road.id.description, name: sign.text, sign: sign.code, detail: sign.status.rawValue))
                    }
                    if sign.status.isStanding && sign.text != current {
                        towns[key]!.outdated.append(.init(road: road.id.description, name: sign.text, sign: sign.code,
                                                          detail: current.isEmpty ? "the name was retired" : "shows \(sign.text); the road is now \(current)"))
                    }
                }
            }
            return towns.values.sorted { ($0.townCode ?? "") < ($1.townCode ?? "") }
        }
    }
}

import DimingCore
import Foundation

/// The public page of a standard name (地名文化公开页), the page a villager reaches by scanning a
/// plate: no sign-in, and only what has been announced — the name, its pinyin and sign form, 含义,
/// 来历, 沿革 and former names, the approving body and date, the road on a map, the approved
/// places along it and its heritage protection. Nothing from a draft, a case still in procedure or
/// a private record (applicants, reasons, opinions, internal notes, the timeline) is read out; a
/// name that is only proposed or in procedure is "not found", exactly like a name that does not exist.
public struct PublicNamePage: Sendable {
    public var registry: any RegistryStore

    public init(registry: any RegistryStore) {
        self.registry = registry
    }

    public struct Page: Sendable {
        public var id: FeatureID
        public var text: String
        public var toned: String
        public var sign: String
        public var status: NameStatus
        public var county: String
        public var town: String?
        /// 起于…，止于…; length in metres; direction.
        public var location: String?
        public var length: Double?
        public var direction: String?
        public var meaning: String?
        public var origin: String?
        public var approval: String?
        public var announced: String?
        /// 沿革: every name the road has had, oldest first, with its years.
        public var history: [(text: String, id: FeatureID, span: String, status: NameStatus)]
        /// For a former or retired name: the road's current standard name.
        public var current: (text: String, id: FeatureID)?
        public var heritage: String?
        public var line: [Coordinate]
        public var pois: [(name: String, category: String, location: Coordinate)]
    }

    /// The page of `id`; not found unless the name is standard, former or retired.
    public func page(_ id: FeatureID, categories: POICategories) throws -> Page {
        try registry.read { db in
            guard id.kind == .name, let name = try db.names.find(id: id), POISubmission.isPublic(name.status) else {
                throw RegistryError.notFound(kind: "name", key: id.description)
            }
            let county = try db.divisions.find(code: name.countyCode.ancestor(at: .county))?.name ?? name.countyCode.countyPart
            let town = try name.townCode.flatMap { try db.divisions.find(code: $0)?.name }
            let road = try name.roadID.flatMap { try db.roads.find(id: $0) }
            // The case that gave this name, if it went through the procedure: only its announced facts.
            let cases = try name.roadID.map { try db.cases.list(road: $0) } ?? []
            let named = cases.last { $0.nameID == id && $0.approval != nil }
            var history: [(String, FeatureID, String, NameStatus)] = []
            var current: (String, FeatureID)?
            if let roadID = name.roadID {
                for entry in try db.names.history(road: roadID) where Self.publicStatus(entry.name.status) {
                    let from = entry.validFrom.map { DeadlineRules.dayString($0) } ?? "", to = entry.validTo.map { DeadlineRules.dayString($0) } ?? "至今"
                    history.append((entry.name.text, entry.name.id, from.isEmpty && to == "至今" ? "" : "\(from) — \(to)", entry.name.status))
                }
                if name.status != .standard, let standard = try db.names.standardName(road: roadID), standard.id != id { current = (standard.text, standard.id) }
            }
            let heritage = try HeritageList.protection(db, name: name.text, county: name.countyCode).map {
                "列入\($0.level.chinese)地名文化遗产保护名录（\(DeadlineRules.dayString($0.listedOn))）：\($0.reason)"
            }
            var pois: [(String, String, Coordinate)] = []
            if let road, !road.geometry.points.isEmpty {
                let projection = LocalProjection(origin: road.geometry.points[0])
                let names = Dictionary(categories.all.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
                for item in try db.pois.list(county: name.countyCode.ancestor(at: .county), status: .accepted)
                where projection.distance(from: item.poi.location, to: road.geometry) <= 300 {
                    pois.append((item.poi.name, names[item.poi.category] ?? item.poi.category, item.poi.location))
                }
            }
            return Page(id: id, text: name.text, toned: name.toned, sign: name.sign, status: name.status, county: county, town: town,
                        location: road.map { "起于\($0.start)，止于\($0.end)" }, length: road?.length, direction: road?.direction.rawValue,
                        meaning: named.map(\.meaning).flatMap { $0.isEmpty ? nil : $0 }, origin: named.map(\.origin).flatMap { $0.isEmpty ? nil : $0 },
                        approval: named?.approval.map { "\($0.authority) \($0.documentNumber)，\(DeadlineRules.dayString($0.date))" },
                        announced: named?.announcement.map { DeadlineRules.dayString($0.date) },
                        history: history, current: current, heritage: heritage, line: road?.geometry.points ?? [], pois: pois)
        }
    }

    static func publicStatus(_ status: NameStatus) -> Bool { POISubmission.isPublic(status) }
}

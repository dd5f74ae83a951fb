import DimingCore
import Foundation

/// One road of a document, gathered from the registry: the case, its names (the former one for a
/// 更名, the retired one for a 销名), where the road lies and what it is.
struct DocumentRow: Sendable {
    var namingCase: NamingCase
    /// The name the row is about: the new standard name, or for a 销名 the name retired.
    var name: String
    var toned: String
    /// 曾用名: the name a 更名 replaces.
    var former: String?
    var formerToned: String?
    var county: String
    var town: String
    /// 位置描述: 起于…，止于…, with the villages passed.
    var location: String
    var length: Double
    var width: Double?
    /// 县道 / 乡道 / 村道 …
    var nature: String
    var routeCode: String?
    var geometry: LineString?

    var kind: CaseKind { namingCase.kind }
    var division: String { county + town }
    var lengthText: String { String(format: "%.0f", length) }
    var widthText: String { width.map { String(format: "%g", $0) } ?? "" }

    static func load(_ db: any RegistryTransaction, _ c: NamingCase) throws -> DocumentRow {
        let county = try db.divisions.find(code: c.countyCode.ancestor(at: .county))?.name ?? c.countyCode.countyPart
        let town = try c.townCode.flatMap { try db.divisions.find(code: $0) }?.name ?? ""
        let new = try c.nameID.flatMap { try db.names.find(id: $0) }
        let old = try c.oldNameID.flatMap { try db.names.find(id: $0) }
        let road = try c.roadID.flatMap { try db.roads.find(id: $0) }
        let refs = try road.map { try db.segments.fetch(ids: $0.segments.map(\.segment)).compactMap(\.ref) } ?? []
        let routeCode = refs.first(where: RoadNature.isRouteCode)
        var location = c.facts.location
        if let villages = road?.villages.map(\.name), villages.count > 2, !location.contains("途经") {
            location += "，途经" + villages.dropFirst().dropLast().joined(separator: "、")
        }
        let retired = c.kind == .retirement
        return DocumentRow(
            namingCase: c, name: c.proposedName, toned: (retired ? old?.toned : new?.toned) ?? "",
            former: c.kind == .renaming ? old?.text : nil, formerToned: c.kind == .renaming ? old?.toned : nil,
            county: county, town: town, location: location, length: c.facts.length, width: c.facts.width,
            nature: RoadNature.chinese(routeCode: routeCode, roadClass: c.facts.nature ?? road?.roadClass), routeCode: routeCode,
            geometry: road?.geometry)
    }
}

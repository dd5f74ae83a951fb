import DimingCore
import DimingKit
import Foundation
import Hummingbird

/// The backlog (无名路清单) and the case list (命名案卷), paged, filtered, searchable and exportable.
extension WebPages {
    func registerLists(on router: Router<AppContext>) {
        @Sendable func backlog(_ request: Request, _ context: AppContext) async throws -> (ListQuery, [RoadSummary], [Division]) {
            let user = try context.requireUser()
            let filter = RoadFilter(county: user.countyCode, town: user.role == .clerk ? user.townCode : nil, unnamedOnly: true)
            let (roads, towns) = try await services.cached("backlog|" + user.scopeKey) {
                (try services.roads(user).list(filter), try DivisionQueries(registry: services.registry).towns(of: user).towns)
            }
            let query = ListQuery(request)
            let minLength = query["min"].flatMap(Double.init)
            let readings = services.resources.romanizer.dictionary
            let shown = roads.filter { road in
                (query["town"].map { road.townCode == $0 } ?? true) && (query["class"].map { road.roadClass == $0 } ?? true)
                    && (minLength.map { road.length >= $0 } ?? true)
                    && query.matches([road.workingName ?? "", road.id, road.start, road.end] + road.villages, readings: readings)
            }
            return (query, shown, towns)
        }
        router.get("/backlog") { request, context in
            guard let user = context.user else { return Self.redirect(Self.signInLocation(for: request)) }
            return try await cachedPage("backlog", title: "无名路", key: "backlog|\(user.scopeKey)|\(request.uri.query ?? "")", request: context) {
                let (query, roads, towns) = try await backlog(request, context)
                let (rows, paging) = query.paged(roads, path: "/backlog")
                let classes = Set(roads.map(\.roadClass)).union(query["class"].map { [$0] } ?? []).sorted()
                var values = paging
                values["towns"] = query.options("town", towns.map { ($0.code.rawValue, $0.name) })
                values["classes"] = query.options("class", classes.map { ($0, RoadClassNames.chinese($0)) })
                values["min"] = query["min"] ?? ""
                values["roads"] = rows.map {
                    ["id": $0.id, "workingName": $0.workingName ?? "", "direction": $0.direction.rawValue, "length": String(format: "%.0f", $0.length),
                     "start": $0.start, "end": $0.end, "roadClass": RoadClassNames.chinese($0.roadClass)]
                }
                return values
            }
        }
        router.get("/backlog.xlsx") { request, context in
            let (_, roads, _) = try await backlog(request, context)
            return try ListQuery.xlsx("无名路清单.xlsx", sheet: "无名路", header: ["编号", "暂定名称", "道路等级", "走向", "长度（米）", "起点", "止点", "途经村庄"],
                                      rows: roads.map { [$0.id, $0.workingName ?? "", RoadClassNames.chinese($0.roadClass), $0.direction.rawValue,
                                                         String(format: "%.0f", $0.length), $0.start, $0.end, $0.villages.joined(separator: "、")] },
                                      numeric: [4])
        }

        @Sendable func cases(_ request: Request, _ context: AppContext) async throws -> (ListQuery, [NamingCase], [Division]) {
            let user = try context.requireUser()
            let (all, towns) = try await services.cached("cases|" + user.scopeKey) {
                (try services.caseQueries(user).list(), try DivisionQueries(registry: services.registry).towns(of: user).towns)
            }
            let query = ListQuery(request)
            let readings = services.resources.romanizer.dictionary
            let shown = all.filter { c in
                (query["town"].map { c.townCode?.rawValue == $0 } ?? true) && (query["state"].map { c.state.rawValue == $0 } ?? true)
                    && (query["kind"].map { c.kind.rawValue == $0 } ?? true)
                    && query.matches([c.proposedName, c.id.description, c.applicant, c.roadID?.description ?? ""], readings: readings)
            }
            return (query, shown.sorted { $0.id.description > $1.id.description }, towns)
        }
        router.get("/cases") { request, context in
            guard let user = context.user else { return Self.redirect(Self.signInLocation(for: request)) }
            return try await cachedPage("cases", title: "案卷", key: "cases|\(user.scopeKey)|\(request.uri.query ?? "")", request: context) {
                let (query, list, towns) = try await cases(request, context)
                let (rows, paging) = query.paged(list, path: "/cases")
                var values = paging
                values["towns"] = query.options("town", towns.map { ($0.code.rawValue, $0.name) })
                values["states"] = query.options("state", CaseState.allCases.map { ($0.rawValue, $0.chinese) })
                values["kinds"] = query.options("kind", CaseKind.allCases.map { ($0.rawValue, $0.chinese) })
                values["cases"] = rows.map {
                    ["id": $0.id.description, "name": $0.proposedName, "kind": $0.kind.chinese, "state": $0.state.chinese, "road": $0.roadID?.description ?? ""]
                }
                return values
            }
        }
        router.get("/cases.xlsx") { request, context in
            let (_, list, _) = try await cases(request, context)
            return try ListQuery.xlsx("命名案卷.xlsx", sheet: "案卷", header: ["编号", "拟定名称", "类型", "状态", "道路", "申请人", "含义", "批复文号", "批准日期"],
                                      rows: list.map { [$0.id.description, $0.proposedName, $0.kind.chinese, $0.state.chinese, $0.roadID?.description ?? "",
                                                        $0.applicant, $0.meaning, $0.approval?.documentNumber ?? "",
                                                        $0.approval.map { DeadlineRules.dayString($0.date) } ?? ""] },
                                      numeric: [])
        }
    }
}

/// Road classes in Chinese for lists and exports (the OSM value only where no Chinese one is known).
enum RoadClassNames {
    static let names = ["track": "机耕路", "unclassified": "村道", "residential": "街巷", "service": "辅路", "tertiary": "乡道", "secondary": "县道",
                        "primary": "省道", "trunk": "国道", "living_street": "生活街道", "path": "小路", "footway": "步行道"]
    static func chinese(_ value: String) -> String { names[value] ?? value }
}

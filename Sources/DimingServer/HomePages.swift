import DimingCore
import DimingKit
import Foundation
import Hummingbird

/// The home page (待办 with its clocks, then the county's figures) and the map.
extension WebPages {
    func registerHome(on router: Router<AppContext>) {
        router.get("/") { request, context in
            guard let user = context.user else { return Self.redirect(Self.signInLocation(for: request)) }
            let today = services.clock.now()
            let day = DeadlineRules.dayString(today)
            return try await cachedPage("home", title: "待办", key: "home|\(day)|" + user.scopeKey, request: context) {
                let (queue, overview) = try await blocking {
                    (try WorkQueueReport.load(services.registry, actor: user, today: today), try DashboardReport.load(services.registry, actor: user, today: today))
                }
                var values = overview.values
                values["today"] = day
                values["scope"] = user.role.chinese
                values["sections"] = queue.sections.map { section -> [String: Any] in
                    ["key": section.key, "title": section.title, "count": section.items.count, "empty": section.items.isEmpty,
                     "items": section.items.map(Self.workItem)]
                }
                return values
            }
        }
        router.get("/map") { request, context in
            guard let user = context.user else { return Self.redirect(Self.signInLocation(for: request)) }
            let (extent, towns) = try await services.cached("map-extent|" + user.scopeKey) {
                (try MapLayersReport.extent(services.registry, actor: user), try DivisionQueries(registry: services.registry).towns(of: user))
            }
            var values: [String: Any] = ["county": user.countyCode.map { _ in towns.county } ?? "全部",
                                         "towns": towns.towns.map { ["code": $0.code.rawValue, "name": $0.name] },
                                         "statuses": MapLayersReport.RoadStatus.allCases.map { ["value": $0.rawValue, "label": $0.chinese, "colour": Self.statusColours[$0]!] },
                                         "leaflet": true]
            if let extent { values["bbox"] = Self.bbox(extent) }
            if let tiles = try await tiandituTiles(county: user.countyCode) { values["tiles"] = tiles }
            return page("map", title: "地图", values, request: context)
        }
    }

    static let statusColours: [MapLayersReport.RoadStatus: String] = [.unnamed: "#d33", .inProcedure: "#e69500", .standard: "#1a8f3c", .named: "#456"]

    static func bbox(_ box: BoundingBox) -> String {
        [box.minLon, box.minLat, box.maxLon, box.maxLat].map { String(format: "%.5f", $0) }.joined(separator: ",")
    }

    /// One 待办 line: red when overdue, amber within three days.
    static func workItem(_ item: WorkItem) -> [String: Any] {
        var values: [String: Any] = ["title": item.title, "detail": item.detail, "link": item.link]
        if let days = item.daysLeft {
            values["clock"] = days < 0 ? "逾期 \(-days) 天" : days == 0 ? "今天到期" : "剩 \(days) 天"
            values["clockClass"] = days < 0 ? "overdue" : days <= 3 ? "soon" : "later"
        }
        return values
    }
}

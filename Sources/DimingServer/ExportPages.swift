import DimingCore
import DimingKit
import Foundation
import Hummingbird

/// 导出Excel of the signs (路牌台账) and the points of interest (兴趣点清单): the whole list the
/// user may see, filtered by status (`?status=`), as XLSX with a frozen header and numbers as numbers.
extension WebPages {
    static let poiStatusNames: [POIStatus: String] = [.pending: "待审核", .accepted: "已通过", .rejected: "未通过", .merged: "已合并", .retired: "已注销"]

    func registerExports(on router: Router<AppContext>) {
        router.get("/signs.xlsx") { request, context in
            let user = try context.requireUser()
            let status = request.uri.queryParameters.get("status").flatMap(SignStatus.init(rawValue:))
            let signs = try await blocking { try SignService(registry: services.registry, actor: user, clock: services.clock).list(county: user.countyCode, status: status) }
            return try ListQuery.xlsx("路牌台账.xlsx", sheet: "路牌", header: ["编号", "牌面", "拼音", "类型", "状态", "道路", "走向", "规格", "材质", "经度", "纬度"],
                                      rows: signs.sorted { $0.code < $1.code }.map { s in
                                          [s.code, s.text, s.pinyin, s.type.chinese, s.status.chinese, s.roadID.description, s.direction.rawValue,
                                           "\(s.sizeClass)", s.material, String(format: "%.6f", s.position.lon), String(format: "%.6f", s.position.lat)]
                                      }, numeric: [9, 10])
        }
        router.get("/pois.xlsx") { request, context in
            let user = try context.requireUser()
            let status = request.uri.queryParameters.get("status").flatMap(POIStatus.init(rawValue:))
            let pois = try await blocking { try POIReview(registry: services.registry, actor: user, clock: services.clock).list(county: user.countyCode, status: status) }
            return try ListQuery.xlsx("兴趣点清单.xlsx", sheet: "兴趣点", header: ["编号", "名称", "类别", "状态", "地址", "电话", "来源", "经度", "纬度"],
                                      rows: pois.map { item in
                                          let p = item.poi
                                          return [p.id.description, p.name, services.categories.find(p.category)?.name ?? p.category, Self.poiStatusNames[p.status] ?? p.status.rawValue,
                                                  p.address ?? "", p.contact ?? "", item.source, String(format: "%.6f", p.location.lon), String(format: "%.6f", p.location.lat)]
                                      }, numeric: [7, 8])
        }
    }
}

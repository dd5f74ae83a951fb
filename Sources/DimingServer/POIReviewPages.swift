import DimingCore
import DimingKit
import Foundation
import Hummingbird

/// The reviewer's queue of places (兴趣点审核): each on a map with its photo, the address given
/// beside the one computed from the nearest village and named road, likely duplicates nearby, and
/// accept / merge into one of them / reject with a reason.
extension FieldSite {
    func registerReviewRoutes(on router: Router<AppContext>) {
        router.get("/pois") { request, context in
            let user = try context.requireUser()
            let review = POIReview(registry: services.registry, actor: user, clock: services.clock)
            let queue = try await blocking { try review.queue() }
            let names = Dictionary(services.categories.all.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
            let statusNames: [POIStatus: String] = [.pending: "待审核", .accepted: "已通过", .rejected: "未通过", .merged: "已合并", .retired: "已下线"]
            let items = queue.prefix(100).map { entry -> [String: Any] in
                let item = entry.item, id = item.poi.id.description
                var values: [String: Any] = [
                    "id": id, "name": item.poi.name, "category": item.submission?.categoryWord ?? names[item.poi.category] ?? item.poi.category,
                    "lon": String(format: "%.7f", item.poi.location.lon), "lat": String(format: "%.7f", item.poi.location.lat),
                    "source": item.source == "villager" ? "群众上报（\(item.sourceRef.split(separator: "-").prefix(3).joined(separator: "-"))）" : "\(item.source):\(item.sourceRef)",
                    "computed": entry.computedAddress, "csrf": context.csrf ?? "",
                    "near": Self.jsonText(entry.duplicates.map { ["name": $0.name, "lon": $0.location.lon, "lat": $0.location.lat] as [String: Any] }),
                    "hasDuplicates": !entry.duplicates.isEmpty,
                    "duplicates": entry.duplicates.map { ["id": $0.id.description, "poi": id, "name": $0.name, "distance": String(format: "%.0f", $0.distance),
                                                          "status": statusNames[$0.status] ?? $0.status.rawValue, "csrf": context.csrf ?? ""] },
                ]
                if let submission = item.submission {
                    if let given = submission.givenAddress { values["given"] = given }
                    if let phone = submission.phone { values["phone"] = phone }
                    if let hours = submission.hours { values["hours"] = hours }
                    if submission.photo != nil { values["photo"] = true }
                    values["hasWarnings"] = !submission.warnings.isEmpty
                    values["warnings"] = submission.warnings
                } else if let contact = item.poi.contact { values["phone"] = contact }
                return values
            }
            var values: [String: Any] = ["count": queue.count, "items": items]
            if let message = RedirectMessage.shown(in: request) { values["message"] = message }
            return page("poi-queue", title: "兴趣点审核", values, map: !items.isEmpty, context: context)
        }
        router.get("/pois/:id/photo") { _, context in
            let user = try context.requireUser()
            let id = try Self.id(context, .poi)
            let review = POIReview(registry: services.registry, actor: user, clock: services.clock)
            guard let reference = try await blocking({ try review.photo(id) }), let stored = files.read(reference: reference) else {
                throw RegistryError.notFound(kind: "photo", key: id.description)
            }
            return Self.file(stored.data, type: stored.fileExtension == "png" ? "image/png" : "image/jpeg")
        }
        router.post("/pois/:id/review") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            let id = try Self.id(context, .poi)
            let decision: POIReview.Decision
            switch form["decision"] {
            case "accept": decision = .accept
            case "merge":
                guard let into = form["into"].flatMap(FeatureID.init) else { throw InputError(field: "into", "合并目标无效") }
                decision = .merge(into: into)
            default: decision = .reject(reason: (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
            }
            let review = POIReview(registry: services.registry, actor: user, clock: services.clock)
            return try await WebPages.step(back: "/pois") { _ = try review.decide(id, decision) }
        }
    }
}

import DimingCore
import DimingKit
import Foundation
import GeoFormats
import Hummingbird

/// Sign crews' pages, phone first: my town's signs by status, one sign with its face, map,
/// navigation links and the report buttons (已安装 / 巡检 / 损坏 / 丢失 / 更换) with a photo and position.
extension FieldSite {
    static let reportActions: [(SignStatus, String)] = [(.installed, "已安装"), (.inspected, "巡检"), (.damaged, "损坏"), (.missing, "丢失"), (.replaced, "更换")]

    func registerFieldRoutes(on router: Router<AppContext>) {
        router.get("/field") { request, context in
            let user = try context.requireUser()
            let filter = request.uri.queryParameters.get("status").flatMap(SignStatus.init(rawValue:))
            let work = SignFieldWork(registry: services.registry, actor: user, clock: services.clock)
            let all = try await blocking { try work.signs() }
            let shown = filter.map { status in all.filter { $0.sign.status == status } } ?? all
            let statuses = SignStatus.allCases.compactMap { status -> [String: Any]? in
                let count = all.filter { $0.sign.status == status }.count
                return count == 0 ? nil : ["value": status.rawValue, "label": status.chinese, "count": count, "selected": status == filter]
            }
            let signs = shown.prefix(500).map { entry -> [String: Any] in
                ["id": entry.sign.id.description, "code": entry.sign.code, "text": entry.sign.text, "road": entry.roadName,
                 "cross": entry.sign.crossRoad.map { "与\($0)交叉" } ?? (entry.sign.deadEnd ? "道路尽头" : "沿线"),
                 "status": entry.sign.status.rawValue, "statusLabel": entry.sign.status.chinese]
            }
            return page("field-list", title: "我的路牌", ["scope": user.displayName, "total": all.count, "statuses": statuses, "signs": signs,
                                                       "filtered": filter != nil], context: context)
        }
        router.get("/field/signs/:id") { request, context in
            let user = try context.requireUser()
            return try await signPage(try Self.id(context, .sign), user: user, context: context, message: RedirectMessage.shown(in: request))
        }
        router.get("/field/signs/:id/face.svg") { _, context in
            let user = try context.requireUser()
            let id = try Self.id(context, .sign)
            let work = SignFieldWork(registry: services.registry, actor: user, clock: services.clock)
            let shown = try await blocking { try work.show(id) }
            return Self.file(Data(shown.face.utf8), type: "image/svg+xml; charset=utf-8")
        }
        // A photo the crew took, for whoever may see the sign: only one its history refers to.
        router.get("/field/signs/:id/photo") { request, context in
            let user = try context.requireUser()
            let id = try Self.id(context, .sign)
            let reference = request.uri.queryParameters.get("ref").map { String($0) } ?? ""
            let work = SignFieldWork(registry: services.registry, actor: user, clock: services.clock)
            let shown = try await blocking { try work.show(id) }
            guard !reference.isEmpty, shown.history.contains(where: { $0.photo == reference }), let stored = files.read(reference: reference) else {
                throw RegistryError.notFound(kind: "photo", key: id.description)
            }
            return Self.file(stored.data, type: stored.fileExtension == "png" ? "image/png" : "image/jpeg")
        }
        router.post("/field/signs/:id/report") { request, context in
            let user = try context.requireUser()
            let id = try Self.id(context, .sign)
            let form: MultipartForm
            do { form = try await MultipartForm.read(request, limit: Self.uploadLimit) } catch let large as MultipartForm.TooLarge {
                return try await signPage(id, user: user, context: context, message: "照片超过 \(large.limit / 1024 / 1024) MB 的上限，请压缩后重试",
                                          status: .contentTooLarge)
            }
            try context.checkCSRF(form.fields["csrf"])
            let work = SignFieldWork(registry: services.registry, actor: user, clock: services.clock)
            let shown = try await blocking { try work.show(id) }
            let offered = Self.reportActions + Self.actions(shown)
            guard let status = form.fields["status"].flatMap(SignStatus.init(rawValue:)), offered.contains(where: { $0.0 == status }) else {
                return try await signPage(id, user: user, context: context, message: "请选择 已安装、巡检、损坏、丢失 或 更换", status: .badRequest)
            }
            // Reporting an outdated plate: the note says why, unless the crew wrote one.
            var notes = form.fields["notes"]
            if let why = Self.outdatedNote(shown), Self.actions(shown).contains(where: { $0.0 == status }),
               (notes ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                notes = why
            }
            var position: Coordinate?
            if let lon = form.fields["lon"], let lat = form.fields["lat"], !lon.isEmpty || !lat.isEmpty {
                position = Coordinate(lon: Double(lon) ?? .nan, lat: Double(lat) ?? .nan)
            }
            let photo = form.files["photo"].flatMap { $0.data.isEmpty ? nil : (data: $0.data, file: $0.filename) }
            let (point, note) = (position, notes)
            do {
                let outcome = try await blocking { try work.report(id, status: status, photo: photo, position: point, notes: note) }
                return try await signPage(id, user: user, context: context, outcome: outcome)
            } catch {
                let classified = ClassifiedError.classify(error)
                guard [.refused, .badInput].contains(classified.kind) else { throw error }
                return try await signPage(id, user: user, context: context, message: classified.messageZh,
                                          status: classified.kind == .refused ? .conflict : .badRequest)
            }
        }
    }

    func signPage(_ id: FeatureID, user: UserAccount, context: AppContext, message: String? = nil, outcome: SignFieldWork.Outcome? = nil,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let work = SignFieldWork(registry: services.registry, actor: user, clock: services.clock)
        let shown = try await blocking { try work.show(id) }
        let sign = shown.sign
        var values: [String: Any] = [
            "id": sign.id.description, "code": sign.code, "text": sign.text, "road": shown.currentName ?? shown.roadName, "status": sign.status.rawValue,
            "statusLabel": sign.status.chinese, "lon": String(format: "%.7f", sign.position.lon), "lat": String(format: "%.7f", sign.position.lat),
            "lonText": String(format: "%.6f", sign.position.lon), "latText": String(format: "%.6f", sign.position.lat),
            "facing": String(format: "%.0f", sign.facing), "tolerance": String(format: "%.0f", shown.tolerance),
            "line": Self.jsonText(shown.line.map { [$0.lon, $0.lat] }), "amap": shown.amapLink, "baidu": shown.baiduLink, "csrf": context.csrf ?? "",
            "history": shown.history.reversed().map { event -> [String: Any] in
                var entry: [String: Any] = ["at": Self.day(event.at), "status": event.status]
                if let distance = event.distance { entry["distance"] = distance }
                if let photo = event.photo, AttachmentStore.isReference(photo) {
                    entry["photo"] = "/field/signs/\(sign.id)/photo?ref=\(photo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                } else if event.photo?.isEmpty == false {
                    entry["photoNote"] = true  // recorded on the command line before photos were kept
                }
                if let notes = event.notes { entry["notes"] = notes }
                return entry
            },
        ]
        if let cross = sign.crossRoad { values["cross"] = cross }
        let actions = Self.actions(shown)
        if !actions.isEmpty {
            values["canReport"] = true
            values["actions"] = actions.map { ["value": $0.0.rawValue, "label": $0.1] }
        }
        if let outdated = Self.outdatedNotice(shown) { values["outdated"] = outdated }
        if let message { values["message"] = message }
        if let outcome {
            var box: [String: Any] = ["title": "已记录：\(outcome.sign.status.chinese)", "class": outcome.beyondTolerance ? "warn" : "ok"]
            if outcome.sign.status == .removed {
                box["class"] = "ok"  // a voided plate: where the crew stood says nothing
            } else if let distance = outcome.distance {
                box["distance"] = String(format: "%.0f", distance)
                if outcome.beyondTolerance {
                    let explained = [.installed, .replaced].contains(outcome.sign.status)  // refused without a note
                    box["warning"] = "超出允许偏差（\(String(format: "%.0f", outcome.tolerance)) 米）" + (explained ? "，原因已随记录保存。" : "：请核对路牌位置，或在备注中说明原因。")
                }
            } else {
                box["warning"] = "未取得定位，未能核对位置。"
            }
            values["outcome"] = box
        }
        return page("field-sign", title: "\(sign.code) \(sign.text)", values, map: true, status: status, context: context)
    }

    /// Whether a plate shows something other than its road's current standard name (or the road has none).
    static func isOutdated(_ shown: SignFieldWork.FieldSign) -> Bool { shown.currentName != shown.sign.text }

    /// The buttons a sign offers: the report actions its status may move to. A plate that does not
    /// show the road's current standard name cannot be set up, so it offers only the way to a new
    /// plate: an ordered one is voided (作废, removed), a standing one reported as needing a new
    /// plate (损坏), then replaced (更换) by one that shows the current name.
    static func actions(_ shown: SignFieldWork.FieldSign) -> [(SignStatus, String)] {
        let next = shown.sign.status.next
        guard isOutdated(shown) else { return reportActions.filter { next.contains($0.0) } }
        if let current = shown.currentName, next.contains(.replaced) { return [(.replaced, "已更换为“\(current)”")] }
        if next.contains(.installed) { return [(.removed, "作废此牌，需重新订制")] }
        if next.contains(.damaged) { return [(.damaged, "报需更换（名称已变更）")] }
        return []
    }

    /// The note an outdated plate's report carries when the crew wrote none.
    static func outdatedNote(_ shown: SignFieldWork.FieldSign) -> String? {
        guard isOutdated(shown) else { return nil }
        return shown.currentName.map { "牌面“\(shown.sign.text)”不是现行标准地名“\($0)”，需按现行名称更换牌面" } ?? "道路没有标准地名，牌面“\(shown.sign.text)”不能使用"
    }

    /// What the page says about an outdated plate, and what to do next.
    static func outdatedNotice(_ shown: SignFieldWork.FieldSign) -> String? {
        guard isOutdated(shown) else { return nil }
        let sign = shown.sign
        let what = shown.currentName.map { "牌面“\(sign.text)”不是道路现行标准地名“\($0)”：不能安装。" } ?? "道路目前没有标准地名：牌面“\(sign.text)”不能安装。"
        switch sign.status {
        case .removed: return "此牌已作废。" + (shown.currentName.map { "新牌须按现行标准地名“\($0)”规划、订制。" } ?? "")
        case .planned, .ordered: return what + "请点“作废此牌”，由办公室按现行名称重新订制。"
        case .damaged, .missing: return what + (shown.currentName == nil ? "" : "换上新牌后点“已更换”，记录将使用现行名称。")
        case .installed, .inspected, .replaced: return what + "请点“报需更换”，换上新牌后再记录更换。"
        }
    }
}

import DimingCore
import DimingKit
import Foundation
import GeoFormats
import Hummingbird

/// The public side, no sign-in: a standard name's page (the plate's QR code opens it), the form to
/// add a place near it, and the receipt's status page. Only announced facts are shown; a name
/// still proposed or in procedure is answered 404 like one that does not exist.
extension FieldSite {
    func registerPublicRoutes(on router: Router<AppContext>) {
        router.get("/n/:id") { _, context in
            try await publicAnswer(context) { try await namePage(context) }
        }
        router.get("/n/:id/add") { _, context in
            try await publicAnswer(context) { try await addPage(try Self.id(context, .name), typed: [:], message: nil, context: context) }
        }
        registerPublicForms(on: router)
    }

    /// A standard (or former, retired) name's public page: announced facts only.
    func namePage(_ context: AppContext) async throws -> Response {
        let id = try Self.id(context, .name)
        let view = PublicNamePage(registry: services.registry)
        let found = try await blocking { [categories = services.categories] in try view.page(id, categories: categories) }
        var values: [String: Any] = ["id": id.description, "text": found.text, "toned": found.toned, "sign": found.sign, "county": found.county]
        if let town = found.town { values["town"] = town }
        if let location = found.location { values["location"] = location }
        if let length = found.length { values["length"] = String(format: "%.0f", length) }
        if let direction = found.direction { values["direction"] = direction }
        if let meaning = found.meaning { values["meaning"] = meaning }
        if let origin = found.origin { values["origin"] = origin }
        if let approval = found.approval { values["approval"] = approval }
        if let announced = found.announced { values["announced"] = announced }
        if let heritage = found.heritage { values["heritage"] = heritage }
        switch found.status {
        case .retired: values["retired"] = "此名称已销名，不再使用。"
        case .former: values["retired"] = "此名称已更名，现为曾用名。"
        default: values["canAdd"] = true
        }
        if let current = found.current { values["current"] = true; values["currentID"] = current.id.description; values["currentText"] = current.text }
        values["hasHistory"] = found.history.count > 1
        values["history"] = found.history.map { entry -> [String: Any] in
            var row: [String: Any] = ["text": entry.text, "id": entry.id.description, "link": entry.id != id, "former": entry.status != .standard]
            if !entry.span.isEmpty { row["span"] = entry.span }
            return row
        }
        if !found.line.isEmpty {
            values["hasLine"] = true
            values["line"] = Self.jsonText(found.line.map { [($0.lon * 1e6).rounded() / 1e6, ($0.lat * 1e6).rounded() / 1e6] })
            values["pois"] = Self.jsonText(found.pois.map { ["name": $0.name, "lon": $0.location.lon, "lat": $0.location.lat] as [String: Any] })
        }
        if !found.pois.isEmpty { values["poiList"] = ["items": found.pois.map { ["name": $0.name, "category": $0.category] }] }
        return page("public-name", title: found.text, values, map: !found.line.isEmpty, context: context)
    }

    func registerPublicForms(on router: Router<AppContext>) {
        router.post("/n/:id/add") { request, context in
            try await publicAnswer(context) { try await addPlace(request, context: context) }
        }
        router.get("/receipts") { request, context in
            // A number copied from a chat comes with spaces around it (a GET form sends them as "+").
            let number = String(request.uri.queryParameters.get("number") ?? "").replacingOccurrences(of: "+", with: " ")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard !number.isEmpty else {
                return page("receipt-lookup", title: "查询提交进度", [:], context: context)
            }
            return try await receiptPage(number, fresh: false, context: context)
        }
        router.get("/receipts/:number") { request, context in
            try await receiptPage(context.parameters.get("number") ?? "", fresh: request.uri.queryParameters.get("new") != nil, context: context)
        }
    }

    /// A public answer: a name with no public page (not announced, or none) is answered on the
    /// public's own page in Chinese, with no link into the staff's pages.
    func publicAnswer(_ context: AppContext, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as RegistryError {
            guard case .notFound = error else { throw error }
            return page("public-missing", title: "未找到该地名", ["message": "该地名尚未公布或不存在，请核对路牌或链接。"], status: .notFound, context: context)
        }
    }

    func addPlace(_ request: Request, context: AppContext) async throws -> Response {
        let id = try Self.id(context, .name)
        let form: MultipartForm
        do { form = try await MultipartForm.read(request, limit: Self.uploadLimit) } catch let large as MultipartForm.TooLarge {
            return try await addPage(id, typed: [:], message: "照片超过 \(large.limit / 1024 / 1024) MB 的上限，请压缩后重试", status: .contentTooLarge, context: context)
        }
        let fields = form.fields
        let photo = form.files["photo"].flatMap { $0.data.isEmpty ? nil : (data: $0.data, file: $0.filename.isEmpty ? "照片" : $0.filename) }
        let submission = POISubmission.Form(
            fromName: id, categoryWord: fields["category"] ?? "", name: fields["name"] ?? "", phone: fields["phone"] ?? "",
            hours: fields["hours"] ?? "", address: fields["address"] ?? "", lon: Double(fields["lon"] ?? "") ?? .nan, lat: Double(fields["lat"] ?? "") ?? .nan,
            crs: CoordinateSystem(name: fields["crs"] ?? "wgs84") ?? .wgs84, photo: photo,
            challengeToken: fields["token"] ?? "", challengeAnswer: fields["answer"] ?? "")
        let use = POISubmission(registry: services.registry, resources: services.resources, clock: services.clock, throttle: throttle, challenge: challenge)
        let address = context.remoteAddress ?? "unknown"
        do {
            let receipt = try await blocking { try use.submit(submission, from: address) }
            return WebPages.redirect("/receipts/\(receipt.number)?new=1")
        } catch let throttled as SubmissionThrottled {
            var response = try await addPage(id, typed: fields, message: throttled.messageZh, status: .tooManyRequests, context: context)
            response.headers[.retryAfter] = "\(Int(throttled.retryAfter.rounded(.up)))"
            return response
        } catch {
            let classified = ClassifiedError.classify(error)
            guard [.refused, .badInput].contains(classified.kind) else { throw error }
            return try await addPage(id, typed: fields, message: classified.messageZh, status: .badRequest, context: context)
        }
    }

    func receiptPage(_ number: String, fresh: Bool, context: AppContext) async throws -> Response {
        let use = POISubmission(registry: services.registry, resources: services.resources, clock: services.clock, throttle: throttle, challenge: challenge)
        do {
            let status = try await blocking { try use.status(number) }
            var values: [String: Any] = ["number": status.number, "name": status.name, "category": status.category, "state": status.state,
                                         "stateClass": ["审核中": "pending", "已通过": "accepted"][status.state] ?? "rejected",
                                         "submitted": Self.day(status.submitted), "fresh": fresh]
            if let reason = status.reason { values["reason"] = reason }
            if let address = status.address { values["address"] = address }
            return page("receipt", title: "提交进度", values, context: context)
        } catch let error as RegistryError {
            guard case .notFound = error else { throw error }
            return page("receipt-lookup", title: "查询提交进度", ["number": String(number.prefix(40)), "message": "回执号不存在，请核对后再查（回执号形如 379901-P-000012-ABCD2345）"],
                        status: .notFound, context: context)
        }
    }

    func addPage(_ id: FeatureID, typed: [String: String], message: String?, status: HTTPResponse.Status = .ok, context: AppContext) async throws -> Response {
        let view = PublicNamePage(registry: services.registry)
        let found = try await blocking { [categories = services.categories] in try view.page(id, categories: categories) }
        guard found.status == .standard else { throw RegistryError.notFound(kind: "name", key: id.description) }
        let centre = found.line.isEmpty ? Coordinate(lon: 116, lat: 36) : found.line[found.line.count / 2]
        let (question, token) = challenge.issue(now: services.clock.now())
        var values: [String: Any] = ["id": id.description, "text": found.text, "lon": String(format: "%.7f", centre.lon), "lat": String(format: "%.7f", centre.lat),
                                     "line": Self.jsonText(found.line.map { [$0.lon, $0.lat] }), "question": question, "token": token,
                                     "categories": VillagerCategories.all.map { ["word": $0.word, "selected": $0.word == typed["category"]] }]
        for key in ["name", "phone", "hours", "address", "lon", "lat"] {
            if let text = typed[key], !text.isEmpty, (key != "lon" && key != "lat") || Double(text)?.isFinite == true { values["typed_" + key] = text }
        }
        if let message { values["message"] = message }
        return page("public-add", title: "新增地点 · \(found.text)", values, map: true, status: status, context: context)
    }
}

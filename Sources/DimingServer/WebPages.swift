import DimingCore
import DimingKit
import Foundation
import GeoFormats
import Hummingbird
import Mustache

/// The Chinese web pages, server-rendered with Mustache.
struct WebPages: Sendable {
    let services: ServerServices
    let library: MustacheLibrary

    init(services: ServerServices) throws {
        self.services = services
        var library = MustacheLibrary()
        for (name, text) in [("layout", Templates.layout), ("login", Templates.login), ("dashboard", Templates.dashboard), ("backlog", Templates.backlog),
                             ("road", Templates.road), ("cases", Templates.cases), ("case", Templates.caseDetail), ("map", Templates.map),
                             ("batches", Templates.batches), ("batch", Templates.batch), ("pois", Templates.pois)] {
            try library.register(text, named: name)
        }
        self.library = library
    }

    static let stateNames: [String: String] = Dictionary(uniqueKeysWithValues: CaseState.allCases.map { ($0.rawValue, $0.chinese) })

    func page(_ template: String, title: String, _ context: [String: Any], request: AppContext) -> Response {
        var context = context
        context["nonce"] = request.nonce
        let content = library.render(context, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "content": content, "nonce": request.nonce]
        if let user = request.user {
            layout["user"] = ["displayName": user.displayName, "roleName": user.role.chinese, "csrf": request.csrf ?? ""]
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: library.render(layout, withTemplate: "layout") ?? "")))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A redirect to a page that shows `message` (a refused step).
    static func redirect(_ location: String, message: String) -> Response {
        redirect(location + "?message=" + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    /// Runs a form's step off the server's threads; a refused step or bad input goes back to `page`
    /// with the Chinese message, anything else is answered by the error middleware.
    static func step(back page: String, _ body: @escaping @Sendable () throws -> Void) async throws -> Response {
        do {
            try await blocking(body)
            return redirect(page)
        } catch {
            let classified = ClassifiedError.classify(error)
            guard [.refused, .badInput].contains(classified.kind) else { throw error }
            return redirect(page, message: classified.messageZh)
        }
    }

    func register(on router: Router<AppContext>) {
        registerWork(on: router)
        router.get("/login") { _, context in page("login", title: "登录", [:], request: context) }
        router.post("/login") { request, context in
            let form = try await request.form()
            let (username, password) = (form["username"] ?? "", form["password"] ?? "")
            let session: (user: UserAccount, token: String, csrf: String)?
            do {
                session = try await services.signIn(username, password: password, address: context.remoteAddress)
            } catch let refused as SignInThrottled {
                var response = page("login", title: "登录", ["error": refused.classified.messageZh], request: context)
                response.status = .tooManyRequests
                response.headers[.retryAfter] = "\(Int(refused.retryAfter.rounded(.up)))"
                return response
            }
            guard let session else { return page("login", title: "登录", ["error": "用户名或密码错误"], request: context) }
            var response = Self.redirect("/")
            response.setCookie(services.sessionCookie(session.token))
            return response
        }
        router.post("/logout") { request, context in
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            if let token = context.sessionToken { try await services.signOut(token) }
            var response = Self.redirect("/login")
            response.setCookie(services.sessionCookie(nil))
            return response
        }
        router.get("/") { _, context in
            guard let user = context.user else { return Self.redirect("/login") }
            let overview = try await services.cached("dashboard|" + user.scopeKey) { try DashboardReport.load(services.registry, actor: user, today: services.clock.now()) }
            return page("dashboard", title: "概况", overview.values, request: context)
        }
        router.get("/map") { _, context in
            guard let user = context.user else { return Self.redirect("/login") }
            let map = CountyMap(try await services.cached("map|" + user.scopeKey) { try CountyMapReport.load(services.registry, actor: user) })
            return page("map", title: "地图", map.values, request: context)
        }
        router.get("/backlog") { _, context in
            guard let user = context.user else { return Self.redirect("/login") }
            let filter = RoadFilter(county: user.countyCode, town: user.role == .clerk ? user.townCode : nil, unnamedOnly: true)
            let roads = try await services.cached("backlog|" + user.scopeKey) { try RoadQueries(registry: services.registry).list(filter) }
            return page("backlog", title: "无名路", ["count": roads.count, "roads": roads.map {
                ["id": $0.id, "workingName": $0.workingName ?? "", "direction": $0.direction, "length": String(format: "%.0f", $0.length), "start": $0.start, "end": $0.end]
            }], request: context)
        }
        router.get("/roads/:id") { _, context in
            let user = try context.requireUser()
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == .road else { throw InputError(field: "id", "not a road id") }
            let (road, cases) = try await blocking { (try RoadQueries(registry: services.registry).show(id), try services.caseQueries(user).list(road: id)) }
            let open = cases.contains { !$0.state.isFinal }
            let canPropose = road.name == nil && !open && road.townCode.flatMap(DivisionCode.init).map { Policy.allows(user, .createCase, in: .town($0)) } == true
            var values: [String: Any] = ["id": road.id, "title": road.name ?? road.workingName ?? road.id, "span": road.span, "direction": road.direction,
                                         "previewName": (road.name ?? "幸福路").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                                         "length": String(format: "%.0f", road.length), "csrf": context.csrf ?? ""]
            if !road.villages.isEmpty { values["villages"] = road.villages.map(\.name).joined(separator: "、") }
            if canPropose { values["canPropose"] = true }
            if !cases.isEmpty { values["cases"] = ["list": cases.map { ["id": $0.id.description, "name": $0.proposedName, "state": $0.state.chinese] }] }
            return page("road", title: road.name ?? road.workingName ?? road.id, values, request: context)
        }
        router.post("/roads/:id/propose") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == .road else { throw InputError(field: "id", "not a road id") }
            let application = CaseApplication(road: id, name: form["name"] ?? "", applicant: form["applicant"] ?? user.displayName,
                                              reasons: form["reasons"] ?? "", meaning: form["meaning"] ?? "")
            let created = try await blocking { try services.cases(user).create(application) }
            return Self.redirect("/cases/\(created.id)")
        }
        router.get("/cases") { _, context in
            let user = try context.requireUser()
            let cases = try await blocking { try services.caseQueries(user).list() }
            return page("cases", title: "案卷", ["cases": cases.map {
                ["id": $0.id.description, "name": $0.proposedName, "kind": $0.kind.chinese, "state": $0.state.chinese, "road": $0.roadID?.description ?? ""]
            }], request: context)
        }
        router.get("/cases/:id") { request, context in
            let user = try context.requireUser()
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == .namingCase else { throw InputError(field: "id", "not a case id") }
            let detail = try await blocking { try services.caseQueries(user).show(id) }
            return casePage(detail, context, message: request.uri.queryParameters.get("message"))
        }
        router.post("/cases/:id/advance") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), let target = form["to"].flatMap(CaseState.init(rawValue:)) else {
                throw InputError(field: "to", "not a case or state")
            }
            let body = AdvanceBody(to: target.rawValue, reason: form["reason"], channel: form["channel"], consultationScope: form["consultationScope"],
                                   experts: form["experts"], conclusion: form["conclusion"], authority: form["authority"], document: form["document"], date: form["date"],
                                   assessment: form["assessment"], assessmentReport: form["assessmentReport"])
            return try await Self.step(back: "/cases/\(id)") {
                _ = try services.cases(user).advance(id, to: target, evidence: try StepEvidence(body, today: services.clock.now()))
            }
        }
    }

    func casePage(_ detail: CaseDetail, _ context: AppContext, message: String?) -> Response {
        let c = detail.namingCase
        let labels: [String: String] = ["consulted": "记录征求意见", "submitted": "申报", "underReview": "受理审查", "returned": "退件",
                                        "expertReviewed": "专家论证", "publicNotice": "开始公示", "approved": "批准", "rejected": "不予批准", "drafted": "退回拟名"]
        let actions = detail.next.compactMap { next -> [String: Any]? in
            guard let state = CaseState(rawValue: next) else { return nil }
            var action: [String: Any] = ["id": c.id.description, "to": next, "label": labels[next] ?? next, "csrf": context.csrf ?? ""]
            switch state {
            case .consulted: action["scope"] = true
            case .returned, .rejected, .drafted: action["reason"] = true
            case .publicNotice:
                action["notice"] = true
                if c.assessment == nil { action["assess"] = true }
            case .expertReviewed:
                if c.assessment == nil { action["assess"] = true }
            case .approved:
                action["approve"] = true
                action["approver"] = detail.authorities?.approver ?? ""
                action["defaultDate"] = DeadlineRules.dayString(services.clock.now()) // an approval is dated today or earlier, never ahead
            default: break
            }
            return action
        }
        let formatter = ISO8601DateFormatter()
        let timeline = detail.timeline.map { entry -> [String: Any] in
            ["at": formatter.string(from: entry.at).prefix(16).replacingOccurrences(of: "T", with: " "), "actor": entry.actor, "action": entry.action,
             "change": [entry.from.flatMap { Self.stateNames[$0] }, entry.to.flatMap { Self.stateNames[$0] }].compactMap { $0 }.joined(separator: " → "),
             "document": entry.document ?? ""]
        }
        var values: [String: Any] = ["id": c.id.description, "name": c.proposedName, "toned": detail.toned ?? "", "kind": c.kind.chinese, "state": c.state.chinese,
                                     "applicant": c.applicant, "location": c.facts.location, "timeline": timeline, "actions": actions]
        if let approval = c.approval { values["approval"] = "\(approval.authority) \(approval.documentNumber) \(DeadlineRules.dayString(approval.date))" }
        if let message { values["message"] = message }
        return page("case", title: c.proposedName, values, request: context)
    }
}

/// The dashboard page's values: the table's rows and the chart's bars.
extension DashboardReport {
    var values: [String: Any] {
        let rows = towns.map { town -> [String: Any] in
            ["name": town.townName, "roads": town.roads, "unnamed": town.unnamed, "inProcedure": town.inProcedure, "standard": town.standard,
             "signed": town.signed, "late": town.late]
        }
        let most = max(towns.map(\.unnamed).max() ?? 1, 1)
        let bars = towns.enumerated().map { i, town -> [String: Any] in
            let width = Double(town.unnamed) / Double(most) * 440
            return ["name": town.townName, "count": town.unnamed, "textY": i * 28 + 20, "barY": i * 28 + 6,
                    "width": String(format: "%.0f", width), "countX": String(format: "%.0f", 156 + width)]
        }
        return ["county": county, "towns": rows, "chartHeight": towns.count * 28 + 10, "bars": bars]
    }
}

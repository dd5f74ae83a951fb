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

    static let roleNames: [UserAccount.Role: String] = [.clerk: "经办人", .reviewer: "审核人", .admin: "管理员"]
    static let stateNames: [String: String] = Dictionary(uniqueKeysWithValues: CaseState.allCases.map { ($0.rawValue, $0.chinese) })

    func page(_ template: String, title: String, _ context: [String: Any], request: AppContext) -> Response {
        let content = library.render(context, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "content": content]
        if let user = request.user {
            layout["user"] = ["displayName": user.displayName, "roleName": Self.roleNames[user.role] ?? "", "csrf": request.csrf ?? ""]
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

    func register(on router: Router<AppContext>) {
        registerWork(on: router)
        router.get("/login") { _, context in page("login", title: "登录", [:], request: context) }
        router.post("/login") { request, context in
            let form = try await request.form()
            guard let session = try services.accounts.signIn(form["username"] ?? "", password: form["password"] ?? "") else {
                return page("login", title: "登录", ["error": "用户名或密码错误"], request: context)
            }
            var response = Self.redirect("/")
            response.setCookie(Cookie(name: SessionMiddleware.cookie, value: session.token, maxAge: 8 * 3600, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        router.post("/logout") { request, context in
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            if let token = context.sessionToken { try services.accounts.signOut(token) }
            return Self.redirect("/login")
        }
        router.get("/") { _, context in
            guard context.user != nil else { return Self.redirect("/login") }
            return page("dashboard", title: "概况", try dashboard(try context.requireUser()), request: context)
        }
        router.get("/map") { _, context in
            guard context.user != nil else { return Self.redirect("/login") }
            let (county, svg) = try CountyMap(services: services).render()
            return page("map", title: "地图", ["county": county, "svg": svg], request: context)
        }
        router.get("/backlog") { _, context in
            guard context.user != nil else { return Self.redirect("/login") }
            let roads = try RoadQueries(registry: services.registry).list(RoadFilter(town: context.user?.role == .clerk ? context.user?.townCode : nil, unnamedOnly: true))
            return page("backlog", title: "无名路", ["count": roads.count, "roads": roads.map {
                ["id": $0.id, "workingName": $0.workingName ?? "", "direction": $0.direction, "length": String(format: "%.0f", $0.length), "start": $0.start, "end": $0.end]
            }], request: context)
        }
        router.get("/roads/:id") { _, context in
            let user = try context.requireUser()
            guard let id = context.parameters.get("id").flatMap(FeatureID.init) else { throw InputError(field: "id", "not a road id") }
            let road = try RoadQueries(registry: services.registry).show(id)
            let cases = try services.caseQueries(user).list(road: id)
            let open = cases.contains { !$0.state.isFinal }
            let canPropose = road.name == nil && !open && road.townCode.flatMap(DivisionCode.init).map { Policy.allows(user, .createCase, in: .town($0)) } == true
            var context2: [String: Any] = ["id": road.id, "title": road.name ?? road.workingName ?? road.id, "span": road.span, "direction": road.direction,
                                           "previewName": (road.name ?? "幸福路").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                                           "length": String(format: "%.0f", road.length), "csrf": context.csrf ?? ""]
            if !road.villages.isEmpty { context2["villages"] = road.villages.map(\.name).joined(separator: "、") }
            if canPropose { context2["canPropose"] = true }
            if !cases.isEmpty { context2["cases"] = ["list": cases.map { ["id": $0.id.description, "name": $0.proposedName, "state": $0.state.chinese] }] }
            return page("road", title: road.name ?? road.workingName ?? road.id, context2, request: context)
        }
        router.post("/roads/:id/propose") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            guard let id = context.parameters.get("id").flatMap(FeatureID.init) else { throw InputError(field: "id", "not a road id") }
            let created = try services.cases(user).create(CaseApplication(road: id, name: form["name"] ?? "", applicant: form["applicant"] ?? user.displayName,
                                                                          meaning: form["meaning"] ?? ""))
            return Self.redirect("/cases/\(created.id)")
        }
        router.get("/cases") { _, context in
            let user = try context.requireUser()
            let cases = try services.caseQueries(user).list()
            return page("cases", title: "案卷", ["cases": cases.map {
                ["id": $0.id.description, "name": $0.proposedName, "kind": $0.kind.chinese, "state": $0.state.chinese, "road": $0.roadID?.description ?? ""]
            }], request: context)
        }
        router.get("/cases/:id") { request, context in
            try casePage(context, message: request.uri.queryParameters.get("message"))
        }
        router.post("/cases/:id/advance") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), let target = form["to"].flatMap(CaseState.init(rawValue:)) else {
                throw InputError(field: "to", "not a case or state")
            }
            let body = AdvanceBody(to: target.rawValue, reason: form["reason"], channel: form["channel"], consultationScope: form["consultationScope"],
                                   experts: form["experts"], conclusion: form["conclusion"], authority: form["authority"], document: form["document"], date: form["date"])
            do {
                _ = try services.cases(user).advance(id, to: target, evidence: try StepEvidence(body))
                return Self.redirect("/cases/\(id)")
            } catch let error as ProcedureError {
                return Self.redirect("/cases/\(id)", message: error.description)
            } catch let error as InputError {
                return Self.redirect("/cases/\(id)", message: error.description)
            }
        }
    }

    func casePage(_ context: AppContext, message: String?) throws -> Response {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id").flatMap(FeatureID.init) else { throw InputError(field: "id", "not a case id") }
        let detail = try services.caseQueries(user).show(id)
        let c = detail.namingCase
        let labels: [String: String] = ["consulted": "记录征求意见", "submitted": "申报", "underReview": "受理审查", "returned": "退件",
                                        "expertReviewed": "专家论证", "publicNotice": "开始公示", "approved": "批准", "rejected": "不予批准", "drafted": "退回拟名"]
        let actions = detail.next.compactMap { next -> [String: Any]? in
            guard let state = CaseState(rawValue: next) else { return nil }
            var action: [String: Any] = ["id": c.id.description, "to": next, "label": labels[next] ?? next, "csrf": context.csrf ?? ""]
            switch state {
            case .consulted: action["scope"] = true
            case .returned, .rejected, .drafted: action["reason"] = true
            case .publicNotice: action["notice"] = true
            case .approved:
                action["approve"] = true
                action["defaultDate"] = DeadlineRules.dayString(max(services.clock.now(), c.notice?.end ?? services.clock.now()))
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

    func dashboard(_ user: UserAccount) throws -> [String: Any] {
        let registry = services.registry
        let backlog = try RoadQueries(registry: registry).backlog(county: nil)
        let coverage = Dictionary(try SignCoverage(registry: registry).report(county: nil).map { ($0.townCode, $0) }, uniquingKeysWith: { a, _ in a })
        let cases = try services.caseQueries(user).list()
        let towns = backlog.map { town -> [String: Any] in
            let townCases = cases.filter { $0.townCode?.rawValue == town.townCode }
            return ["name": town.townName, "roads": town.roads, "unnamed": town.unnamedRoads,
                    "inProcedure": townCases.filter { !$0.state.isFinal }.count, "standard": townCases.filter { $0.state == .standard }.count,
                    "signed": coverage[town.townCode]?.signedRoads ?? 0]
        }
        let county = try registry.read { try $0.divisions.list(parent: nil, level: .county).first?.name } ?? ""
        let most = max(backlog.map(\.unnamedRoads).max() ?? 1, 1)
        var chart = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"\(backlog.count * 28 + 10)\" role=\"img\">"
        for (i, town) in backlog.enumerated() {
            let width = Double(town.unnamedRoads) / Double(most) * 440
            chart += "<text x=\"0\" y=\"\(i * 28 + 20)\" font-size=\"14\">\(XMLText.escape(town.townName))</text>"
                + "<rect x=\"150\" y=\"\(i * 28 + 6)\" width=\(String(format: "\"%.0f\"", width)) height=\"18\" fill=\"#d33\"/>"
                + "<text x=\(String(format: "\"%.0f\"", 156 + width)) y=\"\(i * 28 + 20)\" font-size=\"13\">\(town.unnamedRoads)</text>"
        }
        chart += "</svg>"
        return ["county": county, "towns": towns, "chart": chart]
    }
}

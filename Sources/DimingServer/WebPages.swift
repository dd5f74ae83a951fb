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
                             ("batches", Templates.batches), ("batch", Templates.batch), ("pois", Templates.pois),
                             ("home", Templates.home), ("error", Templates.error), ("paging", Templates.paging), ("signPreview", Templates.signPreview)] + Templates.admin + Templates.data {
            try library.register(text, named: name)
        }
        self.library = library
    }

    static let stateNames: [String: String] = Dictionary(uniqueKeysWithValues: CaseState.allCases.map { ($0.rawValue, $0.chinese) })

    func page(_ template: String, title: String, _ context: [String: Any], request: AppContext) -> Response {
        var context = context
        context["nonce"] = request.nonce
        let content = library.render(context, withTemplate: template) ?? ""
        return layout(title: title, content: content, leaflet: context["leaflet"] != nil, request: request)
    }

    /// A page whose content depends only on `key` (the scope and the query; no session token, no
    /// nonce, no form with a CSRF token inside): rendered once, then kept until the registry changes.
    func cachedPage(_ template: String, title: String, key: String, request: AppContext,
                    _ values: () async throws -> [String: Any]) async throws -> Response {
        let token = try services.reads.token()
        if let content: String = services.reads.cached("page|" + key, at: token) {
            return layout(title: title, content: content, leaflet: false, request: request)
        }
        let content = library.render(try await values(), withTemplate: template) ?? ""
        services.reads.store(content, "page|" + key, at: token)
        return layout(title: title, content: content, leaflet: false, request: request)
    }

    /// The layout around a page's content: navigation, the signed-in user, the sign-out form.
    func layout(title: String, content: String, leaflet: Bool, request: AppContext) -> Response {
        var layout: [String: Any] = ["title": title, "content": content, "nonce": request.nonce]
        if leaflet { layout["leaflet"] = true }
        if let user = request.user {
            var values: [String: Any] = ["displayName": user.displayName, "roleName": user.role.chinese, "csrf": request.csrf ?? ""]
            if user.role == .admin { values["isAdmin"] = true }
            // What the role cannot do is not offered: a township clerk reviews no POIs.
            if Policy.allows(user, .reviewPOIs, in: user.ownScope) { values["reviewsPOIs"] = true }
            layout["user"] = values
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: library.render(layout, withTemplate: "layout") ?? "")))
    }

    /// An error as a page: the heading names the kind, the message says what and where.
    func errorPage(status: HTTPResponse.Status, message: String, context: AppContext) -> Response {
        let headings: [Int: String] = [400: "输入有误", 401: "请先登录", 403: "无权操作", 404: "未找到", 409: "无法办理", 413: "内容过大",
                                       429: "请稍后再试", 503: "系统繁忙，请稍后再试"]
        var response = page("error", title: headings[status.code] ?? "出错了", ["heading": headings[status.code] ?? "出错了", "message": message],
                            request: context)
        response.status = status
        return response
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Where a request without a (live) session is sent: the sign-in page, saying so when the session
    /// has expired, and coming back afterwards to the page asked for (a form's page for a POST: what
    /// was submitted is not carried over).
    static func signInLocation(for request: Request) -> String {
        var query: [String] = []
        if request.cookies[SessionMiddleware.cookie] != nil { query.append("expired=1") }
        let back = request.method == .get ? request.uri.description
            : request.headers[.referer].flatMap { URLComponents(string: $0) }.map { $0.percentEncodedPath + ($0.percentEncodedQuery.map { "?" + $0 } ?? "") }
        if let back = back.flatMap(localPath), back != "/" {
            query.append("next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        return "/login" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// A path on this site (`/cases/…?x=1`), never another site's address (`//host`, `https:`, `/\\host`).
    static func localPath(_ text: String) -> String? {
        guard text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"), !text.hasPrefix("/login"),
              text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else { return nil }
        return text
    }

    /// A redirect to a page that shows `message` (a refused step).
    static func redirect(_ location: String, message: String) -> Response {
        redirect(RedirectMessage.location(location, message: message))
    }

    /// Runs a form's step off the server's threads; a refused step or bad input goes back to `page`
    /// with the Chinese message, anything else is answered by the error middleware.
    static func step(back page: String, _ body: @escaping @Sendable () throws -> Void) async throws -> Response {
        try await step(back: page, body) { redirect(page) }
    }

    /// The same for a step whose result picks the page to go to (a new batch opens its page).
    static func step<T: Sendable>(back page: String, _ body: @escaping @Sendable () throws -> T, then: (T) -> Response) async throws -> Response {
        do {
            return then(try await blocking(body))
        } catch {
            let classified = ClassifiedError.classify(error)
            guard [.refused, .badInput].contains(classified.kind) else { throw error }
            return redirect(page, message: classified.messageZh)
        }
    }

    func register(on router: Router<AppContext>) {
        registerWork(on: router)
        registerHome(on: router)
        registerLists(on: router)
        registerProcedure(on: router)
        registerAdmin(on: router)
        registerData(on: router)
        registerCaseFiles(on: router)
        registerExports(on: router)
        // Browsers ask for it on every page: no icon, and no 404 in their consoles and the server's log.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/login") { request, context in
            var values: [String: Any] = [:]
            if request.uri.queryParameters.get("expired") == "1" { values["error"] = "登录已过期，请重新登录" }
            if let next = request.uri.queryParameters.get("next").flatMap(Self.localPath) { values["next"] = next }
            return page("login", title: "登录", values, request: context)
        }
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
            let next = form["next"].flatMap(Self.localPath)
            guard let session else {
                var values: [String: Any] = ["error": "用户名或密码错误"]
                if let next { values["next"] = next }
                return page("login", title: "登录", values, request: context)
            }
            var response = Self.redirect(next ?? "/")
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
        router.get("/roads/:id") { _, context in
            let user = try context.requireUser()
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == .road else { throw InputError(field: "id", "not a road id", zh: "不是道路编号") }
            return try await roadPage(id, user: user, context)
        }
        router.post("/roads/:id/propose") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == .road else { throw InputError(field: "id", "not a road id", zh: "不是道路编号") }
            let application = CaseApplication(road: id, name: form["name"] ?? "", applicant: form["applicant"] ?? user.displayName,
                                              reasons: form["reasons"] ?? "", meaning: form["meaning"] ?? "", origin: form["origin"] ?? "")
            do {
                let created = try await blocking { try services.cases(user).create(application) }
                return Self.redirect("/cases/\(created.id)")
            } catch {
                // A refused name comes back with what the clerk typed and the reason.
                let classified = ClassifiedError.classify(error)
                guard [.refused, .badInput].contains(classified.kind) else { throw error }
                var response = try await roadPage(id, user: user, context, typed: form, message: classified.messageZh)
                response.status = .unprocessableContent
                return response
            }
        }
        router.get("/cases/:id") { request, context in
            let user = try context.requireUser()
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == .namingCase else { throw InputError(field: "id", "not a case id") }
            let detail = try await blocking { try services.caseQueries(user).show(id) }
            return casePage(detail, names: try await services.displayNames(), context, message: RedirectMessage.shown(in: request),
                            map: try await roadMap(detail.namingCase.roadID, user: user))
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

    /// A road's page: its description, mini-map, cases, and for a clerk the proposal form (with
    /// suggestions, and what was typed when a proposal was refused).
    func roadPage(_ id: FeatureID, user: UserAccount, _ context: AppContext, typed: [String: String] = [:], message: String? = nil) async throws -> Response {
        let (road, cases) = try await blocking { (try services.roads(user).show(id), try services.caseQueries(user).list(road: id)) }
        let open = cases.contains { !$0.state.isFinal }
        let canPropose = road.name == nil && !open && road.townCode.flatMap(DivisionCode.init).map { Policy.allows(user, .createCase, in: .town($0)) } == true
        var values: [String: Any] = ["id": road.id, "title": road.name ?? road.workingName ?? road.id, "span": road.span, "direction": road.direction,
                             "length": String(format: "%.0f", road.length), "csrf": context.csrf ?? ""]
        if !road.villages.isEmpty { values["villages"] = road.villages.map(\.name).joined(separator: "、") }
        if canPropose {
            values["canPropose"] = true
            let desk = services.desk(user)
            let suggestions = (try? await blocking { try desk.suggest(road: id, limit: 6) }) ?? []
            values["suggestions"] = suggestions.map { ["name": $0.name] }
            values["hasSuggestions"] = !suggestions.isEmpty
            let applicants = road.villages.map { $0.name + "村民委员会" } + [user.displayName]
            values["applicants"] = applicants.map { ["name": $0] }
            values["typed_applicant"] = applicants.first
        }
        values.merge(try await roadMap(road, id: id)) { _, map in map }
        if !cases.isEmpty { values["cases"] = ["list": cases.map { ["id": $0.id.description, "name": $0.proposedName, "state": $0.state.chinese] }] }
        for key in ["name", "meaning", "origin", "reasons", "applicant"] { if let text = typed[key], !text.isEmpty { values["typed_" + key] = text } }
        // The sign preview shows the road's name, the one typed (the page's script follows the typing)
        // or the one its open case proposes; with none, it waits for a name.
        if let shown = [road.name, typed["name"], cases.first { !$0.state.isFinal }?.proposedName].compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            values["previewName"] = shown.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        }
        if let message { values["message"] = message }
        return page("road", title: road.name ?? road.workingName ?? road.id, values, request: context)
    }

    /// The mini-map of a road (its box with a margin, and 天地图 tiles when the county has a key).
    func roadMap(_ road: FeatureID?, user: UserAccount) async throws -> [String: Any] {
        guard let road, let detail = try? await blocking({ try services.roads(user).show(road) }) else { return [:] }
        return try await roadMap(detail, id: road)
    }

    func roadMap(_ detail: RoadDetail, id: FeatureID) async throws -> [String: Any] {
        let points = detail.geometry.coordinates.compactMap { $0.count == 2 ? Coordinate(lon: $0[0], lat: $0[1]) : nil }
        guard let box = BoundingBox(covering: points) else { return [:] }
        let margin = max(box.maxLon - box.minLon, box.maxLat - box.minLat) * 0.3 + 0.002
        var values: [String: Any] = ["bbox": Self.bbox(BoundingBox(minLon: box.minLon - margin, minLat: box.minLat - margin, maxLon: box.maxLon + margin,
                                                                  maxLat: box.maxLat + margin)),
                                     "road": id.description, "leaflet": true]
        if let tiles = try await tiandituTiles(county: DivisionCode(id.county)) { values["tiles"] = tiles }
        return values
    }

    func casePage(_ detail: CaseDetail, names: [String: String], _ context: AppContext, message: String?, map: [String: Any] = [:]) -> Response {
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
                action["experts"] = true
                if c.assessment == nil { action["assess"] = true }
            case .approved:
                // Approval comes only after the public notice has run (the server refuses it before).
                if let end = c.notice?.end, DeadlineRules.days(from: end, to: services.clock.now()) <= 0 { return nil }
                action["approve"] = true
                action["approver"] = detail.authorities?.approver ?? ""
                action["defaultDate"] = DeadlineRules.dayString(services.clock.now()) // an approval is dated today or earlier, never ahead
            default: break
            }
            return action
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let timeline = detail.timeline.map { entry -> [String: Any] in
            var row: [String: Any] = ["at": formatter.string(from: entry.at).prefix(16).replacingOccurrences(of: "T", with: " "), "actor": names[entry.actor] ?? entry.actor,
                                      "action": entry.action.chinese,
                                      "change": [entry.from.flatMap { Self.stateNames[$0] }, entry.to.flatMap { Self.stateNames[$0] }].compactMap { $0 }.joined(separator: " → "),
                                      "document": entry.document ?? ""]
            if let reason = Self.reason(of: entry) { row["reason"] = reason }  // 退件、不予批准、退回拟名 say why
            return row
        }
        var values: [String: Any] = ["id": c.id.description, "name": c.proposedName, "toned": detail.toned ?? "", "kind": c.kind.chinese, "state": c.state.chinese,
                                     "applicant": c.applicant, "location": c.facts.location, "timeline": timeline, "actions": actions]
        if c.state == .publicNotice, let end = c.notice?.end, DeadlineRules.days(from: end, to: services.clock.now()) <= 0 {
            values["approvalFrom"] = ["end": DeadlineRules.dayString(end), "first": DeadlineRules.dayString(DeadlineRules().add(1, to: end))]
        }
        if let approval = c.approval { values["approval"] = "\(approval.authority) \(approval.documentNumber) \(DeadlineRules.dayString(approval.date))" }
        if let message { values["message"] = message }
        values.merge(Self.dossier(c, context: context)) { a, _ in a }
        values["caseID"] = c.id.description
        values["csrf"] = context.csrf ?? ""
        if !map.isEmpty {
            values["minimap"] = map
            values["leaflet"] = true
        }
        if let user = context.user, !c.state.isFinal, Policy.allows(user, .draftCase, in: c.accessScope) {
            values["canAttach"] = true
            values["steps"] = ["征求意见表", "专家论证意见", "综合评估报告", "公示照片", "批复扫描件", "其他材料"]
            if [.drafted, .consulted, .returned].contains(c.state) { values["canAmend"] = true }
        }
        if let heritage = detail.heritage {
            values["heritage"] = "\(heritage.name) 列入\(heritage.level.chinese)地名文化遗产保护名录（\(DeadlineRules.dayString(heritage.listedOn))）：\(heritage.reason)"
        }
        return page("case", title: c.proposedName, values, request: context)
    }
}

extension WebPages {
    /// The case's dossier (卷宗): what was applied for, the consultation, the expert review, the
    /// assessment, the notice with its objections (and the forms to record and answer them), the
    /// attachments.
    static func dossier(_ c: NamingCase, context: AppContext) -> [String: Any] {
        var values: [String: Any] = ["meaning": c.meaning, "reasons": c.reasons, "origin": c.origin]
        if let consultation = c.consultation {
            values["consultation"] = ["scope": consultation.scope,
                                      "opinions": consultation.opinions.map { ["from": $0.from, "text": $0.text, "handling": $0.handling] }]
        }
        if let review = c.expertReview { values["expertReview"] = ["experts": review.experts.joined(separator: "、"), "conclusion": review.conclusion] }
        if let assessment = c.assessment {
            values["assessmentDone"] = assessment.conclusion + ((assessment.report).map { $0.isEmpty ? "" : "（\($0)）" } ?? "")
        }
        if let notice = c.notice {
            values["noticeDone"] = ["channel": notice.channel, "hasObjections": !notice.objections.isEmpty, "start": DeadlineRules.dayString(notice.start), "end": DeadlineRules.dayString(notice.end),
                                    "objections": notice.objections.map { o -> [String: Any] in
                                        ["number": o.number, "from": o.from, "text": o.text, "raised": DeadlineRules.dayString(o.raised),
                                         "handling": o.handling ?? "", "open": o.isOpen, "caseID": c.id.description, "csrf": context.csrf ?? ""]
                                    }]
            if c.state == .publicNotice { values["canObject"] = ["caseID": c.id.description, "csrf": context.csrf ?? ""] }
        }
        if !c.attachments.isEmpty {
            values["hasAttachments"] = true
            values["attachments"] = c.attachments.map {
                ["name": ($0.path as NSString).lastPathComponent, "step": $0.step, "sha": String($0.sha256.prefix(12)), "sha256": $0.sha256, "caseID": c.id.description]
            }
        }
        if !c.breaches.isEmpty {
            values["hasBreaches"] = true
            values["breaches"] = c.breaches.map { ["kind": $0.kind.chinese, "due": DeadlineRules.dayString($0.due), "done": DeadlineRules.dayString($0.done), "days": $0.days] }
        }
        // The documents of the case (its application) and of its batch once it has one.
        var documents: [[String: Any]] = [["owner": c.id.description, "kind": ProcedureDocuments.Kind.application.rawValue, "label": "申请书"]]
        if let batch = c.batchID {
            let kinds: [ProcedureDocuments.Kind] = c.approval == nil ? [.notice, .request, .reply] : [.notice, .request, .reply, .announcement, .filingReport, .filing]
            documents += kinds.map { ["owner": batch.description, "kind": $0.rawValue, "label": $0.chinese] }
        }
        values["documents"] = documents
        return values
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

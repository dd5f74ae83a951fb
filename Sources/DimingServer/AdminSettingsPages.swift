import DimingCore
import DimingKit
import Foundation
import Hummingbird

/// The county's settings page (县级设置) and the audit-trail viewer (操作记录).
extension WebPages {
    func registerAdminSettings(on router: Router<AppContext>) {
        @Sendable func county(_ user: UserAccount, _ chosen: String?) async throws -> (DivisionCode, [Division]) {
            let (code, counties) = try await countyChoice(user, chosen)
            guard let code else { throw InputError(field: "county", "登记簿中还没有县级区划，请先导入行政区划") }
            return (code, counties)
        }
        router.get("/admin/settings") { request, context in
            let user = try context.requireUser()
            let (code, counties) = try await county(user, request.uri.queryParameters.get("county"))
            try Policy.require(user, .manageSettings, in: .county(code))
            let (papers, authorities) = try await blocking {
                try services.registry.read { db in (try DocumentSettings.load(db, county: code), try AuthoritySettings.table(db, county: code)) }
            }
            let (deadlines, signs, site, name) = try await blocking {
                (try services.registry.read { try DeadlineSettings.rules($0, county: code) },
                 try SignService(registry: services.registry, actor: user, clock: services.clock).settings(county: code),
                 try SiteSettings.load(services.registry, county: code), try DivisionQueries(registry: services.registry).show(code).name)
            }
            var values: [String: Any] = [
                "csrf": context.csrf ?? "", "county": code.countyPart, "countyName": name,
                "noticeDays": deadlines.noticeDays, "filingDays": deadlines.filingDays, "announcementDays": deadlines.announcementDays,
                "spacing": String(format: "%.0f", signs.spacing), "eastWestColour": signs.eastWestColour, "northSouthColour": signs.northSouthColour,
                "material": signs.material, "funding": signs.funding,
                "tiandituKey": site.tiandituKey ?? "", "publicBaseURL": signs.publicBaseURL ?? "",
                "positionTolerance": String(format: "%.0f", signs.positionTolerance),
            ]
            if deadlines.workingDays { values["workingDays"] = true }
            let approver = authorities.approvers["road"] ?? AuthorityRule(level: .county, body: "人民政府")
            values["abbreviation"] = papers.abbreviation ?? ""
            values["contact"] = papers.contact ?? ""
            values["levels"] = AuthorityLevel.allCases.map { ["value": $0.rawValue, "label": $0.chinese, "selected": $0 == approver.level] }
            values["approverBody"] = approver.body
            values["filingBodies"] = authorities.filingBodies.joined(separator: "、")
            values["announcer"] = authorities.announcer
            if !counties.isEmpty {
                values["hasCounties"] = true
                values["counties"] = counties.map { ["code": $0.code.countyPart, "name": $0.name, "selected": $0.code == code] }
            }
            if let message = RedirectMessage.shown(in: request) { values["message"] = message }
            if let notice = RedirectMessage.shown(in: request, as: "notice") { values["notice"] = notice }
            return page("admin-settings", title: "县级设置", values, request: context)
        }
        /// A settings form: the checked form, its county, and the step that saves it.
        @Sendable func save(_ request: Request, _ context: AppContext,
                            _ body: @escaping @Sendable (UserAccount, DivisionCode, [String: String]) throws -> Void) async throws -> Response {
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            let (code, _) = try await county(user, form["county"])
            let back = "/admin/settings?county=\(code.countyPart)"
            return try await Self.step(back: back) { try body(user, code, form) } then: {
                Self.redirect(RedirectMessage.location(back, message: "已保存", as: "notice"))
            }
        }
        @Sendable func days(_ form: [String: String], _ field: String, label: String) throws -> Int {
            guard let days = Int((form[field] ?? "").trimmingCharacters(in: .whitespaces)), (1...365).contains(days) else {
                throw InputError(field: field, "\(label)应为 1–365 的整数")
            }
            return days
        }
        router.post("/admin/settings/deadlines") { request, context in
            try await save(request, context) { user, code, form in
                let (notice, filing, announcement) = (try days(form, "noticeDays", label: "公示期"), try days(form, "filingDays", label: "备案期限"),
                                                      try days(form, "announcementDays", label: "公告期限"))
                _ = try DeadlineSettings.update(services.registry, county: code, actor: user, clock: services.clock) {
                    $0.noticeDays = notice
                    $0.filingDays = filing
                    $0.announcementDays = announcement
                    $0.workingDays = form["workingDays"] == "yes"
                }
            }
        }
        router.post("/admin/settings/signs") { request, context in
            try await save(request, context) { user, code, form in
                let service = SignService(registry: services.registry, actor: user, clock: services.clock)
                var settings = try service.settings(county: code)
                guard let spacing = Double(form["spacing"] ?? ""), spacing >= 50, spacing <= 50_000 else {
                    throw InputError(field: "spacing", "设牌间距应为 50–50000 米")
                }
                settings.spacing = spacing
                for (field, colour) in [("eastWestColour", form["eastWestColour"]), ("northSouthColour", form["northSouthColour"])] {
                    guard let colour, colour.range(of: "^#[0-9A-Fa-f]{6}$", options: .regularExpression) != nil else {
                        throw InputError(field: field, "颜色应写作 #RRGGBB，如 #1D4F9C")
                    }
                }
                settings.eastWestColour = form["eastWestColour"]!.uppercased()
                settings.northSouthColour = form["northSouthColour"]!.uppercased()
                settings.material = form["material"] ?? settings.material
                settings.funding = form["funding"] ?? settings.funding
                guard let tolerance = Double(form["positionTolerance"] ?? ""), tolerance >= 1, tolerance <= 1000 else {
                    throw InputError(field: "positionTolerance", "安装位置允许偏差应为 1–1000 米")
                }
                settings.positionTolerance = tolerance
                let base = (form["publicBaseURL"] ?? "").trimmingCharacters(in: .whitespaces)
                if !base.isEmpty { try PublicAddress.check(base) }
                settings.publicBaseURL = base.isEmpty ? nil : base
                try service.setSettings(settings, county: code)
            }
        }
        router.post("/admin/settings/papers") { request, context in
            try await save(request, context) { user, code, form in
                func text(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespaces) }
                guard let level = AuthorityLevel(rawValue: text("approverLevel")), !text("approverBody").isEmpty, !text("announcer").isEmpty else {
                    throw InputError(field: "approverBody", "请填写批准机关和公告机关")
                }
                let filing = text("filingBodies").split(whereSeparator: { "、,，".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard !filing.isEmpty else { throw InputError(field: "filingBodies", "请填写备案机关") }
                _ = try DocumentSettings.update(services.registry, county: code, actor: user, clock: services.clock) {
                    $0.abbreviation = text("abbreviation").isEmpty ? nil : text("abbreviation")
                    $0.contact = text("contact").isEmpty ? nil : text("contact")
                }
                _ = try AuthoritySettings.update(services.registry, county: code, actor: user, clock: services.clock) {
                    $0.approvers["road"] = AuthorityRule(level: level, body: text("approverBody"))
                    $0.filingBodies = filing
                    $0.announcer = text("announcer")
                }
            }
        }
        router.post("/admin/settings/site") { request, context in
            try await save(request, context) { user, code, form in
                try SiteSettings.update(services.registry, county: code, actor: user, clock: services.clock, SiteSettings(tiandituKey: form["tiandituKey"]))
            }
        }
    }

    func registerAuditViewer(on router: Router<AppContext>) {
        router.get("/admin/audit") { request, context in
            let user = try context.requireUser()
            let query = ListQuery(request)
            var filter = AuditFilter(actor: query["actor"], entityKind: query["kind"])
            if let text = query["from"] {
                guard let from = DeadlineRules.day(text) else { throw InputError(field: "from", "日期应为 yyyy-MM-dd") }
                filter.from = from
            }
            if let text = query["to"] {
                guard let to = DeadlineRules.day(text) else { throw InputError(field: "to", "日期应为 yyyy-MM-dd") }
                filter.to = to.addingTimeInterval(86_400)
            }
            let asked = filter
            let (found, accounts) = try await blocking {
                (try AuditTrail(registry: services.registry).search(asked, page: query.page, pageSize: ListQuery.pageSize, actor: user),
                 try services.accounts.list(actor: user))
            }
            let names = Dictionary(accounts.map { ($0.username, $0.displayName) }, uniquingKeysWith: { a, _ in a })
            let (_, paging) = query.paged(Array(repeating: 0, count: found.total), path: "/admin/audit")
            var values = paging
            values.removeValue(forKey: "export")
            values["actor"] = query["actor"] ?? ""
            values["from"] = query["from"] ?? ""
            values["to"] = query["to"] ?? ""
            values["actors"] = accounts.map(\.username)
            values["kinds"] = query.options("kind", AuditTrail.entityKinds)
            let time = DateFormatter()
            time.dateFormat = "yyyy-MM-dd HH:mm:ss"
            time.timeZone = TimeZone(identifier: "Asia/Shanghai")
            values["events"] = found.events.map { event -> [String: Any] in
                ["at": time.string(from: event.at), "actor": names[event.actor].map { "\($0)（\(event.actor)）" } ?? event.actor,
                 "action": event.action.chinese, "entity": "\(event.entityKind) \(event.entityID)",
                 "detail": String((event.after ?? event.document ?? "").prefix(200))]
            }
            return page("admin-audit", title: "操作记录", values, request: context)
        }
    }
}

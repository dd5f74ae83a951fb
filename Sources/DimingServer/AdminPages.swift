import DimingCore
import DimingKit
import Foundation
import Hummingbird

/// The administrator's pages (系统管理): accounts (add, edit role and town, reset password, disable),
/// the county's settings (deadlines, signs, 天地图 key, public base URL) and the audit-trail viewer.
/// Each form calls one use case, which checks the administrator's scope and writes the audit trail.
extension WebPages {
    func registerAdmin(on router: Router<AppContext>) {
        /// The acting administrator and the checked form.
        @Sendable func posted(_ request: Request, _ context: AppContext) async throws -> (UserAccount, [String: String]) {
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            return (user, form)
        }
        @Sendable func code(_ text: String?, field: String) throws -> DivisionCode? {
            let text = (text ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return nil }
            guard let code = DivisionCode(text) else { throw InputError(field: field, "区划代码应为 6 位或 12 位数字：\(text)") }
            return code
        }
        @Sendable func role(_ text: String?) throws -> UserAccount.Role {
            guard let role = text.flatMap(UserAccount.Role.init(rawValue:)) else { throw InputError(field: "role", "请选择角色") }
            return role
        }
        /// The values of the account forms: roles, and the towns and counties to choose from.
        @Sendable func scopeChoices(_ user: UserAccount, role chosen: UserAccount.Role?) async throws -> [String: Any] {
            let (towns, counties) = try await blocking {
                let queries = DivisionQueries(registry: services.registry)
                return user.countyCode == nil ? ([], try queries.list(parent: nil, level: .county)) : (try queries.towns(of: user).towns, [])
            }
            return ["roles": UserAccount.Role.allCases.map { ["value": $0.rawValue, "label": $0.chinese, "selected": $0 == chosen] },
                    "towns": towns.map { ["code": $0.code.rawValue, "name": $0.name] },
                    "counties": counties.map { ["code": $0.code.countyPart, "name": $0.name] }]
        }
        @Sendable func usersPage(_ user: UserAccount, _ context: AppContext, typed: [String: String] = [:], message: String? = nil,
                                 notice: String? = nil) async throws -> Response {
            let accounts = try await blocking { try services.accounts.list(actor: user) }
            var values = try await scopeChoices(user, role: typed["role"].flatMap(UserAccount.Role.init(rawValue:)) ?? .clerk)
            values["csrf"] = context.csrf ?? ""
            values["users"] = accounts.map { account -> [String: Any] in
                ["username": account.username, "displayName": account.displayName, "role": account.role.chinese,
                 "county": account.countyCode?.countyPart ?? "全部", "town": account.townCode?.rawValue ?? "",
                 "status": account.disabledAt == nil ? "在用" : "已停用"]
            }
            for key in ["username", "displayName", "county", "town"] { values["typed_" + key] = typed[key] ?? "" }
            if values["typed_county"] as? String == "", let county = user.countyCode { values["typed_county"] = county.countyPart }
            if let message { values["message"] = message }
            if let notice { values["notice"] = notice }
            return page("admin-users", title: "账户管理", values, request: context)
        }
        @Sendable func userPage(_ name: String, _ user: UserAccount, _ context: AppContext, message: String?, notice: String?) async throws -> Response {
            guard let account = try await blocking({ try services.accounts.list(actor: user) }).first(where: { $0.username == name }) else {
                throw APIError(status: .notFound, code: "NOT_FOUND", message: "没有账户 \(name)")
            }
            var values = try await scopeChoices(user, role: account.role)
            values["csrf"] = context.csrf ?? ""
            values["username"] = account.username
            values["displayName"] = account.displayName
            values["typed_displayName"] = account.displayName
            values["typed_county"] = account.countyCode?.countyPart ?? ""
            values["typed_town"] = account.townCode?.rawValue ?? ""
            values["role"] = account.role.chinese
            values["status"] = account.disabledAt == nil ? "在用" : "已停用"
            if account.disabledAt != nil { values["disabled"] = true }
            if let message { values["message"] = message }
            if let notice { values["notice"] = notice }
            return page("admin-user", title: "账户 \(name)", values, request: context)
        }

        router.get("/admin") { _, _ in Self.redirect("/admin/users") }
        router.get("/admin/users") { request, context in
            let user = try context.requireUser()
            return try await usersPage(user, context, message: RedirectMessage.shown(in: request),
                                       notice: RedirectMessage.shown(in: request, as: "notice"))
        }
        router.post("/admin/users") { request, context in
            let (user, form) = try await posted(request, context)
            do {
                let town = try code(form["town"], field: "town")
                let account = UserAccount(username: (form["username"] ?? "").trimmingCharacters(in: .whitespaces),
                                          displayName: (form["displayName"] ?? "").trimmingCharacters(in: .whitespaces), role: try role(form["role"]),
                                          countyCode: try code(form["county"], field: "county") ?? town?.ancestor(at: .county), townCode: town)
                guard !account.displayName.isEmpty else { throw InputError(field: "displayName", "请填写姓名") }
                try await blocking { try services.accounts.add(account, password: form["password"] ?? "", actor: user) }
                return Self.redirect(RedirectMessage.location("/admin/users", message: "已新增账户 \(account.username)", as: "notice"))
            } catch {
                // A refused account comes back with what the administrator typed (never the password).
                let classified = ClassifiedError.classify(error)
                guard [.refused, .badInput].contains(classified.kind) else { throw error }
                var response = try await usersPage(user, context, typed: form, message: classified.messageZh)
                response.status = .unprocessableContent
                return response
            }
        }
        router.get("/admin/users/:name") { request, context in
            let user = try context.requireUser()
            return try await userPage(context.parameters.get("name") ?? "", user, context, message: RedirectMessage.shown(in: request),
                                      notice: RedirectMessage.shown(in: request, as: "notice"))
        }
        router.post("/admin/users/:name") { request, context in
            let (user, form) = try await posted(request, context)
            let name = context.parameters.get("name") ?? ""
            return try await Self.step(back: "/admin/users/\(name)") {
                let town = try code(form["town"], field: "town"), county = try code(form["county"], field: "county"), newRole = try role(form["role"])
                try services.accounts.update(name, actor: user) {
                    $0.displayName = form["displayName"] ?? $0.displayName
                    $0.role = newRole
                    $0.townCode = town
                    $0.countyCode = county ?? town?.ancestor(at: .county)
                }
            } then: { Self.redirect(RedirectMessage.location("/admin/users/\(name)", message: "已保存", as: "notice")) }
        }
        router.post("/admin/users/:name/password") { request, context in
            let (user, form) = try await posted(request, context)
            let name = context.parameters.get("name") ?? ""
            return try await Self.step(back: "/admin/users/\(name)") {
                try services.accounts.setPassword(name, password: form["password"] ?? "", actor: user)
            } then: { Self.redirect(RedirectMessage.location("/admin/users/\(name)", message: "密码已重置", as: "notice")) }
        }
        for (path, disable) in [("disable", true), ("enable", false)] {
            router.post("/admin/users/:name/\(path)") { request, context in
                let (user, _) = try await posted(request, context)
                let name = context.parameters.get("name") ?? ""
                let now = services.clock.now()
                return try await Self.step(back: "/admin/users/\(name)") {
                    try services.accounts.update(name, actor: user) { $0.disabledAt = disable ? now : nil }
                }
            }
        }
        registerAdminSettings(on: router)
        registerAuditViewer(on: router)
    }
}

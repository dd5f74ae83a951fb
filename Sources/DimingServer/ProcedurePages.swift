import DimingCore
import DimingKit
import Foundation
import Hummingbird

/// The procedure's steps that act on a batch or an objection (批次、备案、公告、异议), as forms.
/// Each calls one use case, which checks the actor's role and scope and the law's order; a refusal
/// comes back to the page with its Chinese message.
extension WebPages {
    func registerProcedure(on router: Router<AppContext>) {
        @Sendable func id(_ context: AppContext, _ kind: FeatureKind) throws -> FeatureID {
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == kind else { throw InputError(field: "id", "not a \(kind) id") }
            return id
        }
        /// The acting user, the record the path names and the form, once its CSRF token is checked.
        @Sendable func posted(_ request: Request, _ context: AppContext, _ kind: FeatureKind) async throws -> (UserAccount, FeatureID, [String: String]) {
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            return (user, try id(context, kind), form)
        }
        @Sendable func day(_ form: [String: String]) throws -> Date {
            guard let text = form["date"], let date = DeadlineRules.day(text) else { throw InputError(field: "date", "日期应为 yyyy-MM-dd") }
            return date
        }
        router.post("/batches") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            guard let county = user.countyCode else { throw InputError(field: "county", "只有县级审核人员可以新建批次") }
            let title = (form["title"] ?? "").trimmingCharacters(in: .whitespaces)
            return try await Self.step(back: "/batches", { try BatchService(cases: services.cases(user)).create(county: county, title: title) }) {
                Self.redirect("/batches/\($0.id)")
            }
        }
        router.post("/batches/:id/cases") { request, context in
            let user = try context.requireUser()
            let batch = try id(context, .batch)
            let text = try await request.text()
            let pairs = text.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" } }
            try context.checkCSRF(pairs.first { $0.first == "csrf" }?.last)
            let ids = pairs.filter { $0.first == "case" && $0.count == 2 }.compactMap { FeatureID($0[1]) }
            guard !ids.isEmpty else { return Self.redirect("/batches/\(batch)", message: "请勾选要编入本批次的案卷") }
            return try await Self.step(back: "/batches/\(batch)") { _ = try BatchService(cases: services.cases(user)).add(batch, cases: ids) }
        }
        router.post("/batches/:id/file") { request, context in
            let (user, batch, form) = try await posted(request, context, .batch)
            let filing = Filing(date: try day(form), body: form["body"] ?? "")
            return try await Self.step(back: "/batches/\(batch)") { _ = try BatchService(cases: services.cases(user)).file(batch, filing: filing) }
        }
        router.post("/batches/:id/announce") { request, context in
            let (user, batch, form) = try await posted(request, context, .batch)
            let channels = (form["channels"] ?? "").split(whereSeparator: { "、,，".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let announcement = Announcement(date: try day(form), channels: channels)
            return try await Self.step(back: "/batches/\(batch)") { _ = try BatchService(cases: services.cases(user)).announce(batch, announcement: announcement) }
        }
        router.post("/cases/:id/objections") { request, context in
            let (user, namingCase, form) = try await posted(request, context, .namingCase)
            return try await Self.step(back: "/cases/\(namingCase)") {
                _ = try services.cases(user).object(namingCase, from: form["from"] ?? "", text: form["text"] ?? "")
            }
        }
        router.post("/cases/:id/objections/:number") { request, context in
            let (user, namingCase, form) = try await posted(request, context, .namingCase)
            guard let number = context.parameters.get("number").flatMap(Int.init) else { throw InputError(field: "number", "not an objection number") }
            return try await Self.step(back: "/cases/\(namingCase)") {
                _ = try services.cases(user).resolveObjection(namingCase, number: number, handling: form["handling"] ?? "", upheld: form["upheld"] == "1")
            }
        }
    }
}

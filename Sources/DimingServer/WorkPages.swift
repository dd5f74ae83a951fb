import DimingCore
import DimingKit
import Foundation
import GeoFormats
import Hummingbird

/// Batch pages with their documents (the sign previews are in SignPreviewPage, the POI review queue in POIReviewPages).
extension WebPages {
    func registerWork(on router: Router<AppContext>) {
        router.get("/batches") { request, context in
            let queries = BatchQueries(registry: services.registry, actor: try context.requireUser())
            let batches = try await blocking { try queries.list() }.map { summary -> [String: Any] in
                ["id": summary.batch.id.description, "title": summary.batch.title, "count": summary.cases,
                 "approval": summary.batch.approval.map { "\($0.documentNumber) \(DeadlineRules.dayString($0.date))" } ?? "未批准"]
            }
            var values: [String: Any] = ["batches": batches, "csrf": context.csrf ?? ""]
            if let user = context.user, let county = user.countyCode, Policy.allows(user, .manageBatches, in: .county(county)) { values["canCreate"] = true }
            if let message = RedirectMessage.shown(in: request) { values["message"] = message }
            return page("batches", title: "批次", values, request: context)
        }
        router.get("/batches/:id") { request, context in
            let user = try context.requireUser()
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == .batch else { throw InputError(field: "id", "not a batch id") }
            let (batch, visible) = try await blocking { try BatchQueries(registry: services.registry, actor: user).show(id) }
            var values: [String: Any] = [
                "id": id.description, "title": batch.title, "csrf": context.csrf ?? "",
                "approval": batch.approval.map { "\($0.authority) \($0.documentNumber) \(DeadlineRules.dayString($0.date))" } ?? "尚未批准",
                "cases": visible.map { ["id": $0.id.description, "name": $0.proposedName, "state": $0.state.chinese] },
                // 公告 and the filing papers quote the approval: offered once the batch is approved.
                "documents": ProcedureDocuments.Kind.allCases.filter { $0 != .application }.map {
                    ["id": id.description, "kind": $0.rawValue, "label": $0.chinese, "ready": batch.approval != nil || !Self.afterApproval.contains($0)]
                },
                "today": DeadlineRules.dayString(services.clock.now()),
            ]
            let authorities = try await blocking { try services.caseQueries(user).authorities(county: batch.countyCode) }
            if batch.approval == nil && Policy.allows(user, .approve, in: .county(batch.countyCode)) {
                values["canApprove"] = true
                values["approver"] = authorities?.approver ?? ""
            }
            if batch.approval == nil && Policy.allows(user, .manageBatches, in: .county(batch.countyCode)) {
                // Cases in public notice, in no batch yet: tick them into this one.
                let candidates = try await blocking { try services.caseQueries(user).list(state: .publicNotice) }
                    .filter { $0.batchID == nil && $0.countyCode == batch.countyCode }
                values["candidates"] = candidates.map { c -> [String: Any] in
                    ["id": c.id.description, "name": c.proposedName, "notice": c.notice.map { "公示至 \(DeadlineRules.dayString($0.end))" } ?? "",
                     "objections": c.openObjections.isEmpty ? "" : "\(c.openObjections.count) 条异议未处理"]
                }
                values["hasCandidates"] = !candidates.isEmpty
            }
            if batch.approval != nil && Policy.allows(user, .manageBatches, in: .county(batch.countyCode)) {
                if let filing = batch.filing { values["filed"] = "\(filing.body) \(DeadlineRules.dayString(filing.date))" } else {
                    values["canFile"] = true
                    values["filingBody"] = authorities?.filingBodies.first ?? ""
                }
                if let announcement = batch.announcement {
                    values["announced"] = "\(DeadlineRules.dayString(announcement.date)) \(announcement.channels.joined(separator: "、"))"
                } else {
                    values["canAnnounce"] = true
                    values["announcer"] = authorities?.announcer ?? ""
                }
            }
            if let message = RedirectMessage.shown(in: request) { values["message"] = message }
            return page("batch", title: batch.title, values, request: context)
        }
        router.post("/batches/:id/approve") { request, context in
            let user = try context.requireUser()
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == .batch else { throw InputError(field: "id", "not a batch id") }
            guard let date = form["date"].flatMap(DeadlineRules.day) else { throw InputError(field: "date", "expected yyyy-MM-dd", zh: "日期应写作 年-月-日，如 2026-12-09") }
            let approval = Approval(authority: form["authority"] ?? "", documentNumber: form["document"] ?? "", date: date)
            return try await Self.step(back: "/batches/\(id)") {
                _ = try BatchService(cases: services.cases(user)).approve(id, approval: approval)
            }
        }
        router.get("/batches/:id/documents/:kind") { _, context in
            let user = try context.requireUser()
            guard let id = context.parameters.get("id").flatMap(FeatureID.init) else { throw InputError(field: "id", "not a batch or case id") }
            let asked = context.parameters.get("kind") ?? ""
            if asked.hasSuffix(".pdf"), let kind = ProcedureDocuments.Kind(rawValue: String(asked.dropLast(4))) {
                return try await documentPDF(kind, id: id, user: user)
            }
            guard let kind = ProcedureDocuments.Kind(rawValue: asked) else {
                throw InputError(field: "kind", "notice, announcement or filing")
            }
            let html = try await blocking { try ProcedureDocuments(registry: services.registry, actor: user).html(kind, id: id) }
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        registerSignPreview(on: router)
    }

    /// The documents that quote the approval (批复): there are none before it.
    static let afterApproval: Set<ProcedureDocuments.Kind> = [.announcement, .filingReport, .filing]
}

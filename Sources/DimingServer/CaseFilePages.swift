import DimingCore
import DimingKit
import Foundation
import Hummingbird

/// The case page's files and corrections: evidence uploaded into the registry (附件, kept by content
/// hash and audited), its download, the application's correction before submission (补正), and the
/// procedure's documents as PDF.
extension WebPages {
    func registerCaseFiles(on router: Router<AppContext>) {
        @Sendable func caseID(_ context: AppContext) throws -> FeatureID {
            guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == .namingCase else { throw InputError(field: "id", "不是案卷编号") }
            return id
        }
        router.post("/cases/:id/attachments") { request, context in
            let user = try context.requireUser()
            let id = try caseID(context)
            let form: MultipartForm
            do {
                form = try await MultipartForm.read(request, limit: CaseService.maxAttachmentBytes + 64 * 1024)
            } catch let tooLarge as MultipartForm.TooLarge {
                return Self.redirect("/cases/\(id)", message: "附件超过 \(tooLarge.limit / 1024 / 1024) MB 的上限，未保存")
            }
            try context.checkCSRF(form.fields["csrf"])
            guard let file = form.files["file"], !file.data.isEmpty else { return Self.redirect("/cases/\(id)", message: "请选择要上传的文件") }
            let step = (form.fields["step"] ?? "其他材料").trimmingCharacters(in: .whitespaces)
            let store = AttachmentStore(beside: services.registry)
            return try await Self.step(back: "/cases/\(id)") {
                _ = try services.cases(user).attach(id, data: file.data, filename: file.filename, step: step.isEmpty ? "其他材料" : String(step.prefix(40)), store: store)
            }
        }
        router.get("/cases/:id/attachments/:sha") { _, context in
            let user = try context.requireUser()
            let id = try caseID(context)
            let sha = context.parameters.get("sha") ?? ""
            let store = AttachmentStore(beside: services.registry)
            let file = try await blocking { try services.cases(user).attachment(id, sha256: sha, store: store) }
            let encoded = file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
            return Response(status: .ok, headers: [.contentType: file.contentType, .contentDisposition: "inline; filename*=UTF-8''\(encoded)",
                                                   .init("X-Content-Type-Options")!: "nosniff"],
                            body: .init(byteBuffer: ByteBuffer(data: file.data)))
        }
        router.post("/cases/:id/amend") { request, context in
            let user = try context.requireUser()
            let id = try caseID(context)
            let form = try await request.form()
            try context.checkCSRF(form["csrf"])
            func field(_ name: String) -> String? { form[name].map { $0.trimmingCharacters(in: .whitespaces) } }
            let amendment = CaseAmendment(reasons: field("reasons"), meaning: field("meaning"), origin: field("origin"), location: field("location"))
            return try await Self.step(back: "/cases/\(id)") { _ = try services.cases(user).amend(id, amendment) }
        }
    }

    /// A procedure document as PDF (rendered by the documents' renderer, WeasyPrint), for a batch or a case.
    func documentPDF(_ kind: ProcedureDocuments.Kind, id: FeatureID, user: UserAccount) async throws -> Response {
        guard PDFRenderer().isAvailable else {
            throw APIError(status: .serviceUnavailable, code: "NO_RENDERER", message: "服务器未安装 PDF 渲染组件（WeasyPrint），请先打印网页版文书")
        }
        let data = try await blocking { () throws -> Data in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diming-document-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let written = try ProcedureDocuments(registry: services.registry, actor: user, clock: services.clock).write(kind, id: id, to: folder)
            guard let pdf = written.pdf, let data = FileManager.default.contents(atPath: pdf) else { throw InputError(file: kind.rawValue, "PDF 未生成") }
            return data
        }
        let name = "\(kind.chinese)-\(id).pdf".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document.pdf"
        return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename*=UTF-8''\(name)"],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

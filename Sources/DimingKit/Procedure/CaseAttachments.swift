import DimingCore
import Foundation
import GeoFormats

/// Evidence uploaded into the registry (案卷附件): 征求意见表, 专家论证意见, 批复 scans as PDF, JPEG or
/// PNG, checked by their content (not their name), at most ``maxBytes``, kept by content hash in the
/// registry's attachment store and named in the case's audit trail.
extension CaseService {
    /// The largest attachment, bytes.
    public static let maxAttachmentBytes = 20 * 1024 * 1024

    /// The kind of an evidence file by its first bytes: `pdf`, `jpg` or `png`; the error names the file.
    public static func evidenceType(of data: Data, file: String) throws -> String {
        guard !data.isEmpty else { throw InputError(file: file, "文件是空的 (the file is empty)") }
        guard data.count <= maxAttachmentBytes else {
            throw InputError(file: file, "文件有 \(data.count / 1024 / 1024) MB，超过 \(maxAttachmentBytes / 1024 / 1024) MB 的上限 (too large)")
        }
        if data.starts(with: Array("%PDF-".utf8)) {
            guard data.suffix(1024).range(of: Data("%%EOF".utf8)) != nil else {
                throw InputError(file: file, "PDF 文件不完整（缺少结尾标记），请重新扫描或导出 (truncated PDF)")
            }
            return "pdf"
        }
        do {
            var limits = ImageHeader.Limits()
            limits.maxBytes = maxAttachmentBytes
            return try ImageHeader.check(data, file: file, limits: limits).format.fileExtension
        } catch {
            throw InputError(file: file, "只收 PDF、JPEG 或 PNG 文件；\(error.zh)")
        }
    }

    /// Keeps `data` (uploaded as `filename`) in `store` and attaches it to the case at `step`: the
    /// file's type is checked by content and the name given the type's extension; the step is audited
    /// with the name and hash. Nothing is kept when the case refuses the step.
    public func attach(_ id: FeatureID, data: Data, filename: String, step: String, store: AttachmentStore) throws -> Attachment {
        let base = (filename as NSString).lastPathComponent.trimmingCharacters(in: .whitespaces)
        let type = try Self.evidenceType(of: data, file: base.isEmpty ? "附件" : base)
        var name = base.isEmpty ? "附件" : base
        if (name as NSString).pathExtension.lowercased() != type && !(type == "jpg" && (name as NSString).pathExtension.lowercased() == "jpeg") {
            name += "." + type
        }
        // Checked before the bytes are kept: a case the actor may not touch keeps nothing.
        try registry.read { db in
            let namingCase = try load(db, id, for: .viewCase)
            try Policy.require(actor, .draftCase, in: namingCase.accessScope)
        }
        let stored = try store.store(data, fileExtension: type)
        let attachment = Attachment(path: name, sha256: stored.sha256, step: step)
        _ = try perform(.attach(attachment), on: id) { _ in .draftCase }
        return attachment
    }

    /// The bytes and content type of a case's attachment by its hash, for someone who may read the case.
    public func attachment(_ id: FeatureID, sha256: String, store: AttachmentStore) throws -> (data: Data, name: String, contentType: String) {
        let namingCase = try registry.read { db in try load(db, id, for: .viewCase) }
        guard let attachment = namingCase.attachments.first(where: { $0.sha256 == sha256 }) else {
            throw RegistryError.notFound(kind: "attachment", key: sha256)
        }
        var ext = (attachment.path as NSString).pathExtension.lowercased()
        if ext == "jpeg" { ext = "jpg" }
        guard let (data, _) = store.read(reference: "sha256:\(sha256).\(ext)") else { throw RegistryError.notFound(kind: "attachment file", key: attachment.path) }
        let type = ["pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"][ext] ?? "application/octet-stream"
        return (data, attachment.path, type)
    }
}

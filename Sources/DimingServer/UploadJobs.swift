import DimingCore
import DimingKit
import Foundation
import Hummingbird
import NIOCore

/// Imports started from the browser (数据导入): the uploaded file is streamed to a private folder,
/// then imported off the server's threads while the page polls its progress. A job belongs to the
/// account that started it; finished jobs are kept for an hour, in memory (a restart forgets them,
/// never the registry's data: the import itself is one transaction in the use case).
final class UploadJobs: @unchecked Sendable {
    /// What the page polls: where the job is, and the report or the Chinese refusal at the end.
    struct Status: Codable, Sendable {
        var id: String
        var kind: String
        var file: String
        var state = "running"
        var phase = "上传完成，正在导入"
        var read = 0
        var total = 0
        var records = 0
        var report: String?
        var error: String?
        var finished: Date?
    }

    /// The largest file the browser may upload (the command line reads larger ones).
    static let uploadLimit = 512 * 1024 * 1024

    private let lock = NSLock()
    private var jobs: [String: (owner: String, status: Status)] = [:]

    func status(_ id: String, owner: String) -> Status? {
        lock.withLock { jobs[id].flatMap { $0.owner == owner ? $0.status : nil } }
    }

    private func update(_ id: String, _ edit: (inout Status) -> Void) {
        lock.withLock { if var job = jobs[id] { edit(&job.status); jobs[id] = job } }
    }

    /// Streams `body` into a new private folder as `filename` (its last path component, checked),
    /// refusing more than ``uploadLimit`` bytes. Returns the file's path.
    static func receive(_ body: RequestBody, filename: String) async throws -> String {
        let name = (filename as NSString).lastPathComponent.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.hasPrefix("."), name.count <= 120, !name.contains("/"), !name.contains("\\") else {
            throw InputError(field: "filename", "文件名不可用：\(filename)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diming-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let path = folder.appendingPathComponent(name).path
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw InputError(file: name, "上传的文件无法暂存")
        }
        defer { try? handle.close() }
        var size = 0
        do {
            for try await buffer in body {
                size += buffer.readableBytes
                guard size <= uploadLimit else {
                    throw APIError(status: .contentTooLarge, code: "TOO_LARGE",
                                   message: "\(name) 超过网页上传 \(uploadLimit / 1024 / 1024) MB 的上限；更大的文件请由数据管理员在命令行导入")
                }
                try handle.write(contentsOf: Data(buffer: buffer))
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        guard size > 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw InputError(file: name, "文件是空的，没有导入任何内容")
        }
        return path
    }

    /// Starts `work` on `path` for `owner`, reporting through the reporter it is given; the folder
    /// holding `path` is removed when the work ends.
    func start(kind: String, path: String, owner: String,
               _ work: @escaping @Sendable (ProgressReporter) throws -> String) -> String {
        let id = UUID().uuidString.lowercased()
        lock.withLock {
            jobs = jobs.filter { ($0.value.status.finished ?? .distantFuture) > Date().addingTimeInterval(-3600) }
            jobs[id] = (owner, Status(id: id, kind: kind, file: (path as NSString).lastPathComponent))
        }
        let reporter = ProgressReporter(
            phase: { [weak self] text in self?.update(id) { $0.phase = text } },
            step: { [weak self] done, total in self?.update(id) { $0.read = done; $0.total = total } },
            bytes: { [weak self] read, total, records in self?.update(id) { $0.read = read; $0.total = total; $0.records = records } },
            done: {})
        Thread.detachNewThread { [weak self] in
            let result: Result<String, Error> = Result { try work(reporter) }
            try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
            self?.update(id) {
                $0.finished = Date()
                switch result {
                case .success(let report):
                    $0.state = "done"
                    $0.report = report
                case .failure(let error):
                    $0.state = "failed"
                    // The private folder is the server's business: messages name the file only.
                    $0.error = ClassifiedError.classify(error).messageZh.replacingOccurrences(of: (path as NSString).deletingLastPathComponent + "/", with: "")
                }
            }
        }
        return id
    }
}

import DimingCore
import Foundation
import GeoFormats

/// The documents of the procedure, generated from the registry as printable A4 HTML in Chinese
/// and as CSV (UTF-8 with BOM, for Excel/WPS): the public-notice list (公示), the announcement
/// (公告), the application (申请书) and the filing register (备案登记表).
public struct ProcedureDocuments {
    public enum Kind: String, CaseIterable, Sendable {
        case notice, announcement, application, filing
    }

    /// The files written.
    public struct Written: Codable, Sendable {
        public var html: String
        public var csv: String
        public var rows: Int
    }

    public var registry: any RegistryStore
    /// Who asks: a document shows only the cases they may see, and none of another county's.
    public var actor: UserAccount

    public init(registry: any RegistryStore, actor: UserAccount) {
        self.registry = registry
        self.actor = actor
    }

    /// Writes the document for a batch (notice, announcement, filing) or a case (application; notice too).
    public func write(_ kind: Kind, id: FeatureID, to folder: String) throws -> Written {
        let table = try registry.read { db in try self.table(db, kind, id: id) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let base = "\(folder)/\(kind.rawValue)-\(id)"
        try Self.html(title: table.title, intro: table.intro, header: table.header, rows: table.rows, footer: table.footer)
            .write(toFile: base + ".html", atomically: true, encoding: .utf8)
        try CSVOutput.write(path: base + ".csv", header: table.header, rows: table.rows, byteOrderMark: true)
        return Written(html: base + ".html", csv: base + ".csv", rows: table.rows.count)
    }

    /// The document as printable HTML, without touching the file system.
    public func html(_ kind: Kind, id: FeatureID) throws -> String {
        let table = try registry.read { db in try self.table(db, kind, id: id) }
        return Self.html(title: table.title, intro: table.intro, header: table.header, rows: table.rows, footer: table.footer)
    }

    struct Table {
        var title: String
        var intro: String
        var header: [String]
        var rows: [[String]]
        var footer: String
    }

    func table(_ db: any RegistryTransaction, _ kind: Kind, id: FeatureID) throws -> Table {
        let all: [NamingCase]
        var batch: Batch?
        switch id.kind {
        case .batch:
            guard let found = try db.cases.findBatch(id: id) else { throw RegistryError.notFound(kind: "batch", key: id.description) }
            batch = found
            all = try db.cases.list(batch: id)
        case .namingCase:
            guard let found = try db.cases.find(id: id) else { throw RegistryError.notFound(kind: "case", key: id.description) }
            all = [found]
        default:
            throw InputError(field: "id", "\(id) is neither a batch nor a case")
        }
        guard let someCase = all.first else { throw ProcedureViolation.notReady(what: "EMPTY", en: "\(id) has no cases", zh: "\(id)没有案件。") }
        let cases = all.filter { Policy.allows(actor, .viewCase, in: $0.accessScope) }
        guard let first = cases.first else { throw AccessDenied(actor: actor, action: .viewCase, scope: someCase.accessScope) }
        let county = try db.divisions.find(code: first.countyCode)?.name ?? first.countyCode.rawValue
        func toned(_ c: NamingCase) throws -> String { try c.nameID.flatMap { try db.names.find(id: $0) }?.toned ?? "" }
        func town(_ c: NamingCase) throws -> String { try c.townCode.flatMap { try db.divisions.find(code: $0) }?.name ?? "" }
        func day(_ date: Date?) -> String { date.map(DeadlineRules.dayString) ?? "" }
        let count = cases.count
        switch kind {
        case .notice:
            guard let notice = first.notice else { throw ProcedureViolation.notReady(what: "NOTICE", en: "\(id) has no public notice yet", zh: "\(id)尚未公示，没有公示文书。") }
            return Table(
                title: "关于\(first.proposedName)等\(count)条道路拟定名称的公示",
                intro: "根据《地名管理条例》和《地名管理条例实施办法》，现将\(county)\(count)条道路的拟定名称予以公示。公示期自\(day(notice.start))至\(day(notice.end))。如有意见，请于公示期内通过\(notice.channel)反映。",
                header: ["序号", "拟定名称", "汉语拼音", "所在乡镇", "地理位置", "长度（米）", "含义", "申请人"],
                rows: try cases.enumerated().map { i, c in
                    [String(i + 1), c.proposedName, try toned(c), try town(c), c.facts.location, String(format: "%.0f", c.facts.length), c.meaning, c.applicant]
                },
                footer: "\(county)民政局　\(day(notice.start))")
        case .announcement:
            guard let approval = first.approval else { throw ProcedureViolation.notReady(what: "APPROVAL", en: "\(id) is not approved yet", zh: "\(id)尚未批准。") }
            return Table(
                title: "\(approval.authority)关于\(first.proposedName)等\(count)条道路标准地名的公告",
                intro: "经\(approval.authority)批准（\(approval.documentNumber)），现将\(county)\(count)条道路的标准地名予以公告。",
                header: ["序号", "标准名称", "罗马字母拼写", "所在行政区域", "地理位置描述", "批准机关", "批准时间"],
                rows: try cases.enumerated().map { i, c in
                    [String(i + 1), c.proposedName, try toned(c), county + (try town(c)), c.facts.location,
                     c.approval?.authority ?? "", day(c.approval?.date)]
                },
                footer: "\(approval.authority)　\(day(batch?.announcement?.date ?? first.announcement?.date ?? approval.date))")
        case .application:
            let c = first
            return Table(
                title: "地名\(c.kind.chinese)申请书",
                intro: "\(c.applicant)申请对\(county)\(try town(c))境内道路（\(c.facts.location)）\(c.kind.chinese)。",
                header: ["项目", "内容"],
                rows: [["拟定名称", c.proposedName], ["汉语拼音", try toned(c)], ["申请人", c.applicant], ["申请理由", c.reasons],
                       ["地理位置", c.facts.location], ["长度（米）", String(format: "%.0f", c.facts.length)],
                       ["宽度（米）", c.facts.width.map { String(format: "%.0f", $0) } ?? ""], ["道路性质", c.facts.nature ?? ""],
                       ["名称含义", c.meaning], ["名称来历", c.origin], ["案卷编号", c.id.description]],
                footer: "申请人：\(c.applicant)　\(day(c.created))")
        case .filing:
            guard let approval = first.approval else { throw ProcedureViolation.notReady(what: "APPROVAL", en: "\(id) is not approved yet", zh: "\(id)尚未批准。") }
            return Table(
                title: "地名备案登记表",
                intro: "\(county)　批准文号：\(approval.documentNumber)　共\(count)条",
                header: ["序号", "标准名称", "罗马字母拼写", "地名类别", "所在行政区域", "批准机关", "批准文号", "批准时间", "公告时间", "备案时间", "备案机关"],
                rows: try cases.enumerated().map { i, c in
                    [String(i + 1), c.proposedName, try toned(c), "道路", county + (try town(c)), c.approval?.authority ?? "",
                     c.approval?.documentNumber ?? "", day(c.approval?.date), day(c.announcement?.date), day(c.filing?.date), c.filing?.body ?? ""]
                },
                footer: "填报单位：\(county)民政局")
        }
    }

    static func html(title: String, intro: String, header: [String], rows: [[String]], footer: String) -> String {
        let e = XMLText.escape
        let head = header.map { "<th>\(e($0))</th>" }.joined()
        let body = rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(e(title))</title>
            <style>
            @page { size: A4; margin: 20mm 15mm; }
            body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 11pt; color: #111; max-width: 180mm; margin: 0 auto; }
            h1 { font-size: 16pt; text-align: center; margin: 8mm 0 6mm; }
            p.intro { text-indent: 2em; line-height: 1.7; }
            table { border-collapse: collapse; width: 100%; margin: 4mm 0; }
            th, td { border: 1px solid #333; padding: 2mm 1.5mm; vertical-align: top; }
            th { background: #f0f0f0; font-weight: bold; }
            tr { page-break-inside: avoid; }
            p.footer { text-align: right; margin-top: 10mm; }
            </style>
            </head>
            <body>
            <h1>\(e(title))</h1>
            <p class="intro">\(e(intro))</p>
            <table>
            <thead><tr>\(head)</tr></thead>
            <tbody>
            \(body)
            </tbody>
            </table>
            <p class="footer">\(e(footer))</p>
            </body>
            </html>

            """
    }
}

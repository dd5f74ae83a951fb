import DimingCore
import Foundation
import GeoFormats

/// The papers of the procedure, generated from the registry as a bureau sends them: print-ready A4
/// HTML in Chinese with a location map of the roads, the same as PDF (`PDFRenderer`, WeasyPrint),
/// and the registers (公示, 公告, 备案登记表) also as CSV (UTF-8 with BOM) and XLSX for Excel/WPS.
///
/// 申请书 application (a case) · 公示 public notice · 请示 the bureau's request for approval ·
/// 批复 the government's reply (a draft until approved) · 公告 the 民政局's announcement (Art. 14) ·
/// 备案报告 the filing report to the government one level up (Art. 13) · 备案登记表 the filing register.
/// Each is issued by the body the county's authority table names; 命名, 更名 (with the 曾用名) and
/// 销名 rows are each worded for their kind.
public struct ProcedureDocuments {
    public enum Kind: String, CaseIterable, Sendable {
        case application, notice, request, reply, announcement, filingReport = "filing-report", filing

        /// The document's Chinese name.
        public var chinese: String {
            switch self {
            case .application: "申请书"
            case .notice: "公示"
            case .request: "请示"
            case .reply: "批复（代拟稿）"
            case .announcement: "公告"
            case .filingReport: "备案报告"
            case .filing: "备案登记表"
            }
        }

        /// Registers: also written as CSV and XLSX.
        public var isRegister: Bool { self == .notice || self == .announcement || self == .filing }
    }

    /// The files written (paths; `pdf` nil when no renderer is installed, `xlsx` nil for letters).
    public struct Written: Codable, Sendable {
        public var html: String
        public var csv: String
        public var rows: Int
        public var pdf: String?
        public var xlsx: String?
    }

    public var registry: any RegistryStore
    /// Who asks: a document shows only the cases they may see, and none of another county's.
    public var actor: UserAccount
    public var clock: any Clock
    public var renderer: PDFRenderer

    public init(registry: any RegistryStore, actor: UserAccount, clock: any Clock = SystemClock(), renderer: PDFRenderer = PDFRenderer()) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
        self.renderer = renderer
    }

    /// Writes the document for a batch or a case (the application: a case, or a batch's first case).
    public func write(_ kind: Kind, id: FeatureID, to folder: String) throws -> Written {
        let document = try registry.read { db in try self.document(db, kind, id: id) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let base = "\(folder)/\(kind.rawValue)-\(id)"
        try document.html.write(toFile: base + ".html", atomically: true, encoding: .utf8)
        let table = document.flatTable
        try CSVOutput.write(path: base + ".csv", header: table.header, rows: table.rows, byteOrderMark: true)
        var written = Written(html: base + ".html", csv: base + ".csv", rows: kind == .application ? 1 : table.rows.count)
        if kind.isRegister {
            try XLSXWriter.write(path: base + ".xlsx", sheet: kind.chinese, header: table.header, rows: table.rows)
            written.xlsx = base + ".xlsx"
        }
        if renderer.isAvailable {
            try renderer.render(htmlFile: base + ".html", to: base + ".pdf")
            written.pdf = base + ".pdf"
        }
        return written
    }

    /// The document as printable HTML, without touching the file system.
    public func html(_ kind: Kind, id: FeatureID) throws -> String {
        try registry.read { db in try self.document(db, kind, id: id) }.html
    }

    func document(_ db: any RegistryTransaction, _ kind: Kind, id: FeatureID) throws -> OfficialDocument {
        let x = try context(db, id: id)
        let first = x.first.namingCase
        func approval() throws -> Approval {
            guard let approval = x.approval else { throw ProcedureViolation.notReady(what: "APPROVAL", en: "\(id) is not approved yet", zh: "\(id)尚未批准。") }
            return approval
        }
        switch kind {
        case .application: return DocumentTexts.application(x)
        case .notice:
            guard let notice = first.notice else { throw ProcedureViolation.notReady(what: "NOTICE", en: "\(id) has no public notice yet", zh: "\(id)尚未公示，没有公示文书。") }
            return DocumentTexts.notice(x, notice)
        case .request:
            try Self.requireNoticesDone(x)
            return DocumentTexts.request(x)
        case .reply: return DocumentTexts.reply(x)
        case .announcement: return DocumentTexts.announcement(x, approval: try approval())
        case .filingReport: return DocumentTexts.filingReport(x, approval: try approval())
        case .filing: return DocumentTexts.filingRegister(x, approval: try approval())
        }
    }

    /// The 请示 says how the public notice went (its dates, the objections and that they were handled):
    /// it is drawn up only once every notice among its cases has ended and each objection is answered.
    static func requireNoticesDone(_ x: DocumentContext) throws {
        for row in x.rows {
            guard let notice = row.namingCase.notice else { continue }
            let id = row.namingCase.id
            guard DeadlineRules.days(from: x.today, to: notice.end) < 0 else {
                throw ProcedureViolation.notReady(
                    what: "NOTICE_RUNNING", en: "the public notice of \(id) runs to \(DeadlineRules.dayString(notice.end)): the request is drawn up after it",
                    zh: "案卷\(id)的公示期至\(ChineseDate.format(notice.end))，公示期满后方可拟写请示。")
            }
            if let open = notice.objections.first(where: { $0.handling == nil }) {
                throw ProcedureViolation.notReady(
                    what: "OPEN_OBJECTIONS", en: "objection \(open.number) to \(id) is not answered yet: the request is drawn up after it is",
                    zh: "案卷\(id)的第\(open.number)件公示异议尚未答复，答复后方可拟写请示。")
            }
        }
    }

    /// The batch's (or case's) visible cases with their roads, authorities, settings and map.
    func context(_ db: any RegistryTransaction, id: FeatureID) throws -> DocumentContext {
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
        guard let someCase = all.first else { throw ProcedureViolation.notReady(what: "EMPTY", en: "\(id) has no cases", zh: "\(id)没有案卷。") }
        let cases = all.filter { Policy.allows(actor, .viewCase, in: $0.accessScope) }
        guard let first = cases.first else { throw AccessDenied(actor: actor, action: .viewCase, scope: someCase.accessScope) }
        let county = first.countyCode.ancestor(at: .county)
        let countyName = try db.divisions.find(code: county)?.name ?? county.countyPart
        let authorities = try AuthoritySettings.authorities(db, county: county)
            ?? CaseAuthorities(approver: countyName + "人民政府", level: .county, filingBodies: [], announcer: countyName + "民政局")
        let rows = try cases.map { try DocumentRow.load(db, $0) }
        let lines = rows.compactMap { row in row.geometry.map { (name: row.name, line: $0) } }
        var context: [LineString] = []
        if let box = BoundingBox(covering: lines.flatMap(\.line.points)) {
            let ids = Set(rows.compactMap(\.namingCase.roadID))
            context = try db.roads.list(in: box.expanded(by: 0.003)).filter { !ids.contains($0.id) }.map(\.geometry)
        }
        return DocumentContext(rows: rows, batch: batch, authorities: authorities, settings: try DocumentSettings.load(db, county: county),
                               county: countyName, serial: (batch?.id ?? first.id).serial, today: clock.now(),
                               map: LocationMap.svg(roads: lines, context: context))
    }
}

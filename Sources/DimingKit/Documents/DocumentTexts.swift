import DimingCore
import Foundation

/// What every paper of one batch (or case) draws on: its roads, the bodies that approve, file and
/// announce, the county's document settings, and the location map.
struct DocumentContext: Sendable {
    var rows: [DocumentRow]
    var batch: Batch?
    var authorities: CaseAuthorities
    var settings: DocumentSettings
    var county: String
    /// The serial of the batch or case: the number in the papers' 文号.
    var serial: Int
    var today: Date
    var map: String?

    var first: DocumentRow { rows[0] }
    var count: Int { rows.count }
    var abbreviation: String { settings.abbreviation ?? (county.first.map { "\($0)民" } ?? "民") }
    var contact: String { settings.contact ?? "\(authorities.announcer)区划地名科" }
    var approval: Approval? { batch?.approval ?? first.namingCase.approval }
    var year: Int { ChineseDate.year(approval?.date ?? first.namingCase.notice?.start ?? today) }
    var kinds: [CaseKind] { CaseKind.allCases.filter { kind in rows.contains { $0.kind == kind } } }
    /// 命名、更名、销名 as the papers word them together.
    var kindsText: String { kinds.map(\.chinese).joined(separator: "、") }
    /// 梁堤路等12条道路 (or the one road's name).
    var subject: String { count == 1 ? first.name : "\(first.name)等\(count)条道路" }
    var requestNumber: String { "\(abbreviation)〔\(year)〕\(serial)号" }
    func rows(_ kind: CaseKind) -> [DocumentRow] { rows.filter { $0.kind == kind } }
    static let chineseOrdinals = ["一", "二", "三", "四", "五"]
}

/// The papers of the procedure, worded as a county bureau sends them (DOMAIN.md §5).
enum DocumentTexts {
    static func day(_ date: Date?) -> String { date.map(ChineseDate.format) ?? "" }

    // MARK: 申请书

    static func application(_ x: DocumentContext) -> OfficialDocument {
        let r = x.first, c = r.namingCase
        let what: String
        switch c.kind {
        case .naming: what = "对\(r.division)境内\(r.location)的道路（长约\(r.lengthText)米）命名为“\(r.name)”"
        case .renaming: what = "将\(r.division)境内的“\(r.former ?? "")”（\(r.location)）更名为“\(r.name)”"
        case .retirement: what = "对\(r.division)境内的“\(r.name)”（\(r.location)）予以销名"
        }
        var rows: [[String]] = [[c.kind == .retirement ? "拟销名称" : "拟定名称", r.name], ["罗马字母拼写", r.toned], ["变更类别", c.kind.chinese]]
        if let former = r.former { rows.append(["曾用名", former]) }
        rows += [["所属政区", r.division], ["位置描述", r.location], ["长度（米）", r.lengthText], ["宽度（米）", r.widthText], ["道路性质", r.nature]]
        if let code = r.routeCode { rows.append(["路线编号", code]) }
        if c.kind != .retirement { rows += [["名称含义", c.meaning], ["名称来历", c.origin]] }
        rows += [["申请理由", c.reasons], ["申请人", c.applicant], ["案卷编号", c.id.description]]
        return OfficialDocument(
            title: "关于\(r.town.isEmpty ? r.county : r.town)境内道路\(c.kind.chinese)的申请", number: nil, addressee: x.authorities.announcer,
            paragraphs: ["根据《地名管理条例》和《地名管理条例实施办法》的规定，\(c.applicant)申请\(what)。", "申请理由：\(c.reasons)"],
            tables: [.init(heading: nil, header: ["项目", "内容"], rows: rows)], closing: "特此申请。",
            attachments: ["道路位置示意图", "征求意见情况"], issuer: c.applicant, date: c.submitted ?? c.created, map: x.map)
    }

    // MARK: 公示

    static func notice(_ x: DocumentContext, _ notice: PublicNotice) -> OfficialDocument {
        let days = DeadlineRules.days(from: notice.start, to: notice.end) + 1
        return OfficialDocument(
            title: "关于\(x.subject)拟\(x.kindsText)的公示", number: nil, addressee: nil,
            paragraphs: [
                "根据《地名管理条例》和《地名管理条例实施办法》的有关规定，\(x.authorities.announcer)对\(x.county)\(x.count)条道路的\(x.kindsText)方案进行了审核，现将拟\(x.kindsText)方案予以公示。",
                "公示期：自\(day(notice.start))至\(day(notice.end))（共\(days)天）。公示渠道：\(notice.channel)。",
                "公示期间，对拟\(x.kindsText)方案有异议的，请以书面形式向\(x.contact)反映，并提供真实姓名和联系方式。",
            ],
            tables: sections(x, notice: true), closing: "特此公示。", issuer: x.authorities.announcer, date: notice.start,
            map: x.map, notes: ["异议受理：\(x.contact)"])
    }

    /// One table per kind of change, each worded for its kind.
    static func sections(_ x: DocumentContext, notice: Bool) -> [OfficialDocument.Table] {
        var tables: [OfficialDocument.Table] = []
        let approved = { (r: DocumentRow) in [r.namingCase.approval?.authority ?? "", day(r.namingCase.approval?.date)] }
        for kind in x.kinds {
            let rows = x.rows(kind)
            let heading = x.kinds.count > 1 ? "\(DocumentContext.chineseOrdinals[tables.count])、\(notice ? "拟" : "")\(kind.chinese)" : nil
            switch (kind, notice) {
            case (.naming, true):
                tables.append(.init(heading: heading, header: ["序号", "拟定名称", "罗马字母拼写", "所属政区", "位置描述", "长度（米）", "道路性质", "名称含义"],
                                    rows: rows.enumerated().map { i, r in [String(i + 1), r.name, r.toned, r.division, r.location, r.lengthText, r.nature, r.namingCase.meaning] }))
            case (.renaming, true):
                tables.append(.init(heading: heading, header: ["序号", "原名称", "拟更名称", "罗马字母拼写", "所属政区", "位置描述", "名称含义", "更名理由"],
                                    rows: rows.enumerated().map { i, r in [String(i + 1), r.former ?? "", r.name, r.toned, r.division, r.location, r.namingCase.meaning, r.namingCase.reasons] }))
            case (.retirement, true):
                tables.append(.init(heading: heading, header: ["序号", "拟销名称", "罗马字母拼写", "所属政区", "位置描述", "销名理由"],
                                    rows: rows.enumerated().map { i, r in [String(i + 1), r.name, r.toned, r.division, r.location, r.namingCase.reasons] }))
            case (.naming, false):
                tables.append(.init(heading: heading, header: ["序号", "标准名称", "罗马字母拼写", "所属政区", "位置描述", "批准机关", "批准时间"],
                                    rows: rows.enumerated().map { i, r in [String(i + 1), r.name, r.toned, r.division, r.location] + approved(r) }))
            case (.renaming, false):
                tables.append(.init(heading: heading, header: ["序号", "标准名称", "罗马字母拼写", "曾用名", "所属政区", "位置描述", "批准机关", "批准时间"],
                                    rows: rows.enumerated().map { i, r in [String(i + 1), r.name, r.toned, r.former ?? "", r.division, r.location] + approved(r) }))
            case (.retirement, false):
                tables.append(.init(heading: heading.map { $0 + "（自批准之日起停止使用）" } ?? "下列地名予以销名，自批准之日起停止使用",
                                    header: ["序号", "销名名称", "罗马字母拼写", "所属政区", "位置描述", "批准机关", "批准时间"],
                                    rows: rows.enumerated().map { i, r in [String(i + 1), r.name, r.toned, r.division, r.location] + approved(r) }))
            }
        }
        return tables
    }

    // MARK: 请示

    static func request(_ x: DocumentContext) -> OfficialDocument {
        let notices = x.rows.compactMap(\.namingCase.notice)
        let objections = notices.flatMap(\.objections)
        let start = notices.map(\.start).min(), end = notices.map(\.end).max()
        let reviewed = x.rows.contains { $0.namingCase.expertReview != nil }
        var steps = "征求了沿线村（居）民委员会和有关部门的意见，组织了综合评估"
        if reviewed { steps += "，组织了专家论证" }
        if let start, let end { steps += "，并于\(day(start))至\(day(end))进行了公示" }
        let heard = objections.isEmpty ? "公示期间未收到异议" : "公示期间收到异议\(objections.count)件，均已依法处理"
        return OfficialDocument(
            title: "关于\(x.subject)\(x.kindsText)的请示", number: x.requestNumber, addressee: x.authorities.approver,
            paragraphs: ["根据《地名管理条例》第十二条的规定，我局对\(x.county)\(x.count)条道路的\(x.kindsText)方案进行了审核，\(steps)，\(heard)。现将方案报上，请予审批。"],
            tables: [.init(heading: nil, header: ["序号", "名称", "罗马字母拼写", "变更类别", "曾用名", "所属政区", "位置描述", "长度（米）", "名称含义"],
                           rows: x.rows.enumerated().map { i, r in
                               [String(i + 1), r.name, r.toned, r.kind.chinese, r.former ?? "", r.division, r.location, r.lengthText, r.namingCase.meaning]
                           })],
            closing: "妥否，请批示。", attachments: ["道路\(x.kindsText)方案（含位置示意图）", "综合评估报告", "专家论证意见", "征求意见及公示情况"],
            issuer: x.authorities.announcer, date: x.today, map: x.map, notes: ["联系人及电话：\(x.contact)"])
    }

    // MARK: 批复 (draft)

    static func reply(_ x: DocumentContext) -> OfficialDocument {
        var tables: [OfficialDocument.Table] = []
        for kind in x.kinds {
            let rows = x.rows(kind)
            let n = DocumentContext.chineseOrdinals[tables.count]
            switch kind {
            case .naming:
                tables.append(.init(heading: "\(n)、同意对下列道路命名", header: ["序号", "标准名称", "罗马字母拼写", "所属政区", "位置描述"],
                                    rows: rows.enumerated().map { i, r in [String(i + 1), r.name, r.toned, r.division, r.location] }))
            case .renaming:
                tables.append(.init(heading: "\(n)、同意下列道路更名", header: ["序号", "原名称", "新名称", "罗马字母拼写", "所属政区", "位置描述"],
                                    rows: rows.enumerated().map { i, r in [String(i + 1), r.former ?? "", r.name, r.toned, r.division, r.location] }))
            case .retirement:
                tables.append(.init(heading: "\(n)、同意下列道路名称销名", header: ["序号", "销名名称", "所属政区", "位置描述"],
                                    rows: rows.enumerated().map { i, r in [String(i + 1), r.name, r.division, r.location] }))
            }
        }
        let filing = x.authorities.filingBodies.first ?? "上一级人民政府"
        return OfficialDocument(
            title: "\(x.authorities.approver)关于\(x.subject)\(x.kindsText)的批复", number: x.approval?.documentNumber ?? "（批复文号）",
            addressee: x.authorities.announcer,
            paragraphs: ["你局《关于\(x.subject)\(x.kindsText)的请示》（\(x.requestNumber)）收悉。经研究，批复如下："],
            tables: tables, closing: nil, issuer: x.authorities.approver, date: x.approval?.date, map: x.map,
            notes: []).with(paragraphsAfter: [
                "\(DocumentContext.chineseOrdinals[tables.count])、请你局自批准之日起15日内将上述地名报\(filing)备案，并向社会公告；做好地名标志设置和地名信息更新工作。",
                "此复。",
            ])
    }

    // MARK: 公告

    static func announcement(_ x: DocumentContext, approval: Approval) -> OfficialDocument {
        let what = x.kinds == [.retirement] ? "名称销名" : x.kinds == [.naming] ? "标准地名" : x.kindsText
        let date = x.batch?.announcement?.date ?? x.first.namingCase.announcement?.date ?? approval.date
        return OfficialDocument(
            title: "\(x.authorities.announcer)关于\(x.subject)\(what)的公告", number: "\(x.abbreviation)公〔\(ChineseDate.year(approval.date))〕\(x.serial)号",
            addressee: nil,
            paragraphs: ["根据《地名管理条例》第十四条的规定，经\(approval.authority)批准（\(approval.documentNumber)），现将\(x.county)\(x.count)条道路的\(x.kindsText)事项公告如下："],
            tables: sections(x, notice: false), closing: "特此公告。", issuer: x.authorities.announcer, date: date, map: x.map,
            notes: ["联系人及电话：\(x.contact)"])
    }

    // MARK: 备案报告 and 备案登记表

    static func filingReport(_ x: DocumentContext, approval: Approval) -> OfficialDocument {
        let body = x.first.namingCase.filing?.body ?? x.authorities.filingBodies.first ?? "上一级人民政府"
        return OfficialDocument(
            title: "关于\(x.subject)\(x.kindsText)备案的报告", number: "\(x.county.first.map(String.init) ?? "")政报〔\(ChineseDate.year(approval.date))〕\(x.serial)号",
            addressee: body,
            paragraphs: ["根据《地名管理条例》第十三条的规定，现将\(approval.authority)于\(day(approval.date))批准（\(approval.documentNumber)）的\(x.county)\(x.count)条道路\(x.kindsText)事项报请备案。"],
            tables: [.init(heading: nil, header: ["序号", "名称", "罗马字母拼写", "变更类别", "曾用名", "所属政区", "批准时间"],
                           rows: x.rows.enumerated().map { i, r in [String(i + 1), r.name, r.toned, r.kind.chinese, r.former ?? "", r.division, day(r.namingCase.approval?.date)] })],
            closing: "特此报告。", attachments: materials(approval), issuer: approval.authority, date: x.first.namingCase.filing?.date, map: x.map)
    }

    static func materials(_ approval: Approval) -> [String] {
        ["批准文件（\(approval.documentNumber)）", "地名命名、更名、销名申请书", "综合评估报告", "专家论证意见", "征求意见及公示材料", "地名备案登记表"]
    }

    static func filingRegister(_ x: DocumentContext, approval: Approval) -> OfficialDocument {
        OfficialDocument(
            title: "地名备案登记表", number: nil, addressee: nil,
            paragraphs: ["填报单位：\(x.authorities.announcer)　批准机关：\(approval.authority)　批准文号：\(approval.documentNumber)　共\(x.count)条"],
            tables: [.init(heading: nil, header: ["序号", "标准名称", "罗马字母拼写", "地名类别", "变更类别", "曾用名", "含义", "所属政区", "位置描述", "长度（米）",
                                                  "道路性质", "批准机关", "批准文号", "批准时间", "公告时间", "备案机关", "备案时间", "附件材料"],
                           rows: x.rows.enumerated().map { i, r in
                               let c = r.namingCase
                               let attached = ["批复", "申请书", "评估报告", "公示材料"] + c.attachments.map { ($0.path as NSString).lastPathComponent }
                               return [String(i + 1), r.name, r.toned, "道路（街路巷）", c.kind.chinese, r.former ?? "", c.kind == .retirement ? "" : c.meaning,
                                       r.division, r.location, r.lengthText, r.nature, c.approval?.authority ?? "", c.approval?.documentNumber ?? "",
                                       day(c.approval?.date), day(c.announcement?.date), c.filing?.body ?? "", day(c.filing?.date), attached.joined(separator: "、")]
                           })],
            closing: nil, issuer: x.authorities.announcer, date: x.first.namingCase.filing?.date, landscape: true, map: x.map)
    }
}

extension OfficialDocument {
    /// The document with more paragraphs after its tables (a 批复's closing items).
    func with(paragraphsAfter: [String]) -> OfficialDocument {
        var copy = self
        copy.trailing = paragraphsAfter
        return copy
    }
}

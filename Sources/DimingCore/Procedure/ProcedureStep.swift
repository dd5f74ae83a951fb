import Foundation

/// What a move of a case to another state brings with it (the evidence flags of `cases advance`, the
/// fields of the web form). Which fields a move needs is the procedure's business, not the caller's:
/// a missing one is refused as `ProcedureViolation.evidenceMissing`.
public struct ProcedureEvidence: Sendable, Hashable {
    /// For `consulted`: the scope and the opinions with their handling.
    public var consultation: Consultation?
    /// For `expertReviewed`: the experts and their conclusion.
    public var expertReview: ExpertReview?
    /// For `publicNotice`: the first day (default: the day of the step), the length in days (default:
    /// the county's rule, `DeadlineRules.noticeDays`) and where it is published.
    public var noticeStart: Date?
    public var noticeDays: Int?
    public var noticeChannel: String?
    /// For `approved`: authority, document number (批复文号) and date.
    public var approval: Approval?
    /// For leaving review (to `expertReviewed` or `publicNotice`) when the case has none yet: the
    /// comprehensive assessment (综合评估) and its report.
    public var assessment: Assessment?
    /// Why a case is returned (退件), sent back to drafting, or rejected.
    public var reason: String?
    /// A document the step rests on, recorded with it in the audit trail.
    public var document: String?

    public init(consultation: Consultation? = nil, expertReview: ExpertReview? = nil, noticeStart: Date? = nil, noticeDays: Int? = nil,
                noticeChannel: String? = nil, approval: Approval? = nil, assessment: Assessment? = nil, reason: String? = nil, document: String? = nil) {
        self.assessment = assessment
        self.consultation = consultation
        self.expertReview = expertReview
        self.noticeStart = noticeStart
        self.noticeDays = noticeDays
        self.noticeChannel = noticeChannel
        self.approval = approval
        self.reason = reason
        self.document = document
    }
}

/// One thing that can happen to a naming case in the statutory procedure (DOMAIN.md §5). `Procedure`
/// applies a step to a case, or refuses it with a `ProcedureViolation`.
public enum ProcedureStep: Sendable, Hashable {
    /// Moves the case to another state (拟名 → 征求意见 → 已申报 → 审查 → 专家论证 → 公示 → 已批准, and the
    /// returns, send-backs and rejections), with the evidence that move needs. `standard` is never
    /// reached this way: an approved case becomes standard when it is both filed and announced.
    case advance(to: CaseState, evidence: ProcedureEvidence)
    /// An objection raised during public notice (公示); open, it blocks approval.
    case raiseObjection(from: String, text: String)
    /// How an objection was handled. An upheld objection sends a case in public notice back to drafting.
    case resolveObjection(number: Int, handling: String, upheld: Bool)
    /// The filing body returned the filing for supplements (补充材料); the filing stays open.
    case returnFilingForSupplements(note: String)
    /// Filing (备案) with the government one level up; with the announcement, the name becomes standard.
    case file(Filing)
    /// Announcement (公告); with the filing, the name becomes standard.
    case announce(Announcement)
    /// A file attached to the case (any state; attachments are evidence, not moves).
    case attach(Attachment)
    /// Corrects the application (含义, 理由, 来历, the road's facts) before it is submitted.
    case amend(CaseAmendment)
    /// The case joins an approval batch (its cases share one approval document).
    case joinBatch(Batch)

    /// A short English name of the step, for messages and tests.
    public var name: String {
        switch self {
        case let .advance(target, _): "advance to \(target.rawValue)"
        case .raiseObjection: "raise an objection"
        case .resolveObjection: "resolve an objection"
        case .returnFilingForSupplements: "return the filing for supplements"
        case .file: "file"
        case .announce: "announce"
        case .attach: "attach"
        case .amend: "amend the application"
        case .joinBatch: "join a batch"
        }
    }
}

/// The evidence a step may lack (`ProcedureViolation.evidenceMissing`). `option` is the command-line
/// option that supplies it, so that refusals read as they always have on the command line.
public enum EvidenceField: String, CaseIterable, Codable, Sendable {
    case consultation
    case expertReview
    case noticeChannel
    case noticeDays
    case approval
    case reason
    case objectionText
    case handling
    case supplementNote
    case filingBody
    case announcementChannels
    case meaning
    case reasons
    case roadFacts
    case assessment

    /// The command-line option that gives the field.
    public var option: String {
        switch self {
        case .consultation: "--consultation-scope"
        case .expertReview: "--experts"
        case .noticeChannel: "--channel"
        case .noticeDays: "--notice-days"
        case .approval: "--document"
        case .reason: "--reason"
        case .objectionText: "--text"
        case .handling: "--handling"
        case .supplementNote: "--note"
        case .filingBody: "--body"
        case .announcementChannels: "--channels"
        case .meaning: "--meaning"
        case .reasons: "--reasons"
        case .roadFacts: "--location"
        case .assessment: "--assessment"
        }
    }

    public var chinese: String {
        switch self {
        case .consultation: "征求意见记录"
        case .expertReview: "专家论证记录"
        case .noticeChannel: "公示渠道"
        case .noticeDays: "公示天数"
        case .approval: "批复"
        case .reason: "理由"
        case .objectionText: "异议内容"
        case .handling: "异议处理情况"
        case .supplementNote: "补充材料说明"
        case .filingBody: "备案机关"
        case .announcementChannels: "公告渠道"
        case .meaning: "名称含义"
        case .reasons: "申请理由"
        case .roadFacts: "道路位置、长度"
        case .assessment: "综合评估报告"
        }
    }
}

/// The dated events of a case, in their legal order (DOMAIN.md §5): the case is opened, the notice
/// runs, approval follows the end of the notice, filing and announcement follow approval.
public enum DatedEvent: String, CaseIterable, Codable, Sendable {
    case caseOpened
    case submission
    case noticeStart
    case noticeEnd
    case assessment
    case approval
    case filing
    case announcement

    public var english: String {
        switch self {
        case .caseOpened: "the opening of the case"
        case .submission: "the submission"
        case .noticeStart: "the notice start"
        case .noticeEnd: "the notice end"
        case .assessment: "the assessment date"
        case .approval: "the approval date"
        case .filing: "the filing date"
        case .announcement: "the announcement date"
        }
    }

    public var chinese: String {
        switch self {
        case .caseOpened: "立案日期"
        case .submission: "申报日期"
        case .noticeStart: "公示开始日期"
        case .noticeEnd: "公示结束日期"
        case .assessment: "综合评估日期"
        case .approval: "批准日期"
        case .filing: "备案日期"
        case .announcement: "公告日期"
        }
    }
}

/// The steps that only an approved case takes (`ProcedureViolation.notApproved`).
public enum PostApprovalStep: String, CaseIterable, Codable, Sendable {
    case filing
    case announcement
    case supplements
}

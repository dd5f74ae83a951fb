import Foundation

/// The level of a government (行政级别) that approves, files or announces a name.
public enum AuthorityLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case county
    case city
    case province

    /// The level one up (上一级), where a name approved at this level is filed (Art. 13).
    public var above: AuthorityLevel? {
        switch self {
        case .county: .city
        case .city: .province
        case .province: nil
        }
    }

    public var chinese: String {
        switch self {
        case .county: "县级"
        case .city: "市级"
        case .province: "省级"
        }
    }

    public static func < (a: AuthorityLevel, b: AuthorityLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A body at a level, named after the division: `人民政府` at the county level of 示范县 is 示范县人民政府.
public struct AuthorityRule: Codable, Sendable, Hashable {
    public var level: AuthorityLevel
    /// The body's name after the division's name: 人民政府, 民政局, 交通运输局.
    public var body: String

    public init(level: AuthorityLevel, body: String) {
        self.level = level
        self.body = body
    }
}

/// Who approves, files and announces a name (审批权限表), settable per county (DOMAIN.md §5):
/// street-type names (街路巷, the rural roads) are approved by the county-level people's government
/// (《地名管理条例》第十二条), filed with the government one level up (第十三条), and announced by the
/// civil-affairs department at the approver's level (第十四条).
public struct AuthorityTable: Codable, Sendable, Hashable {
    /// The approver per feature type (地名类别); `road` is a rural road named as a street-type name.
    public var approvers: [String: AuthorityRule]
    /// The bodies one level above the approver that receive a filing (the government, or its
    /// civil-affairs department that keeps the gazetteer for it).
    public var filingBodies: [String]
    /// The body at the approver's level that announces (公告) what the approver approved.
    public var announcer: String

    public init(approvers: [String: AuthorityRule] = ["road": AuthorityRule(level: .county, body: "人民政府")],
                filingBodies: [String] = ["人民政府", "民政局"], announcer: String = "民政局") {
        self.approvers = approvers
        self.filingBodies = filingBodies
        self.announcer = announcer
    }

    /// The authorities of a case of `featureType`, the bodies named after `divisions` (the names of the
    /// county, city and province the case lies in); nil when the table has no approver for the type
    /// or a level has no division name.
    public func resolve(featureType: String = "road", divisions: [AuthorityLevel: String]) -> CaseAuthorities? {
        guard let rule = approvers[featureType], let here = divisions[rule.level] else { return nil }
        let up = rule.level.above.flatMap { divisions[$0] }
        return CaseAuthorities(approver: here + rule.body, level: rule.level,
                               filingBodies: up.map { up in filingBodies.map { up + $0 } } ?? [],
                               announcer: here + announcer)
    }
}

/// The bodies of one case, resolved from the county's `AuthorityTable` and its divisions' names.
public struct CaseAuthorities: Codable, Sendable, Hashable {
    /// 批准机关, e.g. 示范县人民政府.
    public var approver: String
    public var level: AuthorityLevel
    /// 备案机关 one level up, e.g. 示范市人民政府, 示范市民政局.
    public var filingBodies: [String]
    /// 公告机关, e.g. 示范县民政局.
    public var announcer: String

    public init(approver: String, level: AuthorityLevel, filingBodies: [String], announcer: String) {
        self.approver = approver
        self.level = level
        self.filingBodies = filingBodies
        self.announcer = announcer
    }

    /// Two spellings of a body match when they agree without their whitespace.
    static func same(_ a: String, _ b: String) -> Bool {
        a.filter { !$0.isWhitespace } == b.filter { !$0.isWhitespace }
    }
}

/// The rule of law (or of the county's practice) a refusal rests on, named in its messages.
public enum ProcedureRule: String, CaseIterable, Codable, Sendable {
    /// Art. 12: street-type names are approved by the county-level people's government.
    case approvingAuthority = "ART12_APPROVER"
    /// Art. 13: filed within 15 days with the government one level up.
    case filingOneLevelUp = "ART13_FILING"
    /// Art. 14: announced within 15 days by the civil-affairs department at the approver's level.
    case announcement = "ART14_ANNOUNCEMENT"
    /// Art. 35: late filing or announcement is a breach.
    case deadline = "ART35_DEADLINE"
    /// The notice follows the submission; periods count both ends (7 days from 11-02 end on 11-08).
    case noticeAfterSubmission = "NOTICE_AFTER_SUBMISSION"
    /// Approval comes after the public notice is over, and is not dated ahead.
    case approvalAfterNotice = "APPROVAL_AFTER_NOTICE"
    /// Filing and announcement follow approval.
    case afterApproval = "AFTER_APPROVAL"
    /// No step is dated after the day it is recorded.
    case noFutureDates = "NO_FUTURE_DATES"
    /// The application states the plan, its reasons, meaning and the road's facts.
    case application = "APPLICATION"
    /// The authority organises a comprehensive assessment (综合评估) ending in a report.
    case assessment = "ASSESSMENT"

    public var chinese: String {
        switch self {
        case .approvingAuthority: "《地名管理条例》第十二条：街路巷名称由县级人民政府批准"
        case .filingOneLevelUp: "《地名管理条例》第十三条：批准之日起15日内报上一级人民政府备案"
        case .announcement: "《地名管理条例》第十四条：由批准机关同级民政部门于批准之日起15日内公告"
        case .deadline: "《地名管理条例》第三十五条：未按规定备案、公告的，责令改正"
        case .noticeAfterSubmission: "公示在申报之后，公示期首尾两日均计入"
        case .approvalAfterNotice: "公示期满后方可批准，批准日期不得晚于当日"
        case .afterApproval: "备案、公告在批准之后"
        case .noFutureDates: "日期不得晚于办理当日"
        case .application: "《地名管理条例》：申请书应载明命名、更名的理由、含义及地理实体的位置、规模、性质"
        case .assessment: "《地名管理条例》：审批机关组织综合评估并形成报告"
        }
    }

    public var english: String {
        switch self {
        case .approvingAuthority: "Art. 12: street-type names are approved by the county-level people's government"
        case .filingOneLevelUp: "Art. 13: filed within 15 days with the government one level up"
        case .announcement: "Art. 14: announced within 15 days by the civil-affairs department at the approver's level"
        case .deadline: "Art. 35: late filing or announcement is a breach"
        case .noticeAfterSubmission: "the notice follows the submission; both its first and last day count"
        case .approvalAfterNotice: "approval follows the end of the public notice and is not dated ahead"
        case .afterApproval: "filing and announcement follow approval"
        case .noFutureDates: "no step is dated after the day it is recorded"
        case .application: "the application states reasons, meaning, and the feature's location, size and nature"
        case .assessment: "the approving authority organises a comprehensive assessment ending in a report"
        }
    }
}

/// The role a body takes in a case (`ProcedureViolation.wrongAuthority`).
public enum AuthorityRole: String, CaseIterable, Codable, Sendable {
    /// 批准机关
    case approval
    /// 备案机关
    case filing

    public var rule: ProcedureRule { self == .approval ? .approvingAuthority : .filingOneLevelUp }
    public var chinese: String { self == .approval ? "批准机关" : "备案机关" }
    public var english: String { self == .approval ? "the approving authority" : "the filing body" }
}

/// What an audit event records (审计操作): a closed set of dotted verbs (`case.created`,
/// `user.sign-in-failed` …), stored as their raw value, each with its Chinese label for timelines and
/// the audit viewer.
public enum AuditAction: String, CaseIterable, Codable, Sendable {
    case batchAnnounced = "batch.announced"
    case batchApproved = "batch.approved"
    case batchCreated = "batch.created"
    case batchFiled = "batch.filed"
    case boundariesImported = "boundaries.imported"
    case caseAdvanced = "case.advanced"
    case caseAmended = "case.amended"
    case caseAnnounced = "case.announced"
    case caseAttachment = "case.attachment"
    case caseBatched = "case.batched"
    case caseCreated = "case.created"
    case caseFiled = "case.filed"
    case caseFilingReturned = "case.filing-returned"
    case caseObjection = "case.objection"
    case caseObjectionHandled = "case.objection-handled"
    case caseSupplemented = "case.supplemented"
    case charactersImported = "characters.imported"
    case deliveryAcknowledged = "delivery.acknowledged"
    case deliveryMade = "delivery.made"
    case divisionChanged = "division.changed"
    case divisionRenamed = "division.renamed"
    case divisionsImported = "divisions.imported"
    case heritageAssessed = "heritage.assessed"
    case heritageEdited = "heritage.edited"
    case heritageListed = "heritage.listed"
    case nameAdded = "name.added"
    case nameReromanized = "name.reromanized"
    case nameWaiver = "name.waiver"
    case namesGenerated = "names.generated"
    case poiAccepted = "poi.accepted"
    case poiMerged = "poi.merged"
    case poiPending = "poi.pending"
    case poiRejected = "poi.rejected"
    case poiRetired = "poi.retired"
    case poiSubmitted = "poi.submitted"
    case poisImported = "pois.imported"
    case readingConfirmed = "reading.confirmed"
    case registryRestored = "registry.restored"
    case roadRetired = "road.retired"
    case roadsConflated = "roads.conflated"
    case roadsImported = "roads.imported"
    case settingsAuthorities = "settings.authorities"
    case settingsDeadlines = "settings.deadlines"
    case settingsDemo = "settings.demo"
    case settingsDocuments = "settings.documents"
    case settingsImportProfile = "settings.import-profile"
    case settingsNames = "settings.names"
    case settingsSigns = "settings.signs"
    case settingsSite = "settings.site"
    case settingsSourcePriority = "settings.source-priority"
    case signDamaged = "sign.damaged"
    case signInspected = "sign.inspected"
    case signInstalled = "sign.installed"
    case signMissing = "sign.missing"
    case signOrdered = "sign.ordered"
    case signPlanned = "sign.planned"
    case signRemoved = "sign.removed"
    case signReplaced = "sign.replaced"
    case signReplanned = "sign.replanned"
    case surveyRun = "survey.run"
    case userAdded = "user.added"
    case userDisabled = "user.disabled"
    case userEnabled = "user.enabled"
    case userLockedOut = "user.locked-out"
    case userPassword = "user.password"
    case userSignInFailed = "user.sign-in-failed"
    case userSignedIn = "user.signed-in"
    case userSignedOut = "user.signed-out"
    case userUpdated = "user.updated"

    /// 操作名称: the Chinese label.
    public var chinese: String {
        switch self {
        case .batchAnnounced: "整批公告"
        case .batchApproved: "整批批准"
        case .batchCreated: "新建批次"
        case .batchFiled: "整批备案"
        case .boundariesImported: "导入边界"
        case .caseAdvanced: "办理"
        case .caseAmended: "补正案卷"
        case .caseAnnounced: "公告"
        case .caseAttachment: "添加附件"
        case .caseBatched: "编入批次"
        case .caseCreated: "拟名立案"
        case .caseFiled: "备案"
        case .caseFilingReturned: "备案退回"
        case .caseObjection: "记录公示异议"
        case .caseObjectionHandled: "答复异议"
        case .caseSupplemented: "补充材料"
        case .charactersImported: "导入字表"
        case .deliveryAcknowledged: "交付回执"
        case .deliveryMade: "生成交付"
        case .divisionChanged: "修改行政区划"
        case .divisionRenamed: "行政区划更名"
        case .divisionsImported: "导入行政区划"
        case .heritageAssessed: "保护地名更名评估"
        case .heritageEdited: "修改保护名录条目"
        case .heritageListed: "列入地名文化遗产保护名录"
        case .nameAdded: "登记名称"
        case .nameReromanized: "按确认读音重注拼音"
        case .nameWaiver: "豁免规则"
        case .namesGenerated: "生成名称"
        case .poiAccepted: "采纳兴趣点"
        case .poiMerged: "合并兴趣点"
        case .poiPending: "兴趣点待审"
        case .poiRejected: "退回兴趣点"
        case .poiRetired: "下线兴趣点"
        case .poiSubmitted: "村民提交兴趣点"
        case .poisImported: "导入兴趣点"
        case .readingConfirmed: "确认读音"
        case .registryRestored: "从备份恢复"
        case .roadRetired: "道路注销"
        case .roadsConflated: "合并重复路段"
        case .roadsImported: "导入道路"
        case .settingsAuthorities: "修改审批机关表"
        case .settingsDeadlines: "修改期限设置"
        case .settingsDemo: "演示数据"
        case .settingsDocuments: "修改公文设置"
        case .settingsImportProfile: "修改导入方案"
        case .settingsNames: "修改命名地方规则"
        case .settingsSigns: "修改路牌设置"
        case .settingsSite: "修改网站设置"
        case .settingsSourcePriority: "修改来源优先级"
        case .signDamaged: "报告路牌损坏"
        case .signInspected: "巡检路牌"
        case .signInstalled: "安装路牌"
        case .signMissing: "报告路牌缺失"
        case .signOrdered: "订制路牌"
        case .signPlanned: "规划路牌"
        case .signRemoved: "拆除路牌"
        case .signReplaced: "更换路牌"
        case .signReplanned: "重新规划路牌"
        case .surveyRun: "道路摸排"
        case .userAdded: "新增账户"
        case .userDisabled: "停用账户"
        case .userEnabled: "启用账户"
        case .userLockedOut: "账户锁定"
        case .userPassword: "重置密码"
        case .userSignInFailed: "登录失败"
        case .userSignedIn: "登录"
        case .userSignedOut: "退出"
        case .userUpdated: "修改账户"
        }
    }

    /// The verb of a case's step.
    public init(_ action: CaseAction) {
        switch action {
        case .created: self = .caseCreated
        case .advanced: self = .caseAdvanced
        case .objection: self = .caseObjection
        case .objectionHandled: self = .caseObjectionHandled
        case .filingReturned: self = .caseFilingReturned
        case .filed: self = .caseFiled
        case .announced: self = .caseAnnounced
        case .attachment: self = .caseAttachment
        case .batched: self = .caseBatched
        case .amended: self = .caseAmended
        }
    }

    /// A sign's new status (标志状态) as a verb.
    public init(_ status: SignStatus) {
        switch status {
        case .planned: self = .signPlanned
        case .ordered: self = .signOrdered
        case .installed: self = .signInstalled
        case .inspected: self = .signInspected
        case .damaged: self = .signDamaged
        case .missing: self = .signMissing
        case .replaced: self = .signReplaced
        case .removed: self = .signRemoved
        }
    }

    /// The sign status a sign verb records (nil for any other verb).
    public var signStatus: SignStatus? {
        switch self {
        case .signPlanned: .planned
        case .signOrdered: .ordered
        case .signInstalled: .installed
        case .signInspected: .inspected
        case .signDamaged: .damaged
        case .signMissing: .missing
        case .signReplaced: .replaced
        case .signRemoved: .removed
        default: nil
        }
    }

    /// A POI's review outcome (审核结果) as a verb.
    public init(_ status: POIStatus) {
        switch status {
        case .pending: self = .poiPending
        case .accepted: self = .poiAccepted
        case .rejected: self = .poiRejected
        case .merged: self = .poiMerged
        case .retired: self = .poiRetired
        }
    }
}

import Foundation

/// A step the procedure refuses (DOMAIN.md §5 and §6), with what was wrong. Each violation has a
/// stable `code` for programs, a Chinese message for the web pages and documents, and an English one
/// for the command line (`description`, in the wording the command line has always used).
public enum ProcedureViolation: Error, Sendable, Hashable, CustomStringConvertible {
    // MARK: moves of a case

    /// The case's state does not lead to `to`; `allowed` are the states it does lead to by advancing.
    case illegalTransition(caseID: FeatureID, from: CaseState, to: CaseState, allowed: [CaseState])
    /// An approved case becomes standard by being filed and announced, never by advancing.
    case standardByFilingAndAnnouncement(caseID: FeatureID)
    /// An approval cannot be changed.
    case alreadyApproved(caseID: FeatureID, document: String)
    /// Open objections (by number) block approval and sending the case back.
    case openObjections(caseID: FeatureID, numbers: [Int], blocking: CaseState)
    /// Approval dated before the public notice ends.
    case noticeNotOver(caseID: FeatureID, noticeEnd: Date, approval: Date)
    /// The step lacks evidence; `for` is the target state of a move.
    case evidenceMissing(EvidenceField, for: CaseState?)
    /// `event` is dated `date`, before `bound`, the date of `mustFollow`.
    case dateOutOfOrder(caseID: FeatureID, event: DatedEvent, date: Date, mustFollow: DatedEvent, bound: Date)
    /// `event` is dated after the day of the step.
    case dateInFuture(caseID: FeatureID, event: DatedEvent, date: Date, today: Date)
    /// The approval or filing names a body the law does not give that role (Art. 12, 13): `expected`
    /// are the bodies that may take it, from the county's authority table.
    case wrongAuthority(caseID: FeatureID, role: AuthorityRole, given: String, expected: [String])
    /// The application can be amended only before submission.
    case applicationLocked(caseID: FeatureID, state: CaseState)

    // MARK: objections

    case notInNotice(caseID: FeatureID, state: CaseState)
    case noSuchObjection(caseID: FeatureID, number: Int)
    case objectionHandled(caseID: FeatureID, number: Int)

    // MARK: filing and announcement

    case notApproved(caseID: FeatureID, state: CaseState, step: PostApprovalStep)
    case alreadyFiled(caseID: FeatureID)
    case alreadyAnnounced(caseID: FeatureID)

    // MARK: opening a case

    case roadHasOpenCase(road: FeatureID, caseID: FeatureID, state: CaseState)
    case roadAlreadyNamed(road: FeatureID, name: String)
    case noNameToRename(road: FeatureID)
    case noNameToRetire(road: FeatureID)

    // MARK: batches

    /// An approved batch takes no more cases.
    case batchClosed(batch: FeatureID)
    case wrongCounty(caseID: FeatureID, county: DivisionCode, batch: FeatureID, batchCounty: DivisionCode)
    case cannotJoinBatch(caseID: FeatureID, state: CaseState)
    case alreadyInBatch(caseID: FeatureID, batch: FeatureID)
    case batchAlreadyApproved(batch: FeatureID, document: String)
    case batchEmpty(batch: FeatureID)
    case batchNotApproved(batch: FeatureID)
    /// A batch is approved whole or not at all: what refused each case.
    indirect case batchRefused(batch: FeatureID, problems: [ProcedureViolation])

    // MARK: signs and names

    case illegalSignTransition(sign: String, from: SignStatus, to: SignStatus, allowed: [SignStatus])
    case noNameToSign(road: FeatureID)
    case illegalNameTransition(name: FeatureID, from: NameStatus, to: NameStatus, allowed: [NameStatus])

    // MARK: other steps of the registry

    /// A step that depends on something not there yet: a document before its step (公示 before the
    /// notice, 公告 before approval), a change set without an earlier delivery, a review of a POI that
    /// is no longer pending, an order without planned signs. `what` names what is missing.
    case notReady(what: String, en: String, zh: String)

    /// The stable codes, one per kind of violation.
    public enum Code: String, CaseIterable, Codable, Sendable {
        case illegalTransition = "ILLEGAL_TRANSITION"
        case standardByFilingAndAnnouncement = "STANDARD_BY_FILING_AND_ANNOUNCEMENT"
        case alreadyApproved = "ALREADY_APPROVED"
        case openObjections = "OPEN_OBJECTIONS"
        case noticeNotOver = "NOTICE_NOT_OVER"
        case evidenceMissing = "EVIDENCE_MISSING"
        case dateOutOfOrder = "DATE_OUT_OF_ORDER"
        case dateInFuture = "DATE_IN_FUTURE"
        case wrongAuthority = "WRONG_AUTHORITY"
        case applicationLocked = "APPLICATION_LOCKED"
        case notInNotice = "NOT_IN_NOTICE"
        case noSuchObjection = "NO_SUCH_OBJECTION"
        case objectionHandled = "OBJECTION_HANDLED"
        case notApproved = "NOT_APPROVED"
        case alreadyFiled = "ALREADY_FILED"
        case alreadyAnnounced = "ALREADY_ANNOUNCED"
        case roadHasOpenCase = "ROAD_HAS_OPEN_CASE"
        case roadAlreadyNamed = "ROAD_ALREADY_NAMED"
        case noNameToRename = "NO_NAME_TO_RENAME"
        case noNameToRetire = "NO_NAME_TO_RETIRE"
        case batchClosed = "BATCH_CLOSED"
        case wrongCounty = "WRONG_COUNTY"
        case cannotJoinBatch = "CANNOT_JOIN_BATCH"
        case alreadyInBatch = "ALREADY_IN_BATCH"
        case batchAlreadyApproved = "BATCH_ALREADY_APPROVED"
        case batchEmpty = "BATCH_EMPTY"
        case batchNotApproved = "BATCH_NOT_APPROVED"
        case batchRefused = "BATCH_REFUSED"
        case illegalSignTransition = "ILLEGAL_SIGN_TRANSITION"
        case noNameToSign = "NO_NAME_TO_SIGN"
        case illegalNameTransition = "ILLEGAL_NAME_TRANSITION"
        case notReady = "NOT_READY"
    }

    public var code: Code {
        switch self {
        case .illegalTransition: .illegalTransition
        case .standardByFilingAndAnnouncement: .standardByFilingAndAnnouncement
        case .alreadyApproved: .alreadyApproved
        case .openObjections: .openObjections
        case .noticeNotOver: .noticeNotOver
        case .evidenceMissing: .evidenceMissing
        case .dateOutOfOrder: .dateOutOfOrder
        case .dateInFuture: .dateInFuture
        case .wrongAuthority: .wrongAuthority
        case .applicationLocked: .applicationLocked
        case .notInNotice: .notInNotice
        case .noSuchObjection: .noSuchObjection
        case .objectionHandled: .objectionHandled
        case .notApproved: .notApproved
        case .alreadyFiled: .alreadyFiled
        case .alreadyAnnounced: .alreadyAnnounced
        case .roadHasOpenCase: .roadHasOpenCase
        case .roadAlreadyNamed: .roadAlreadyNamed
        case .noNameToRename: .noNameToRename
        case .noNameToRetire: .noNameToRetire
        case .batchClosed: .batchClosed
        case .wrongCounty: .wrongCounty
        case .cannotJoinBatch: .cannotJoinBatch
        case .alreadyInBatch: .alreadyInBatch
        case .batchAlreadyApproved: .batchAlreadyApproved
        case .batchEmpty: .batchEmpty
        case .batchNotApproved: .batchNotApproved
        case .batchRefused: .batchRefused
        case .illegalSignTransition: .illegalSignTransition
        case .noNameToSign: .noNameToSign
        case .illegalNameTransition: .illegalNameTransition
        case .notReady: .notReady
        }
    }

    /// The input was incomplete or named something that is not there, rather than being out of turn:
    /// a front end reports these as bad input (HTTP 400), the others as refusals (HTTP 409).
    public var isBadInput: Bool {
        switch self {
        case .evidenceMissing, .noSuchObjection, .wrongAuthority: true
        default: false
        }
    }

    /// The field of the request at fault, when there is one.
    public var field: EvidenceField? {
        if case let .evidenceMissing(field, _) = self { return field }
        return nil
    }

    // MARK: messages

    /// The rule of law the refusal rests on, when it rests on one (cited at the end of the messages).
    public var rule: ProcedureRule? {
        switch self {
        case .noticeNotOver: .approvalAfterNotice
        case let .dateOutOfOrder(_, event, _, mustFollow, _):
            switch (event, mustFollow) {
            case (.noticeStart, _): .noticeAfterSubmission
            case (.approval, _): .approvalAfterNotice
            default: .afterApproval
            }
        case .dateInFuture: .noFutureDates
        case let .wrongAuthority(_, role, _, _): role.rule
        case let .evidenceMissing(field, _):
            switch field {
            case .meaning, .reasons, .roadFacts: .application
            case .assessment: .assessment
            default: nil
            }
        default: nil
        }
    }

    /// English, as the command line prints it, with the rule it rests on.
    public var messageEn: String {
        guard let rule else { return baseEn }
        return baseEn + " (\(rule.english))"
    }

    /// Chinese, for the web pages, with the rule it rests on.
    public var messageZh: String {
        guard let rule else { return baseZh }
        return baseZh + "（依据：\(rule.chinese)）"
    }

    var baseEn: String {
        switch self {
        case let .illegalTransition(id, from, to, allowed):
            let list = allowed.map { "\($0.rawValue) (\($0.chinese))" }.joined(separator: ", ")
            let rest = !list.isEmpty ? list
                : from == .approved ? "none by advancing; an approved case becomes standard when it is filed and announced (cases file, cases announce)"
                : "none, the case is closed"
            return "case \(id) is \(from.rawValue) (\(from.chinese)); it cannot move to \(to.rawValue) (\(to.chinese)). Allowed: \(rest)"
        case .standardByFilingAndAnnouncement:
            return "a case becomes standard when it is both filed and announced (cases file, cases announce)"
        case let .alreadyApproved(id, document):
            return "case \(id) is already approved by \(document); an approval cannot be changed"
        case let .openObjections(id, numbers, blocking):
            if blocking == .approved {
                return "case \(id) has \(numbers.count) open objection(s) (#\(numbers.map(String.init).joined(separator: ", #"))); handle them before approval"
            }
            return "handle the open objections first (cases resolve-objection): case \(id) has #\(numbers.map(String.init).joined(separator: ", #")) open"
        case let .noticeNotOver(id, end, approval):
            return "the public notice of case \(id) runs until \(Self.day(end)); approval on \(Self.day(approval)) is too early"
        case let .evidenceMissing(field, target):
            switch field {
            case .consultation: return "record the consultation: its scope and the opinions with their handling"
            case .expertReview: return "record the expert review: the experts and their conclusion"
            case .noticeChannel: return "say where the notice is published (--channel)"
            case .noticeDays: return "a public notice lasts at least one day (--notice-days)"
            case .approval: return "record the approval: authority, document number (批复文号) and date"
            case .reason: return "give the reason for \(target?.rawValue ?? "this step")"
            case .objectionText: return "say what the objection is"
            case .handling: return "say how the objection was handled"
            case .supplementNote: return "say which supplements the filing body asks for"
            case .filingBody: return "say with which body the names are filed (--body)"
            case .announcementChannels: return "say where the announcement is published (--channels)"
            case .meaning: return "state the meaning of the name (含义) before submission"
            case .reasons: return "state the reasons for the application (理由) before submission"
            case .roadFacts: return "state the road's location and length before submission"
            case .assessment: return "record the comprehensive assessment (综合评估) and its report before public notice"
            }
        case let .dateOutOfOrder(id, event, date, mustFollow, bound):
            return "\(event.english) of case \(id), \(Self.day(date)), is before \(mustFollow.english), \(Self.day(bound))"
        case let .wrongAuthority(id, role, given, expected):
            return "\(role.english) of case \(id) is \(given); it must be " + (expected.isEmpty ? "set in the county's authority table" : expected.joined(separator: " or "))
        case let .applicationLocked(id, state):
            return "case \(id) is \(state.rawValue) (\(state.chinese)); the application can be amended only before submission"
        case let .dateInFuture(id, event, date, today):
            return "\(event.english) of case \(id), \(Self.day(date)), is in the future (today is \(Self.day(today)))"
        case let .notInNotice(id, state):
            return "objections are raised during public notice; case \(id) is \(state.rawValue) (\(state.chinese))"
        case let .noSuchObjection(id, number):
            return "case \(id) has no objection #\(number)"
        case let .objectionHandled(id, number):
            return "objection #\(number) of case \(id) is already handled"
        case let .notApproved(id, state, step):
            switch step {
            case .filing: return "case \(id) is \(state.rawValue) (\(state.chinese)); only an approved case is filed"
            case .announcement: return "case \(id) is \(state.rawValue) (\(state.chinese)); only an approved case is announced"
            case .supplements: return "only an approved case not yet filed can be returned for supplements; case \(id) is \(state.rawValue)"
            }
        case let .alreadyFiled(id):
            return "case \(id) is already filed"
        case let .alreadyAnnounced(id):
            return "case \(id) is already announced"
        case let .roadHasOpenCase(road, id, state):
            return "road \(road) already has an open case \(id) (\(state.rawValue))"
        case let .roadAlreadyNamed(road, name):
            return "road \(road) is named \(name); use --kind renaming"
        case let .noNameToRename(road):
            return "road \(road) has no standard name to rename; use --kind naming"
        case let .noNameToRetire(road):
            return "road \(road) has no standard name to retire"
        case let .batchClosed(batch):
            return "batch \(batch) is approved; no cases can be added"
        case let .wrongCounty(id, county, batch, batchCounty):
            return "case \(id) is in county \(county.countyPart), batch \(batch) in \(batchCounty.countyPart)"
        case let .cannotJoinBatch(id, state):
            return "case \(id) is \(state.rawValue) (\(state.chinese)) and cannot join a batch"
        case let .alreadyInBatch(id, batch):
            return "case \(id) is already in batch \(batch)"
        case let .batchAlreadyApproved(batch, document):
            return "batch \(batch) is already approved by \(document); an approval cannot be changed"
        case let .batchEmpty(batch):
            return "batch \(batch) has no cases"
        case let .batchNotApproved(batch):
            return "batch \(batch) is not approved yet"
        case let .batchRefused(batch, problems):
            return "batch \(batch) cannot be approved; nothing was changed:\n  " + problems.map(\.description).joined(separator: "\n  ")
        case let .illegalSignTransition(sign, from, to, allowed):
            return "sign \(sign) is \(from.rawValue); it cannot become \(to.rawValue). Allowed: "
                + (allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", "))
        case let .noNameToSign(road):
            return "road \(road) has no standard or approved name to sign"
        case let .illegalNameTransition(name, from, to, allowed):
            return "name \(name) is \(from.rawValue); it cannot become \(to.rawValue). Allowed: "
                + (allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", "))
        case let .notReady(_, en, _):
            return en
        }
    }

    var baseZh: String {
        switch self {
        case let .illegalTransition(id, from, to, allowed):
            let list = allowed.map { "“\($0.chinese)”" }.joined(separator: "、")
            let rest = !list.isEmpty ? "可转为\(list)"
                : from == .approved ? "已批准的案卷办理备案和公告后即成为标准地名" : "案卷已办结，不能再变更"
            return "案卷\(id)处于“\(from.chinese)”状态，不能转为“\(to.chinese)”；\(rest)。"
        case .standardByFilingAndAnnouncement:
            return "案卷须备案并公告后才成为标准地名，请办理备案和公告。"
        case let .alreadyApproved(id, document):
            return "案卷\(id)已由\(document)批准，批复不能更改。"
        case let .openObjections(id, numbers, blocking):
            let list = numbers.map { "第\($0)号" }.joined(separator: "、")
            return "案卷\(id)尚有\(numbers.count)件异议未处理（\(list)），请先处理异议再\(blocking == .approved ? "批准" : "退回拟名")。"
        case let .noticeNotOver(id, end, approval):
            return "案卷\(id)的公示期至\(Self.chineseDay(end))，\(Self.chineseDay(approval))批准早于公示期满。"
        case let .evidenceMissing(field, target):
            switch field {
            case .consultation: return "请填写征求意见情况：征求范围及各方意见和处理情况。"
            case .expertReview: return "请填写专家论证情况：参加专家和论证结论。"
            case .noticeChannel: return "请填写公示渠道。"
            case .noticeDays: return "公示期至少为1天。"
            case .approval: return "请填写批复：批准机关、批复文号和批准日期。"
            case .reason: return "请填写\(target.map { "“\($0.chinese)”的" } ?? "")理由。"
            case .objectionText: return "请填写异议内容。"
            case .handling: return "请填写异议处理情况。"
            case .supplementNote: return "请填写需补充的材料。"
            case .filingBody: return "请填写备案机关。"
            case .announcementChannels: return "请填写公告渠道。"
            case .meaning: return "请在申报前填写名称含义。"
            case .reasons: return "请在申报前填写申请理由。"
            case .roadFacts: return "请在申报前填写道路位置和长度。"
            case .assessment: return "请在公示前填写综合评估结论和评估报告。"
            }
        case let .dateOutOfOrder(id, event, date, mustFollow, bound):
            return "案卷\(id)的\(event.chinese)（\(Self.chineseDay(date))）早于\(mustFollow.chinese)（\(Self.chineseDay(bound))）。"
        case let .wrongAuthority(id, role, given, expected):
            return "案卷\(id)的\(role.chinese)为“\(given)”，应为" + (expected.isEmpty ? "县审批权限表所设机关" : expected.map { "“\($0)”" }.joined(separator: "或")) + "。"
        case let .applicationLocked(id, state):
            return "案卷\(id)处于“\(state.chinese)”状态，申报后不能再修改申请材料。"
        case let .dateInFuture(id, event, date, today):
            return "案卷\(id)的\(event.chinese)（\(Self.chineseDay(date))）晚于今天（\(Self.chineseDay(today))）。"
        case let .notInNotice(id, state):
            return "异议只能在公示期间提出；案卷\(id)处于“\(state.chinese)”状态。"
        case let .noSuchObjection(id, number):
            return "案卷\(id)没有第\(number)号异议。"
        case let .objectionHandled(id, number):
            return "案卷\(id)的第\(number)号异议已处理。"
        case let .notApproved(id, state, step):
            let rule = switch step {
            case .filing: "只有已批准的案卷才能备案"
            case .announcement: "只有已批准的案卷才能公告"
            case .supplements: "只有已批准、尚未备案的案卷才能退回补充材料"
            }
            return "\(rule)；案卷\(id)处于“\(state.chinese)”状态。"
        case let .alreadyFiled(id):
            return "案卷\(id)已备案。"
        case let .alreadyAnnounced(id):
            return "案卷\(id)已公告。"
        case let .roadHasOpenCase(road, id, state):
            return "道路\(road)已有在办案卷\(id)（\(state.chinese)）。"
        case let .roadAlreadyNamed(road, name):
            return "道路\(road)已有名称“\(name)”，请办理更名。"
        case let .noNameToRename(road):
            return "道路\(road)没有可更名的标准地名，请办理命名。"
        case let .noNameToRetire(road):
            return "道路\(road)没有可销名的标准地名。"
        case let .batchClosed(batch):
            return "批次\(batch)已批准，不能再加入案卷。"
        case let .wrongCounty(id, county, batch, batchCounty):
            return "案卷\(id)属于县级区划\(county.countyPart)，批次\(batch)属于\(batchCounty.countyPart)。"
        case let .cannotJoinBatch(id, state):
            return "案卷\(id)处于“\(state.chinese)”状态，不能加入批次。"
        case let .alreadyInBatch(id, batch):
            return "案卷\(id)已在批次\(batch)中。"
        case let .batchAlreadyApproved(batch, document):
            return "批次\(batch)已由\(document)批准，批复不能更改。"
        case let .batchEmpty(batch):
            return "批次\(batch)没有案卷。"
        case let .batchNotApproved(batch):
            return "批次\(batch)尚未批准。"
        case let .batchRefused(batch, problems):
            return "批次\(batch)不能批准，未作任何更改：\n  " + problems.map(\.messageZh).joined(separator: "\n  ")
        case let .illegalSignTransition(sign, from, to, allowed):
            let list = allowed.map { "“\($0.chinese)”" }.joined(separator: "、")
            return "标志\(sign)处于“\(from.chinese)”状态，不能转为“\(to.chinese)”；" + (list.isEmpty ? "标志已拆除。" : "可转为\(list)。")
        case let .noNameToSign(road):
            return "道路\(road)没有标准地名或已批准的名称，不能设标。"
        case let .illegalNameTransition(name, from, to, allowed):
            let list = allowed.map { "“\($0.chinese)”" }.joined(separator: "、")
            return "地名\(name)处于“\(from.chinese)”状态，不能转为“\(to.chinese)”；" + (list.isEmpty ? "不能再变更。" : "可转为\(list)。")
        case let .notReady(_, _, zh):
            return zh
        }
    }

    /// The English message; a missing field is named as `InputError` names it (`field '--reason': …`).
    public var description: String {
        if case let .evidenceMissing(field, _) = self { return "field '\(field.option)': \(messageEn)" }
        return messageEn
    }

    static func day(_ date: Date) -> String { DeadlineRules.dayString(date) }

    /// 2026年3月10日
    static func chineseDay(_ date: Date) -> String {
        let c = DeadlineRules.calendar.dateComponents([.year, .month, .day], from: date)
        return "\(c.year!)年\(c.month!)月\(c.day!)日"
    }
}

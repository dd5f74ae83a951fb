import Foundation

/// What applying a step changes outside the case itself. The caller carries these out, in the same
/// transaction as saving the case and recording `ProcedureOutcome.records`.
public enum ProcedureEffect: Sendable, Hashable {
    /// The registry record of a name moves to this status (check it with `NameStatus.moved(to:name:)`).
    case setNameStatus(FeatureID, NameStatus)
    /// The name is valid from and/or until these days (nil: leave as is).
    case setNameValidity(FeatureID, from: Date?, to: Date?)
    /// The road carries this name now (nil: the road is unnamed again).
    case setRoadName(FeatureID, String?)
    /// A clock starts: this step is due by this day (filing and announcement, on approval).
    case deadline(Deadline)
    /// A step was done after its deadline: a breach to record (Art. 35).
    case late(Deadline, doneOn: Date, days: Int)
}

/// The filing and announcement clocks (DOMAIN.md §5).
public enum DeadlineKind: String, CaseIterable, Codable, Sendable {
    case filing
    case announcement

    public var chinese: String {
        switch self {
        case .filing: "备案"
        case .announcement: "公告"
        }
    }
}

/// A step due by a day.
public struct Deadline: Codable, Sendable, Hashable {
    public var kind: DeadlineKind
    public var due: Date

    public init(kind: DeadlineKind, due: Date) {
        self.kind = kind
        self.due = due
    }

    /// Days left on `today` (negative: overdue by that many days).
    public func daysLeft(on today: Date) -> Int { DeadlineRules.days(from: today, to: due) }
}

/// The audit verbs of a case's steps (`AuditEvent.action`).
public enum CaseAction: String, CaseIterable, Codable, Sendable {
    case created = "case.created"
    case advanced = "case.advanced"
    case objection = "case.objection"
    case objectionHandled = "case.objection-handled"
    case filingReturned = "case.filing-returned"
    case filed = "case.filed"
    case announced = "case.announced"
    case attachment = "case.attachment"
    case batched = "case.batched"
    case amended = "case.amended"
}

/// One entry for the audit trail: who did what to the case, when, from which state to which, with
/// details and the document it rests on. The caller stores it as an `AuditEvent` with entity kind
/// `case`, `before` = `{"state": from}` and `after` = `after`.
public struct CaseRecord: Sendable, Hashable {
    public var caseID: FeatureID
    public var action: CaseAction
    public var actor: String
    public var at: Date
    public var from: CaseState?
    public var to: CaseState
    public var details: [String: String]
    public var document: String?

    public init(caseID: FeatureID, action: CaseAction, actor: String, at: Date, from: CaseState?, to: CaseState,
                details: [String: String] = [:], document: String? = nil) {
        self.caseID = caseID
        self.action = action
        self.actor = actor
        self.at = at
        self.from = from
        self.to = to
        self.details = details
        self.document = document
    }

    /// The details with the state after the step, as the audit trail keeps them.
    public var after: [String: String] { details.merging(["state": to.rawValue]) { _, state in state } }
}

/// A step applied: the new case, what else changes, and what to record (in order; an upheld objection
/// records its handling and the move back to drafting).
public struct ProcedureOutcome: Sendable, Hashable {
    public var namingCase: NamingCase
    public var effects: [ProcedureEffect]
    public var records: [CaseRecord]

    public init(namingCase: NamingCase, effects: [ProcedureEffect] = [], records: [CaseRecord] = []) {
        self.namingCase = namingCase
        self.effects = effects
        self.records = records
    }
}

/// The statutory procedure (DOMAIN.md §5) as one pure state machine: a step applied to a case on a
/// day by an actor yields the new case with its effects and audit records, or a `ProcedureViolation`.
/// No I/O: the caller loads the case, resolves the county's deadline rules, and stores the outcome.
///
///     拟名 drafted → 征求意见 consulted → 已申报 submitted → 审查 underReview (→ 退件 returned → drafted)
///     → 专家论证 expertReviewed → 公示 publicNotice (an upheld objection → drafted) → 已批准 approved
///     / 不予批准 rejected; approved + 备案 filed + 公告 announced → 标准地名 standard.
///
/// Dates keep their legal order, counted in whole days in China: a notice starts no earlier than the
/// case was submitted and its days count both ends (7 days from 11-02 end on 11-08); approval is
/// after the notice's last day and not in the future; filing and announcement are on or after
/// approval and not in the future, and when late the days late are kept as a breach (Art. 35).
/// The approving authority and the filing body are checked against `authorities` (Art. 12, 13).
/// The application needs its 含义, 理由 and the road's facts before submission, and the case its
/// 综合评估 before public notice. A retirement (销名) ends `retired`, every other case `standard`.
public struct Procedure: Sendable {
    /// The county's clocks: notice length, filing and announcement deadlines.
    public var rules: DeadlineRules
    /// The bodies that approve and receive the filing, from the county's table; nil checks none
    /// (only for callers that resolve no county, such as unit tests of other rules).
    public var authorities: CaseAuthorities?

    public init(rules: DeadlineRules = DeadlineRules(), authorities: CaseAuthorities? = nil) {
        self.rules = rules
        self.authorities = authorities
    }

    /// Applies `step` to `namingCase` on `now` by `actor`. A refusal changes nothing.
    public func apply(_ step: ProcedureStep, to namingCase: NamingCase, at now: Date, by actor: String) throws(ProcedureViolation) -> ProcedureOutcome {
        var run = Run(namingCase: namingCase, now: now, actor: actor, rules: rules, authorities: authorities)
        try run.apply(step)
        return ProcedureOutcome(namingCase: run.namingCase, effects: run.effects, records: run.records)
    }

    /// `apply` as a `Result`.
    public func result(_ step: ProcedureStep, to namingCase: NamingCase, at now: Date, by actor: String) -> Result<ProcedureOutcome, ProcedureViolation> {
        Result { () throws(ProcedureViolation) in try apply(step, to: namingCase, at: now, by: actor) }
    }

    /// The filing and announcement deadlines of an approved case that are not yet met.
    public func pendingDeadlines(of namingCase: NamingCase) -> [Deadline] {
        guard namingCase.state == .approved, let approval = namingCase.approval else { return [] }
        return deadlines(approvedOn: approval.date).filter { $0.kind == .filing ? namingCase.filing == nil : namingCase.announcement == nil }
    }

    /// The filing and announcement deadlines of an approval dated `date`.
    public func deadlines(approvedOn date: Date) -> [Deadline] {
        [Deadline(kind: .filing, due: rules.add(rules.filingDays, to: date)),
         Deadline(kind: .announcement, due: rules.add(rules.announcementDays, to: date))]
    }

    /// What can be done next to the case, as `cases show` lists it: the states it may be advanced to,
    /// then `file` and `announce` while an approved case lacks them.
    public static func nextActions(of namingCase: NamingCase) -> [String] {
        var actions = namingCase.state.next.map(\.rawValue)
        if namingCase.state == .approved {
            if namingCase.filing == nil { actions.append("file") }
            if namingCase.announcement == nil { actions.append("announce") }
        }
        return actions
    }

    /// Whether a road may get a case of `kind`: no other open case, and for a naming no name yet, for a
    /// renaming or retirement a standard name (`currentName`, or the road's working name `roadName`).
    public static func checkOpening(_ kind: CaseKind, road: FeatureID, currentName: String?, roadName: String?,
                                    openCase: NamingCase?) throws(ProcedureViolation) {
        if let openCase { throw .roadHasOpenCase(road: road, caseID: openCase.id, state: openCase.state) }
        switch kind {
        case .naming:
            if let name = currentName ?? roadName { throw .roadAlreadyNamed(road: road, name: name) }
        case .renaming:
            if currentName == nil { throw .noNameToRename(road: road) }
        case .retirement:
            if currentName == nil { throw .noNameToRetire(road: road) }
        }
    }

    /// Whether a batch may be approved: not yet approved, and with cases. Each case is then approved
    /// with `.advance(to: .approved, …)`; collect their violations into `.batchRefused`.
    public static func checkBatchApproval(_ batch: Batch, memberCount: Int) throws(ProcedureViolation) {
        if let existing = batch.approval { throw .batchAlreadyApproved(batch: batch.id, document: existing.documentNumber) }
        if memberCount == 0 { throw .batchEmpty(batch: batch.id) }
    }
}

/// One application of a step: the case as it changes, with the effects and records gathered.
private struct Run {
    var namingCase: NamingCase
    let now: Date
    let actor: String
    let rules: DeadlineRules
    let authorities: CaseAuthorities?
    var effects: [ProcedureEffect] = []
    var records: [CaseRecord] = []

    init(namingCase: NamingCase, now: Date, actor: String, rules: DeadlineRules, authorities: CaseAuthorities?) {
        self.namingCase = namingCase
        self.now = now
        self.actor = actor
        self.rules = rules
        self.authorities = authorities
    }

    var id: FeatureID { namingCase.id }

    mutating func apply(_ step: ProcedureStep) throws(ProcedureViolation) {
        switch step {
        case let .advance(target, evidence): try advance(to: target, evidence)
        case let .raiseObjection(from, text): try raiseObjection(from: from, text: text)
        case let .resolveObjection(number, handling, upheld): try resolveObjection(number, handling: handling, upheld: upheld)
        case let .returnFilingForSupplements(note): try returnFilingForSupplements(note)
        case let .file(filing): try file(filing)
        case let .announce(announcement): try announce(announcement)
        case let .attach(attachment): attach(attachment)
        case let .amend(amendment): try amend(amendment)
        case let .joinBatch(batch): try join(batch)
        }
    }

    mutating func record(_ action: CaseAction, from: CaseState, details: [String: String] = [:], document: String? = nil) {
        records.append(CaseRecord(caseID: id, action: action, actor: actor, at: now, from: from, to: namingCase.state, details: details, document: document))
    }

    func setName(_ status: NameStatus) -> [ProcedureEffect] {
        namingCase.nameID.map { [.setNameStatus($0, status)] } ?? []
    }

    // MARK: advance

    mutating func advance(to target: CaseState, _ evidence: ProcedureEvidence) throws(ProcedureViolation) {
        let from = namingCase.state
        if target == .approved, let existing = namingCase.approval { throw .alreadyApproved(caseID: id, document: existing.documentNumber) }
        if (target == .standard || target == .retired) && from == .approved { throw .standardByFilingAndAnnouncement(caseID: id) }
        guard from.canMove(to: target) else { throw .illegalTransition(caseID: id, from: from, to: target, allowed: from.next) }
        var details: [String: String] = [:]
        var document = evidence.document
        switch target {
        case .consulted:
            guard let consultation = evidence.consultation, !consultation.scope.isBlank else { throw .evidenceMissing(.consultation, for: target) }
            namingCase.consultation = consultation
            details["scope"] = consultation.scope
        case .submitted:
            try checkApplication()
            namingCase.submitted = now
            effects += setName(.inProcedure)
        case .underReview:
            effects += setName(.inProcedure)
        case .returned, .rejected:
            guard let reason = evidence.reason, !reason.isBlank else { throw .evidenceMissing(.reason, for: target) }
            if target == .returned {
                namingCase.returns.append(reason)
            } else {
                namingCase.rejection = reason
                effects += setName(.retired)
            }
            details["reason"] = reason
        case .drafted:
            if from == .publicNotice {
                let open = namingCase.openObjections
                guard open.isEmpty else { throw .openObjections(caseID: id, numbers: open.map(\.number), blocking: .drafted) }
            }
            if from == .publicNotice || from == .consulted, let reason = evidence.reason, !reason.isBlank { namingCase.returns.append(reason) }
            effects += setName(.proposed)
        case .expertReviewed:
            try assess(evidence, details: &details)
            guard let review = evidence.expertReview, !review.experts.filter({ !$0.isBlank }).isEmpty, !review.conclusion.isBlank else {
                throw .evidenceMissing(.expertReview, for: target)
            }
            namingCase.expertReview = review
        case .publicNotice:
            try assess(evidence, details: &details)
            guard let channel = evidence.noticeChannel, !channel.isBlank else { throw .evidenceMissing(.noticeChannel, for: target) }
            let days = evidence.noticeDays ?? rules.noticeDays
            guard days >= 1 else { throw .evidenceMissing(.noticeDays, for: target) }
            let start = evidence.noticeStart ?? now
            let (bound, event): (Date, DatedEvent) = namingCase.submitted.map { ($0, .submission) } ?? (namingCase.created, .caseOpened)
            guard DeadlineRules.days(from: bound, to: start) >= 0 else {
                throw .dateOutOfOrder(caseID: id, event: .noticeStart, date: start, mustFollow: event, bound: bound)
            }
            namingCase.notice = PublicNotice(start: start, end: rules.lastDay(of: days, from: start), channel: channel)
            details["channel"] = channel
        case .approved:
            guard let approval = evidence.approval, !approval.authority.isBlank, !approval.documentNumber.isBlank else {
                throw .evidenceMissing(.approval, for: target)
            }
            let open = namingCase.openObjections
            guard open.isEmpty else { throw .openObjections(caseID: id, numbers: open.map(\.number), blocking: .approved) }
            guard let notice = namingCase.notice else { throw .illegalTransition(caseID: id, from: from, to: target, allowed: []) }
            guard DeadlineRules.days(from: now, to: approval.date) <= 0 else {
                throw .dateInFuture(caseID: id, event: .approval, date: approval.date, today: now)
            }
            guard DeadlineRules.days(from: notice.end, to: approval.date) > 0 else {
                throw .noticeNotOver(caseID: id, noticeEnd: notice.end, approval: approval.date)
            }
            if let authorities, !CaseAuthorities.same(approval.authority, authorities.approver) {
                throw .wrongAuthority(caseID: id, role: .approval, given: approval.authority, expected: [authorities.approver])
            }
            namingCase.approval = approval
            details["document"] = approval.documentNumber
            document = approval.documentNumber
            effects += Procedure(rules: rules).deadlines(approvedOn: approval.date).map { .deadline($0) }
        case .standard, .retired:
            throw .standardByFilingAndAnnouncement(caseID: id) // unreachable: no state advances to standard or retired
        }
        namingCase.state = target
        record(.advanced, from: from, details: details, document: document)
    }

    // MARK: objections

    mutating func raiseObjection(from objector: String, text: String) throws(ProcedureViolation) {
        guard namingCase.state == .publicNotice, var notice = namingCase.notice else { throw .notInNotice(caseID: id, state: namingCase.state) }
        guard !text.isBlank else { throw .evidenceMissing(.objectionText, for: nil) }
        let number = (notice.objections.map(\.number).max() ?? 0) + 1
        notice.objections.append(Objection(number: number, from: objector, text: text, raised: now))
        namingCase.notice = notice
        record(.objection, from: namingCase.state, details: ["number": String(number), "from": objector, "text": text])
    }

    mutating func resolveObjection(_ number: Int, handling: String, upheld: Bool) throws(ProcedureViolation) {
        guard var notice = namingCase.notice, let index = notice.objections.firstIndex(where: { $0.number == number }) else {
            throw .noSuchObjection(caseID: id, number: number)
        }
        guard notice.objections[index].isOpen else { throw .objectionHandled(caseID: id, number: number) }
        guard !handling.isBlank else { throw .evidenceMissing(.handling, for: nil) }
        notice.objections[index].handling = handling
        notice.objections[index].upheld = upheld
        namingCase.notice = notice
        record(.objectionHandled, from: namingCase.state, details: ["number": String(number), "handling": handling, "upheld": String(upheld)])
        if upheld && namingCase.state == .publicNotice {
            try advance(to: .drafted, ProcedureEvidence(reason: "objection #\(number) upheld: \(handling)"))
        }
    }

    // MARK: filing and announcement

    mutating func returnFilingForSupplements(_ note: String) throws(ProcedureViolation) {
        guard namingCase.state == .approved else { throw .notApproved(caseID: id, state: namingCase.state, step: .supplements) }
        guard namingCase.filing == nil else { throw .alreadyFiled(caseID: id) }
        guard !note.isBlank else { throw .evidenceMissing(.supplementNote, for: nil) }
        namingCase.filingSupplements.append(note)
        record(.filingReturned, from: namingCase.state, details: ["note": note])
    }

    mutating func file(_ filing: Filing) throws(ProcedureViolation) {
        guard namingCase.filing == nil else { throw .alreadyFiled(caseID: id) }
        guard namingCase.state == .approved, let approval = namingCase.approval else {
            throw .notApproved(caseID: id, state: namingCase.state, step: .filing)
        }
        guard !filing.body.isBlank else { throw .evidenceMissing(.filingBody, for: nil) }
        if let authorities, !authorities.filingBodies.contains(where: { CaseAuthorities.same($0, filing.body) }) {
            throw .wrongAuthority(caseID: id, role: .filing, given: filing.body, expected: authorities.filingBodies)
        }
        try checkDate(filing.date, of: .filing, approval: approval)
        var filing = filing
        filing.supplements = namingCase.filingSupplements
        namingCase.filing = filing
        finish(.filed, kind: .filing, on: filing.date, details: ["body": filing.body, "date": DeadlineRules.dayString(filing.date)])
    }

    mutating func announce(_ announcement: Announcement) throws(ProcedureViolation) {
        guard namingCase.announcement == nil else { throw .alreadyAnnounced(caseID: id) }
        guard namingCase.state == .approved, let approval = namingCase.approval else {
            throw .notApproved(caseID: id, state: namingCase.state, step: .announcement)
        }
        let channels = announcement.channels.filter { !$0.isBlank }
        guard !channels.isEmpty else { throw .evidenceMissing(.announcementChannels, for: nil) }
        try checkDate(announcement.date, of: .announcement, approval: approval)
        namingCase.announcement = Announcement(date: announcement.date, channels: channels)
        finish(.announced, kind: .announcement, on: announcement.date,
               details: ["channels": channels.joined(separator: "、"), "date": DeadlineRules.dayString(announcement.date)])
    }

    /// On or after approval, and not in the future.
    func checkDate(_ date: Date, of event: DatedEvent, approval: Approval) throws(ProcedureViolation) {
        guard DeadlineRules.days(from: now, to: date) <= 0 else { throw .dateInFuture(caseID: id, event: event, date: date, today: now) }
        guard DeadlineRules.days(from: approval.date, to: date) >= 0 else {
            throw .dateOutOfOrder(caseID: id, event: event, date: date, mustFollow: .approval, bound: approval.date)
        }
    }

    /// Records a filing or announcement (late if after its deadline); with both, the name becomes
    /// standard: the old name becomes history (or is retired), the new one standard, the road carries it.
    mutating func finish(_ action: CaseAction, kind: DeadlineKind, on date: Date, details: [String: String]) {
        let from = namingCase.state
        var details = details
        guard let approval = namingCase.approval else { return }
        if let deadline = Procedure(rules: rules).deadlines(approvedOn: approval.date).first(where: { $0.kind == kind }),
           case let late = DeadlineRules.days(from: deadline.due, to: date), late > 0 {
            effects.append(.late(deadline, doneOn: date, days: late))
            namingCase.breaches.append(LateStep(kind: kind, due: deadline.due, done: date, days: late))
            details["lateDays"] = String(late)
        }
        if namingCase.filing != nil && namingCase.announcement != nil {
            namingCase.state = CaseState.done(namingCase.kind)
            if let oldID = namingCase.oldNameID {
                effects.append(.setNameStatus(oldID, namingCase.kind == .retirement ? .retired : .former))
                effects.append(.setNameValidity(oldID, from: nil, to: approval.date))
            }
            if let nameID = namingCase.nameID {
                effects.append(.setNameStatus(nameID, .standard))
                effects.append(.setNameValidity(nameID, from: approval.date, to: nil))
            }
            if let road = namingCase.roadID {
                effects.append(.setRoadName(road, namingCase.kind == .retirement ? nil : namingCase.proposedName))
            }
        }
        record(action, from: from, details: details, document: approval.documentNumber)
    }

    // MARK: the application and the assessment

    /// Before submission: the application states its reasons, the name's meaning (not for a
    /// retirement) and the road's location and length.
    func checkApplication() throws(ProcedureViolation) {
        if namingCase.reasons.isBlank { throw .evidenceMissing(.reasons, for: .submitted) }
        if namingCase.kind != .retirement && namingCase.meaning.isBlank { throw .evidenceMissing(.meaning, for: .submitted) }
        if namingCase.facts.location.isBlank || !(namingCase.facts.length > 0) { throw .evidenceMissing(.roadFacts, for: .submitted) }
    }

    /// On leaving review: the comprehensive assessment, once, unless the case already has it.
    mutating func assess(_ evidence: ProcedureEvidence, details: inout [String: String]) throws(ProcedureViolation) {
        if let assessment = evidence.assessment, !assessment.conclusion.isBlank {
            guard DeadlineRules.days(from: now, to: assessment.date) <= 0 else {
                throw .dateInFuture(caseID: id, event: .assessment, date: assessment.date, today: now)
            }
            namingCase.assessment = assessment
            details["assessment"] = assessment.conclusion
            if let report = assessment.report { details["assessmentReport"] = report }
        }
        guard namingCase.assessment != nil else { throw .evidenceMissing(.assessment, for: nil) }
    }

    mutating func amend(_ amendment: CaseAmendment) throws(ProcedureViolation) {
        guard [.drafted, .consulted, .returned].contains(namingCase.state) else { throw .applicationLocked(caseID: id, state: namingCase.state) }
        if let v = amendment.reasons { namingCase.reasons = v }
        if let v = amendment.meaning { namingCase.meaning = v }
        if let v = amendment.origin { namingCase.origin = v }
        if let v = amendment.location { namingCase.facts.location = v }
        if let v = amendment.width { namingCase.facts.width = v }
        if let v = amendment.nature { namingCase.facts.nature = v }
        record(.amended, from: namingCase.state, details: amendment.details)
    }

    // MARK: attachments and batches

    mutating func attach(_ attachment: Attachment) {
        namingCase.attachments.append(attachment)
        record(.attachment, from: namingCase.state, details: ["path": attachment.path, "sha256": attachment.sha256, "step": attachment.step])
    }

    mutating func join(_ batch: Batch) throws(ProcedureViolation) {
        guard batch.approval == nil else { throw .batchClosed(batch: batch.id) }
        guard namingCase.countyCode == batch.countyCode else {
            throw .wrongCounty(caseID: id, county: namingCase.countyCode, batch: batch.id, batchCounty: batch.countyCode)
        }
        guard !namingCase.state.isFinal, namingCase.state != .approved else { throw .cannotJoinBatch(caseID: id, state: namingCase.state) }
        if let other = namingCase.batchID, other != batch.id { throw .alreadyInBatch(caseID: id, batch: other) }
        namingCase.batchID = batch.id
        record(.batched, from: namingCase.state, details: ["batch": batch.id.description])
    }
}

extension String {
    fileprivate var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

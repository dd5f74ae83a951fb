import DimingCore
import Foundation
import TestSupport
import Testing

/// The procedure as a pure state machine (DOMAIN.md §5): worked examples, every violation, and random
/// step sequences that must stay inside the procedure.
@Suite("The procedure state machine")
struct ProcedureMachineTests {
    static let day0 = DeadlineRules.day("2026-03-02")!
    static func day(_ offset: Int) -> Date { Calendar(identifier: .gregorian).date(byAdding: .day, value: offset, to: day0)! }

    static let county = DivisionCode("379901")!
    static let caseID = FeatureID("379901-C-000001")!
    static let roadID = FeatureID("379901-R-000011")!
    static let nameID = FeatureID("379901-N-000005")!
    static let oldNameID = FeatureID("379901-N-000002")!
    static let approval = Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕1号", date: day(8))

    /// A case opened on day 0: a naming has a new name; a renaming a new and an old one; a retirement only the old one.
    static func fresh(_ kind: CaseKind = .naming) -> NamingCase {
        var c = NamingCase(id: caseID, kind: kind, countyCode: county, townCode: DivisionCode("379901101000"), roadID: roadID,
                           proposedName: kind == .retirement ? "王庄路" : "赵陈路", applicant: "赵村村民委员会", reasons: "方便出行",
                           meaning: "取两村首字", origin: "沿用群众习惯叫法", facts: CaseRoadFacts(location: "起于赵村，止于陈庄", length: 1800), created: day0)
        c.nameID = kind == .retirement ? nil : nameID
        c.oldNameID = kind == .naming ? nil : oldNameID
        return c
    }

    static let consultation = Consultation(scope: "沿线村民代表", opinions: [Opinion(from: "村民代表", text: "同意", handling: "采纳")])
    static let review = ExpertReview(experts: ["甲", "乙", "丙"], conclusion: "名称规范")
    static let assessment = Assessment(conclusion: "名称符合地名管理规定，社会稳定风险低", report: "示民评〔2026〕1号", date: day(1))
    /// The demo county's bodies: its government approves, the city's receives the filing, its 民政局 announces.
    static let authorities = AuthorityTable().resolve(divisions: [.county: "示范县", .city: "示范市", .province: "山东省"])!

    let procedure = Procedure(authorities: Self.authorities)

    /// Applies steps in order, each on its day, gathering effects and records.
    func run(_ steps: [(ProcedureStep, Int)], from start: NamingCase) throws -> ProcedureOutcome {
        var total = ProcedureOutcome(namingCase: start)
        for (step, offset) in steps {
            let outcome = try procedure.apply(step, to: total.namingCase, at: Self.day(offset), by: "民政局 李四")
            total = ProcedureOutcome(namingCase: outcome.namingCase, effects: total.effects + outcome.effects, records: total.records + outcome.records)
        }
        return total
    }

    /// The steps from drafting to public notice (starting on day 1, so the 7-day notice ends on day 7, both counted).
    static let toNotice: [(ProcedureStep, Int)] = [
        (.advance(to: .consulted, evidence: ProcedureEvidence(consultation: consultation)), 0),
        (.advance(to: .submitted, evidence: ProcedureEvidence()), 0),
        (.advance(to: .underReview, evidence: ProcedureEvidence()), 1),
        (.advance(to: .expertReviewed, evidence: ProcedureEvidence(expertReview: review, assessment: assessment)), 1),
        (.advance(to: .publicNotice, evidence: ProcedureEvidence(noticeChannel: "县政府网站")), 1),
    ]
    static let toApproved = toNotice + [(.advance(to: .approved, evidence: ProcedureEvidence(approval: approval)), 8)]
    static let toStandard = toApproved + [(.file(Filing(date: day(10), body: "示范市民政局")), 10),
                                          (.announce(Announcement(date: day(12), channels: ["县政府网站", "示范日报"])), 12)]

    /// The violation a step on `namingCase` is refused with (and that the refusal changed nothing).
    func refusal(_ step: ProcedureStep, on namingCase: NamingCase, at offset: Int, sourceLocation: SourceLocation = #_sourceLocation) -> ProcedureViolation? {
        let before = namingCase
        switch procedure.result(step, to: namingCase, at: Self.day(offset), by: "t") {
        case .success:
            Issue.record("\(step.name) was not refused", sourceLocation: sourceLocation)
            return nil
        case let .failure(violation):
            #expect(namingCase == before, sourceLocation: sourceLocation)
            return violation
        }
    }

    // MARK: worked examples

    @Test("a naming goes from draft to standard: the name is in the procedure, then standard from the approval day, and the road carries it")
    func naming() throws {
        let done = try run(Self.toStandard, from: Self.fresh())
        let c = done.namingCase
        #expect(c.state == .standard)
        #expect(c.notice?.start == Self.day(1) && c.notice?.end == Self.day(7))
        #expect(c.submitted == Self.day(0) && c.assessment == Self.assessment && c.breaches.isEmpty)
        #expect(c.approval == Self.approval && c.filing?.body == "示范市民政局" && c.announcement?.channels == ["县政府网站", "示范日报"])
        #expect(done.effects == [
            .setNameStatus(Self.nameID, .inProcedure), .setNameStatus(Self.nameID, .inProcedure),
            .deadline(Deadline(kind: .filing, due: Self.day(23))), .deadline(Deadline(kind: .announcement, due: Self.day(23))),
            .setNameStatus(Self.nameID, .standard), .setNameValidity(Self.nameID, from: Self.day(8), to: nil), .setRoadName(Self.roadID, "赵陈路"),
        ])
        #expect(done.records.map(\.action) == [.advanced, .advanced, .advanced, .advanced, .advanced, .advanced, .filed, .announced])
        #expect(done.records.map { $0.from?.rawValue ?? "" } == ["drafted", "consulted", "submitted", "underReview", "expertReviewed", "publicNotice",
                                                                 "approved", "approved"])
        #expect(done.records.map(\.to) == [.consulted, .submitted, .underReview, .expertReviewed, .publicNotice, .approved, .approved, .standard])
        #expect(done.records.allSatisfy { $0.actor == "民政局 李四" && $0.caseID == Self.caseID })
        let approvalRecord = done.records[5]
        #expect(approvalRecord.document == "示政字〔2026〕1号" && approvalRecord.at == Self.day(8))
        #expect(approvalRecord.after == ["document": "示政字〔2026〕1号", "state": "approved"])
        #expect(done.records[0].details == ["scope": "沿线村民代表"] && done.records[4].details == ["channel": "县政府网站"])
        #expect(done.records[7].details == ["channels": "县政府网站、示范日报", "date": "2026-03-14"] && done.records[7].document == "示政字〔2026〕1号")
        #expect(Procedure.nextActions(of: c).isEmpty && c.state.isFinal)
    }

    @Test("announced first, then filed: the filing makes it standard; nothing is due any more")
    func announcedFirst() throws {
        let approved = try run(Self.toApproved, from: Self.fresh()).namingCase
        #expect(Procedure.nextActions(of: approved) == ["file", "announce"])
        #expect(procedure.pendingDeadlines(of: approved).map(\.kind) == [.filing, .announcement])
        let announced = try procedure.apply(.announce(Announcement(date: Self.day(9), channels: ["县政府网站"])), to: approved, at: Self.day(9), by: "t")
        #expect(announced.namingCase.state == .approved && announced.effects.isEmpty)
        #expect(Procedure.nextActions(of: announced.namingCase) == ["file"])
        #expect(procedure.pendingDeadlines(of: announced.namingCase).map(\.kind) == [.filing])
        let filed = try procedure.apply(.file(Filing(date: Self.day(9), body: "示范市民政局")), to: announced.namingCase, at: Self.day(9), by: "t")
        #expect(filed.namingCase.state == .standard && filed.records.map(\.to) == [.standard])
        #expect(filed.effects.contains(.setRoadName(Self.roadID, "赵陈路")))
        #expect(procedure.pendingDeadlines(of: filed.namingCase).isEmpty)
    }

    @Test("a renaming keeps the old name as history, valid until the approval day")
    func renaming() throws {
        let done = try run(Self.toStandard, from: Self.fresh(.renaming))
        #expect(done.namingCase.state == .standard)
        #expect(Array(done.effects.suffix(5)) == [
            .setNameStatus(Self.oldNameID, .former), .setNameValidity(Self.oldNameID, from: nil, to: Self.day(8)),
            .setNameStatus(Self.nameID, .standard), .setNameValidity(Self.nameID, from: Self.day(8), to: nil), .setRoadName(Self.roadID, "赵陈路"),
        ])
    }

    @Test("a retirement (销名) ends retired, not standard: it retires the name and leaves the road unnamed")
    func retirement() throws {
        let done = try run(Self.toStandard, from: Self.fresh(.retirement))
        #expect(done.namingCase.state == .retired && done.namingCase.state.chinese == "已销名" && done.namingCase.state.isFinal)
        #expect(done.records.last?.to == .retired)
        // No new name: no status moves during the procedure.
        #expect(done.effects == [
            .deadline(Deadline(kind: .filing, due: Self.day(23))), .deadline(Deadline(kind: .announcement, due: Self.day(23))),
            .setNameStatus(Self.oldNameID, .retired), .setNameValidity(Self.oldNameID, from: nil, to: Self.day(8)), .setRoadName(Self.roadID, nil),
        ])
    }

    @Test("a rejection retires the proposed name and closes the case")
    func rejection() throws {
        let done = try run(Array(Self.toNotice.prefix(3)) + [(.advance(to: .rejected, evidence: ProcedureEvidence(reason: "与邻村道路重名")), 2)],
                           from: Self.fresh())
        #expect(done.namingCase.state == .rejected && done.namingCase.rejection == "与邻村道路重名" && done.namingCase.state.isFinal)
        #expect(done.effects.last == .setNameStatus(Self.nameID, .retired))
        #expect(done.records.last?.details == ["reason": "与邻村道路重名"])
    }

    @Test("a returned case goes back to drafting; the reason is kept")
    func returned() throws {
        let done = try run(Array(Self.toNotice.prefix(3)) + [(.advance(to: .returned, evidence: ProcedureEvidence(reason: "起止点描述不清")), 2),
                                                             (.advance(to: .drafted, evidence: ProcedureEvidence()), 2)], from: Self.fresh())
        #expect(done.namingCase.state == .drafted && done.namingCase.returns == ["起止点描述不清"])
        #expect(done.effects.last == .setNameStatus(Self.nameID, .proposed))
    }

    @Test("an objection blocks approval until handled; an upheld one sends the case back to drafting")
    func objections() throws {
        let notice = try run(Self.toNotice, from: Self.fresh()).namingCase
        let objected = try procedure.apply(.raiseObjection(from: "村民王五", text: "建议改用老地名"), to: notice, at: Self.day(3), by: "t")
        #expect(objected.namingCase.openObjections.map(\.number) == [1] && objected.namingCase.notice?.objections[0].raised == Self.day(3))
        #expect(objected.records.first?.details == ["number": "1", "from": "村民王五", "text": "建议改用老地名"])
        #expect(objected.records.first?.action == .objection)

        // Kept: the case stays in notice and may then be approved.
        let kept = try procedure.apply(.resolveObjection(number: 1, handling: "老地名已用于邻村道路", upheld: false), to: objected.namingCase, at: Self.day(5), by: "t")
        #expect(kept.namingCase.state == .publicNotice && kept.namingCase.openObjections.isEmpty && kept.records.map(\.action) == [.objectionHandled])
        #expect(try procedure.apply(.advance(to: .approved, evidence: ProcedureEvidence(approval: Self.approval)), to: kept.namingCase, at: Self.day(8), by: "t")
            .namingCase.state == .approved)

        // Upheld: handled, then back to drafting with the reason, in two records.
        let upheld = try procedure.apply(.resolveObjection(number: 1, handling: "采纳", upheld: true), to: objected.namingCase, at: Self.day(5), by: "t")
        #expect(upheld.namingCase.state == .drafted && upheld.namingCase.returns == ["objection #1 upheld: 采纳"])
        #expect(upheld.records.map(\.action) == [.objectionHandled, .advanced])
        #expect(upheld.records.map(\.to) == [.publicNotice, .drafted] && upheld.effects == [.setNameStatus(Self.nameID, .proposed)])

        // Upheld while another objection is open: refused whole.
        let two = try procedure.apply(.raiseObjection(from: "村民赵六", text: "不同意"), to: objected.namingCase, at: Self.day(4), by: "t").namingCase
        let blocked = refusal(.resolveObjection(number: 1, handling: "采纳", upheld: true), on: two, at: 5)
        #expect(blocked == .openObjections(caseID: Self.caseID, numbers: [2], blocking: .drafted))
    }

    @Test("filing returned for supplements: typed notes, carried into the filing; not in the case's returns")
    func supplements() throws {
        var c = try run(Self.toApproved, from: Self.fresh()).namingCase
        for note in ["补充批复原件", "补充地名含义说明"] {
            let outcome = try procedure.apply(.returnFilingForSupplements(note: note), to: c, at: Self.day(9), by: "t")
            #expect(outcome.records.map(\.action) == [.filingReturned] && outcome.records[0].details == ["note": note])
            c = outcome.namingCase
        }
        #expect(c.filingSupplements == ["补充批复原件", "补充地名含义说明"] && c.returns.isEmpty)
        let filed = try procedure.apply(.file(Filing(date: Self.day(11), body: "示范市民政局")), to: c, at: Self.day(11), by: "t").namingCase
        #expect(filed.filing?.supplements == ["补充批复原件", "补充地名含义说明"])
    }

    @Test("a filing after its deadline is done but recorded as late (a breach, Art. 35)")
    func lateFiling() throws {
        let approved = try run(Self.toApproved, from: Self.fresh()).namingCase
        let filed = try procedure.apply(.file(Filing(date: Self.day(25), body: "示范市民政局")), to: approved, at: Self.day(26), by: "t")
        #expect(filed.effects == [.late(Deadline(kind: .filing, due: Self.day(23)), doneOn: Self.day(25), days: 2)])
        #expect(filed.records[0].details["lateDays"] == "2")
        #expect(filed.namingCase.breaches == [LateStep(kind: .filing, due: Self.day(23), done: Self.day(25), days: 2)])
        let announced = try procedure.apply(.announce(Announcement(date: Self.day(24), channels: ["县政府网站"])), to: filed.namingCase, at: Self.day(26), by: "t")
        #expect(announced.namingCase.state == .standard && announced.namingCase.breaches.map(\.days) == [2, 1])
        #expect(ProcedureRule.deadline.chinese.contains("第三十五条"))
    }

    @Test("the county's rules set the notice length and the deadlines; a notice may be given its own length")
    func rules() throws {
        var rules = DeadlineRules()
        rules.noticeDays = 9
        rules.filingDays = 10
        let custom = Procedure(rules: rules)
        var c = try run(Array(Self.toNotice.prefix(4)), from: Self.fresh()).namingCase
        c = try custom.apply(.advance(to: .publicNotice, evidence: ProcedureEvidence(noticeChannel: "公告栏")), to: c, at: Self.day(1), by: "t").namingCase
        #expect(c.notice?.end == Self.day(9))
        let own = try custom.apply(.advance(to: .publicNotice, evidence: ProcedureEvidence(noticeStart: Self.day(2), noticeDays: 3, noticeChannel: "公告栏")),
                                   to: try run(Array(Self.toNotice.prefix(4)), from: Self.fresh()).namingCase, at: Self.day(1), by: "t")
        #expect(own.namingCase.notice?.start == Self.day(2) && own.namingCase.notice?.end == Self.day(4))
        let approved = try custom.apply(.advance(to: .approved, evidence: ProcedureEvidence(approval: Approval(authority: "县政府", documentNumber: "1号", date: Self.day(10)))),
                                        to: c, at: Self.day(10), by: "t")
        #expect(approved.effects == [.deadline(Deadline(kind: .filing, due: Self.day(20))), .deadline(Deadline(kind: .announcement, due: Self.day(25)))])
    }

    @Test("attachments at any state, batches for open cases of the county")
    func attachmentsAndBatches() throws {
        let attachment = Attachment(path: "scans/批复.pdf", sha256: "ab12", step: "approved")
        let standard = try run(Self.toStandard, from: Self.fresh()).namingCase
        let attached = try procedure.apply(.attach(attachment), to: standard, at: Self.day(13), by: "t")
        #expect(attached.namingCase.attachments == [attachment] && attached.namingCase.state == .standard)
        #expect(attached.records[0].details == ["path": "scans/批复.pdf", "sha256": "ab12", "step": "approved"])

        let batch = Batch(id: FeatureID("379901-A-000001")!, countyCode: Self.county, title: "第一批")
        let joined = try procedure.apply(.joinBatch(batch), to: Self.fresh(), at: Self.day(0), by: "t")
        #expect(joined.namingCase.batchID == batch.id && joined.records[0].action == .batched && joined.records[0].details == ["batch": "379901-A-000001"])
    }

    // MARK: violations

    @Test("an illegal move names the state, the target and what is allowed")
    func illegalTransitions() throws {
        let fresh = Self.fresh()
        let jump = refusal(.advance(to: .approved, evidence: ProcedureEvidence(approval: Self.approval)), on: fresh, at: 8)
        #expect(jump == .illegalTransition(caseID: Self.caseID, from: .drafted, to: .approved, allowed: [.consulted]))
        #expect(jump?.code == .illegalTransition && jump?.code.rawValue == "ILLEGAL_TRANSITION")
        #expect(jump?.description == "case 379901-C-000001 is drafted (拟名); it cannot move to approved (已批准). Allowed: consulted (征求意见)")
        #expect(jump?.messageZh == "案卷379901-C-000001处于“拟名”状态，不能转为“已批准”；可转为“征求意见”。")

        let returned = try run(Array(Self.toNotice.prefix(3)) + [(.advance(to: .returned, evidence: ProcedureEvidence(reason: "不清")), 2)], from: fresh).namingCase
        let back = refusal(.advance(to: .approved, evidence: ProcedureEvidence(approval: Self.approval)), on: returned, at: 8)
        #expect(back?.description.contains("returned") == true && back?.description.contains("Allowed: drafted") == true)

        // Standard is never advanced to: from approved it says how, elsewhere it is illegal.
        let approved = try run(Self.toApproved, from: fresh).namingCase
        let standard = refusal(.advance(to: .standard, evidence: ProcedureEvidence()), on: approved, at: 9)
        #expect(standard == .standardByFilingAndAnnouncement(caseID: Self.caseID))
        #expect(standard?.description == "a case becomes standard when it is both filed and announced (cases file, cases announce)")
        #expect(refusal(.advance(to: .standard, evidence: ProcedureEvidence()), on: fresh, at: 0)?.code == .illegalTransition)
        let closedMove = refusal(.advance(to: .drafted, evidence: ProcedureEvidence()), on: approved, at: 9)
        #expect(closedMove == .illegalTransition(caseID: Self.caseID, from: .approved, to: .drafted, allowed: []))
        #expect(closedMove?.messageEn.contains("filed and announced") == true)
        let done = try run(Self.toStandard, from: fresh).namingCase
        #expect(refusal(.advance(to: .drafted, evidence: ProcedureEvidence()), on: done, at: 13)?.messageEn.hasSuffix("Allowed: none, the case is closed") == true)
    }

    @Test("approval: once only, no open objection, not before the notice ends, not in the future, with its document")
    func approvalRefusals() throws {
        let notice = try run(Self.toNotice, from: Self.fresh()).namingCase
        let approve = ProcedureStep.advance(to: .approved, evidence: ProcedureEvidence(approval: Self.approval))

        let objected = try procedure.apply(.raiseObjection(from: "村民", text: "不同意"), to: notice, at: Self.day(3), by: "t").namingCase
        let open = refusal(approve, on: objected, at: 8)
        #expect(open == .openObjections(caseID: Self.caseID, numbers: [1], blocking: .approved))
        #expect(open?.description == "case 379901-C-000001 has 1 open objection(s) (#1); handle them before approval")
        #expect(refusal(.advance(to: .drafted, evidence: ProcedureEvidence()), on: objected, at: 8)?.code == .openObjections)

        let early = ProcedureStep.advance(to: .approved, evidence: ProcedureEvidence(approval: Approval(authority: "县政府", documentNumber: "1号", date: Self.day(7))))
        let notOver = refusal(early, on: notice, at: 7)
        #expect(notOver == .noticeNotOver(caseID: Self.caseID, noticeEnd: Self.day(7), approval: Self.day(7)))
        #expect(notOver?.rule == .approvalAfterNotice)
        #expect(notOver?.description == "the public notice of case 379901-C-000001 runs until 2026-03-09; approval on 2026-03-09 is too early"
            + " (approval follows the end of the public notice and is not dated ahead)")
        #expect(notOver?.messageZh == "案卷379901-C-000001的公示期至2026年3月9日，2026年3月9日批准早于公示期满。（依据：公示期满后方可批准，批准日期不得晚于当日）")

        let future = refusal(approve, on: notice, at: 7)
        #expect(future == .dateInFuture(caseID: Self.caseID, event: .approval, date: Self.day(8), today: Self.day(7)))
        #expect(future?.code.rawValue == "DATE_IN_FUTURE")

        let missing = refusal(.advance(to: .approved, evidence: ProcedureEvidence()), on: notice, at: 8)
        #expect(missing == .evidenceMissing(.approval, for: .approved) && missing?.isBadInput == true && missing?.field == .approval)
        #expect(missing?.description == "field '--document': record the approval: authority, document number (批复文号) and date")
        #expect(refusal(.advance(to: .approved, evidence: ProcedureEvidence(approval: Approval(authority: "县政府", documentNumber: " ", date: Self.day(8)))),
                        on: notice, at: 8) == .evidenceMissing(.approval, for: .approved))

        let approved = try procedure.apply(approve, to: notice, at: Self.day(8), by: "t").namingCase
        let second = ProcedureStep.advance(to: .approved, evidence: ProcedureEvidence(approval: Approval(authority: "县政府", documentNumber: "示政字〔2026〕2号", date: Self.day(9))))
        let again = refusal(second, on: approved, at: 9)
        #expect(again == .alreadyApproved(caseID: Self.caseID, document: "示政字〔2026〕1号"))
        #expect(again?.description.contains("already approved by 示政字〔2026〕1号") == true)
    }

    @Test("each move refuses without its evidence, naming the command-line option")
    func missingEvidence() throws {
        let fresh = Self.fresh()
        let review = try run(Array(Self.toNotice.prefix(3)), from: fresh).namingCase
        let cases: [(ProcedureStep, NamingCase, EvidenceField, String)] = [
            (.advance(to: .consulted, evidence: ProcedureEvidence()), fresh, .consultation, "--consultation-scope"),
            (.advance(to: .consulted, evidence: ProcedureEvidence(consultation: Consultation(scope: "", opinions: []))), fresh, .consultation, "--consultation-scope"),
            (.advance(to: .returned, evidence: ProcedureEvidence()), review, .reason, "--reason"),
            (.advance(to: .rejected, evidence: ProcedureEvidence(reason: "")), review, .reason, "--reason"),
            (.advance(to: .expertReviewed, evidence: ProcedureEvidence(expertReview: ExpertReview(experts: [], conclusion: "好"), assessment: Self.assessment)),
             review, .expertReview, "--experts"),
            (.advance(to: .publicNotice, evidence: ProcedureEvidence(assessment: Self.assessment)), review, .noticeChannel, "--channel"),
            (.advance(to: .publicNotice, evidence: ProcedureEvidence(noticeDays: 0, noticeChannel: "网站", assessment: Self.assessment)), review, .noticeDays, "--notice-days"),
            (.advance(to: .publicNotice, evidence: ProcedureEvidence(noticeChannel: "网站")), review, .assessment, "--assessment"),
            (.advance(to: .expertReviewed, evidence: ProcedureEvidence(expertReview: Self.review)), review, .assessment, "--assessment"),
        ]
        for (step, namingCase, field, option) in cases {
            let violation = refusal(step, on: namingCase, at: 2)
            #expect(violation?.code == .evidenceMissing && violation?.field == field, "\(step.name)")
            #expect(violation?.description.hasPrefix("field '\(option)': ") == true)
        }
        #expect(refusal(.advance(to: .returned, evidence: ProcedureEvidence()), on: review, at: 2)?.messageEn == "give the reason for returned")
        #expect(refusal(.advance(to: .returned, evidence: ProcedureEvidence()), on: review, at: 2)?.messageZh == "请填写“退件”的理由。")
        #expect(refusal(.advance(to: .consulted, evidence: ProcedureEvidence()), on: fresh, at: 0)?.messageEn
            == "record the consultation: its scope and the opinions with their handling")
    }

    @Test("dates keep the legal order: notice after submission, filing and announcement after approval, none in the future")
    func dateOrder() throws {
        // Submitted on day 3: a notice backdated to day 2 is refused, naming the rule.
        var steps = Self.toNotice.prefix(4).map { $0 }
        steps[1].1 = 3
        steps[2].1 = 3
        steps[3].1 = 3
        let review = try run(steps, from: Self.fresh()).namingCase
        #expect(review.submitted == Self.day(3))
        let before = refusal(.advance(to: .publicNotice, evidence: ProcedureEvidence(noticeStart: Self.day(2), noticeChannel: "网站")), on: review, at: 3)
        #expect(before == .dateOutOfOrder(caseID: Self.caseID, event: .noticeStart, date: Self.day(2), mustFollow: .submission, bound: Self.day(3)))
        #expect(before?.rule == .noticeAfterSubmission)
        #expect(before?.description == "the notice start of case 379901-C-000001, 2026-03-04, is before the submission, 2026-03-05"
            + " (the notice follows the submission; both its first and last day count)")
        #expect(try procedure.apply(.advance(to: .publicNotice, evidence: ProcedureEvidence(noticeStart: Self.day(3), noticeChannel: "网站")), to: review,
                                    at: Self.day(3), by: "t").namingCase.notice?.end == Self.day(9))

        let approved = try run(Self.toApproved, from: Self.fresh()).namingCase
        let earlyFiling = refusal(.file(Filing(date: Self.day(7), body: "示范市民政局")), on: approved, at: 9)
        #expect(earlyFiling == .dateOutOfOrder(caseID: Self.caseID, event: .filing, date: Self.day(7), mustFollow: .approval, bound: Self.day(8)))
        #expect(earlyFiling?.rule == .afterApproval)
        #expect(earlyFiling?.messageZh == "案卷379901-C-000001的备案日期（2026年3月9日）早于批准日期（2026年3月10日）。（依据：备案、公告在批准之后）")
        #expect(refusal(.announce(Announcement(date: Self.day(7), channels: ["网站"])), on: approved, at: 9)?.code == .dateOutOfOrder)
        let futureFiling = refusal(.file(Filing(date: Self.day(10), body: "示范市民政局")), on: approved, at: 9)
        #expect(futureFiling == .dateInFuture(caseID: Self.caseID, event: .filing, date: Self.day(10), today: Self.day(9)))
        #expect(futureFiling?.rule == .noFutureDates)
        #expect(refusal(.announce(Announcement(date: Self.day(10), channels: ["网站"])), on: approved, at: 9)?.code == .dateInFuture)
        // Same day is fine, whatever the hour.
        #expect(try procedure.apply(.file(Filing(date: Self.day(8), body: "示范市民政局")), to: approved, at: Self.day(8).addingTimeInterval(3600 * 20), by: "t")
            .namingCase.filing != nil)
    }

    @Test("a 7-day notice from 2026-11-02 runs to 2026-11-08, both ends counted: approval on 11-08 is refused, on 11-09 accepted")
    func inclusiveNotice() throws {
        let first = DeadlineRules.day("2026-11-02")!
        let noticeDay = DeadlineRules.day
        let review = try run(Array(Self.toNotice.prefix(4)), from: Self.fresh()).namingCase
        let notice = try procedure.apply(.advance(to: .publicNotice, evidence: ProcedureEvidence(noticeStart: first, noticeDays: 7, noticeChannel: "县政府网站")),
                                         to: review, at: first, by: "t").namingCase
        #expect(notice.notice.map { DeadlineRules.dayString($0.end) } == "2026-11-08")
        func approve(_ day: String) -> ProcedureStep {
            .advance(to: .approved, evidence: ProcedureEvidence(approval: Approval(authority: "示范县人民政府", documentNumber: "示政字〔2026〕9号", date: noticeDay(day)!)))
        }
        #expect(throws: ProcedureViolation.noticeNotOver(caseID: Self.caseID, noticeEnd: noticeDay("2026-11-08")!, approval: noticeDay("2026-11-08")!)) {
            try procedure.apply(approve("2026-11-08"), to: notice, at: noticeDay("2026-11-20")!, by: "t")
        }
        #expect(try procedure.apply(approve("2026-11-09"), to: notice, at: noticeDay("2026-11-20")!, by: "t").namingCase.state == .approved)
        // Working days: a 5-working-day notice from Friday 2026-11-06 runs to Thursday 11-12.
        var rules = DeadlineRules()
        rules.workingDays = true
        #expect(DeadlineRules.dayString(rules.lastDay(of: 5, from: noticeDay("2026-11-06")!)) == "2026-11-12")
        #expect(DeadlineRules.dayString(rules.lastDay(of: 1, from: noticeDay("2026-11-07")!)) == "2026-11-09")
    }

    @Test("authorities: the county government approves (Art. 12), the government one level up receives the filing (Art. 13)")
    func authorityRules() throws {
        #expect(Self.authorities == CaseAuthorities(approver: "示范县人民政府", level: .county, filingBodies: ["示范市人民政府", "示范市民政局"], announcer: "示范县民政局"))
        let notice = try run(Self.toNotice, from: Self.fresh()).namingCase
        for wrong in ["示范县民政局", "示范市人民政府"] {
            let step = ProcedureStep.advance(to: .approved, evidence: ProcedureEvidence(approval: Approval(authority: wrong, documentNumber: "1号", date: Self.day(8))))
            let violation = refusal(step, on: notice, at: 8)
            #expect(violation == .wrongAuthority(caseID: Self.caseID, role: .approval, given: wrong, expected: ["示范县人民政府"]))
            #expect(violation?.rule == .approvingAuthority && violation?.code.rawValue == "WRONG_AUTHORITY")
            #expect(violation?.messageZh.contains("第十二条") == true && violation?.messageEn.contains("Art. 12") == true)
        }
        let approved = try run(Self.toApproved, from: Self.fresh()).namingCase
        for wrong in ["示范县人民政府", "示范县民政局", "山东省人民政府"] {
            let violation = refusal(.file(Filing(date: Self.day(9), body: wrong)), on: approved, at: 9)
            #expect(violation == .wrongAuthority(caseID: Self.caseID, role: .filing, given: wrong, expected: ["示范市人民政府", "示范市民政局"]))
            #expect(violation?.messageZh.contains("第十三条") == true)
        }
        #expect(try procedure.apply(.file(Filing(date: Self.day(9), body: "示范市 人民政府")), to: approved, at: Self.day(9), by: "t").namingCase.filing != nil)
        // A county may set its own table: a transport department approving its facilities at the city level.
        var table = AuthorityTable()
        table.approvers["transport"] = AuthorityRule(level: .city, body: "交通运输局")
        let transport = table.resolve(featureType: "transport", divisions: [.county: "示范县", .city: "示范市", .province: "山东省"])
        #expect(transport?.approver == "示范市交通运输局" && transport?.filingBodies == ["山东省人民政府", "山东省民政局"] && transport?.announcer == "示范市民政局")
        #expect(table.resolve(featureType: "bridge", divisions: [.county: "示范县"]) == nil)
    }

    @Test("before submission the application states 理由, 含义 and the road's facts; it may be amended until then")
    func application() throws {
        var bare = Self.fresh()
        bare.meaning = ""
        bare.reasons = " "
        let consulted = try procedure.apply(.advance(to: .consulted, evidence: ProcedureEvidence(consultation: Self.consultation)), to: bare, at: Self.day(0), by: "t").namingCase
        let submit = ProcedureStep.advance(to: .submitted, evidence: ProcedureEvidence())
        #expect(refusal(submit, on: consulted, at: 0) == .evidenceMissing(.reasons, for: .submitted))
        var amended = try procedure.apply(.amend(CaseAmendment(reasons: "方便出行")), to: consulted, at: Self.day(0), by: "t")
        #expect(amended.records.map(\.action) == [.amended] && amended.records[0].details == ["reasons": "方便出行"])
        let noMeaning = refusal(submit, on: amended.namingCase, at: 0)
        #expect(noMeaning == .evidenceMissing(.meaning, for: .submitted) && noMeaning?.rule == .application)
        #expect(noMeaning?.description.hasPrefix("field '--meaning': ") == true)
        amended = try procedure.apply(.amend(CaseAmendment(meaning: "取两村首字", location: "")), to: amended.namingCase, at: Self.day(0), by: "t")
        #expect(refusal(submit, on: amended.namingCase, at: 0) == .evidenceMissing(.roadFacts, for: .submitted))
        amended = try procedure.apply(.amend(CaseAmendment(location: "起于赵村，止于陈庄", nature: "村道")), to: amended.namingCase, at: Self.day(0), by: "t")
        let submitted = try procedure.apply(submit, to: amended.namingCase, at: Self.day(1), by: "t").namingCase
        #expect(submitted.state == .submitted && submitted.submitted == Self.day(1) && submitted.facts.nature == "村道")
        #expect(refusal(.amend(CaseAmendment(meaning: "改")), on: submitted, at: 1) == .applicationLocked(caseID: Self.caseID, state: .submitted))
        // A retirement needs no meaning.
        var retirement = Self.fresh(.retirement)
        retirement.meaning = ""
        let r = try procedure.apply(.advance(to: .consulted, evidence: ProcedureEvidence(consultation: Self.consultation)), to: retirement, at: Self.day(0), by: "t")
        #expect(try procedure.apply(submit, to: r.namingCase, at: Self.day(0), by: "t").namingCase.state == .submitted)
    }

    @Test("objections: only during notice, by number, once; filing and announcement: only approved, once, with body and channels")
    func stepRefusals() throws {
        let fresh = Self.fresh()
        let notice = try run(Self.toNotice, from: fresh).namingCase
        #expect(refusal(.raiseObjection(from: "村民", text: "不同意"), on: fresh, at: 0) == .notInNotice(caseID: Self.caseID, state: .drafted))
        #expect(refusal(.raiseObjection(from: "村民", text: " "), on: notice, at: 2) == .evidenceMissing(.objectionText, for: nil))
        #expect(refusal(.resolveObjection(number: 1, handling: "x", upheld: false), on: notice, at: 2) == .noSuchObjection(caseID: Self.caseID, number: 1))
        let objected = try procedure.apply(.raiseObjection(from: "村民", text: "不同意"), to: notice, at: Self.day(2), by: "t").namingCase
        #expect(refusal(.resolveObjection(number: 1, handling: "", upheld: false), on: objected, at: 2)?.description
            == "field '--handling': say how the objection was handled")
        let handled = try procedure.apply(.resolveObjection(number: 1, handling: "维持", upheld: false), to: objected, at: Self.day(3), by: "t").namingCase
        let twice = refusal(.resolveObjection(number: 1, handling: "维持", upheld: false), on: handled, at: 3)
        #expect(twice == .objectionHandled(caseID: Self.caseID, number: 1) && twice?.description == "objection #1 of case 379901-C-000001 is already handled")

        let filing = ProcedureStep.file(Filing(date: Self.day(10), body: "示范市民政局"))
        let notApproved = refusal(filing, on: notice, at: 10)
        #expect(notApproved == .notApproved(caseID: Self.caseID, state: .publicNotice, step: .filing))
        #expect(notApproved?.description == "case 379901-C-000001 is publicNotice (公示); only an approved case is filed")
        #expect(refusal(.announce(Announcement(date: Self.day(10), channels: ["网站"])), on: notice, at: 10)?.messageEn.hasSuffix("only an approved case is announced") == true)
        #expect(refusal(.returnFilingForSupplements(note: "x"), on: notice, at: 10)?.description
            == "only an approved case not yet filed can be returned for supplements; case 379901-C-000001 is publicNotice")

        let approved = try run(Self.toApproved, from: fresh).namingCase
        #expect(refusal(.file(Filing(date: Self.day(10), body: "")), on: approved, at: 10) == .evidenceMissing(.filingBody, for: nil))
        #expect(refusal(.announce(Announcement(date: Self.day(10), channels: ["", " "])), on: approved, at: 10) == .evidenceMissing(.announcementChannels, for: nil))
        #expect(refusal(.returnFilingForSupplements(note: ""), on: approved, at: 10) == .evidenceMissing(.supplementNote, for: nil))
        let filed = try procedure.apply(filing, to: approved, at: Self.day(10), by: "t").namingCase
        #expect(refusal(filing, on: filed, at: 11) == .alreadyFiled(caseID: Self.caseID))
        #expect(refusal(.returnFilingForSupplements(note: "x"), on: filed, at: 11) == .alreadyFiled(caseID: Self.caseID))
        let announce = ProcedureStep.announce(Announcement(date: Self.day(10), channels: ["网站"]))
        let announced = try procedure.apply(announce, to: approved, at: Self.day(10), by: "t").namingCase
        #expect(refusal(announce, on: announced, at: 11) == .alreadyAnnounced(caseID: Self.caseID))
        let standard = try run(Self.toStandard, from: fresh).namingCase
        #expect(refusal(filing, on: standard, at: 13)?.code == .alreadyFiled && refusal(announce, on: standard, at: 13)?.code == .alreadyAnnounced)
    }

    @Test("batches take open cases of their county, once, until approved")
    func batchRefusals() throws {
        let batch = Batch(id: FeatureID("379901-A-000001")!, countyCode: Self.county, title: "第一批")
        var approvedBatch = batch
        approvedBatch.approval = Self.approval
        let elsewhere = Batch(id: FeatureID("379902-A-000001")!, countyCode: DivisionCode("379902")!, title: "外县")
        let fresh = Self.fresh()
        #expect(refusal(.joinBatch(approvedBatch), on: fresh, at: 0) == .batchClosed(batch: batch.id))
        let wrong = refusal(.joinBatch(elsewhere), on: fresh, at: 0)
        #expect(wrong?.code == .wrongCounty && wrong?.description == "case 379901-C-000001 is in county 379901, batch 379902-A-000001 in 379902")
        let approved = try run(Self.toApproved, from: fresh).namingCase
        #expect(refusal(.joinBatch(batch), on: approved, at: 9) == .cannotJoinBatch(caseID: Self.caseID, state: .approved))
        var other = fresh
        other.batchID = FeatureID("379901-A-000002")
        #expect(refusal(.joinBatch(batch), on: other, at: 0) == .alreadyInBatch(caseID: Self.caseID, batch: FeatureID("379901-A-000002")!))
        #expect(throws: ProcedureViolation.batchAlreadyApproved(batch: batch.id, document: "示政字〔2026〕1号")) {
            try Procedure.checkBatchApproval(approvedBatch, memberCount: 3)
        }
        #expect(throws: ProcedureViolation.batchEmpty(batch: batch.id)) { try Procedure.checkBatchApproval(batch, memberCount: 0) }
        let refused = ProcedureViolation.batchRefused(batch: batch.id, problems: [.openObjections(caseID: Self.caseID, numbers: [1], blocking: .approved)])
        #expect(refused.description.hasPrefix("batch 379901-A-000001 cannot be approved; nothing was changed:\n  case 379901-C-000001 has 1 open"))
        #expect(refused.messageZh.contains("第1号"))
    }

    @Test("opening a case: one open case per road; naming an unnamed road, renaming or retiring a named one")
    func opening() throws {
        let road = Self.roadID
        #expect(throws: ProcedureViolation.roadHasOpenCase(road: road, caseID: Self.caseID, state: .drafted)) {
            try Procedure.checkOpening(.naming, road: road, currentName: nil, roadName: nil, openCase: Self.fresh())
        }
        #expect(throws: ProcedureViolation.roadAlreadyNamed(road: road, name: "王庄路")) {
            try Procedure.checkOpening(.naming, road: road, currentName: nil, roadName: "王庄路", openCase: nil)
        }
        #expect(throws: ProcedureViolation.noNameToRename(road: road)) {
            try Procedure.checkOpening(.renaming, road: road, currentName: nil, roadName: "王庄路", openCase: nil)
        }
        #expect(throws: ProcedureViolation.noNameToRetire(road: road)) {
            try Procedure.checkOpening(.retirement, road: road, currentName: nil, roadName: nil, openCase: nil)
        }
        try Procedure.checkOpening(.naming, road: road, currentName: nil, roadName: nil, openCase: nil)
        try Procedure.checkOpening(.renaming, road: road, currentName: "王庄路", roadName: "王庄路", openCase: nil)
        #expect(ProcedureViolation.roadAlreadyNamed(road: road, name: "王庄路").description == "road 379901-R-000011 is named 王庄路; use --kind renaming")
    }

    @Test("sign status moves as DOMAIN.md §6 says; a replacement plate shows the current name")
    func signs() throws {
        let sign = Sign(id: FeatureID("379901-G-000001")!, code: "379901-0001", type: .road, status: .installed, roadID: Self.roadID, text: "王庄路",
                        pinyin: "WANGZHUANG LU", position: Coordinate(lon: 115.9, lat: 36.4), roadBearing: 90, facing: 0, back: .continues,
                        forward: .ends, deadEnd: false, crossRoad: nil, direction: .eastWest, sizeClass: PlateSize(width: 1200, height: 400), material: "铝板", funding: "财政",
                        qrPayload: "")
        #expect(throws: ProcedureViolation.illegalSignTransition(sign: "379901-0001", from: .installed, to: .ordered,
                                                                 allowed: [.inspected, .damaged, .missing, .removed])) {
            try sign.moved(to: .ordered)
        }
        do {
            _ = try sign.moved(to: .ordered)
        } catch {
            #expect(error.description == "sign 379901-0001 is installed; it cannot become ordered. Allowed: inspected, damaged, missing, removed")
            #expect(error.messageZh == "标志379901-0001处于“已安装”状态，不能转为“已订制”；可转为“已巡检”、“损坏”、“缺失”、“已拆除”。")
        }
        let damaged = try sign.moved(to: .damaged)
        let replaced = try damaged.moved(to: .replaced, currentName: (text: "惠民路", pinyin: "HUIMIN LU"))
        #expect(replaced.status == .replaced && replaced.text == "惠民路" && replaced.pinyin == "HUIMIN LU")
        #expect(try damaged.moved(to: .removed).text == "王庄路")
        let removed = try damaged.moved(to: .removed)
        #expect(throws: ProcedureViolation.self) { try removed.moved(to: .installed) }
        // Every status reachable from planned; removed is the end.
        var reached: Set<SignStatus> = [.planned], frontier: [SignStatus] = [.planned]
        while let status = frontier.popLast() {
            for next in status.next where reached.insert(next).inserted { frontier.append(next) }
        }
        #expect(reached == Set(SignStatus.allCases) && SignStatus.removed.next.isEmpty)
    }

    @Test("name status moves: proposed, in procedure, standard, then former or retired")
    func names() throws {
        let id = Self.nameID
        #expect(try NameStatus.proposed.moved(to: .inProcedure, name: id) == .inProcedure)
        #expect(try NameStatus.inProcedure.moved(to: .inProcedure, name: id) == .inProcedure)
        #expect(try NameStatus.standard.moved(to: .former, name: id) == .former)
        #expect(throws: ProcedureViolation.illegalNameTransition(name: id, from: .standard, to: .proposed, allowed: [.former, .retired])) {
            try NameStatus.standard.moved(to: .proposed, name: id)
        }
        #expect(throws: ProcedureViolation.self) { try NameStatus.proposed.moved(to: .standard, name: id) }
        #expect(throws: ProcedureViolation.self) { try NameStatus.former.moved(to: .standard, name: id) }
    }

    @Test("case states: approved is not final and leads only to standard, by filing and announcement; every state is reachable")
    func caseStates() {
        #expect(CaseState.approved.next.isEmpty && CaseState.approved.successors == [.standard, .retired] && !CaseState.approved.isFinal)
        #expect(CaseState.allCases.filter(\.isFinal) == [.rejected, .standard, .retired])
        #expect(!CaseState.allCases.contains { $0.next.contains(.standard) })
        #expect(Self.reachable == Set(CaseState.allCases))
    }

    @Test("a stored case from before typed supplements decodes, its supplement notes moved out of the returns")
    func legacyDecoding() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var c = try run(Self.toApproved, from: Self.fresh()).namingCase
        c.returns = ["起止点描述不清"]
        var json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(c)) as? [String: Any])
        #expect(json["filingSupplements"] as? [String] == [])
        json.removeValue(forKey: "filingSupplements")
        json["returns"] = ["起止点描述不清", "filing returned for supplements: 补充批复原件"]
        let old = try decoder.decode(NamingCase.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.returns == ["起止点描述不清"] && old.filingSupplements == ["补充批复原件"])
        #expect(old.approval == c.approval && old.notice == c.notice && old.created == c.created)
        // Round trip of the new form.
        c.filingSupplements = ["补充地名含义说明"]
        #expect(try decoder.decode(NamingCase.self, from: encoder.encode(c)) == c)
        // Very old: no attachments or returns either.
        json.removeValue(forKey: "returns")
        json.removeValue(forKey: "attachments")
        let oldest = try decoder.decode(NamingCase.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(oldest.returns.isEmpty && oldest.attachments.isEmpty && oldest.filingSupplements.isEmpty)
    }

    @Test("every violation code has a Chinese and an English message")
    func messages() {
        let id = Self.caseID, batch = FeatureID("379901-A-000001")!
        let samples: [ProcedureViolation] = [
            .notReady(what: "NOTICE", en: "B has no public notice yet", zh: "B尚未公示，没有公示文书。"),
            .illegalTransition(caseID: id, from: .drafted, to: .approved, allowed: [.consulted]), .standardByFilingAndAnnouncement(caseID: id),
            .alreadyApproved(caseID: id, document: "1号"), .openObjections(caseID: id, numbers: [1], blocking: .approved),
            .noticeNotOver(caseID: id, noticeEnd: Self.day(8), approval: Self.day(7)), .evidenceMissing(.reason, for: .returned),
            .dateOutOfOrder(caseID: id, event: .filing, date: Self.day(7), mustFollow: .approval, bound: Self.day(8)),
            .dateInFuture(caseID: id, event: .approval, date: Self.day(9), today: Self.day(8)), .notInNotice(caseID: id, state: .drafted),
            .noSuchObjection(caseID: id, number: 3), .objectionHandled(caseID: id, number: 1), .notApproved(caseID: id, state: .drafted, step: .supplements),
            .alreadyFiled(caseID: id), .alreadyAnnounced(caseID: id), .roadHasOpenCase(road: Self.roadID, caseID: id, state: .drafted),
            .roadAlreadyNamed(road: Self.roadID, name: "王庄路"), .noNameToRename(road: Self.roadID), .noNameToRetire(road: Self.roadID),
            .batchClosed(batch: batch), .wrongCounty(caseID: id, county: Self.county, batch: batch, batchCounty: DivisionCode("379902")!),
            .cannotJoinBatch(caseID: id, state: .standard), .alreadyInBatch(caseID: id, batch: batch), .batchAlreadyApproved(batch: batch, document: "1号"),
            .batchEmpty(batch: batch), .batchNotApproved(batch: batch), .batchRefused(batch: batch, problems: [.alreadyFiled(caseID: id)]),
            .illegalSignTransition(sign: "0001", from: .removed, to: .installed, allowed: []), .noNameToSign(road: Self.roadID),
            .illegalNameTransition(name: Self.nameID, from: .former, to: .standard, allowed: []),
            .wrongAuthority(caseID: id, role: .filing, given: "示范县民政局", expected: ["示范市人民政府"]), .applicationLocked(caseID: id, state: .approved),
        ]
        #expect(Set(samples.map(\.code)) == Set(ProcedureViolation.Code.allCases))
        for violation in samples {
            #expect(violation.messageZh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(violation.code)")
            #expect(!violation.messageEn.isEmpty && violation.description.hasSuffix(violation.messageEn), "\(violation.code)")
        }
        for field in EvidenceField.allCases {
            let violation = ProcedureViolation.evidenceMissing(field, for: nil)
            #expect(violation.messageZh.hasPrefix("请") || violation.messageZh.hasPrefix("公示"), "\(field)")
            #expect(violation.description.hasPrefix("field '\(field.option)': "))
        }
        #expect(Set(ProcedureViolation.Code.allCases.map(\.rawValue)).count == ProcedureViolation.Code.allCases.count)
    }

    // MARK: random step sequences

    static let reachable: Set<CaseState> = {
        var seen: Set<CaseState> = [.drafted], frontier: [CaseState] = [.drafted]
        while let state = frontier.popLast() {
            for next in state.successors where seen.insert(next).inserted { frontier.append(next) }
        }
        return seen
    }()

    /// What a case in each state must hold, whatever steps led there.
    static func invariantBreaches(_ c: NamingCase) -> [String] {
        var breaches: [String] = []
        func require(_ condition: Bool, _ what: String) { if !condition { breaches.append(what) } }
        let approvedOrStandard = c.state == .approved || c.state == .standard || c.state == .retired
        require(reachable.contains(c.state), "unreachable state")
        require(c.state == .drafted || c.consultation != nil, "past drafting without a consultation")
        require(c.state != .expertReviewed || c.expertReview != nil, "expert-reviewed without the review")
        require(![.publicNotice, .approved, .standard, .retired].contains(c.state) || c.notice != nil, "notice state without a notice")
        require(![.publicNotice, .approved, .standard, .retired].contains(c.state) || c.assessment != nil, "notice without the assessment")
        if let notice = c.notice, [.publicNotice, .approved, .standard, .retired].contains(c.state) {
            require(DeadlineRules.days(from: c.submitted ?? c.created, to: notice.start) >= 0, "notice before submission")
        }
        if ![.drafted, .consulted, .returned, .rejected].contains(c.state) { require(!c.reasons.allSatisfy(\.isWhitespace), "submitted without reasons") }
        require(approvedOrStandard == (c.approval != nil), "approval present iff approved or standard")
        if let approval = c.approval, let notice = c.notice {
            require(DeadlineRules.days(from: notice.end, to: approval.date) > 0, "approval on or before the notice's last day")
        }
        require(!approvedOrStandard || c.openObjections.isEmpty, "approved with open objections")
        require(c.filing == nil || approvedOrStandard, "filed but not approved")
        require(c.announcement == nil || approvedOrStandard, "announced but not approved")
        if let approval = c.approval {
            if let filing = c.filing { require(DeadlineRules.days(from: approval.date, to: filing.date) >= 0, "filed before approval") }
            if let announcement = c.announcement {
                require(DeadlineRules.days(from: approval.date, to: announcement.date) >= 0, "announced before approval")
            }
        }
        require((c.state == .standard || c.state == .retired) == (c.filing != nil && c.announcement != nil && c.approval != nil),
                "standard or retired iff approved, filed and announced")
        require(c.state != .retired || c.kind == .retirement, "retired only by a retirement")
        require(c.state != .standard || c.kind != .retirement, "a retirement never ends standard")
        if let approval = c.approval { require(approval.authority == "示范县人民政府", "approved by \(approval.authority)") }
        if let filing = c.filing { require(Self.authorities.filingBodies.contains(filing.body), "filed with \(filing.body)") }
        require((c.state == .rejected) == (c.rejection != nil), "rejection reason iff rejected")
        return breaches
    }

    @Test("2,000 seeded random step sequences never leave the procedure; every refusal is a typed violation and changes nothing")
    func randomSequences() throws {
        var reachedStandard = 0, refusals = 0, applied = 0
        var codes: Set<ProcedureViolation.Code> = []
        var states: Set<CaseState> = []
        sequences: for seed in 0..<2_000 {
            var rng = SeededGenerator(seed: UInt64(seed))
            var c = Self.fresh(CaseKind.allCases[Int.random(in: 0..<3, using: &rng)])
            var names: [FeatureID: NameStatus] = [:]
            if let id = c.nameID { names[id] = .proposed }
            if let id = c.oldNameID { names[id] = .standard }
            var roadName: String?? = .none
            var today = 0
            for index in 0..<60 {
                today += Int.random(in: 0...3, using: &rng)
                let step = Bool.random(using: &rng) ? Self.sensibleStep(for: c, today: today, using: &rng) : Self.randomStep(today: today, using: &rng)
                let before = c
                func fail(_ what: String) {
                    Issue.record("seed \(seed), step \(index) (\(step.name)) from \(before.state): \(what)")
                }
                switch procedure.result(step, to: c, at: Self.day(today), by: "随机") {
                case let .failure(violation):
                    refusals += 1
                    codes.insert(violation.code)
                    if c != before { fail("a refused step changed the case"); continue sequences }
                    if violation.messageEn.isEmpty || !violation.messageZh.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) {
                        fail("a violation without its messages: \(violation.code)"); continue sequences
                    }
                case let .success(outcome):
                    applied += 1
                    let after = outcome.namingCase
                    if after.state != before.state && !before.state.successors.contains(after.state) {
                        fail("moved \(before.state) → \(after.state), which the procedure does not allow"); continue sequences
                    }
                    if after.state.isFinal && after.state != .rejected && before.state != after.state {
                        switch step {
                        case .file, .announce: break
                        default: fail("became standard by \(step.name)"); continue sequences
                        }
                    }
                    if outcome.records.isEmpty || outcome.records.first?.from != before.state || outcome.records.last?.to != after.state {
                        fail("the audit records do not match the move: \(outcome.records)"); continue sequences
                    }
                    for effect in outcome.effects {
                        switch effect {
                        case let .setNameStatus(id, status):
                            guard let current = names[id] else { fail("a status for an unknown name \(id)"); continue sequences }
                            do { names[id] = try current.moved(to: status, name: id) } catch {
                                fail("an illegal name move: \(error)"); continue sequences
                            }
                        case let .setRoadName(_, name):
                            if after.state != .standard && after.state != .retired { fail("the road renamed before the name is standard"); continue sequences }
                            roadName = .some(name)
                        case .setNameValidity, .deadline, .late:
                            break
                        }
                    }
                    c = after
                }
                let breaches = Self.invariantBreaches(c)
                if !breaches.isEmpty { fail(breaches.joined(separator: "; ")); continue sequences }
                states.insert(c.state)
            }
            if c.state == .standard || c.state == .retired {
                reachedStandard += 1
                let expected: String? = c.kind == .retirement ? nil : c.proposedName
                if roadName != .some(expected) { Issue.record("seed \(seed): standard, but the road's name is \(String(describing: roadName))") }
                if let id = c.nameID, names[id] != .standard { Issue.record("seed \(seed): standard, but the name is \(String(describing: names[id]))") }
                if let id = c.oldNameID, names[id] != (c.kind == .retirement ? .retired : .former) {
                    Issue.record("seed \(seed): the old name is \(String(describing: names[id]))")
                }
            }
        }
        // The sequences explored the procedure: every state, standard often, refusals of every kind a case step can meet.
        #expect(states == Set(CaseState.allCases))
        #expect(reachedStandard >= 1_000, "only \(reachedStandard) sequences reached standard")
        #expect(applied > 10_000 && refusals > 10_000)
        let caseCodes: Set<ProcedureViolation.Code> = [
            .illegalTransition, .standardByFilingAndAnnouncement, .alreadyApproved, .openObjections, .noticeNotOver, .evidenceMissing, .dateOutOfOrder,
            .dateInFuture, .notInNotice, .noSuchObjection, .objectionHandled, .notApproved, .alreadyFiled, .alreadyAnnounced, .batchClosed, .wrongCounty,
            .cannotJoinBatch, .alreadyInBatch, .wrongAuthority, .applicationLocked,
        ]
        #expect(caseCodes.subtracting(codes).isEmpty, "never met: \(caseCodes.subtracting(codes).map(\.rawValue).sorted())")
    }

    /// A step that moves the case on, mostly with what it needs (the clock may still refuse it).
    static func sensibleStep(for c: NamingCase, today: Int, using rng: inout SeededGenerator) -> ProcedureStep {
        func advance(_ target: CaseState, _ evidence: ProcedureEvidence = ProcedureEvidence()) -> ProcedureStep { .advance(to: target, evidence: evidence) }
        let roll = Int.random(in: 0..<100, using: &rng)
        switch c.state {
        case .drafted: return advance(.consulted, ProcedureEvidence(consultation: consultation))
        case .consulted: return roll < 90 ? advance(.submitted) : advance(.drafted, ProcedureEvidence(reason: "补充意见"))
        case .submitted: return advance(.underReview)
        case .underReview:
            return roll < 45 ? advance(.publicNotice, ProcedureEvidence(noticeChannel: "县政府网站", assessment: Assessment(conclusion: "可行", date: day(today))))
                : roll < 85 ? advance(.expertReviewed, ProcedureEvidence(expertReview: review, assessment: Assessment(conclusion: "可行", date: day(today))))
                : roll < 97 ? advance(.returned, ProcedureEvidence(reason: "材料不全")) : advance(.rejected, ProcedureEvidence(reason: "重名"))
        case .returned: return advance(.drafted)
        case .expertReviewed: return roll < 97 ? advance(.publicNotice, ProcedureEvidence(noticeChannel: "县政府网站")) : advance(.rejected, ProcedureEvidence(reason: "重名"))
        case .publicNotice:
            if let open = c.openObjections.first {
                return .resolveObjection(number: open.number, handling: "已答复", upheld: roll < 15)
            }
            if roll < 15 { return .raiseObjection(from: "村民", text: "不同意") }
            return advance(.approved, ProcedureEvidence(approval: Approval(authority: roll < 20 ? "示范县民政局" : "示范县人民政府", documentNumber: "示政字〔2026〕\(today)号", date: day(today))))
        case .approved:
            let date = day(today - Int.random(in: 0...2, using: &rng))
            if roll < 10 && c.filing == nil { return .returnFilingForSupplements(note: "补充批复原件") }
            return roll < 55 ? .file(Filing(date: date, body: roll < 5 ? "示范县民政局" : "示范市民政局")) : .announce(Announcement(date: date, channels: ["县政府网站"]))
        case .rejected, .standard, .retired:
            return randomStep(today: today, using: &rng)
        }
    }

    /// Any step, with evidence that may be missing, blank, dated anywhere.
    static func randomStep(today: Int, using rng: inout SeededGenerator) -> ProcedureStep {
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Int.random(in: 0..<10, using: &rng) < 7 ? value() : nil }
        func text(_ value: String) -> String { Bool.random(using: &rng) || Bool.random(using: &rng) ? value : (Bool.random(using: &rng) ? "" : " ") }
        func someDay(_ range: ClosedRange<Int>) -> Date { day(today + Int.random(in: range, using: &rng)) }
        switch Int.random(in: 0..<10, using: &rng) {
        case 9: return .amend(CaseAmendment(reasons: maybe(text("方便出行")), meaning: maybe(text("取两村首字"))))
        case 0, 1:
            let target = CaseState.allCases.randomElement(using: &rng)!
            let evidence = ProcedureEvidence(
                consultation: maybe(Consultation(scope: text("村民代表"), opinions: [])),
                expertReview: maybe(ExpertReview(experts: Bool.random(using: &rng) ? ["甲", "乙", "丙"] : [], conclusion: text("同意"))),
                noticeStart: maybe(someDay(-6...4)), noticeDays: maybe(Int.random(in: -1...9, using: &rng)), noticeChannel: maybe(text("县政府网站")),
                approval: maybe(Approval(authority: text("示范县人民政府"), documentNumber: text("示政字〔2026〕\(today)号"), date: someDay(-12...3))),
                assessment: maybe(Assessment(conclusion: text("可行"), date: someDay(-3...2))), reason: maybe(text("理由")))
            return .advance(to: target, evidence: evidence)
        case 2: return .raiseObjection(from: "村民", text: text("不同意"))
        case 3: return .resolveObjection(number: Int.random(in: 0...3, using: &rng), handling: text("已答复"), upheld: Bool.random(using: &rng))
        case 4: return .returnFilingForSupplements(note: text("补充材料"))
        case 5: return .file(Filing(date: someDay(-14...2), body: text("示范市民政局")))
        case 6: return .announce(Announcement(date: someDay(-14...2), channels: Bool.random(using: &rng) ? ["县政府网站"] : []))
        case 7: return .attach(Attachment(path: "scan.pdf", sha256: "00", step: "any"))
        default:
            let county = Bool.random(using: &rng) ? "379901" : "379902"
            var batch = Batch(id: FeatureID("\(county)-A-00000\(Int.random(in: 1...2, using: &rng))")!, countyCode: DivisionCode(county)!, title: "批次")
            if Int.random(in: 0..<4, using: &rng) == 0 { batch.approval = approval }
            return .joinBatch(batch)
        }
    }
}

import ArgumentParser
import DimingCore
import DimingKit
import Foundation

struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "The statutory naming procedure: cases from draft to standard name (命名/更名/销名).",
        subcommands: [CasesCreate.self, CasesAmend.self, CasesAdvance.self, CasesObject.self, CasesResolveObjection.self, CasesFile.self, CasesAnnounce.self,
                      CasesSupplement.self, CasesAttach.self, CasesList.self, CasesShow.self, CasesDue.self, CasesDeadlines.self,
                      CasesAuthorities.self, CasesPapers.self])
}

extension CaseState: ExpressibleByArgument {}
extension CaseKind: ExpressibleByArgument {}

func caseID(_ text: String) throws -> FeatureID {
    guard let id = FeatureID(text), id.kind == .namingCase else { throw ValidationError("'\(text)' is not a case id (e.g. 379901-C-000001)") }
    return id
}

func caseService(_ registry: RegistryOptions) throws -> CaseService {
    CaseService(registry: try registry.open(), resources: try .load(), actor: try registry.actor, clock: try CLIClock.current())
}

enum CaseOutput {
    static func summary(_ c: NamingCase) {
        Output.line("\(c.id)  \(c.proposedName)  \(c.kind.chinese)  \(c.state.rawValue) (\(c.state.chinese))"
            + (c.batchID.map { "  batch \($0)" } ?? "") + (c.roadID.map { "  road \($0)" } ?? ""))
    }
}

struct CasesCreate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Open a case for a road with a proposed name (checked by the naming rules).")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The road.") var road: String
    @Option(help: "The proposed name (not for a retirement).") var name: String?
    @Option(help: "naming, renaming or retirement.") var kind: CaseKind = .naming
    @Option(help: "The applicant: village committee, township, department.") var applicant: String
    @Option(help: "Why.") var reason = ""
    @Option(help: "The name's meaning (含义).") var meaning = ""
    @Option(help: "The name's origin (来历).") var origin = ""
    @Option(help: "The road's width in metres.") var width: Double?
    @Option(help: "The road's nature (村道, 乡道 …).") var nature: String?
    @Option(help: "For a name on the heritage list: the assessment's conclusion (renaming or retiring it needs one).") var assessment: String?
    @Option(help: "The assessment report's document number.") var assessmentReport: String?
    @Option(help: "The assessment's day (yyyy-MM-dd; default today).") var assessmentDate: Day?

    func run() throws {
        guard let roadID = FeatureID(road), roadID.kind == .road else { throw ValidationError("'\(road)' is not a road id") }
        guard kind == .retirement || name != nil else { throw ValidationError("--name is required for \(kind.rawValue)") }
        let heritage = try assessment.map { Assessment(conclusion: $0, report: assessmentReport, date: try assessmentDate?.date ?? CLIClock.current().now()) }
        let created = try caseService(registry).create(CaseApplication(
            kind: kind, road: roadID, name: name ?? "", applicant: applicant, reasons: reason, meaning: meaning, origin: origin, width: width, nature: nature,
            heritageAssessment: heritage))
        if output.json { return try Output.json(created) }
        CaseOutput.summary(created)
    }
}

struct CasesAdvance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance", abstract: "Move a case to its next state, with the evidence that step needs.",
        discussion: """
            consulted: --consultation-scope S [--opinion "from|opinion|handling"]…
            returned, rejected: --reason R        expertReviewed: --experts "A,B,C" --conclusion C
            publicNotice: --channel C [--notice-start DAY] [--notice-days N]
            leaving review (expertReviewed or publicNotice), once: --assessment C [--assessment-report R] [--assessment-date DAY]
            approved: --authority A --document 批复文号 --date DAY (the county's approver, after the notice's last day)
            """)
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The case.") var id: String
    @Option(help: "The target state.") var to: CaseState
    @Option(help: "Consultation scope.") var consultationScope: String?
    @Option(help: "A consultation opinion: from|opinion|handling (repeatable).") var opinion: [String] = []
    @Option(help: "Experts, comma-separated.") var experts: String?
    @Option(help: "The experts' conclusion.") var conclusion: String?
    @Option(help: "Where the public notice is published.") var channel: String?
    @Option(help: "First day of the notice (default today).") var noticeStart: Day?
    @Option(help: "Days of notice (default the county's rule, 7).") var noticeDays: Int?
    @Option(help: "Approving authority.") var authority: String?
    @Option(help: "Approval document number (批复文号).") var document: String?
    @Option(help: "Approval date.") var date: Day?
    @Option(help: "Reason (return, rejection, sending back).") var reason: String?
    @Option(help: "The comprehensive assessment's conclusion (综合评估).") var assessment: String?
    @Option(help: "The assessment report (document number or file).") var assessmentReport: String?
    @Option(help: "The assessment's day (default today).") var assessmentDate: Day?

    func run() throws {
        var evidence = StepEvidence(noticeStart: noticeStart?.date, noticeDays: noticeDays, noticeChannel: channel, reason: reason, document: document)
        if let assessment {
            evidence.assessment = Assessment(conclusion: assessment, report: assessmentReport, date: try assessmentDate?.date ?? CLIClock.current().now())
        }
        if let consultationScope {
            evidence.consultation = Consultation(scope: consultationScope, opinions: try opinion.map { text in
                let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 3 else { throw ValidationError("--opinion takes from|opinion|handling, not \(text)") }
                return Opinion(from: parts[0], text: parts[1], handling: parts[2])
            })
        }
        if let experts, let conclusion {
            evidence.expertReview = ExpertReview(experts: experts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, conclusion: conclusion)
        }
        if to == .approved {
            guard let authority, let document, let date else { throw ValidationError("approval needs --authority, --document and --date") }
            evidence.approval = Approval(authority: authority, documentNumber: document, date: date.date)
        }
        let moved = try caseService(registry).advance(try caseID(id), to: to, evidence: evidence)
        if output.json { return try Output.json(moved) }
        CaseOutput.summary(moved)
    }
}

struct CasesAmend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "amend", abstract: "Correct the application (含义, 理由, 来历, the road's facts) before submission.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The case.") var id: String
    @Option(help: "Why (申请理由).") var reasons: String?
    @Option(help: "The name's meaning (含义).") var meaning: String?
    @Option(help: "The name's origin (来历).") var origin: String?
    @Option(help: "The road's location (起于…，止于…).") var location: String?
    @Option(help: "The road's width in metres.") var width: Double?
    @Option(help: "The road's nature (村道, 乡道 …).") var nature: String?

    func run() throws {
        let amended = try caseService(registry).amend(try caseID(id), CaseAmendment(reasons: reasons, meaning: meaning, origin: origin, location: location,
                                                                                     width: width, nature: nature))
        if output.json { return try Output.json(amended) }
        CaseOutput.summary(amended)
    }
}

struct CasesObject: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "object", abstract: "Record an objection raised during public notice.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The case.") var id: String
    @Option(help: "Who objects.") var from: String
    @Option(help: "The objection.") var text: String

    func run() throws {
        let updated = try caseService(registry).object(try caseID(id), from: from, text: text)
        Output.line("Objection #\(updated.notice?.objections.count ?? 0) recorded on \(updated.id); it blocks approval until handled.")
    }
}

struct CasesResolveObjection: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve-objection", abstract: "Record how an objection was handled.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The case.") var id: String
    @Argument(help: "The objection number.") var number: Int
    @Option(help: "How it was handled.") var handling: String
    @Flag(help: "The objection is upheld: the case goes back to drafting.") var upheld = false

    func run() throws {
        let updated = try caseService(registry).resolveObjection(try caseID(id), number: number, handling: handling, upheld: upheld)
        CaseOutput.summary(updated)
    }
}

struct CasesFile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "file", abstract: "Record the filing (备案) of an approved case.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The case.") var id: String
    @Option(help: "Filing date.") var date: Day
    @Option(help: "The receiving body.") var body: String

    func run() throws {
        CaseOutput.summary(try caseService(registry).file(try caseID(id), filing: Filing(date: date.date, body: body)))
    }
}

struct CasesAnnounce: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "announce", abstract: "Record the announcement (公告) of an approved case.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The case.") var id: String
    @Option(help: "Announcement date.") var date: Day
    @Option(help: "Channels, comma-separated.") var channels: String

    func run() throws {
        let announcement = Announcement(date: date.date, channels: channels.split(separator: ",").map(String.init))
        CaseOutput.summary(try caseService(registry).announce(try caseID(id), announcement: announcement))
    }
}

struct CasesSupplement: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "supplement", abstract: "Record that the filing was returned for supplements.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The case.") var id: String
    @Option(help: "What is to be supplied.") var note: String

    func run() throws {
        CaseOutput.summary(try caseService(registry).supplement(try caseID(id), note: note))
    }
}

struct CasesAttach: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attach", abstract: "Attach a file (path and SHA-256) to a case.")
    @OptionGroup var registry: RegistryOptions
    @Argument(help: "The case.") var id: String
    @Argument(help: "The file.") var file: String
    @Option(help: "The step it documents (consultation, notice, approval …).") var step = "general"

    func run() throws {
        let attachment = try caseService(registry).attach(try caseID(id), path: file, step: step)
        Output.line("Attached \(attachment.path) (sha256 \(attachment.sha256)) to \(id).")
    }
}

struct CasesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this state.") var state: CaseState?
    @Option(help: "Only this town.") var town: DivisionCode?
    @Option(help: "Only this batch.") var batch: String?

    func run() throws {
        let cases = try CaseQueries(registry: registry.open(), actor: registry.actor).list(state: state, town: town, batch: batch.flatMap(FeatureID.init))
        if output.json { return try Output.json(cases) }
        cases.forEach(CaseOutput.summary)
        Output.line("(\(cases.count) cases)")
    }
}

struct CasesShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case with its evidence and timeline.")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The case.") var id: String

    func run() throws {
        let detail = try CaseQueries(registry: registry.open(), actor: registry.actor).show(try caseID(id))
        if output.json { return try Output.json(detail) }
        let c = detail.namingCase
        CaseOutput.summary(c)
        Output.line("  \(c.proposedName) \(detail.toned ?? "")  申请人 \(c.applicant)  \(c.facts.location)  \(String(format: "%.0f m", c.facts.length))")
        if let heritage = detail.heritage {
            Output.line("  地名文化遗产保护名录: \(heritage.name) \(heritage.level.chinese), listed \(DeadlineRules.dayString(heritage.listedOn)) — \(heritage.reason)")
        }
        if let approval = c.approval { Output.line("  approved by \(approval.authority), \(approval.documentNumber), \(DeadlineRules.dayString(approval.date))") }
        for objection in c.notice?.objections ?? [] {
            Output.line("  objection #\(objection.number) from \(objection.from): \(objection.text) — \(objection.handling ?? "OPEN")")
        }
        Output.line("  timeline:")
        for entry in detail.timeline {
            let states = entry.from.map { "\($0) → " } ?? ""
            Output.line("    \(entry.at.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)))  \(entry.actor)  \(entry.action.rawValue)  \(states)\(entry.to ?? "")"
                + (entry.document.map { "  [\($0)]" } ?? ""))
        }
        Output.line("  next: \(detail.next.isEmpty ? "nothing (closed)" : detail.next.joined(separator: ", "))")
    }
}

struct CasesDue: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "due", abstract: "Filings and announcements due or late (15 days after approval by default).")
    @OptionGroup var registry: RegistryOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only what is due within this many days.") var within: Int?
    @Flag(help: "Only what is overdue.") var overdue = false
    @Option(help: "Count from this day (default today, or $DIMING_TODAY).") var today: Day?

    func run() throws {
        let now = try today?.date ?? CLIClock.current().now()
        let items = try CaseQueries(registry: registry.open(), actor: registry.actor).due(today: now, within: within, overdueOnly: overdue)
        if output.json { return try Output.json(items) }
        for item in items {
            let state = item.done.map { "done \($0), LATE by \(-item.daysLeft) day(s): breach (Art. 35)" }
                ?? (item.daysLeft < 0 ? "OVERDUE by \(-item.daysLeft) day(s)" : "\(item.daysLeft) day(s) left")
            Output.line("\(item.caseID)  \(item.name)  \(item.step) due \(item.due)  \(state)" + (item.batchID.map { "  batch \($0)" } ?? ""))
        }
        Output.line("(\(items.count) due)")
    }
}

struct CasesDeadlines: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deadlines", abstract: "Set a county's clocks: notice length, filing and announcement days, working days.")
    @OptionGroup var registry: RegistryOptions
    @Option(help: "The county.") var county: DivisionCode
    @Option(help: "Days of public notice.") var noticeDays: Int?
    @Option(help: "Days to file after approval.") var filingDays: Int?
    @Option(help: "Days to announce after approval.") var announcementDays: Int?
    @Flag(inversion: .prefixedNo, help: "Count working days instead of calendar days.") var workingDays: Bool?
    @Option(help: "A public holiday (repeatable).") var holiday: [Day] = []
    @Option(help: "A make-up working day, 调休 (repeatable).") var workday: [Day] = []

    func run() throws {
        let rules = try DeadlineSettings.update(try registry.open(), county: county, actor: registry.actor, clock: try CLIClock.current()) { rules in
            if let noticeDays { rules.noticeDays = noticeDays }
            if let filingDays { rules.filingDays = filingDays }
            if let announcementDays { rules.announcementDays = announcementDays }
            if let workingDays { rules.workingDays = workingDays }
            rules.holidays.formUnion(holiday.map { DeadlineRules.dayString($0.date) })
            rules.makeUpWorkdays.formUnion(workday.map { DeadlineRules.dayString($0.date) })
        }
        Output.line("County \(county.countyPart): notice \(rules.noticeDays) days; filing \(rules.filingDays) and announcement \(rules.announcementDays) "
            + "\(rules.workingDays ? "working" : "calendar") days after approval.")
    }
}

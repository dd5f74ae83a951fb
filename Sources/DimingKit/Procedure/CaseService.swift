import Crypto
import DimingCore
import Foundation
import Naming

/// What a step needs besides the target state (the evidence flags of `cases advance`): the procedure's
/// own evidence type.
public typealias StepEvidence = ProcedureEvidence

/// What `cases create` needs.
public struct CaseApplication: Sendable {
    public var kind: CaseKind
    public var road: FeatureID
    /// The proposed name (ignored for a retirement).
    public var name: String
    public var applicant: String
    public var reasons: String
    public var meaning: String
    public var origin: String
    public var width: Double?
    public var nature: String?

    public init(kind: CaseKind = .naming, road: FeatureID, name: String, applicant: String, reasons: String = "", meaning: String = "",
                origin: String = "", width: Double? = nil, nature: String? = nil) {
        self.kind = kind
        self.road = road
        self.name = name
        self.applicant = applicant
        self.reasons = reasons
        self.meaning = meaning
        self.origin = origin
        self.width = width
        self.nature = nature
    }
}

/// The statutory procedure (DOMAIN.md §5) for single cases: create, advance with evidence, public
/// notice objections, filing and announcement, attachments. Every step is one transaction and one
/// audit event (actor, time, from/to state, document number); illegal steps change nothing.
public struct CaseService: Sendable {
    public var registry: any RegistryStore
    public var resources: NamingResources
    public var actor: UserAccount
    public var clock: any Clock

    public init(registry: any RegistryStore, resources: NamingResources, actor: UserAccount, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.resources = resources
        self.actor = actor
        self.clock = clock
    }

    // MARK: create

    public func create(_ application: CaseApplication) throws -> NamingCase {
        let now = clock.now()
        return try registry.write { db in
            guard let road = try db.roads.find(id: application.road), road.active else {
                throw RegistryError.notFound(kind: "road", key: application.road.description)
            }
            try Policy.require(actor, .createCase, in: .of(town: road.townCode, county: road.countyCode))
            if let open = try db.cases.list(road: road.id).first(where: { !$0.state.isFinal }) {
                throw ProcedureError("road \(road.id) already has an open case \(open.id) (\(open.state.rawValue))")
            }
            let current = try db.names.standardName(road: road.id)
            var name = application.name
            switch application.kind {
            case .naming:
                guard current == nil && road.name == nil else {
                    throw ProcedureError("road \(road.id) is named \(current?.text ?? road.name ?? ""); use --kind renaming")
                }
            case .renaming:
                guard current != nil else { throw ProcedureError("road \(road.id) has no standard name to rename; use --kind naming") }
            case .retirement:
                guard let current else { throw ProcedureError("road \(road.id) has no standard name to retire") }
                name = current.text
            }
            let id = try db.ids.mint(kind: .namingCase, county: road.countyCode.countyPart)[0]
            var namingCase = NamingCase(
                id: id, kind: application.kind, countyCode: road.countyCode, townCode: road.townCode, roadID: road.id, proposedName: name,
                applicant: application.applicant, reasons: application.reasons, meaning: application.meaning, origin: application.origin,
                facts: CaseRoadFacts(location: "起于\(road.start)，止于\(road.end)", length: road.length, width: application.width,
                                     nature: application.nature ?? road.roadClass), created: now)
            namingCase.oldNameID = application.kind == .naming ? nil : current?.id
            if application.kind != .retirement {
                let desk = NamingDesk(registry: registry, resources: resources, actor: actor, clock: clock)
                let check = try desk.session(db, at: NameSite(road: road.id, width: application.width)).check(name)
                try check.requireNoErrors(field: "--name")
                let nameID = try db.ids.mint(kind: .name, county: road.countyCode.countyPart)[0]
                try db.names.insert(RegisteredName(id: nameID, romanization: check.romanization, status: .proposed, county: road.countyCode,
                                                    town: road.townCode, road: road.id, location: road.geometry.points[road.geometry.points.count / 2]),
                                     at: now)
                namingCase.nameID = nameID
            }
            try db.cases.save(namingCase, at: now)
            try record(db, namingCase, action: "case.created", from: nil, details: ["name": name, "applicant": application.applicant], at: now)
            return namingCase
        }
    }

    // MARK: advance

    /// Moves a case to `target` with the evidence that step needs.
    public func advance(_ id: FeatureID, to target: CaseState, evidence: StepEvidence) throws -> NamingCase {
        let now = clock.now()
        return try registry.write { db in
            var namingCase = try load(db, id, for: .viewCase)
            try Policy.require(actor, Policy.action(from: namingCase.state, to: target), in: namingCase.accessScope)
            try apply(db, &namingCase, to: target, evidence: evidence, at: now)
            return namingCase
        }
    }

    func apply(_ db: any RegistryTransaction, _ namingCase: inout NamingCase, to target: CaseState, evidence: StepEvidence, at now: Date) throws {
        if target == .approved, let existing = namingCase.approval {
            throw ProcedureError("case \(namingCase.id) is already approved by \(existing.documentNumber); an approval cannot be changed")
        }
        guard namingCase.state.canMove(to: target), target != .standard else {
            if target == .standard { throw ProcedureError("a case becomes standard when it is both filed and announced (cases file, cases announce)") }
            throw ProcedureError.illegal(namingCase, to: target)
        }
        let from = namingCase.state
        var details: [String: String] = [:]
        switch target {
        case .consulted:
            guard let consultation = evidence.consultation, !consultation.scope.isEmpty else {
                throw InputError(field: "--consultation-scope", "record the consultation: its scope and the opinions with their handling")
            }
            namingCase.consultation = consultation
            details["scope"] = consultation.scope
        case .submitted, .underReview:
            if let nameID = namingCase.nameID { try db.names.setStatus(nameID, .inProcedure, at: now) }
        case .returned, .rejected:
            guard let reason = evidence.reason, !reason.isEmpty else { throw InputError(field: "--reason", "give the reason for \(target.rawValue)") }
            if target == .returned { namingCase.returns.append(reason) } else { namingCase.rejection = reason }
            if target == .rejected, let nameID = namingCase.nameID { try db.names.setStatus(nameID, .retired, at: now) }
            details["reason"] = reason
        case .drafted:
            if from == .publicNotice || from == .consulted, let reason = evidence.reason { namingCase.returns.append(reason) }
            if from == .publicNotice, namingCase.openObjections.isEmpty == false {
                throw ProcedureError("handle the open objections first (cases resolve-objection)")
            }
            if let nameID = namingCase.nameID { try db.names.setStatus(nameID, .proposed, at: now) }
        case .expertReviewed:
            guard let review = evidence.expertReview, !review.experts.isEmpty, !review.conclusion.isEmpty else {
                throw InputError(field: "--experts", "record the expert review: the experts and their conclusion")
            }
            namingCase.expertReview = review
        case .publicNotice:
            guard let channel = evidence.noticeChannel, !channel.isEmpty else {
                throw InputError(field: "--channel", "say where the notice is published (--channel)")
            }
            let rules = try DeadlineSettings.rules(db, county: namingCase.countyCode)
            let start = evidence.noticeStart ?? now
            namingCase.notice = PublicNotice(start: start, end: rules.add(evidence.noticeDays ?? rules.noticeDays, to: start), channel: channel)
            details["channel"] = channel
        case .approved:
            guard let approval = evidence.approval else {
                throw InputError(field: "--document", "record the approval: authority, document number (批复文号) and date")
            }
            try approve(&namingCase, approval)
            details["document"] = approval.documentNumber
        case .standard:
            break
        }
        namingCase.state = target
        try db.cases.save(namingCase, at: now)
        try record(db, namingCase, action: "case.advanced", from: from, details: details, document: evidence.approval?.documentNumber ?? evidence.document, at: now)
    }

    /// Sets the approval, refusing a second one, an open objection, or a notice not yet over.
    func approve(_ namingCase: inout NamingCase, _ approval: Approval) throws {
        if let existing = namingCase.approval {
            throw ProcedureError("case \(namingCase.id) is already approved by \(existing.documentNumber); an approval cannot be changed")
        }
        guard namingCase.state == .publicNotice, let notice = namingCase.notice else { throw ProcedureError.illegal(namingCase, to: .approved) }
        let open = namingCase.openObjections
        guard open.isEmpty else {
            throw ProcedureError("case \(namingCase.id) has \(open.count) open objection(s) (#\(open.map { String($0.number) }.joined(separator: ", #"))); "
                + "handle them before approval")
        }
        guard DeadlineRules.days(from: notice.end, to: approval.date) >= 0 else {
            throw ProcedureError("the public notice of case \(namingCase.id) runs until \(DeadlineRules.dayString(notice.end)); approval on "
                + "\(DeadlineRules.dayString(approval.date)) is too early")
        }
        guard !approval.documentNumber.isEmpty, !approval.authority.isEmpty else {
            throw InputError(field: "--document", "an approval needs the authority and the document number")
        }
        namingCase.approval = approval
    }

    // MARK: objections

    public func object(_ id: FeatureID, from: String, text: String) throws -> NamingCase {
        let now = clock.now()
        return try registry.write { db in
            var namingCase = try load(db, id, for: .handleObjections)
            guard namingCase.state == .publicNotice, var notice = namingCase.notice else {
                throw ProcedureError("objections are raised during public notice; case \(id) is \(namingCase.state.rawValue) (\(namingCase.state.chinese))")
            }
            let number = notice.objections.count + 1
            notice.objections.append(Objection(number: number, from: from, text: text, raised: now, handling: nil, upheld: false))
            namingCase.notice = notice
            try db.cases.save(namingCase, at: now)
            try record(db, namingCase, action: "case.objection", from: namingCase.state, details: ["number": String(number), "from": from, "text": text], at: now)
            return namingCase
        }
    }

    /// Records how an objection was handled. An upheld objection sends the case back to drafting.
    public func resolveObjection(_ id: FeatureID, number: Int, handling: String, upheld: Bool) throws -> NamingCase {
        let now = clock.now()
        return try registry.write { db in
            var namingCase = try load(db, id, for: .handleObjections)
            guard var notice = namingCase.notice, let index = notice.objections.firstIndex(where: { $0.number == number }) else {
                throw InputError(field: "objection", "case \(id) has no objection #\(number)")
            }
            guard notice.objections[index].isOpen else { throw ProcedureError("objection #\(number) of case \(id) is already handled") }
            guard !handling.isEmpty else { throw InputError(field: "--handling", "say how the objection was handled") }
            notice.objections[index].handling = handling
            notice.objections[index].upheld = upheld
            namingCase.notice = notice
            try db.cases.save(namingCase, at: now)
            try record(db, namingCase, action: "case.objection-handled", from: namingCase.state,
                       details: ["number": String(number), "handling": handling, "upheld": String(upheld)], at: now)
            if upheld && namingCase.state == .publicNotice {
                try apply(db, &namingCase, to: .drafted, evidence: StepEvidence(reason: "objection #\(number) upheld: \(handling)"), at: now)
            }
            return namingCase
        }
    }

    // MARK: filing and announcement

    public func file(_ id: FeatureID, filing: Filing) throws -> NamingCase {
        let now = clock.now()
        return try registry.write { db in
            var namingCase = try load(db, id, for: .manageBatches)
            try recordFiling(db, &namingCase, filing, at: now)
            return namingCase
        }
    }

    public func announce(_ id: FeatureID, announcement: Announcement) throws -> NamingCase {
        let now = clock.now()
        return try registry.write { db in
            var namingCase = try load(db, id, for: .manageBatches)
            try recordAnnouncement(db, &namingCase, announcement, at: now)
            return namingCase
        }
    }

    /// Filing returned for supplements (补充材料): noted, and the filing stays open.
    public func supplement(_ id: FeatureID, note: String) throws -> NamingCase {
        let now = clock.now()
        return try registry.write { db in
            var namingCase = try load(db, id, for: .manageBatches)
            guard namingCase.state == .approved, namingCase.filing == nil else {
                throw ProcedureError("only an approved case not yet filed can be returned for supplements; case \(id) is \(namingCase.state.rawValue)")
            }
            namingCase.returns.append("filing returned for supplements: \(note)")
            try db.cases.save(namingCase, at: now)
            try record(db, namingCase, action: "case.filing-returned", from: namingCase.state, details: ["note": note], at: now)
            return namingCase
        }
    }

    func recordFiling(_ db: any RegistryTransaction, _ namingCase: inout NamingCase, _ filing: Filing, at now: Date) throws {
        guard namingCase.state == .approved else {
            throw ProcedureError("case \(namingCase.id) is \(namingCase.state.rawValue) (\(namingCase.state.chinese)); only an approved case is filed")
        }
        guard namingCase.filing == nil else { throw ProcedureError("case \(namingCase.id) is already filed") }
        var filing = filing
        filing.supplements = namingCase.returns.filter { $0.hasPrefix("filing returned") }
        namingCase.filing = filing
        try finish(db, &namingCase, action: "case.filed", details: ["body": filing.body, "date": DeadlineRules.dayString(filing.date)], at: now)
    }

    func recordAnnouncement(_ db: any RegistryTransaction, _ namingCase: inout NamingCase, _ announcement: Announcement, at now: Date) throws {
        guard namingCase.state == .approved else {
            throw ProcedureError("case \(namingCase.id) is \(namingCase.state.rawValue) (\(namingCase.state.chinese)); only an approved case is announced")
        }
        guard namingCase.announcement == nil else { throw ProcedureError("case \(namingCase.id) is already announced") }
        namingCase.announcement = announcement
        try finish(db, &namingCase, action: "case.announced",
                   details: ["channels": announcement.channels.joined(separator: "、"), "date": DeadlineRules.dayString(announcement.date)], at: now)
    }

    /// Saves a filing or announcement; with both, the name becomes standard (and the old one history).
    func finish(_ db: any RegistryTransaction, _ namingCase: inout NamingCase, action: String, details: [String: String], at now: Date) throws {
        let from = namingCase.state
        if namingCase.filing != nil && namingCase.announcement != nil, let approval = namingCase.approval {
            namingCase.state = .standard
            if let oldID = namingCase.oldNameID {
                try db.names.setStatus(oldID, namingCase.kind == .retirement ? .retired : .former, at: now)
                try db.names.setValidity(oldID, to: approval.date)
            }
            if let nameID = namingCase.nameID {
                try db.names.setStatus(nameID, .standard, at: now)
                try db.names.setValidity(nameID, from: approval.date)
            }
            if let road = namingCase.roadID {
                try db.roads.setName(road, namingCase.kind == .retirement ? nil : namingCase.proposedName, at: now)
            }
        }
        try db.cases.save(namingCase, at: now)
        try record(db, namingCase, action: action, from: from, details: details, document: namingCase.approval?.documentNumber, at: now)
    }

    // MARK: attachments

    public func attach(_ id: FeatureID, path: String, step: String) throws -> Attachment {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read the file") }
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let attachment = Attachment(path: path, sha256: digest, step: step)
        let now = clock.now()
        try registry.write { db in
            var namingCase = try load(db, id, for: .draftCase)
            namingCase.attachments.append(attachment)
            try db.cases.save(namingCase, at: now)
            try record(db, namingCase, action: "case.attachment", from: namingCase.state, details: ["path": path, "sha256": digest, "step": step], at: now)
        }
        return attachment
    }

    // MARK: shared

    /// The case, if the actor may do `action` where it lies.
    func load(_ db: any RegistryTransaction, _ id: FeatureID, for action: AccessAction) throws -> NamingCase {
        guard let namingCase = try db.cases.find(id: id) else { throw RegistryError.notFound(kind: "case", key: id.description) }
        try Policy.require(actor, action, in: namingCase.accessScope)
        return namingCase
    }

    /// One audit event per step: actor, time, from/to state, details, document number.
    func record(_ db: any RegistryTransaction, _ namingCase: NamingCase, action: String, from: CaseState?, details: [String: String],
                document: String? = nil, at now: Date) throws {
        var after = details
        after["state"] = namingCase.state.rawValue
        try db.audit.append(AuditEvent(at: now, actor: actor.username, action: action, entityKind: "case", entityID: namingCase.id.description,
                                           before: from.map { JSON.string(["state": $0.rawValue]) }, after: JSON.string(after), document: document))
    }
}

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
    /// The assessment (评估) a renaming or retirement of a name on the heritage list needs (issue 14).
    public var heritageAssessment: Assessment?

    public init(kind: CaseKind = .naming, road: FeatureID, name: String, applicant: String, reasons: String = "", meaning: String = "",
                origin: String = "", width: Double? = nil, nature: String? = nil, heritageAssessment: Assessment? = nil) {
        self.heritageAssessment = heritageAssessment
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
            let current = try db.names.standardName(road: road.id)
            try Procedure.checkOpening(application.kind, road: road.id, currentName: current?.text, roadName: road.name,
                                       openCase: try db.cases.list(road: road.id).first { !$0.state.isFinal })
            let protected = try current.flatMap { try HeritageList.requireAssessment(db, name: $0, kind: application.kind,
                                                                                     assessment: application.heritageAssessment) }
            let name = application.kind == .retirement ? current?.text ?? "" : application.name
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
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .caseCreated, entityKind: "case",
                                           entityID: namingCase.id.description,
                                           after: JSON.string(["name": name, "applicant": application.applicant, "state": namingCase.state.rawValue])))
            if let protected, let assessment = application.heritageAssessment {
                try db.audit.append(HeritageList.assessed(protected, assessment: assessment, caseID: id, kind: application.kind,
                                                          actor: actor.username, at: now))
            }
            return namingCase
        }
    }

    // MARK: steps

    /// Moves a case to `target` with the evidence that step needs.
    public func advance(_ id: FeatureID, to target: CaseState, evidence: StepEvidence) throws -> NamingCase {
        try perform(.advance(to: target, evidence: evidence), on: id) { Policy.action(from: $0.state, to: target) }
    }

    /// Records an objection raised during public notice.
    public func object(_ id: FeatureID, from: String, text: String) throws -> NamingCase {
        try perform(.raiseObjection(from: from, text: text), on: id) { _ in .handleObjections }
    }

    /// Records how an objection was handled. An upheld objection sends the case back to drafting.
    public func resolveObjection(_ id: FeatureID, number: Int, handling: String, upheld: Bool) throws -> NamingCase {
        try perform(.resolveObjection(number: number, handling: handling, upheld: upheld), on: id) { _ in .handleObjections }
    }

    public func file(_ id: FeatureID, filing: Filing) throws -> NamingCase {
        try perform(.file(filing), on: id) { _ in .manageBatches }
    }

    public func announce(_ id: FeatureID, announcement: Announcement) throws -> NamingCase {
        try perform(.announce(announcement), on: id) { _ in .manageBatches }
    }

    /// Corrects the application (含义, 理由, 来历, the road's facts) before submission.
    public func amend(_ id: FeatureID, _ amendment: CaseAmendment) throws -> NamingCase {
        try perform(.amend(amendment), on: id) { _ in .draftCase }
    }

    /// Filing returned for supplements (补充材料): noted, and the filing stays open.
    public func supplement(_ id: FeatureID, note: String) throws -> NamingCase {
        try perform(.returnFilingForSupplements(note: note), on: id) { _ in .manageBatches }
    }

    /// Attaches a file as evidence, with its SHA-256.
    public func attach(_ id: FeatureID, path: String, step: String) throws -> Attachment {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read the file") }
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let attachment = Attachment(path: path, sha256: digest, step: step)
        _ = try perform(.attach(attachment), on: id) { _ in .draftCase }
        return attachment
    }

    /// One step in one transaction: the policy for the case as it stands, then the procedure.
    func perform(_ step: ProcedureStep, on id: FeatureID, action: (NamingCase) -> AccessAction) throws -> NamingCase {
        let now = clock.now()
        return try registry.write { db in
            let namingCase = try load(db, id, for: .viewCase)
            try Policy.require(actor, action(namingCase), in: namingCase.accessScope)
            return try apply(db, step, to: namingCase, at: now)
        }
    }

    /// Applies a step through the procedure (DimingCore's `Procedure`) inside the caller's transaction,
    /// and stores what it yields: the case, the effects on names and the road, the audit records.
    func apply(_ db: any RegistryTransaction, _ step: ProcedureStep, to namingCase: NamingCase, at now: Date) throws -> NamingCase {
        let rules = try DeadlineSettings.rules(db, county: namingCase.countyCode)
        let authorities = try AuthoritySettings.authorities(db, county: namingCase.countyCode)
        let outcome = try Procedure(rules: rules, authorities: authorities).apply(step, to: namingCase, at: now, by: actor.username)
        for effect in outcome.effects {
            switch effect {
            case let .setNameStatus(nameID, status):
                guard let name = try db.names.find(id: nameID) else { continue }
                try db.names.setStatus(nameID, try name.status.moved(to: status, name: nameID), at: now)
            case let .setNameValidity(nameID, from, to):
                try db.names.setValidity(nameID, from: from, to: to)
            case let .setRoadName(road, name):
                try db.roads.setName(road, name, at: now)
            case .deadline, .late:
                break // derived from the case's dates; the late step's record carries `lateDays`
            }
        }
        try db.cases.save(outcome.namingCase, at: now)
        for record in outcome.records {
            try db.audit.append(AuditEvent(at: record.at, actor: record.actor, action: AuditAction(record.action), entityKind: "case",
                                           entityID: record.caseID.description, before: record.from.map { JSON.string(["state": $0.rawValue]) },
                                           after: JSON.string(record.after), document: record.document))
        }
        return outcome.namingCase
    }

    // MARK: shared

    /// The case, if the actor may do `action` where it lies.
    func load(_ db: any RegistryTransaction, _ id: FeatureID, for action: AccessAction) throws -> NamingCase {
        guard let namingCase = try db.cases.find(id: id) else { throw RegistryError.notFound(kind: "case", key: id.description) }
        try Policy.require(actor, action, in: namingCase.accessScope)
        return namingCase
    }
}

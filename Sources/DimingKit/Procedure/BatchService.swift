import DimingCore
import Foundation

/// Approval batches: many cases approved under one document (批复文号) in one transaction; filing
/// and announcement recorded for the whole batch.
public struct BatchService {
    public var cases: CaseService

    public init(cases: CaseService) {
        self.cases = cases
    }

    var registry: any RegistryStore { cases.registry }

    public func create(county: DivisionCode, title: String) throws -> Batch {
        let now = cases.clock.now()
        try Policy.require(cases.actor, .manageBatches, in: .county(county))
        return try registry.write { db in
            guard try db.divisions.exists(code: county.ancestor(at: .county)) else {
                throw InputError(field: "--county", "county \(county.countyPart) is not in the registry")
            }
            let batch = Batch(id: try db.ids.mint(kind: .batch, county: county.countyPart)[0], countyCode: county.ancestor(at: .county), title: title)
            try db.cases.saveBatch(batch, at: now)
            try db.audit.append(AuditEvent(at: now, actor: cases.actor.username, action: .batchCreated, entityKind: "batch",
                                               entityID: batch.id.description, after: JSON.string(["title": title])))
            return batch
        }
    }

    /// Adds open cases of the batch's county to it.
    public func add(_ batchID: FeatureID, cases ids: [FeatureID]) throws -> [NamingCase] {
        let now = cases.clock.now()
        return try registry.write { db in
            let batch = try load(db, batchID, for: .manageBatches)
            return try ids.map { id in try cases.apply(db, .joinBatch(batch), to: try cases.load(db, id, for: .manageBatches), at: now) }
        }
    }

    /// Approves every case of the batch in one transaction, or none: each must be in public notice,
    /// its notice over, with no open objection.
    public func approve(_ batchID: FeatureID, approval: Approval) throws -> [NamingCase] {
        let now = cases.clock.now()
        return try registry.write { db in
            var batch = try load(db, batchID, for: .approve)
            let members = try db.cases.list(batch: batchID)
            try Procedure.checkBatchApproval(batch, memberCount: members.count)
            var problems: [ProcedureViolation] = []
            var approved: [NamingCase] = []
            for member in members {
                do {
                    approved.append(try cases.apply(db, .advance(to: .approved, evidence: StepEvidence(approval: approval)), to: member, at: now))
                } catch let violation as ProcedureViolation {
                    problems.append(violation)
                }
            }
            guard problems.isEmpty else { throw ProcedureViolation.batchRefused(batch: batchID, problems: problems) }
            batch.approval = approval
            try db.cases.saveBatch(batch, at: now)
            try db.audit.append(AuditEvent(at: now, actor: cases.actor.username, action: .batchApproved, entityKind: "batch", entityID: batchID.description,
                                               after: JSON.string(["cases": String(approved.count), "authority": approval.authority]),
                                               document: approval.documentNumber))
            return approved
        }
    }

    public func file(_ batchID: FeatureID, filing: Filing) throws -> [NamingCase] {
        try forEachApproved(batchID, action: .batchFiled, step: .file(filing)) { $0.filing = filing }
    }

    public func announce(_ batchID: FeatureID, announcement: Announcement) throws -> [NamingCase] {
        try forEachApproved(batchID, action: .batchAnnounced, step: .announce(announcement)) { $0.announcement = announcement }
    }

    /// Applies a filing or announcement step to every case of an approved batch, in one transaction.
    func forEachApproved(_ batchID: FeatureID, action: AuditAction, step: ProcedureStep, update: (inout Batch) -> Void) throws -> [NamingCase] {
        let now = cases.clock.now()
        return try registry.write { db in
            var batch = try load(db, batchID, for: .manageBatches)
            guard batch.approval != nil else { throw ProcedureViolation.batchNotApproved(batch: batchID) }
            let result = try db.cases.list(batch: batchID).map { try cases.apply(db, step, to: $0, at: now) }
            update(&batch)
            try db.cases.saveBatch(batch, at: now)
            try db.audit.append(AuditEvent(at: now, actor: cases.actor.username, action: action, entityKind: "batch", entityID: batchID.description,
                                               after: JSON.string(["cases": String(result.count)]), document: batch.approval?.documentNumber))
            return result
        }
    }

    /// The batch, if the actor may do `action` in its county.
    func load(_ db: any RegistryTransaction, _ id: FeatureID, for action: AccessAction) throws -> Batch {
        guard let batch = try db.cases.findBatch(id: id) else { throw RegistryError.notFound(kind: "batch", key: id.description) }
        try Policy.require(cases.actor, action, in: .county(batch.countyCode))
        return batch
    }
}

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
            try db.audit.append(AuditEvent(at: now, actor: cases.actor.username, action: "batch.created", entityKind: "batch",
                                               entityID: batch.id.description, after: JSON.string(["title": title])))
            return batch
        }
    }

    /// Adds open cases of the batch's county to it.
    public func add(_ batchID: FeatureID, cases ids: [FeatureID]) throws -> [NamingCase] {
        let now = cases.clock.now()
        return try registry.write { db in
            let batch = try load(db, batchID, for: .manageBatches)
            guard batch.approval == nil else { throw ProcedureError("batch \(batchID) is approved; no cases can be added") }
            return try ids.map { id in
                var namingCase = try cases.load(db, id, for: .manageBatches)
                guard namingCase.countyCode == batch.countyCode else {
                    throw ProcedureError("case \(id) is in county \(namingCase.countyCode.countyPart), batch \(batchID) in \(batch.countyCode.countyPart)")
                }
                guard !namingCase.state.isFinal, namingCase.state != .approved else {
                    throw ProcedureError("case \(id) is \(namingCase.state.rawValue) (\(namingCase.state.chinese)) and cannot join a batch")
                }
                if let other = namingCase.batchID, other != batchID { throw ProcedureError("case \(id) is already in batch \(other)") }
                namingCase.batchID = batchID
                try db.cases.save(namingCase, at: now)
                try cases.record(db, namingCase, action: "case.batched", from: namingCase.state, details: ["batch": batchID.description], at: now)
                return namingCase
            }
        }
    }

    /// Approves every case of the batch in one transaction, or none: each must be in public notice,
    /// its notice over, with no open objection.
    public func approve(_ batchID: FeatureID, approval: Approval) throws -> [NamingCase] {
        let now = cases.clock.now()
        return try registry.write { db in
            var batch = try load(db, batchID, for: .approve)
            if let existing = batch.approval {
                throw ProcedureError("batch \(batchID) is already approved by \(existing.documentNumber); an approval cannot be changed")
            }
            let members = try db.cases.list(batch: batchID)
            guard !members.isEmpty else { throw ProcedureError("batch \(batchID) has no cases") }
            var problems: [String] = []
            var approved: [NamingCase] = []
            for member in members {
                var namingCase = member
                do {
                    try cases.apply(db, &namingCase, to: .approved, evidence: StepEvidence(approval: approval), at: now)
                    approved.append(namingCase)
                } catch {
                    problems.append("\(error)")
                }
            }
            guard problems.isEmpty else {
                throw ProcedureError("batch \(batchID) cannot be approved; nothing was changed:\n  " + problems.joined(separator: "\n  "))
            }
            batch.approval = approval
            try db.cases.saveBatch(batch, at: now)
            try db.audit.append(AuditEvent(at: now, actor: cases.actor.username, action: "batch.approved", entityKind: "batch", entityID: batchID.description,
                                               after: JSON.string(["cases": String(approved.count), "authority": approval.authority]),
                                               document: approval.documentNumber))
            return approved
        }
    }

    public func file(_ batchID: FeatureID, filing: Filing) throws -> [NamingCase] {
        try forEachApproved(batchID, action: "batch.filed") { db, namingCase, now in
            try cases.recordFiling(db, &namingCase, filing, at: now)
        } update: { $0.filing = filing }
    }

    public func announce(_ batchID: FeatureID, announcement: Announcement) throws -> [NamingCase] {
        try forEachApproved(batchID, action: "batch.announced") { db, namingCase, now in
            try cases.recordAnnouncement(db, &namingCase, announcement, at: now)
        } update: { $0.announcement = announcement }
    }

    func forEachApproved(_ batchID: FeatureID, action: String, _ step: (any RegistryTransaction, inout NamingCase, Date) throws -> Void,
                         update: (inout Batch) -> Void) throws -> [NamingCase] {
        let now = cases.clock.now()
        return try registry.write { db in
            var batch = try load(db, batchID, for: .manageBatches)
            guard batch.approval != nil else { throw ProcedureError("batch \(batchID) is not approved yet") }
            let result = try db.cases.list(batch: batchID).map { member -> NamingCase in
                var namingCase = member
                try step(db, &namingCase, now)
                return namingCase
            }
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

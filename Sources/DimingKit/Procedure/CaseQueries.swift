import DimingCore
import Foundation

/// One entry of a case's timeline.
public struct TimelineEntry: Codable, Sendable {
    public var at: Date
    public var actor: String
    public var action: AuditAction
    public var from: String?
    public var to: String?
    public var details: String?
    public var document: String?
}

/// A case with its timeline and what may happen next.
public struct CaseDetail: Codable, Sendable {
    public var namingCase: NamingCase
    public var toned: String?
    public var timeline: [TimelineEntry]
    public var next: [String]
    /// Who approves, receives the filing and announces, from the county's table.
    public var authorities: CaseAuthorities? = nil
    /// The place-name heritage list entry the case concerns (地名文化遗产保护名录), if any.
    public var heritage: HeritageName? = nil
}

/// A filing or announcement that is due or late: pending (`done` nil), or done after its deadline,
/// a breach kept on the case (逾期, Art. 35).
public struct DueItem: Codable, Sendable {
    public var caseID: String
    public var name: String
    public var batchID: String?
    /// filing or announcement
    public var step: String
    public var due: String
    /// Days left (negative: overdue by that many days; for a step done late, the days it was late).
    public var daysLeft: Int
    /// The day a late step was done (a breach), nil while pending.
    public var done: String? = nil

    /// Overdue, or done late: a breach of the 15-day rule (Art. 35).
    public var isBreach: Bool { daysLeft < 0 }
}

/// A name a road has had, with when it was valid.
public struct NameHistoryEntry: Codable, Sendable {
    public var id: String
    public var text: String
    public var toned: String
    public var status: NameStatus
    public var validFrom: String?
    public var validTo: String?
}

/// Read-only questions about cases: list, show with the timeline, deadlines, a road's names.
public struct CaseQueries: Sendable {
    public var registry: any RegistryStore
    /// Who asks: only the cases they may see are answered.
    public var actor: UserAccount

    public init(registry: any RegistryStore, actor: UserAccount) {
        self.registry = registry
        self.actor = actor
    }

    /// Whether the actor may see the case.
    func visible(_ namingCase: NamingCase) -> Bool {
        Policy.allows(actor, .viewCase, in: namingCase.accessScope)
    }

    /// The cases the actor may see.
    public func list(state: CaseState? = nil, town: DivisionCode? = nil, batch: FeatureID? = nil, road: FeatureID? = nil) throws -> [NamingCase] {
        try registry.read { try $0.cases.list(state: state, town: town, batch: batch, road: road) }.filter(visible)
    }

    public func show(_ id: FeatureID) throws -> CaseDetail {
        try registry.read { db in
            guard let namingCase = try db.cases.find(id: id) else { throw RegistryError.notFound(kind: "case", key: id.description) }
            try Policy.require(actor, .viewCase, in: namingCase.accessScope)
            let decoder = JSON.decoder()
            func state(_ json: String?) -> String? {
                json.flatMap { try? decoder.decode([String: String].self, from: Data($0.utf8))["state"] }
            }
            let timeline = try db.audit.events(entityKind: "case", entityID: id.description).map {
                TimelineEntry(at: $0.at, actor: $0.actor, action: $0.action, from: state($0.before), to: state($0.after), details: $0.after, document: $0.document)
            }
            let toned = try namingCase.nameID.flatMap { try db.names.find(id: $0) }?.toned
            // The steps this actor may take next (the case's allowed actions).
            let next = Procedure.nextActions(of: namingCase).filter { step in
                let action = CaseState(rawValue: step).map { Policy.action(from: namingCase.state, to: $0) } ?? .manageBatches
                return Policy.allows(actor, action, in: namingCase.accessScope)
            }
            return CaseDetail(namingCase: namingCase, toned: toned, timeline: timeline, next: next,
                              authorities: try AuthoritySettings.authorities(db, county: namingCase.countyCode),
                              heritage: try HeritageList.protection(db, of: namingCase))
        }
    }

    /// Filings and announcements due within `within` days (or all), or only the overdue ones, as of
    /// `today`; with `breaches`, also the steps done late, which stay breaches (Art. 35).
    public func due(today: Date, within: Int?, overdueOnly: Bool, breaches: Bool = true) throws -> [DueItem] {
        try registry.read { db in
            var items: [DueItem] = []
            if breaches {
                for namingCase in try db.cases.list() where !namingCase.breaches.isEmpty && visible(namingCase) {
                    for late in namingCase.breaches {
                        items.append(DueItem(caseID: namingCase.id.description, name: namingCase.proposedName, batchID: namingCase.batchID?.description,
                                             step: late.kind.rawValue, due: DeadlineRules.dayString(late.due), daysLeft: -late.days,
                                             done: DeadlineRules.dayString(late.done)))
                    }
                }
            }
            for namingCase in try db.cases.list(state: .approved) where visible(namingCase) {
                let rules = try DeadlineSettings.rules(db, county: namingCase.countyCode)
                for deadline in Procedure(rules: rules).pendingDeadlines(of: namingCase) {
                    let left = deadline.daysLeft(on: today)
                    if overdueOnly && left >= 0 { continue }
                    if let within, left > within { continue }
                    items.append(DueItem(caseID: namingCase.id.description, name: namingCase.proposedName, batchID: namingCase.batchID?.description,
                                         step: deadline.kind.rawValue, due: DeadlineRules.dayString(deadline.due), daysLeft: left))
                }
            }
            return items.sorted { ($0.daysLeft, $0.caseID) < ($1.daysLeft, $1.caseID) }
        }
    }

    /// The bodies that approve, receive the filing and announce in `county` (for forms and documents).
    public func authorities(county: DivisionCode) throws -> CaseAuthorities? {
        try Policy.require(actor, .viewRegistry, in: .county(county))
        return try registry.read { try AuthoritySettings.authorities($0, county: county) }
    }

    /// Every name the road has had, oldest first, with its validity.
    public func history(road: FeatureID) throws -> [NameHistoryEntry] {
        try registry.read { db in
            try db.names.history(road: road).map {
                NameHistoryEntry(id: $0.name.id.description, text: $0.name.text, toned: $0.name.toned, status: $0.name.status,
                                 validFrom: $0.validFrom.map(DeadlineRules.dayString), validTo: $0.validTo.map(DeadlineRules.dayString))
            }
        }
    }
}

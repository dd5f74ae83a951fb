import DimingCore
import Foundation

/// What the audit-trail viewer (审计记录查询) selects: by actor, kind of record, kind of act and
/// time; for a county's administrator, only the county's records and the acts of its accounts.
public struct AuditFilter: Sendable, Hashable {
    public var actor: String?
    /// The kind of record acted on (`case`, `batch`, `user`, `county`, …).
    public var entityKind: String?
    /// The act, or a family of acts by its prefix (`case.`, `user.`).
    public var actionPrefix: String?
    /// From this instant (inclusive) to that one (exclusive).
    public var from: Date?
    public var to: Date?
    /// The county (6 digits) whose records are shown, with `countyActors`, the usernames of its accounts.
    public var county: String?
    public var countyActors: [String] = []

    public init(actor: String? = nil, entityKind: String? = nil, actionPrefix: String? = nil, from: Date? = nil, to: Date? = nil) {
        self.actor = actor
        self.entityKind = entityKind
        self.actionPrefix = actionPrefix
        self.from = from
        self.to = to
    }
}

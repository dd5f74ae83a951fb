import Foundation

/// One entry of the append-only audit trail: who did what to which record, when, with the record's
/// state before and after (as JSON) and the document it rests on, if any (批复文号 …).
public struct AuditEvent: Hashable, Codable, Sendable {
    public var id: Int64?
    public var at: Date
    public var actor: String
    /// What was done (`division.renamed`, `divisions.imported` …).
    public var action: AuditAction
    public var entityKind: String
    public var entityID: String
    public var before: String?
    public var after: String?
    public var document: String?

    public init(id: Int64? = nil, at: Date, actor: String, action: AuditAction, entityKind: String,
                entityID: String, before: String? = nil, after: String? = nil, document: String? = nil) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.entityKind = entityKind
        self.entityID = entityID
        self.before = before
        self.after = after
        self.document = document
    }
}
